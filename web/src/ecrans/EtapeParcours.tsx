import { ACTIONS, estAction } from '../../../domain/parcours/actions';
import type { ParcoursDetail } from '../api/contrat';
import { Donnees, useDonnees } from '../composants/Donnees';
import { ageEtape, Echeance, NomUsager } from '../composants/Parcours';
import { Alerte, FilAriane, Lien } from '../composants/ui';
import { formulaireDe } from '../formulaires/action';
import { libelleEtape } from '../libelles';

/** One action on a parcours: the parcours in brief, then the action's form — if the agent may take it now. */
export default function EtapeParcours({ parcoursId, action }: { parcoursId: string; action: string }) {
  const lu = useDonnees<ParcoursDetail>(`/parcours/${parcoursId}`);
  return (
    <Donnees etat={lu} titre="Parcours" libelleChargement="Chargement du parcours…">
      {(p) => {
        const type = estAction(action) && p.actions.includes(action) ? action : null;
        const Formulaire = type ? formulaireDe(type) : undefined;
        const titre = type ? ACTIONS[type].libelles.titre : 'Action indisponible';
        return (
          <>
            <FilAriane
              elements={[
                { libelle: `Dossier de ${p.noms.usager}`, vers: `/dossiers/${p.usagerId}` },
                { libelle: titre },
              ]}
            />
            <h1>{titre}</h1>
            <p>
              <NomUsager parcours={p} /> — étape <strong>{libelleEtape(p.etape)}</strong>
              {p.statut !== 'clos' && <> depuis {ageEtape(p)}</>} — échéance : <Echeance parcours={p} />
            </p>
            {Formulaire ? (
              <Formulaire parcours={p} />
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
