import { useState } from 'react';
import { Donnees, useDonnees } from '../composants/Donnees';
import { Formulaire, useEnvoi } from '../composants/Formulaire';
import { Alerte, Bouton, CasesACocher, ChampTexte, Tableau } from '../composants/ui';
import { ChoixCommune } from '../composants/ChoixCommune';
import type { CommuneTrouvee } from '../api/contrat';
import { HistoriqueAdministration } from '../composants/HistoriqueAdministration';
import { EtatActif } from '../composants/EditionAdministree';
import { api } from '../api/client';
import { CHEMINS, identifiantLisible, type Organisation } from '../api/organisation';
import type { EquipesAdministrees, TerritoireAdministre } from '../api/contrat';
import { nombre } from '../libelles';
import { LIBELLE_POLE, POLES } from '../../../domain/organisation/referentiel';

const OPTIONS_POLES = POLES.map((p) => ({ valeur: p, libelle: LIBELLE_POLE[p] }));
const LIBELLES = {
  nom: 'Nom',
  agenceId: 'Agence',
  communes: 'Communes',
  rattacher: 'Commune à rattacher',
  poles: 'Pôles',
  'equipe.nom': 'Nom de l’équipe',
  'equipe.poles': 'Pôles de l’équipe',
  actif: 'Équipe active',
  territoireId: 'Territoire',
};
const FORMATS: Record<string, (v: unknown) => string> = {
  communes: (v) => nombre((v as string[]).length, 'commune', 'communes'),
  poles: (v) => (v as string[]).map((p) => LIBELLE_POLE[p as keyof typeof LIBELLE_POLE] ?? p).join(', '),
  agenceId: (v) => (v ? 'une agence' : 'aucune agence'),
  actif: (v) => (v ? 'active' : 'désactivée'),
};

/** After a move: where the people already followed in those communes stay (the new map routes the next ones). */
const restes = (n: number | undefined) =>
  n
    ? ` ${nombre(n, 'parcours ouvert de cette commune reste suivi', 'parcours ouverts de cette commune restent suivis')} par leur équipe actuelle.`
    : '';

/** An équipe's name and pôles, as every form of an équipe asks them (`chemin`: where the API reads them). */
function ChampsEquipe({
  envoi,
  chemin = '',
  libelles,
  nom,
  setNom,
  poles,
  setPoles,
}: {
  envoi: Pick<ReturnType<typeof useEnvoi>, 'champ' | 'effacer'>;
  chemin?: '' | 'equipe.';
  libelles: { nom: string; poles: string };
  nom: string;
  setNom: (v: string) => void;
  poles: string[];
  setPoles: (v: string[]) => void;
}) {
  return (
    <>
      <ChampTexte
        {...envoi.champ(`${chemin}nom`)}
        label={libelles.nom}
        obligatoire
        valeur={nom}
        changer={(v) => {
          envoi.effacer(`${chemin}nom`);
          setNom(v);
        }}
      />
      <CasesACocher
        {...envoi.champ(`${chemin}poles`)}
        label={libelles.poles}
        obligatoire
        valeurs={poles}
        changer={(v) => {
          envoi.effacer(`${chemin}poles`);
          setPoles(v);
        }}
        options={OPTIONS_POLES}
      />
    </>
  );
}

