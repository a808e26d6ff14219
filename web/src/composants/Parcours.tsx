import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { ACTIONS, TYPES_ACTION, applicable, quandDe } from '../../../domain/parcours/actions';
import type { Parcours } from '../api/contrat';
import { date, jours, joursDepuis, libelleEtape } from '../libelles';
import { lien } from '../navigation';

/** The person's name (lists and reads carry it), linking to their dossier. */
export function NomUsager({ parcours }: { parcours: Parcours }) {
  return <a {...lien(`/dossiers/${parcours.usagerId}`)}>{parcours.noms.usager}</a>;
}

export function Echeance({ parcours }: { parcours: Parcours }) {
  return (
    <>
      {parcours.echeance ? date(parcours.echeance) : 'Sans échéance'}
      {parcours.enRetard && (
        <>
          {' '}
          <Badge severity="error" small noIcon={false}>
            En retard
          </Badge>
        </>
      )}
    </>
  );
}

export function EtapeBadge({ parcours }: { parcours: Parcours }) {
  return (
    <>
      {libelleEtape(parcours.etape)}
      {parcours.statut !== 'actif' && (
        <>
          {' '}
          <Badge small severity={parcours.statut === 'clos' ? 'info' : 'warning'}>
            {parcours.statut === 'clos' ? 'Clos' : 'Suspendu'}
          </Badge>
        </>
      )}
    </>
  );
}

export const ageEtape = (p: Parcours) => jours(joursDepuis(p.etapeDepuis));

/**
 * The next action a parcours waits for: the first step action of the catalogue that applies to it (the plan
 * before the first revue), or its reprise when suspended.
 */
export function actionSuivante(p: Parcours): { chemin: string; libelle: string } | null {
  const type =
    TYPES_ACTION.filter((t) => quandDe(t).etapes && applicable(t, p)).find(
      // The plan comes once; then the revues (the decider refuses a revue without a plan).
      (t) => (t === 'etablirPlan' ? p.objectifs.length === 0 : t !== 'reviser' || p.objectifs.length > 0),
    ) ?? (applicable('reprendre', p) ? 'reprendre' : undefined);
  return type ? { chemin: `/suivi/${p.id}/${type}`, libelle: ACTIONS[type].libelles.bouton } : null;
}

export function LienAction({ parcours }: { parcours: Parcours }) {
  const a = actionSuivante(parcours);
  if (!a) return <>—</>;
  return (
    <a className="fr-link" {...lien(a.chemin)} aria-label={`${a.libelle} (${libelleEtape(parcours.etape)})`}>
      {a.libelle}
    </a>
  );
}
