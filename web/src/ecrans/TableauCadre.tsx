import { lazy, Suspense, useState } from 'react';
import { requete } from '../api/client';
import { agir } from '../api/actions';
import { ACTIONS } from '../../../domain/parcours/actions';
import type { FluxEtapes, Indicateurs, ListeParcours, Parcours, Satisfaction } from '../api/contrat';
import {
  CODES_QUESTION,
  LIBELLE_COURT_QUESTION,
  QUESTIONS,
  SEUIL_DIFFUSION,
} from '../../../domain/espace/satisfaction';
import { Donnees, useDonnees } from '../composants/Donnees';
import { actionPrincipale, cheminAction, Echeance, Etat, NomUsager } from '../composants/Parcours';
import { GraphiqueAttente } from '../composants/GraphiqueAttente';
import {
  Alerte,
  Bouton,
  CaseACocher,
  combien,
  LienBouton,
  ListeDeroulante,
  PaginationCurseur,
  Tableau,
} from '../composants/ui';
import { ETAPES, LIBELLE_ETAPE, dateHeure, libelleEtape, libelleIssueFlux } from '../libelles';
import { CHEMINS, nomAgent, type ChargeAgent, type Organisation } from '../api/organisation';
import { useEnvoi } from '../composants/Formulaire';

// Recharts comes with the chart, after the board's tables (its own chunk, shared with the public statistics).
const DiagrammeFlux = lazy(() =>
  import('../composants/GraphiquesPilotage').then((m) => ({ default: m.DiagrammeFlux })),
);

interface Filtres {
  territoireId: string;
  equipeId: string;
  etape: string;
  referentId: string;
  enRetard: boolean;
}

const LIMITE = 25;
const lireFiltres = (): Filtres => {
  const q = new URLSearchParams(window.location.search);
  return {
    territoireId: q.get('territoireId') ?? '',
    equipeId: q.get('equipeId') ?? '',
    etape: q.get('etape') ?? '',
    referentId: q.get('referentId') ?? '',
    enRetard: q.get('enRetard') === 'true',
  };
};
const jours = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('fr-FR')} j`);
const pourcent = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)} %`);
const MOIS = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Who must act now on a parcours, as the cadre reads it. */
function quiDoitAgir(p: Parcours): string {
  if (p.statut === 'suspendu') return 'Suspendu : à reprendre';
  if (p.etape === 'evaluation') return `Évaluateurs — ${p.noms.equipe ?? 'équipe'}`;
  if (p.etape === 'designation' && p.noms.structure) return `Structure référente — ${p.noms.structure}`;
  if (p.etape === 'orientation' || p.etape === 'designation')
    return `Équipe pluridisciplinaire — ${p.noms.equipe ?? 'équipe'}`;
  return p.noms.referent ?? 'Référent à désigner';
}