function NouveauTerritoire({ fini }: { fini: (t: TerritoireAdministre) => void }) {
  const [nom, setNom] = useState('');
  const [equipe, setEquipe] = useState('');
  const [poles, setPoles] = useState<string[]>([...POLES]);
  const [commune, setCommune] = useState<CommuneTrouvee | null>(null);
  const envoi = useEnvoi(
    () =>
      api.post<TerritoireAdministre>('/administration/territoires', {
        id: identifiantLisible(nom),
        nom,
        equipe: { id: identifiantLisible(equipe), nom: equipe, poles },
        communes: commune ? [commune.code] : [],
      }),
    fini,
  );
  return (
    <section aria-labelledby="titre-nouveau-territoire" className="panneau">
      <h2 id="titre-nouveau-territoire">Créer un territoire</h2>
      <Formulaire titre="Créer un territoire" {...envoi} libelleEnvoi="Créer le territoire" libelles={LIBELLES}>
        <ChampTexte
          {...envoi.champ('nom')}
          label="Nom du territoire"
          obligatoire
          valeur={nom}
          changer={(v) => {
            envoi.effacer('nom');
            setNom(v);
          }}
        />
        <ChampsEquipe
          envoi={envoi}
          chemin="equipe."
          libelles={{ nom: 'Nom de l’équipe pluridisciplinaire', poles: 'Pôles de l’équipe' }}
          nom={equipe}
          setNom={setEquipe}
          poles={poles}
          setPoles={setPoles}
        />
        <ChoixCommune
          {...envoi.champ('communes')}
          label="Première commune servie"
          commune={commune}
          choisir={setCommune}
          effacer={() => envoi.effacer('communes')}
        />
        {commune?.territoire && (
          <p className="aide">
            {commune.nom} quittera le territoire « {commune.territoire} ». Les autres communes se rattachent ensuite.
          </p>
        )}
      </Formulaire>
    </section>
  );
}

function Rattachement({ territoire, fini }: { territoire: TerritoireAdministre; fini: (message: string) => void }) {
  const [commune, setCommune] = useState<CommuneTrouvee | null>(null);
  const envoi = useEnvoi(
    () =>
      api.patch<TerritoireAdministre>(`/administration/territoires/${territoire.id}`, {
        rattacher: commune ? [commune.code] : [],
      }),
    (t) => {
      fini(`${commune?.nom ?? 'La commune'} est rattachée à ce territoire.${restes(t.parcoursRestes)}`);
      setCommune(null);
    },
    'rattachement-',
  );
  const deja = commune && territoire.communes.some((c) => c.code === commune.code);
  return (
    <Formulaire titre="Rattacher une commune" {...envoi} libelleEnvoi="Rattacher à ce territoire" libelles={LIBELLES}>
      <ChoixCommune
        {...envoi.champ('rattacher')}
        label="Commune à rattacher"
        commune={commune}
        choisir={setCommune}
        effacer={() => envoi.effacer('rattacher')}
      />
      {commune && !deja && commune.territoire && (
        <p className="aide">Servie aujourd’hui par le territoire « {commune.territoire} ».</p>
      )}
      {deja && <p className="aide">Cette commune est déjà servie par ce territoire.</p>}
    </Formulaire>
  );
}

function FicheTerritoire({ id, changee }: { id: string; changee: () => void }) {
  const t = useDonnees<TerritoireAdministre>(`/administration/territoires/${id}`);
  const [message, setMessage] = useState<string | null>(null);
  const [nom, setNom] = useState<string | null>(null);
  const renommer = useEnvoi(
    () => api.patch<TerritoireAdministre>(`/administration/territoires/${id}`, { nom: nom ?? '' }),
    () => {
      setMessage('Nom du territoire enregistré.');
      setNom(null);
      t.recharger();
      changee();
    },
    'territoire-',
  );
  const apres = (m: string) => {
    setMessage(m);
    t.recharger();
    changee();
  };
  return (
    <Donnees etat={t}>
      {(d) => (
        <section aria-labelledby="titre-territoire" className="panneau">
          <h2 id="titre-territoire">{d.nom}</h2>
          <p>
            {d.agence ? `${d.agence} · ` : ''}
            {nombre(d.communes.length, 'commune', 'communes')} ·{' '}
            {nombre(d.parcoursOuverts, 'parcours ouvert', 'parcours ouverts')}
          </p>
          {message && <Alerte type="succes">{message}</Alerte>}
          <Formulaire titre="Renommer" {...renommer} libelleEnvoi="Enregistrer le nom" libelles={LIBELLES}>
            <ChampTexte
              {...renommer.champ('nom')}
              label="Nom du territoire"
              obligatoire
              valeur={nom ?? d.nom}
              changer={(v) => {
                renommer.effacer('nom');
                setNom(v);
              }}
            />
          </Formulaire>
          <h3>Équipes</h3>
          {d.equipes.map((e) => (
            <FicheEquipe key={`${e.id}-${e.actif}`} equipe={e} fini={apres} />
          ))}
          <NouvelleEquipe territoire={d} fini={apres} />
          <h3>Communes servies</h3>
          <Rattachement territoire={d} fini={apres} />
          <Tableau
            legende={`Communes servies par ${d.nom} (${d.communes.length})`}
            entetes={['Commune', 'Codes postaux', 'Population']}
            lignes={d.communes.map((c) => ({
              cle: c.code,
              cellules: [c.nom, c.codesPostaux.join(', '), c.population?.toLocaleString('fr-FR') ?? '—'],
            }))}
          />
          <HistoriqueAdministration
            chemin={`/administration/territoires/${id}/historique`}
            libelles={LIBELLES}
            formats={FORMATS}
          />
        </section>
      )}
    </Donnees>
  );
}

