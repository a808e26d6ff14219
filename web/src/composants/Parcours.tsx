import { ACTIONS, estTransversale, type TypeAction } from '../../../domain/parcours/actions';
import { Badge, Lien, LienBouton } from './ui';
import type { Parcours } from '../api/contrat';
import { date, jours, joursDepuis, libelleEtape } from '../libelles';

export function NomUsager({ parcours }: { parcours: Parcours }) {
  return <Lien vers={`/dossiers/${parcours.usagerId}`}>{parcours.noms.usager}</Lien>;
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
      {parcours.sessionEquipe && (
        <>
          {' '}
          <Badge type="info">Décision en session le {date(parcours.sessionEquipe.le)}</Badge>
        </>
      )}
      {parcours.incident && (
        <>
          {' '}
          <Badge type="erreur">Incident technique</Badge>
        </>
      )}
    </>
  );
}

export const ageEtape = (p: Parcours) => jours(joursDepuis(p.etapeDepuis));

/** The screen of an action on a parcours. */
export const cheminAction = (p: Parcours, type: TypeAction) => `/suivi/${p.id}/${type}`;

/** The action the parcours waits for (its step's own, or its resumption), if the agent may take it. */
export const actionPrincipale = (p: Parcours): TypeAction | null => p.actions.find((a) => !estTransversale(a)) ?? null;

export function LienAction({ parcours }: { parcours: Parcours }) {
  const a = actionPrincipale(parcours);
  if (!a) return <span className="discret">Aucune action de votre part</span>;
  const { bouton } = ACTIONS[a].libelles;
  return (
    <LienBouton petit vers={cheminAction(parcours, a)} aria-label={`${bouton} — ${parcours.noms.usager}`}>
      {bouton}
    </LienBouton>
  );
}