/** The cadre's board: what is stuck, since when, against which délai, who must act, and acting on it. */
export default function TableauCadre() {
  const [filtres, setFiltres] = useState<Filtres>(lireFiltres);
  // Paged by cursor (the pages seen kept for going back): an action that moves a parcours shifts no other row.
  const [curseurs, setCurseurs] = useState<string[]>([]);
  const [tour, setTour] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const organisation = useDonnees<Organisation>(CHEMINS.organisation);
  const o = organisation.etat === 'ok' ? organisation.donnees : undefined;
  const portee = { territoireId: filtres.territoireId, equipeId: filtres.equipeId };
  const charge = useDonnees<{ items: ChargeAgent[] }>(
    `${CHEMINS.agents}${requete({ ...portee, t: tour || undefined })}`,
  );
  const parcours = useDonnees<ListeParcours>(
    `/parcours${requete({
      ...portee,
      etape: filtres.etape,
      referentId: filtres.referentId,
      enRetard: filtres.enRetard || undefined,
      ouverts: true,
      tri: 'urgence',
      limit: LIMITE,
      apres: curseurs.at(-1),
      t: tour || undefined,
    })}`,
  );
  const indicateurs = useDonnees<Indicateurs>(
    `/pilotage/indicateurs${requete({ ...portee, referentId: filtres.referentId, t: tour || undefined })}`,
  );
  const flux = useDonnees<{ items: FluxEtapes[] }>(
    `/pilotage/flux${requete({ ...portee, referentId: filtres.referentId, t: tour || undefined })}`,
  );
  const satisfaction = useDonnees<{ items: Satisfaction[] }>(
    `/pilotage/satisfaction${requete({ territoireId: filtres.territoireId, t: tour || undefined })}`,
  );
  const incidents = useDonnees<ListeParcours>(
    `/parcours${requete({ ...portee, enIncident: true, ouverts: true, limit: LIMITE, t: tour || undefined })}`,
  );
  const aReassigner = useDonnees<ListeParcours>(
    `/parcours${requete({ ...portee, aReassigner: true, ouverts: true, limit: LIMITE, t: tour || undefined })}`,
  );
  const agents = charge.etat === 'ok' ? charge.donnees.items : [];

  const changer = (f: Partial<Filtres>) => {
    const suivant = { ...filtres, ...f };
    setFiltres(suivant);
    setCurseurs([]);
    window.history.replaceState(
      null,
      '',
      `/tableau-de-bord${requete({ ...suivant, enRetard: suivant.enRetard || undefined })}`,
    );
  };
  const equipes = (o?.territoires ?? [])
    .filter((t) => !filtres.territoireId || t.id === filtres.territoireId)
    .flatMap((t) => t.equipes);
  const fait = (m: string) => {
    setMessage(m);
    setTour((t) => t + 1);
  };

  return (
    <>
      <h1>Tableau de bord</h1>
      <form aria-label="Filtres" className="filtres" onSubmit={(e) => e.preventDefault()}>
        <ListeDeroulante
          id="filtre-territoire"
          label="Territoire"
          invite="Tous les territoires"
          valeur={filtres.territoireId}
          changer={(v) => changer({ territoireId: v, equipeId: '' })}
          options={[
            { valeur: '', libelle: 'Tous les territoires' },
            ...(o?.territoires ?? []).map((t) => ({ valeur: t.id, libelle: t.nom })),
          ]}
        />
        <ListeDeroulante
          id="filtre-equipe"
          label="Équipe"
          invite="Toutes les équipes"
          valeur={filtres.equipeId}
          changer={(v) => changer({ equipeId: v })}
          options={[
            { valeur: '', libelle: 'Toutes les équipes' },
            ...equipes.map((e) => ({ valeur: e.id, libelle: e.nom })),
          ]}
        />
        <ListeDeroulante
          id="filtre-etape"
          label="Étape"
          invite="Toutes les étapes"
          valeur={filtres.etape}
          changer={(v) => changer({ etape: v })}
          options={[
            { valeur: '', libelle: 'Toutes les étapes' },
            ...ETAPES.filter((e) => e !== 'cloture' && e !== 'accueil').map((e) => ({
              valeur: e,
              libelle: LIBELLE_ETAPE[e],
            })),
          ]}
        />
        <ListeDeroulante
          id="filtre-referent"
          label="Référent"
          invite="Tous les référents"
          valeur={filtres.referentId}
          changer={(v) => changer({ referentId: v })}
          options={[
            { valeur: '', libelle: 'Tous les référents' },
            ...agents
              .filter((a) => a.roles.includes('referent') || a.charge > 0)
              .map((a) => ({ valeur: a.agentId, libelle: nomAgent(a) })),
          ]}
        />
        <CaseACocher id="filtre-retard" coche={filtres.enRetard} changer={(v) => changer({ enRetard: v })}>
          Seulement les parcours en retard
        </CaseACocher>
      </form>

      {message && <Alerte type="succes">{message}</Alerte>}

      {incidents.etat === 'ok' && incidents.donnees.total > 0 && (
        <section aria-labelledby="titre-incidents">
          <h2 id="titre-incidents">Incidents techniques</h2>
          <Alerte type="erreur" titre={`Parcours en incident technique : ${combien(incidents.donnees)}`}>
            Une écriture a été refusée pour de bon : le dossier peut ne pas montrer l’état réel du parcours. Le service
            informatique doit intervenir (réconciliation).
          </Alerte>
          <Tableau
            legende="Parcours en incident technique"
            legendeCachee
            entetes={['Personne', 'Étape', 'Incident', 'Depuis']}
            lignes={incidents.donnees.items.map((p) => ({
              cle: p.id,
              urgente: true,
              cellules: [
                <NomUsager key="u" parcours={p} />,
                <Etat key="e" parcours={p} />,
                p.incident?.message,
                dateHeure(p.incident?.le),
              ],
            }))}
          />
        </section>
      )}

      {aReassigner.etat === 'ok' && aReassigner.donnees.total > 0 && (
        <section aria-labelledby="titre-reassignations">
          <h2 id="titre-reassignations">Changements de référent proposés</h2>
          <p>
            Un délai du référent est resté dépassé sans aucune action après l’alerte : la règle du département propose
            un autre référent de l’équipe (ou dit qu’aucun n’a de place). Le changer depuis le parcours.
          </p>
          <Tableau
            legende="Changements de référent proposés après une escalade sans suite"
            legendeCachee
            entetes={['Personne', 'Étape', 'Référent', 'Proposé']}
            lignes={aReassigner.donnees.items.map((p) => ({
              cle: p.id,
              urgente: true,
              cellules: [
                <NomUsager key="u" parcours={p} />,
                <Etat key="e" parcours={p} />,
                p.noms.referent,
                p.noms.repreneurPropose ?? 'Aucun référent de l’équipe n’a de place',
              ],
            }))}
          />
        </section>
      )}

      <section aria-labelledby="titre-bloques">
        <h2 id="titre-bloques">Parcours en attente</h2>
        <Donnees
          etat={parcours}
          vide={(d) => d.items.length === 0}
          messageVide="Aucun parcours ne correspond à ces filtres."
          libelleChargement="Chargement des parcours…"
        >
          {(d) => (
            <>
              <p>Parcours ouverts : {combien(d)}. Les urgents d’abord, puis les plus en retard, puis par échéance.</p>
              <Tableau
                legende="Parcours en attente, urgents et en retard d’abord"
                legendeCachee
                entetes={['Personne', 'Étape', 'Échéance et retard', 'Qui doit agir', 'Territoire / équipe', 'Actions']}
                lignes={d.items.map((p) => ({
                  cle: p.id,
                  urgente: p.urgence || !!p.retard,
                  cellules: [
                    <NomUsager key="u" parcours={p} />,
                    <Etat key="e" parcours={p} />,
                    <Echeance key="d" parcours={p} />,
                    quiDoitAgir(p),
                    `${p.noms.territoire ?? '—'} / ${p.noms.equipe ?? '—'}`,
                    <ActionsDirectes key="a" parcours={p} fait={fait} />,
                  ],
                }))}
              />
              <PaginationCurseur
                curseurs={curseurs}
                suivant={d.suivant}
                total={d.total}
                totalExact={d.totalExact}
                aller={setCurseurs}
                libelle="parcours en attente"
              />
            </>
          )}
        </Donnees>
      </section>

      <Donnees etat={indicateurs} libelleChargement="Calcul des indicateurs…">
        {(ind) => <IndicateursEtapes indicateurs={ind} />}
      </Donnees>

      <section aria-labelledby="titre-flux">
        <h2 id="titre-flux">Parcours d’une étape à l’autre (12 derniers mois)</h2>
        <Donnees
          etat={flux}
          vide={(d) => d.items.length === 0}
          messageVide="Aucune étape franchie dans ce périmètre sur la période."
          libelleChargement="Chargement des flux…"
        >
          {(d) => <FluxParEtape flux={d.items} />}
        </Donnees>
      </section>

      <section aria-labelledby="titre-satisfaction">
        <h2 id="titre-satisfaction">Satisfaction des personnes (12 derniers mois)</h2>
        <p className="discret">
          Réponses au questionnaire envoyé aux jalons du parcours. Moyennes sur 5, affichées à partir de{' '}
          {SEUIL_DIFFUSION} réponses : aucune réponse individuelle n’est visible.
        </p>
        <Donnees
          etat={satisfaction}
          vide={(d) => d.items.length === 0}
          messageVide="Aucun questionnaire envoyé dans ce périmètre."
        >
          {(d) => (
            <Tableau
              legende="Satisfaction par territoire, moment et mois"
              legendeCachee
              entetes={[
                'Territoire',
                'Moment',
                'Mois',
                'Envoyés',
                'Réponses',
                'Taux de réponse',
                ...CODES_QUESTION.map((q) => LIBELLE_COURT_QUESTION[q]),
              ]}
              lignes={d.items.map((l) => ({
                cle: `${l.territoireId}-${l.jalon}-${l.mois}`,
                cellules: [
                  l.territoire,
                  l.libelleJalon,
                  MOIS.format(new Date(`${l.mois}-01T00:00:00Z`)),
                  l.envoyes,
                  l.reponses,
                  pourcent(l.tauxReponse),
                  ...CODES_QUESTION.map((q) => (
                    <span key={q} title={QUESTIONS[q]}>
                      {l[q] === null ? '—' : l[q].toLocaleString('fr-FR')}
                    </span>
                  )),
                ],
              }))}
            />
          )}
        </Donnees>
        <p>
          <a
            href={`/pilotage/satisfaction/export${requete({ territoireId: filtres.territoireId, format: 'csv' })}`}
            download
          >
            Exporter la satisfaction (CSV)
          </a>
        </p>
      </section>

      <section aria-labelledby="titre-charge">
        <h2 id="titre-charge">Charge des référents au regard de leur capacité</h2>
        <Donnees etat={charge} vide={(d) => d.items.length === 0} messageVide="Aucun référent dans ce périmètre.">
          {(d) => (
            <Tableau
              legende="Charge des référents"
              legendeCachee
              entetes={['Référent', 'Parcours suivis', 'Capacité', 'Occupation', 'Dont en retard']}
              lignes={d.items
                .filter((a) => a.roles.includes('referent') || a.charge > 0)
                .map((a) => {
                  const taux = a.capacite ? a.charge / a.capacite : null;
                  return {
                    cle: a.agentId,
                    cellules: [
                      nomAgent(a),
                      a.charge,
                      a.capacite ?? '—',
                      taux === null ? (
                        '—'
                      ) : (
                        <span key="j">
                          <span className="jauge" aria-hidden="true">
                            <span
                              className={taux > 1 ? 'depasse' : ''}
                              style={{ width: `${Math.min(100, taux * 100)}%` }}
                            />
                          </span>
                          {Math.round(taux * 100)} %{taux > 1 ? ' (dépassée)' : ''}
                        </span>
                      ),
                      a.enRetard,
                    ],
                  };
                })}
            />
          )}
        </Donnees>
      </section>
    </>
  );
}