function FicheEquipe({
  equipe,
  fini,
}: {
  equipe: TerritoireAdministre['equipes'][number];
  fini: (message: string) => void;
}) {
  const [nom, setNom] = useState(equipe.nom);
  const [poles, setPoles] = useState(equipe.poles);
  const envoi = useEnvoi(
    () => api.patch<TerritoireAdministre>(`/administration/equipes/${equipe.id}`, { nom, poles }),
    () => fini('Équipe enregistrée.'),
    `${equipe.id}-`,
  );
  const activation = useEnvoi(
    () => api.patch<TerritoireAdministre>(`/administration/equipes/${equipe.id}`, { actif: !equipe.actif }),
    () =>
      fini(
        equipe.actif
          ? `L’équipe « ${equipe.nom} » est désactivée : elle ne reçoit plus personne.`
          : `L’équipe « ${equipe.nom} » est de nouveau active.`,
      ),
    `${equipe.id}-activation-`,
  );
  return (
    <section aria-labelledby={`titre-${equipe.id}`}>
      <h4 id={`titre-${equipe.id}`}>
        {equipe.nom} <EtatActif actif={equipe.actif} feminin />
      </h4>
      <p>
        {nombre(equipe.agents, 'agent actif', 'agents actifs')} ·{' '}
        {nombre(equipe.parcoursOuverts, 'parcours ouvert', 'parcours ouverts')}
      </p>
      {equipe.actif && (
        <Formulaire titre={`Équipe : ${equipe.nom}`} {...envoi} libelleEnvoi="Enregistrer l’équipe" libelles={LIBELLES}>
          <ChampsEquipe
            envoi={envoi}
            libelles={{ nom: 'Nom de l’équipe', poles: 'Pôles' }}
            nom={nom}
            setNom={setNom}
            poles={poles}
            setPoles={setPoles}
          />
        </Formulaire>
      )}
      <Formulaire
        titre={`${equipe.actif ? 'Désactiver' : 'Réactiver'} ${equipe.nom}`}
        {...activation}
        libelleEnvoi={equipe.actif ? 'Désactiver l’équipe' : 'Réactiver l’équipe'}
        libelles={LIBELLES}
      >
        <p className="aide">
          {equipe.actif
            ? 'Possible quand elle ne suit plus aucun parcours ouvert, n’a plus d’agent actif ni de session à venir, et qu’une autre équipe active sert le territoire.'
            : 'Elle pourra de nouveau recevoir des personnes et des agents.'}
        </p>
      </Formulaire>
    </section>
  );
}

