import { useEffect, useState } from 'react';
import { Donnees, useDonnees } from '../composants/Donnees';
import { Formulaire, useEnvoi } from '../composants/Formulaire';
import { Alerte, Bouton, ChampTexte, ListeDeroulante, Tableau } from '../composants/ui';
import { api } from '../api/client';
import { CHEMINS, nomAgent } from '../api/organisation';
import { nombre } from '../libelles';
import type { ChargeAgent, DemandeReassignation, EtatReassignation, OperationReassignation } from '../api/contrat';

const LIBELLES_CHAMPS = { nouveauReferentId: 'Nouveau référent', motif: 'Motif' };
/** How long the screen follows an operation before saying it goes on without it (it is durable). */
const SUIVI_MAX = 60;

/** The operation's progress, then what it did, in the words of the cadre (names, never ids). */
function Suivi({
  operationId,
  noms,
  termine,
}: {
  operationId: string;
  noms: Map<string, string>;
  termine: () => void;
}) {
  const etat = useDonnees<EtatReassignation>(`/reassignations/${encodeURIComponent(operationId)}`);
  const [tours, setTours] = useState(0);
  const enCours = etat.etat !== 'ok' || etat.donnees.statut === 'RUNNING';
  const { recharger } = etat;
  useEffect(() => {
    if (!enCours || tours >= SUIVI_MAX) return;
    const t = setTimeout(() => {
      setTours((n) => n + 1);
      recharger();
    }, 1000);
    return () => clearTimeout(t);
  }, [enCours, tours, recharger]);
  // Over: the caseloads in the list have changed.
  useEffect(() => {
    if (!enCours) termine();
  }, [enCours, termine]);
  if (etat.etat === 'erreur') return <Alerte type="erreur">{etat.erreur.message}</Alerte>;
  if (etat.etat !== 'ok' || etat.donnees.statut === 'RUNNING')
    return (
      <Alerte type="info" titre="Réassignation en cours">
        {tours >= SUIVI_MAX
          ? 'Elle se poursuit sans vous : revenez sur cette page pour en voir le bilan.'
          : 'Les parcours passent un à un au nouveau référent…'}
      </Alerte>
    );
  const { bilan } = etat.donnees;
  if (!bilan)
    return <Alerte type="erreur">La réassignation s’est arrêtée avant sa fin : la relancer avec le même motif.</Alerte>;
  const repartition = Object.entries(bilan.repartition).map(
    ([id, n]) => `${nombre(n, 'parcours', 'parcours')} à ${noms.get(id) ?? 'un référent de l’équipe'}`,
  );
  return (
    <Alerte type={bilan.sansRepreneur.length ? 'avertissement' : 'succes'} titre="Réassignation terminée">
      <ul>
        <li>
          {bilan.changes
            ? `${nombre(bilan.changes, 'parcours', 'parcours')} confiés : ${repartition.join(', ')}.`
            : 'Aucun parcours confié.'}
        </li>
        {bilan.dejaFaits > 0 && <li>{nombre(bilan.dejaFaits, 'parcours', 'parcours')} l’étaient déjà.</li>}
        {bilan.horsAccompagnement > 0 && (
          <li>
            {nombre(bilan.horsAccompagnement, 'parcours', 'parcours')} ne sont plus suivis par ce référent : laissés
            tels quels.
          </li>
        )}
        {bilan.sansRepreneur.length > 0 && (
          <li>
            {nombre(bilan.sansRepreneur.length, 'parcours', 'parcours')} sans repreneur (aucun référent de l’équipe n’a
            de place) : à confier depuis le tableau de bord.
          </li>
        )}
      </ul>
    </Alerte>
  );
}