function IndicateursEtapes({ indicateurs }: { indicateurs: Indicateurs }) {
  const etapes = indicateurs.parEtape.filter((e) => e.etape !== 'accueil' && e.etape !== 'cloture');
  return (
    <>
      <section aria-labelledby="titre-attente">
        <h2 id="titre-attente">Attente et retards par étape</h2>
        <GraphiqueAttente
          donnees={etapes.map((e) => ({
            libelle: libelleEtape(e.etape),
            nombre: e.enCours,
            enRetard: e.enRetard,
            ageMaxJours: e.ageMaxJours,
          }))}
        />
      </section>
      <section aria-labelledby="titre-indicateurs">
        <h2 id="titre-indicateurs">Indicateurs par étape (12 derniers mois)</h2>
        <Tableau
          legende="Indicateurs par étape"
          legendeCachee
          entetes={[
            'Étape',
            'En cours',
            'En retard',
            'Attente moyenne',
            'Étapes franchies',
            'Délai moyen',
            'Part dans les délais',
          ]}
          lignes={etapes.map((e) => ({
            cle: e.etape,
            cellules: [
              libelleEtape(e.etape),
              e.enCours,
              e.enRetard,
              jours(e.ageMoyenJours),
              e.passages,
              jours(e.delaiMoyenJours),
              pourcent(e.partDansDelai),
            ],
          }))}
        />
        <h3>Évolution mensuelle</h3>
        <Tableau
          legende="Évolution mensuelle"
          legendeCachee
          entetes={[
            'Mois',
            'Parcours ouverts',
            'Parcours clos',
            'Étapes franchies',
            'Délai moyen',
            'Part dans les délais',
          ]}
          lignes={indicateurs.evolution.map((m) => ({
            cle: m.mois,
            cellules: [
              MOIS.format(new Date(`${m.mois}-01T00:00:00Z`)),
              m.ouverts,
              m.clos,
              m.passages,
              jours(m.delaiMoyenJours),
              pourcent(m.partDansDelai),
            ],
          }))}
        />
      </section>
    </>
  );
}

