import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { useDonnees } from './Donnees';
import type { Parcours, Usager } from '../api/types';
import { date, jours, joursDepuis, libelleEtape } from '../libelles';
import { lien } from '../navigation';

/** The person's name, from the list item when the API includes it, else read from /usagers/:id. */
export function NomUsager({ parcours }: { parcours: Parcours }) {
  const lu = useDonnees<Usager>(parcours.usager ? null : `/usagers/${parcours.usagerId}`);
  const u = parcours.usager ?? (lu.etat === 'ok' ? lu.donnees : null);
  const texte = u ? `${u.prenom} ${u.nom}` : lu.etat === 'erreur' ? 'Usager' : '…';
  return <a {...lien(`/dossiers/${parcours.usagerId}`)}>{texte}</a>;
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

/** The next action a parcours waits for: screen path and label. */
export function actionSuivante(p: Parcours): { chemin: string; libelle: string } | null {
  if (p.statut === 'clos') return null;
  if (p.statut === 'suspendu') return { chemin: `/suivi/${p.id}/reprise`, libelle: 'Reprendre' };
  switch (p.etape) {
    case 'evaluation':
      return { chemin: `/suivi/${p.id}/evaluation`, libelle: 'Évaluer' };
    case 'orientation':
      return { chemin: `/suivi/${p.id}/orientation`, libelle: 'Orienter' };
    case 'designation':
      return { chemin: `/suivi/${p.id}/referent`, libelle: 'Désigner le référent' };
    case 'accompagnement':
      return { chemin: `/suivi/${p.id}/accompagnement`, libelle: 'Plan ou revue' };
    default:
      return null;
  }
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