/** A new équipe in this territoire (its communes go to its first active équipe: the routing's rule). */
function NouvelleEquipe({ territoire, fini }: { territoire: TerritoireAdministre; fini: (message: string) => void }) {
  const [nom, setNom] = useState('');
  const [poles, setPoles] = useState<string[]>([...POLES]);
  const envoi = useEnvoi(
    () =>
      api.post<TerritoireAdministre>('/administration/equipes', {
        id: identifiantLisible(nom),
        territoireId: territoire.id,
        nom,
        poles,
      }),
    () => {
      fini(`L’équipe « ${nom} » est créée dans ce territoire.`);
      setNom('');
    },
    'nouvelle-equipe-',
  );
  return (
    <Formulaire titre="Ajouter une équipe" {...envoi} libelleEnvoi="Créer l’équipe" libelles={LIBELLES}>
      <ChampsEquipe
        envoi={envoi}
        libelles={{ nom: 'Nom de la nouvelle équipe', poles: 'Pôles de la nouvelle équipe' }}
        nom={nom}
        setNom={setNom}
        poles={poles}
        setPoles={setPoles}
      />
    </Formulaire>
  );
}

/** Every équipe of the département, active first: where agents and parcours are. */
function EquipesDuDepartement({ equipes }: { equipes: ReturnType<typeof useDonnees<EquipesAdministrees>> }) {
  return (
    <Donnees etat={equipes} vide={(d) => d.equipes.length === 0} messageVide="Aucune équipe.">
      {(d) => (
        <Tableau
          legende={`Équipes du département (${d.equipes.length})`}
          entetes={['Équipe', 'Territoire', 'État', 'Agents actifs', 'Parcours ouverts']}
          lignes={d.equipes.map((e) => ({
            cle: e.id,
            cellules: [
              e.nom,
              e.territoire,
              <EtatActif key="etat" actif={e.actif} feminin />,
              e.agents,
              e.parcoursOuverts,
            ],
          }))}
        />
      )}
    </Donnees>
  );
}

/**
 * Administrators' screen of the territoires d'action: which communes each one serves (each commune in exactly
 * one), their équipes; create a territoire or an équipe, move communes, rename, deactivate an équipe nothing
 * rests on. Routing follows at once.
 */
export default function AdministrationTerritoires() {
  const organisation = useDonnees<Organisation>(CHEMINS.organisation);
  const equipes = useDonnees<EquipesAdministrees>('/administration/equipes');
  const changee = () => {
    organisation.recharger();
    equipes.recharger();
  };
  const [choisi, setChoisi] = useState<string | null>(null); // a territoire id, or "nouveau" for the creation form
  return (
    <>
      <h1>Territoires</h1>
      <p>
        Chaque commune du département est servie par un seul territoire et son équipe. Rattacher une commune à un autre
        territoire change l’orientation des prochaines personnes accueillies ; chaque changement est enregistré.
      </p>
      {choisi === null && <Bouton onPress={() => setChoisi('nouveau')}>Créer un territoire</Bouton>}
      {choisi === 'nouveau' && (
        <NouveauTerritoire
          fini={(t) => {
            changee();
            setChoisi(t.id);
          }}
        />
      )}
      {choisi !== null && choisi !== 'nouveau' && <FicheTerritoire key={choisi} id={choisi} changee={changee} />}
      {choisi !== null && (
        <Bouton variante="secondaire" onPress={() => setChoisi(null)}>
          Fermer
        </Bouton>
      )}
      <Donnees etat={organisation} vide={(o) => o.territoires.length === 0} messageVide="Aucun territoire.">
        {(o) => (
          <Tableau
            legende={`Territoires du département (${o.territoires.length})`}
            entetes={['Territoire', 'Équipe', 'Communes', 'Agents', 'Action']}
            lignes={o.territoires.map((t) => ({
              cle: t.id,
              cellules: [
                t.nom,
                t.equipes.map((e) => e.nom).join(', ') || '—',
                t.communes,
                t.equipes.reduce((n, e) => n + e.agents, 0),
                <Bouton key="gerer" variante="secondaire" onPress={() => setChoisi(t.id)} aria-label={`Gérer ${t.nom}`}>
                  Gérer
                </Bouton>,
              ],
            }))}
          />
        )}
      </Donnees>
      <EquipesDuDepartement equipes={equipes} />
    </>
  );
}
