import type { ReactNode } from 'react';
import { Donnees, useDonnees } from '../composants/Donnees';
import { ageEtape, Echeance, NomUsager } from '../composants/Parcours';
import { Alerte, FilAriane, Lien } from '../composants/ui';
import type { Parcours } from '../api/types';
import { libelleEtape } from '../libelles';
import type { PropsAction } from './actions/commun';
import { Evaluation } from './actions/Evaluation';
import { Orientation } from './actions/Orientation';
import { Referent } from './actions/Referent';
import { Plan } from './actions/Plan';
import { Revue } from './actions/Revue';
import { Motif } from './actions/Motif';
import { Reprise } from './actions/Reprise';
import { Cloture } from './actions/Cloture';
import { Prolongation } from './actions/Prolongation';
import { RendezVous } from './actions/RendezVous';
import { Relance } from './actions/Relance';

/** The form of each action of the catalogue. */
const FORMULAIRES: Record<string, (p: PropsAction) => ReactNode> = {
  evaluer: (p) => <Evaluation {...p} />,
  orienter: (p) => <Orientation {...p} />,
  designerReferent: (p) => <Referent {...p} />,
  changerReferent: (p) => <Referent {...p} changement />,
  etablirPlan: (p) => <Plan {...p} />,
  reviser: (p) => <Revue {...p} />,
  demanderReorientation: (p) => <Motif {...p} />,
  suspendre: (p) => <Motif {...p} />,
  reprendre: (p) => <Reprise {...p} />,
  prolonger: (p) => <Prolongation {...p} />,
  cloturer: (p) => <Cloture {...p} />,
  planifierRendezVous: (p) => <RendezVous {...p} />,
  relancer: (p) => <Relance {...p} />,
};

/** One action on a parcours: the parcours in brief, then the action's form — if the agent may take it now. */
export default function EtapeParcours({ parcoursId, action }: { parcoursId: string; action: string }) {
  const lu = useDonnees<Parcours>(`/parcours/${parcoursId}`);
  return (
    <Donnees etat={lu} libelleChargement="Chargement du parcours…">
      {(p) => {
        const a = p.actions.find((x) => x.type === action);
        const formulaire = a && FORMULAIRES[a.type];
        return (
          <>
            <FilAriane
              elements={[
                { libelle: `Dossier de ${p.noms.usager ?? 'la personne'}`, vers: `/dossiers/${p.usagerId}` },
                { libelle: a?.titre ?? 'Action' },
              ]}
            />
            <h1>{a?.titre ?? 'Action indisponible'}</h1>
            <p>
              <NomUsager parcours={p} /> — étape <strong>{libelleEtape(p.etape)}</strong>
              {p.statut !== 'clos' && <> depuis {ageEtape(p)}</>} — échéance : <Echeance parcours={p} />
            </p>
            {a && formulaire ? (
              formulaire({ parcours: p, action: a })
            ) : (
              <Alerte type="avertissement" titre="Cette action n’est pas possible">
                <p>
                  Elle ne correspond pas à l’étape du parcours ou à votre rôle.{' '}
                  <Lien vers={`/dossiers/${p.usagerId}`}>Revenir au dossier</Lien>
                </p>
              </Alerte>
            )}
          </>
        );
      }}
    </Donnees>
  );
}
