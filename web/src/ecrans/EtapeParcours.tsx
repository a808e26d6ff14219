import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { ACTIONS, estAction } from '../../../domain/parcours/actions';
import type { ParcoursDetail } from '../api/contrat';
import { Donnees, useDonnees } from '../composants/Donnees';
import { ageEtape, Echeance, NomUsager } from '../composants/Parcours';
import { formulaireDe } from '../formulaires/action';
import { libelleEtape } from '../libelles';
import { naviguer } from '../navigation';

/** One step of a parcours: the parcours in brief, then the form of the requested action. */
export function EtapeParcours({ parcoursId, action }: { parcoursId: string; action: string }) {
  const lu = useDonnees<ParcoursDetail>(`/parcours/${parcoursId}`);
  const Formulaire = estAction(action) ? formulaireDe(action) : undefined;
  const titre = estAction(action) ? ACTIONS[action].libelles.titre : 'Action inconnue';
  return (
    <Donnees etat={lu} libelleChargement="Chargement du parcours…">
      {(p) => (
        <>
          <Breadcrumb
            currentPageLabel={titre}
            segments={[
              {
                label: 'Dossier social',
                linkProps: {
                  href: `/dossiers/${p.usagerId}`,
                  onClick: (e) => {
                    e.preventDefault();
                    naviguer(`/dossiers/${p.usagerId}`);
                  },
                },
              },
            ]}
          />
          <h1>{titre}</h1>
          <p>
            Usager : <NomUsager parcours={p} /> — étape : <strong>{libelleEtape(p.etape)}</strong> depuis {ageEtape(p)}{' '}
            — échéance : <Echeance parcours={p} />
          </p>
          {Formulaire ? <Formulaire parcours={p} /> : <p>Cette action n’a pas encore d’écran.</p>}
        </>
      )}
    </Donnees>
  );
}
