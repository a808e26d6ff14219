import { useState } from 'react';
import { Donnees, useDonnees } from '../composants/Donnees';
import { ageEtape, cheminAction, Echeance, Etat } from '../composants/Parcours';
import { Alerte, Badge, Bouton, LienBouton, Proprietes, Tableau } from '../composants/ui';
import { CorrectionIdentite } from '../composants/CorrectionIdentite';
import type {
  DocumentsParcours,
  DossierSocial as Dossier,
  Evenement,
  JournalLivraisons,
  ParcoursDetail,
  RevocationLiens,
  Usager,
} from '../api/contrat';
import {
  LIBELLE_DESTINATAIRE,
  LIBELLE_MODELE,
  type Destinataire,
  type Modele,
} from '../../../domain/parcours/notification';
import { ACTIONS, estAction } from '../../../domain/parcours/actions';
import { periodesDeSuivi } from '../../../domain/parcours/suivi';
import {
  date,
  dateHeure,
  libelleAccompagnement,
  libelleAvancement,
  libelleDomaine,
  libelleEvenement,
  libelleMotifCloture,
  LIBELLE_ISSUE_REVUE,
} from '../libelles';
import { api, ErreurApi, requete } from '../api/client';
import { useSession } from '../session';

/** Dossier social unique: identity, every parcours of the person, what was found, planned and done. */
export default function DossierSocial({ usagerId }: { usagerId: string }) {
  const dossier = useDonnees<Dossier>(`/usagers/${usagerId}/dossier`);
  const fait = new URLSearchParams(window.location.search).get('fait');
  return (
    <Donnees etat={dossier} titre="Dossier social" libelleChargement="Chargement du dossier…">
      {(d) => (
        <>
          <h1>
            Dossier social de {d.usager.prenom} {d.usager.nom}
          </h1>
          {fait && estAction(fait) && <Alerte type="succes">{ACTIONS[fait].libelles.fait}</Alerte>}
          <Identite usager={d.usager} corrigee={dossier.recharger} />
          <h2>Parcours</h2>
          {d.parcours.length === 0 ? <p className="vide">Aucun parcours pour cette personne.</p> : null}
          {d.parcours.map((p) => (
            <ParcoursDossier key={p.id} parcours={p} />
          ))}
          <p>
            <LienBouton variante="secondaire" vers={`/premier-accueil${requete({ usagerId: d.usager.id })}`}>
              Nouvel accueil pour cette personne
            </LienBouton>
          </p>
        </>
      )}
    </Donnees>
  );
}

function Identite({ usager, corrigee }: { usager: Usager; corrigee: () => void }) {
  const [correction, setCorrection] = useState(false);
  return (
    <section aria-labelledby="titre-identite">
      <h2 id="titre-identite">Identité</h2>
      <Proprietes
        elements={[
          ['Nom', usager.nom],
          ['Prénom', usager.prenom],
          ['Date de naissance', usager.dateNaissance ? date(usager.dateNaissance) : '—'],
          ['Commune', usager.communeNom ?? '—'],
          ['Téléphone', usager.telephone ?? '—'],
          ['Adresse électronique', usager.email ?? '—'],
        ]}
      />
      {correction ? (
        <CorrectionIdentite
          usager={usager}
          annuler={() => setCorrection(false)}
          fait={() => {
            setCorrection(false);
            corrigee();
          }}
        />
      ) : (
        <Bouton variante="secondaire" petit onPress={() => setCorrection(true)}>
          Corriger l’identité
        </Bouton>
      )}
    </section>
  );
}

const texte = (d: Record<string, unknown>, k: string) => (typeof d[k] === 'string' ? d[k] : undefined);
const derniers = (p: ParcoursDetail, type: string) => p.evenements.filter((e) => e.type === type);

