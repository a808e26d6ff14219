import { Badge, Lien, LienBouton } from './ui';
import type { ActionPermise, Parcours } from '../api/types';
import { date, jours, joursDepuis, libelleEtape } from '../libelles';

export function NomUsager({ parcours }: { parcours: Parcours }) {
  return <Lien vers={`/dossiers/${parcours.usagerId}`}>{parcours.noms.usager ?? 'Personne anonymisée'}</Lien>;
}

/** Due date, and how late against which rule when it passed. */
export function Echeance({ parcours }: { parcours: Parcours }) {
  if (parcours.statut === 'clos') return <>—</>;
  return (
    <>
      {parcours.echeance ? date(parcours.echeance) : 'Sans échéance'}
      {parcours.retard && (
        <>
          {' '}
          <Badge type="erreur">En retard de {jours(parcours.retard.jours)}</Badge>
          <br />
          <span className="discret">{parcours.retard.regle}</span>
        </>
      )}
    </>
  );
}

export function Etat({ parcours }: { parcours: Parcours }) {
  return (
    <>
      {libelleEtape(parcours.etape)}
      {parcours.urgence && parcours.statut !== 'clos' && (
        <>
          {' '}
          <Badge type="avertissement">Urgent</Badge>
        </>
      )}
      {parcours.statut !== 'actif' && (
        <>
          {' '}
          <Badge type={parcours.statut === 'clos' ? 'info' : 'avertissement'}>
            {parcours.statut === 'clos' ? 'Clos' : 'Suspendu'}
          </Badge>
        </>
      )}
    </>
  );
}

export const ageEtape = (p: Parcours) => jours(joursDepuis(p.etapeDepuis));

/** The screen of an action on a parcours. */
export const cheminAction = (p: Parcours, a: ActionPermise) => `/suivi/${p.id}/${a.type}`;

/** The action the parcours waits for (the step's own action first), if the agent may take it. */
export function actionPrincipale(p: Parcours): ActionPermise | null {
  const secondaires = ['suspendre', 'prolonger', 'planifierRendezVous', 'relancer', 'cloturer', 'changerReferent'];
  return p.actions.find((a) => !secondaires.includes(a.type)) ?? null;
}

export function LienAction({ parcours }: { parcours: Parcours }) {
  const a = actionPrincipale(parcours);
  if (!a) return <span className="discret">Aucune action de votre part</span>;
  return (
    <LienBouton
      petit
      vers={cheminAction(parcours, a)}
      aria-label={`${a.bouton} — ${parcours.noms.usager ?? 'personne'}`}
    >
      {a.bouton}
    </LienBouton>
  );
}