/** Where parcours went from each step: the Sankey diagram, and every flow (réorientations too) in its table. */
function FluxParEtape({ flux }: { flux: FluxEtapes[] }) {
  const rang = (e: string) => ETAPES.indexOf(e as (typeof ETAPES)[number]);
  const lignes = [...flux].sort((a, b) => rang(a.de) - rang(b.de) || b.n - a.n);
  return (
    <>
      <Suspense fallback={<p className="discret">Chargement du diagramme…</p>}>
        <DiagrammeFlux flux={lignes} />
      </Suspense>
      <Tableau
        legende="Passages d’une étape à la suivante ou à une clôture (données du diagramme)"
        entetes={['De', 'Vers', 'Parcours']}
        lignes={lignes.map((f) => ({
          cle: `${f.de}-${f.vers}`,
          cellules: [libelleEtape(f.de), libelleIssueFlux(f.vers), f.n],
        }))}
      />
    </>
  );
}

/** The cadre's direct actions on a row: the step's decision, reassignment, and a reminder sent at once. */
function ActionsDirectes({ parcours: p, fait }: { parcours: Parcours; fait: (m: string) => void }) {
  const principale = actionPrincipale(p);
  const changement = p.actions.includes('changerReferent');
  const relance = p.actions.includes('relancer') ? ACTIONS.relancer.libelles : null;
  const qui = p.noms.usager ?? 'la personne';
  // One key per click that is meant (useEnvoi): a retry sends the same reminder once, never another email.
  const relancer = useEnvoi(
    (cle) => agir(p.id, 'relancer', {}, cle),
    () => fait(`${ACTIONS.relancer.libelles.fait} (${qui})`),
  );
  return (
    <div>
      <ul className="boutons">
        {principale && (
          <li>
            <LienBouton
              petit
              vers={cheminAction(p, principale)}
              aria-label={`${ACTIONS[principale].libelles.bouton} — ${qui}`}
            >
              {ACTIONS[principale].libelles.bouton}
            </LienBouton>
          </li>
        )}
        {changement && p.referentId && (
          <li>
            <LienBouton
              petit
              variante="secondaire"
              vers={cheminAction(p, 'changerReferent')}
              aria-label={`Réassigner — ${qui}`}
            >
              Réassigner
            </LienBouton>
          </li>
        )}
        {relance && (
          <li>
            <Bouton
              petit
              variante="discret"
              isDisabled={relancer.envoi}
              aria-label={`${relance.bouton} ${quiDoitAgir(p)} — ${qui}`}
              onPress={() => relancer.soumettre()}
            >
              {relance.bouton}
            </Bouton>
          </li>
        )}
      </ul>
      {relancer.erreur && (
        <p className="message-erreur" role="alert">
          {relancer.erreur.message}
        </p>
      )}
    </div>
  );
}