function ParcoursDossier({ parcours: p }: { parcours: ParcoursDetail }) {
  const id = `parcours-${p.id}`;
  const evaluation = derniers(p, 'evaluation').at(-1);
  const revues = derniers(p, 'revue');
  const rendezVous = derniers(p, 'rendez_vous');
  return (
    <section aria-labelledby={id} className="carte" data-parcours={p.id}>
      <h3 id={id}>
        Parcours ouvert le {date(p.ouvertLe)} — <Etat parcours={p} />
      </h3>
      <Proprietes
        elements={[
          ['Besoins', p.besoins.map(libelleDomaine).join(', ') || '—'],
          ['Échéance de l’étape', <Echeance key="e" parcours={p} />],
          ['Dans l’étape depuis', p.statut === 'clos' ? '—' : ageEtape(p)],
          ['Territoire', p.noms.territoire ?? '—'],
          ['Équipe', p.noms.equipe ?? '—'],
          ...(p.noms.structure ? [['Structure référente', p.noms.structure] as [string, string]] : []),
          ['Référent', p.noms.referent ?? 'Non désigné'],
          ['Accompagnement', p.typeAccompagnement ? libelleAccompagnement(p.typeAccompagnement) : '—'],
          ...(p.motifCloture ? [['Motif de clôture', libelleMotifCloture(p.motifCloture)] as [string, string]] : []),
        ]}
      />
      {p.actions.length > 0 && (
        <ul className="boutons" aria-label="Actions possibles">
          {p.actions.map((a, i) => (
            <li key={a}>
              <LienBouton petit variante={i === 0 ? 'principal' : 'secondaire'} vers={cheminAction(p, a)}>
                {ACTIONS[a].libelles.bouton}
              </LienBouton>
            </li>
          ))}
        </ul>
      )}
      {evaluation && <EvaluationFaite evenement={evaluation} />}
      {p.objectifs.length > 0 && (
        <Tableau
          legende="Plan d’accompagnement : objectifs et avancement"
          entetes={['Objectif', 'Domaine', 'Avancement']}
          lignes={p.objectifs.map((o) => ({
            cle: o.id,
            cellules: [o.libelle, libelleDomaine(o.domaine), libelleAvancement(o.avancement)],
          }))}
        />
      )}
      <DocumentsDossier parcoursId={p.id} />
      {revues.length > 0 && (
        <Tableau
          legende="Revues"
          entetes={['Date', 'Synthèse', 'Issue']}
          lignes={revues.map((e) => ({
            cle: String(e.seq),
            cellules: [
              date(e.survenuLe),
              texte(e.donnees, 'synthese') ?? '—',
              LIBELLE_ISSUE_REVUE[texte(e.donnees, 'issue') as keyof typeof LIBELLE_ISSUE_REVUE] ?? '—',
            ],
          }))}
        />
      )}
      {rendezVous.length > 0 && (
        <Tableau
          legende="Rendez-vous"
          entetes={['Date', 'Objet', 'Lieu']}
          lignes={rendezVous.map((e) => ({
            cle: String(e.seq),
            cellules: [
              dateHeure(texte(e.donnees, 'le')),
              texte(e.donnees, 'objet') ?? '—',
              texte(e.donnees, 'lieu') ?? '—',
            ],
          }))}
        />
      )}
      {p.statut !== 'clos' && <LienPersonne parcoursId={p.id} />}
      <MessagesEnvoyes parcoursId={p.id} />
      <Suivi evenements={p.evenements} />
      <Chronologie evenements={p.evenements} />
    </section>
  );
}

/**
 * The person's link to their page (sent at the premier accueil): closed here at their request, or when it may
 * have reached someone else. It also closes at the clôture, by itself.
 */
