import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Donnees, useDonnees } from '../composants/Donnees';
import { actionSuivante, ageEtape, Echeance, EtapeBadge } from '../composants/Parcours';
import type { DossierSocial as Dossier, Evenement, ParcoursDetail, Usager } from '../api/contrat';
import { ACTIONS, applicable, estAction } from '../../../domain/parcours/actions';
import { date, dateHeure, libelleAccompagnement, libelleDomaine, libelleEvenement } from '../libelles';
import { lien } from '../navigation';
import { requete } from '../api/client';

/** Dossier social unique: identity, every parcours of the person, and their timelines. */
export function DossierSocial({ usagerId }: { usagerId: string }) {
  const dossier = useDonnees<Dossier>(`/usagers/${usagerId}/dossier`);
  const fait = new URLSearchParams(window.location.search).get('fait');
  return (
    <Donnees etat={dossier} libelleChargement="Chargement du dossier…">
      {(d) => (
        <>
          <h1>
            Dossier social de {d.usager.prenom} {d.usager.nom}
          </h1>
          {fait && estAction(fait) && (
            <Alert
              severity="success"
              small
              description={ACTIONS[fait].libelles.fait}
              className="fr-mb-3w"
              role="status"
            />
          )}
          <Identite usager={d.usager} />
          <h2 className="fr-mt-4w">Parcours</h2>
          {d.parcours.length === 0 ? <p className="ecran-vide">Aucun parcours pour cette personne.</p> : null}
          {d.parcours.map((p) => (
            <ParcoursDossier key={p.id} parcours={p} />
          ))}
          <p className="fr-mt-2w">
            <a className="fr-btn fr-btn--secondary" {...lien(`/premier-accueil${requete({ usagerId: d.usager.id })}`)}>
              Nouvel accueil pour cette personne
            </a>
          </p>
        </>
      )}
    </Donnees>
  );
}

function Identite({ usager }: { usager: Usager }) {
  return (
    <section aria-labelledby="titre-identite">
      <h2 id="titre-identite" className="fr-h4">
        Identité
      </h2>
      <dl className="fr-grid-row fr-grid-row--gutters">
        {(
          [
            ['Nom', usager.nom],
            ['Prénom', usager.prenom],
            ['Date de naissance', usager.dateNaissance ? date(usager.dateNaissance) : '—'],
            ['Commune (INSEE)', usager.communeCode ?? '—'],
            ['Téléphone', usager.telephone ?? '—'],
            ['Adresse électronique', usager.email ?? '—'],
          ] as const
        ).map(([t, v]) => (
          <div key={t} className="fr-col-6 fr-col-md-4">
            <dt className="fr-text--bold fr-mb-0">{t}</dt>
            <dd className="fr-ml-0">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function ParcoursDossier({ parcours: p }: { parcours: ParcoursDetail }) {
  const action = actionSuivante(p);
  const id = `parcours-${p.id}`;
  return (
    <section aria-labelledby={id} className="fr-card fr-p-3w fr-mb-3w" data-parcours={p.id}>
      <h3 id={id} className="fr-h5">
        Parcours ouvert le {date(p.ouvertLe)} — <EtapeBadge parcours={p} />
      </h3>
      <dl className="fr-grid-row fr-grid-row--gutters">
        {(
          [
            ['Besoins', p.besoins.map(libelleDomaine).join(', ') || '—'],
            ['Échéance de l’étape', <Echeance key="e" parcours={p} />],
            ['Dans l’étape depuis', ageEtape(p)],
            ['Territoire', p.territoireId ?? '—'],
            ['Équipe', p.equipeId ?? '—'],
            ['Référent', p.referentId ?? 'Non désigné'],
            ['Accompagnement', p.typeAccompagnement ? libelleAccompagnement(p.typeAccompagnement) : '—'],
            ...(p.urgence
              ? [
                  [
                    'Urgence',
                    <Badge key="u" severity="warning" small>
                      Urgent
                    </Badge>,
                  ] as const,
                ]
              : []),
            ...(p.motifCloture ? [['Motif de clôture', p.motifCloture] as const] : []),
          ] as const
        ).map(([t, v]) => (
          <div key={t} className="fr-col-6 fr-col-md-3">
            <dt className="fr-text--bold fr-mb-0">{t}</dt>
            <dd className="fr-ml-0">{v}</dd>
          </div>
        ))}
      </dl>
      {p.statut !== 'clos' && (
        <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
          {action && (
            <li>
              <a className="fr-btn" {...lien(action.chemin)}>
                {action.libelle}
              </a>
            </li>
          )}
          {(['changerReferent', 'suspendre', 'cloturer'] as const)
            .filter((t) => applicable(t, p) && (t !== 'changerReferent' || p.referentId))
            .map((t) => (
              <li key={t}>
                <a className="fr-btn fr-btn--secondary" {...lien(`/suivi/${p.id}/${t}`)}>
                  {ACTIONS[t].libelles.bouton}
                </a>
              </li>
            ))}
        </ul>
      )}
      <Chronologie evenements={p.evenements ?? []} />
    </section>
  );
}

function resume(e: Evenement): string {
  const d = e.donnees;
  const t = (k: string) => (typeof d[k] === 'string' ? d[k] : undefined);
  return [
    t('synthese'),
    t('motif'),
    t('decision'),
    t('typeAccompagnement') && `Accompagnement ${libelleAccompagnement(t('typeAccompagnement')!)}`,
    t('referentId') && `Référent : ${t('referentId')}`,
    t('issue') && `Issue : ${t('issue')}`,
  ]
    .filter(Boolean)
    .join(' — ');
}

export function Chronologie({ evenements }: { evenements: Evenement[] }) {
  if (evenements.length === 0) return <p className="ecran-vide">Chronologie vide.</p>;
  return (
    <details open={evenements.length <= 8}>
      <summary className="fr-text--bold">
        Chronologie ({evenements.length} événement{evenements.length > 1 ? 's' : ''})
      </summary>
      <ol className="chronologie fr-mt-2w" aria-label="Chronologie du parcours">
        {[...evenements]
          .sort((a, b) => b.seq - a.seq)
          .map((e) => (
            <li key={e.seq}>
              <strong>{libelleEvenement(e.type)}</strong> — {dateHeure(e.survenuLe)}{' '}
              <span className="fr-text--sm">par {e.acteur}</span>
              {resume(e) && <p className="fr-text--sm fr-mb-0">{resume(e)}</p>}
            </li>
          ))}
      </ol>
    </details>
  );
}