function Reassigner({
  ancien,
  referents,
  fini,
}: {
  ancien: ChargeAgent;
  referents: ChargeAgent[];
  fini: (operationId: string) => void;
}) {
  const [s, setS] = useState({ nouveauReferentId: '', motif: '' });
  const envoi = useEnvoi(
    (cle) => {
      const corps: DemandeReassignation = {
        motif: s.motif,
        ...(s.nouveauReferentId ? { nouveauReferentId: s.nouveauReferentId } : {}),
      };
      return api.post<OperationReassignation>(`/agents/${encodeURIComponent(ancien.agentId)}/reassignation`, corps, {
        'Idempotency-Key': cle,
      });
    },
    (r) => fini(r.operationId),
  );
  const changer = (k: keyof typeof s) => (v: string) => {
    envoi.effacer(k);
    setS((x) => ({ ...x, [k]: v }));
  };
  const collegues = referents.filter((r) => r.agentId !== ancien.agentId && r.equipeId === ancien.equipeId);
  const nom = nomAgent(ancien);
  return (
    <section aria-labelledby="titre-reassigner" className="panneau">
      <h2 id="titre-reassigner">Réassigner les parcours de {nom}</h2>
      <p>
        {nombre(ancien.charge, 'parcours ouvert', 'parcours ouverts')} passeront au nouveau référent ; chaque personne
        et chaque référent en sont prévenus, et le changement est inscrit dans chaque parcours avec votre motif.
      </p>
      <Formulaire
        titre={`Réassigner les parcours de ${nom}`}
        {...envoi}
        libelleEnvoi={`Réassigner ${nombre(ancien.charge, 'parcours', 'parcours')}`}
        libelles={LIBELLES_CHAMPS}
      >
        <ListeDeroulante
          {...envoi.champ('nouveauReferentId')}
          label="Nouveau référent"
          valeur={s.nouveauReferentId}
          changer={changer('nouveauReferentId')}
          options={[
            { valeur: '', libelle: 'Répartir entre les référents de l’équipe qui ont de la place' },
            ...collegues.map((r) => ({
              valeur: r.agentId,
              libelle: nomAgent(r),
              aide: `${r.charge} parcours${r.capacite ? ` sur ${r.capacite}` : ''}`,
            })),
          ]}
        />
        <ChampTexte
          {...envoi.champ('motif')}
          label="Motif"
          aide="Par exemple : départ de l’agent, longue absence. Inscrit dans chaque parcours."
          obligatoire
          valeur={s.motif}
          changer={changer('motif')}
        />
      </Formulaire>
    </section>
  );
}

/**
 * A référent leaves or is away for long: the cadre hands all their open parcours to another référent, or spreads
 * them over the équipe's référents who have room. A durable operation: the screen follows it, then says what it did.
 */
export default function ReassignationReferents() {
  const charge = useDonnees<{ items: ChargeAgent[] }>(CHEMINS.agents);
  const [choisi, setChoisi] = useState<ChargeAgent | null>(null);
  const [operation, setOperation] = useState<string | null>(null);
  const referents = charge.etat === 'ok' ? charge.donnees.items.filter((a) => a.roles.includes('referent')) : [];
  const noms = new Map(referents.map((r) => [r.agentId, nomAgent(r)]));
  return (
    <>
      <h1>Réassigner les parcours d’un référent</h1>
      <p>
        Quand un référent quitte l’équipe ou s’absente longtemps, ses parcours ouverts passent à un autre référent. Pour
        une absence courte, préférez un intérim (écran « Absences et intérims ») : les parcours lui reviennent ensuite.
      </p>
      {operation && <Suivi operationId={operation} noms={noms} termine={charge.recharger} />}
      {choisi && !operation && (
        <>
          {choisi.charge === 0 ? (
            <Alerte type="info">{nomAgent(choisi)} ne suit aucun parcours ouvert : rien à réassigner.</Alerte>
          ) : (
            <Reassigner key={choisi.agentId} ancien={choisi} referents={referents} fini={setOperation} />
          )}
          <Bouton variante="secondaire" onPress={() => setChoisi(null)}>
            Annuler
          </Bouton>
        </>
      )}
      <Donnees etat={charge} vide={() => referents.length === 0} messageVide="Aucun référent dans votre périmètre.">
        {() => (
          <Tableau
            legende={`Référents (${referents.length})`}
            entetes={['Référent', 'Parcours ouverts', 'Dont en retard', 'Capacité', 'Action']}
            lignes={referents.map((r) => ({
              cle: r.agentId,
              cellules: [
                nomAgent(r),
                r.charge,
                r.enRetard,
                r.capacite ?? '—',
                <Bouton
                  key="reassigner"
                  variante="secondaire"
                  onPress={() => {
                    setOperation(null);
                    setChoisi(r);
                  }}
                  aria-label={`Réassigner ses parcours, ${nomAgent(r)}`}
                >
                  Réassigner ses parcours
                </Bouton>,
              ],
            }))}
          />
        )}
      </Donnees>
    </>
  );
}