function LienPersonne({ parcoursId }: { parcoursId: string }) {
  const session = useSession();
  const [etat, setEtat] = useState<{ envoi?: boolean; fait?: number; erreur?: string }>({});
  if (!session?.roles.some((r) => ['accueil', 'evaluateur', 'referent', 'cadre'].includes(r))) return null;
  return (
    <div className="lien-personne">
      <Bouton
        petit
        variante="discret"
        isDisabled={etat.envoi}
        onPress={() => {
          setEtat({ envoi: true });
          api.post<RevocationLiens>(`/parcours/${parcoursId}/liens/revocation`, {}).then(
            (r) => setEtat({ fait: r.revoques }),
            (e: ErreurApi) => setEtat({ erreur: e.message }),
          );
        }}
      >
        Fermer le lien de la personne vers sa page
      </Bouton>
      {etat.fait !== undefined && (
        <Alerte type="succes">
          {etat.fait ? 'Le lien de la personne est fermé : il n’ouvre plus rien.' : 'Aucun lien ouvert à fermer.'}
        </Alerte>
      )}
      {etat.erreur && (
        <p className="message-erreur" role="alert">
          {etat.erreur}
        </p>
      )}
    </div>
  );
}

type Message = JournalLivraisons['items'][number];
const ENVOI: Record<Message['statut'], (m: Message) => string> = {
  a_envoyer: (m) => (m.tentatives ? `Nouvel essai prévu (${m.tentatives} essais)` : 'En cours d’envoi'),
  envoye: (m) => `Envoyé le ${dateHeure(m.envoyeLe)}`,
  sans_destinataire: () => 'Non envoyé : aucune adresse connue',
  echec: () => 'Refusé par le serveur de messagerie (incident signalé)',
};
const SMS: Record<NonNullable<Message['sms']>['statut'], string> = {
  en_cours: 'SMS en cours d’envoi',
  accepte: 'SMS envoyé',
  distribue: 'SMS distribué',
  non_distribue: 'SMS non distribué',
  echec: 'SMS refusé',
};
const libelleModele = (m: string) => LIBELLE_MODELE[m as Modele] ?? 'Message';
const libelleDestinataire = (r: string) => LIBELLE_DESTINATAIRE[r as Destinataire['role']] ?? '—';

/**
 * The parcours' documents as PDF: the contract and letters of the dossier, and the convocation and decision
 * letter of each session of the équipe it went through. The restricted view is given none (nothing shown).
 */
function DocumentsDossier({ parcoursId }: { parcoursId: string }) {
  const documents = useDonnees<DocumentsParcours>(`/parcours/${parcoursId}/documents`);
  if (documents.etat !== 'ok' || documents.donnees.items.length === 0) return null;
  return (
    <ul className="liste-documents" aria-label="Documents à imprimer ou envoyer">
      {documents.donnees.items.map((d) => (
        <li key={d.lien}>
          <a href={d.lien} download>
            {d.titre}
            {d.session ? ` — séance du ${date(d.session.le)}, ${d.session.equipe}` : ''} (PDF)
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * The parcours' message log (reminders, alerts, the person's link…) and where each delivery stands. Read on
 * demand: most visits to a dossier don't need it, and the restricted view (accueil, partners) has no access.
 */
function MessagesEnvoyes({ parcoursId }: { parcoursId: string }) {
  const session = useSession();
  const [ouvert, setOuvert] = useState(false);
  const journal = useDonnees<JournalLivraisons>(ouvert ? `/parcours/${parcoursId}/messages` : null);
  if (!session?.roles.some((r) => ['evaluateur', 'referent', 'cadre'].includes(r))) return null;
  if (!ouvert)
    return (
      <p>
        <Bouton petit variante="secondaire" onPress={() => setOuvert(true)}>
          Voir les messages envoyés
        </Bouton>
      </p>
    );
  return (
    <Donnees etat={journal} vide={(d) => d.items.length === 0} messageVide="Aucun message envoyé pour ce parcours.">
      {(d) => (
        <Tableau
          legende="Messages envoyés"
          entetes={['Date', 'Message', 'Destinataire', 'Envoi']}
          lignes={d.items.map((m) => ({
            cle: m.cle,
            cellules: [
              dateHeure(m.creeLe),
              libelleModele(m.modele),
              libelleDestinataire(m.destinataire),
              [ENVOI[m.statut](m), m.sms && SMS[m.sms.statut]].filter(Boolean).join(' ; '),
            ],
          }))}
        />
      )}
    </Donnees>
  );
}

function EvaluationFaite({ evenement: e }: { evenement: Evenement }) {
  const diagnostic = Array.isArray(e.donnees.diagnostic)
    ? (e.donnees.diagnostic as { domaine: string; constat: string; besoinAccompagnement: boolean }[])
    : [];
  return (
    <>
      <Tableau
        legende={`Évaluation globale du ${date(e.survenuLe)}${e.acteurNom ? `, par ${e.acteurNom}` : ''}`}
        entetes={['Domaine', 'Constat', 'Accompagnement nécessaire']}
        lignes={diagnostic.map((d, i) => ({
          cle: String(i),
          cellules: [libelleDomaine(d.domaine), d.constat, d.besoinAccompagnement ? 'Oui' : 'Non'],
        }))}
      />
      {texte(e.donnees, 'synthese') && (
        <p>
          <strong>Synthèse :</strong> {texte(e.donnees, 'synthese')}
        </p>
      )}
    </>
  );
}

function resume(e: Evenement): string {
  const d = e.donnees;
  return [
    texte(d, 'synthese'),
    e.type === 'cloture' && texte(d, 'motif') ? libelleMotifCloture(texte(d, 'motif')!) : texte(d, 'motif'),
    texte(d, 'typeAccompagnement') &&
      `Accompagnement ${libelleAccompagnement(texte(d, 'typeAccompagnement')!).toLowerCase()}`,
    texte(d, 'organismeExterne') && `Orientation vers ${texte(d, 'organismeExterne')}`,
    e.noms.structure && `Suivi par la structure référente ${e.noms.structure}`,
    e.noms.referent && `Référent : ${e.noms.referent}`,
    (e.type === 'interim' || e.type === 'fin_interim') &&
      `Intérim de ${texte(d, 'titulaireNom')} par ${texte(d, 'agentNom')} du ${date(texte(d, 'du'))} au ${date(texte(d, 'au'))}`,
    e.type === 'reassignation_proposee' &&
      (texte(d, 'referentNom') ? `Proposé : ${texte(d, 'referentNom')}` : 'Aucun référent de l’équipe n’a de place'),
    e.type === 'reassignation_automatique' && `Nouveau référent : ${texte(d, 'referentNom')}`,
  ]
    .filter(Boolean)
    .join(' — ');
}

function Suivi({ evenements }: { evenements: Evenement[] }) {
  const periodes = periodesDeSuivi(evenements);
  if (!periodes.some((x) => x.referent)) return null;
  return (
    <Tableau
      legende="Suivi du parcours"
      entetes={['Du', 'Au', 'Suivi par', 'Référent']}
      lignes={periodes.map((x) => ({
        cle: x.du,
        cellules: [date(x.du), x.au ? date(x.au) : 'en cours', x.suiviPar, x.referent ?? 'À désigner'],
      }))}
    />
  );
}

export function Chronologie({ evenements }: { evenements: Evenement[] }) {
  if (evenements.length === 0) return <p className="vide">Chronologie vide.</p>;
  return (
    <details open={evenements.length <= 8}>
      <summary>
        <strong>
          Chronologie ({evenements.length} événement{evenements.length > 1 ? 's' : ''})
        </strong>
      </summary>
      <ol className="chronologie" aria-label="Chronologie du parcours">
        {[...evenements]
          .sort((a, b) => b.seq - a.seq)
          .map((e) => (
            <li key={e.seq}>
              <strong>{libelleEvenement(e.type)}</strong>
              {e.type === 'escalade' && (
                <>
                  {' '}
                  <Badge type="erreur">Délai dépassé</Badge>
                </>
              )}{' '}
              — {dateHeure(e.survenuLe)} <span className="discret">par {e.acteurNom ?? 'le système'}</span>
              {resume(e) && <p>{resume(e)}</p>}
            </li>
          ))}
      </ol>
    </details>
  );
}
