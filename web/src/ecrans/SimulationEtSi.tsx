import { lazy, Suspense, useCallback, useState } from 'react';
import { api } from '../api/client';
import type {
  DemandeSimulation,
  Organisation,
  ResultatSimulationEtSi,
  SimulationEtSi as Simulation,
  SimulationLigne,
  SimulationsEtSi,
} from '../api/contrat';
import { Chargement, Donnees, useDonnees, useSuivi } from '../composants/Donnees';
import { Formulaire, useEnvoi } from '../composants/Formulaire';
import { Alerte, Bouton, BoutonsRadio, CasesACocher, ChampTexte, ListeDeroulante, Tableau } from '../composants/ui';
import { dateHeure, libelleEtape } from '../libelles';

const GraphiqueStockSimulation = lazy(() => import('../composants/GraphiqueStockSimulation'));

type Scenario = ResultatSimulationEtSi['scenarios'][number];

const LIBELLE_STATUT: Record<SimulationLigne['statut'], string> = {
  en_attente: 'En attente',
  en_cours: 'En cours',
  terminee: 'Terminée',
  echec: 'Échec',
  interrompue: 'Interrompue',
};
const EN_COURS: SimulationLigne['statut'][] = ['en_attente', 'en_cours'];
const finie = (s: Simulation) => !EN_COURS.includes(s.statut);
const ETAPES_SUIVIES = ['evaluation', 'orientation', 'designation', 'accompagnement'];

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)} %`);
/** What the agent typed: a number when it reads as one (comma or point), else as typed, for the API to say why. */
const nombre = (v: string): number | string => {
  const n = Number(v.trim().replace(',', '.'));
  return v.trim() && Number.isFinite(n) ? n : v;
};

const LIBELLES = {
  territoires: 'Territoires simulés',
  jours: 'Jours simulés',
  arriveesPour1000: 'Premiers accueils par an pour 1 000 habitants',
  partOrientes: 'Part des évaluations suivies d’une orientation',
  partRsa: 'Part des bénéficiaires du RSA',
  partUrgence: 'Part des situations urgentes',
  echantillon: 'Part du volume simulée',
  renforts: 'Renfort',
  'renforts.0.territoireId': 'Territoire renforcé',
  'renforts.0.referents': 'Référents ajoutés',
  graine: 'Graine du tirage',
};

function portee(p: SimulationLigne['parametres'], noms: Map<string, string>): string {
  const ou = p.territoires.length ? p.territoires.map((t) => noms.get(t) ?? 'territoire').join(', ') : 'Département';
  return `${ou}, ${p.jours} jours, ${p.echantillon >= 1 ? 'plein volume' : `${Math.round(p.echantillon * 100)} % du volume`}`;
}

/** The parameters form: whole département by sampling, or one or two territoires up to full volume. */
function Parametres({ organisation, lancee }: { organisation: Organisation; lancee: (s: Simulation) => void }) {
  const [etendue, setEtendue] = useState<'departement' | 'territoires'>('territoires');
  const [territoires, setTerritoires] = useState<string[]>([]);
  const [valeurs, setValeurs] = useState({
    jours: '90',
    arriveesPour1000: '15',
    partOrientes: '0,8',
    partRsa: '0,4',
    partUrgence: '0,1',
    echantillon: '1',
    graine: '16',
    referents: '2',
  });
  const [renforce, setRenforce] = useState('');
  const envoi = useEnvoi(
    (cle) => {
      const corps = {
        territoires: etendue === 'territoires' ? territoires : [],
        jours: nombre(valeurs.jours),
        arriveesPour1000: nombre(valeurs.arriveesPour1000),
        partOrientes: nombre(valeurs.partOrientes),
        partRsa: nombre(valeurs.partRsa),
        partUrgence: nombre(valeurs.partUrgence),
        echantillon: nombre(valeurs.echantillon),
        graine: nombre(valeurs.graine),
        renforts: renforce ? [{ territoireId: renforce, referents: nombre(valeurs.referents) }] : [],
      } as DemandeSimulation;
      return api.post<Simulation>('/simulations', corps, { 'Idempotency-Key': cle });
    },
    lancee,
    'simulation-',
  );
  const options = organisation.territoires.map((t) => ({ valeur: t.id, libelle: t.nom }));
  const champ = (cle: keyof typeof valeurs, chemin: string, label: string, aide?: string) => (
    <ChampTexte
      {...envoi.champ(chemin)}
      label={label}
      aide={aide}
      obligatoire
      inputMode="text"
      valeur={valeurs[cle]}
      changer={(v) => {
        setValeurs((x) => ({ ...x, [cle]: v }));
        envoi.effacer(chemin);
      }}
    />
  );
  return (
    <Formulaire titre="Paramètres de la simulation" libelleEnvoi="Lancer la simulation" libelles={LIBELLES} {...envoi}>
      <BoutonsRadio
        id={envoi.idDe('etendue')}
        label="Étendue"
        obligatoire
        valeur={etendue}
        changer={(v) => setEtendue(v as typeof etendue)}
        options={[
          { valeur: 'territoires', libelle: 'Un ou deux territoires (jusqu’au plein volume)' },
          { valeur: 'departement', libelle: 'Tout le département (par échantillon, 25 % au plus)' },
        ]}
      />
      {etendue === 'territoires' && (
        <CasesACocher
          {...envoi.champ('territoires')}
          label={LIBELLES.territoires}
          obligatoire
          valeurs={territoires}
          changer={(v) => {
            setTerritoires(v);
            envoi.effacer('territoires');
          }}
          options={options}
        />
      )}
      {champ('jours', 'jours', LIBELLES.jours, 'De 10 à 365 jours.')}
      {champ('arriveesPour1000', 'arriveesPour1000', LIBELLES.arriveesPour1000, 'De 0,5 à 100.')}
      {champ('partOrientes', 'partOrientes', LIBELLES.partOrientes, 'De 0 à 1 (0,8 : huit sur dix).')}
      {champ('partRsa', 'partRsa', LIBELLES.partRsa, 'De 0 à 1.')}
      {champ('partUrgence', 'partUrgence', LIBELLES.partUrgence, 'De 0 à 1.')}
      {champ(
        'echantillon',
        'echantillon',
        LIBELLES.echantillon,
        'De 0,01 à 1 : 1 simule tout le volume (un ou deux territoires), 0,1 un dixième des arrivées, des débits et des capacités.',
      )}
      <fieldset className="groupe">
        <legend>Second scénario : renfort de référents</legend>
        <ListeDeroulante
          {...envoi.champ('renforts.0.territoireId')}
          label={LIBELLES['renforts.0.territoireId']}
          aide="Sans territoire choisi, le second scénario est un témoin identique au premier."
          valeur={renforce}
          changer={(v) => {
            setRenforce(v);
            envoi.effacer('renforts');
          }}
          options={options}
        />
        {champ('referents', 'renforts.0.referents', LIBELLES['renforts.0.referents'], 'De 1 à 20.')}
      </fieldset>
      {champ('graine', 'graine', LIBELLES.graine, 'Même graine et mêmes paramètres : mêmes personnes.')}
    </Formulaire>
  );
}

/** One table of the result: a row per item, scenario A beside scenario B. */
function CoteACote({
  legende,
  entete,
  lignes,
}: {
  legende: string;
  entete: string;
  lignes: { cle: string; libelle: string; a: string; b: string }[];
}) {
  return (
    <Tableau
      legende={legende}
      entetes={[entete, 'A : organisation actuelle', 'B : avec le renfort']}
      lignes={lignes.map((l) => ({ cle: l.cle, cellules: [l.libelle, l.a, l.b] }))}
    />
  );
}

/** Both scenarios side by side, for the département or one territoire. */
function Resultat({ resultat }: { resultat: ResultatSimulationEtSi }) {
  const [groupe, setGroupe] = useState('');
  const [a, b] = resultat.scenarios as [Scenario, Scenario];
  const nomDe = (g: string) => (g ? (resultat.territoires.find((t) => t.territoireId === g)?.nom ?? 'Territoire') : '');
  const regles = [...new Map(a.respectDelais.map((l) => [l.delai, l.libelleDelai])).entries()];
  const respect = (s: Scenario, d: string) =>
    pct(s.respectDelais.find((l) => l.delai === d && l.groupe === groupe)?.partDansDelai);
  const duree = (s: Scenario, e: string) => {
    const l = s.delaisEtapes.find((x) => x.etape === e && x.groupe === groupe);
    return l ? `${l.medianeJours ?? '—'} / ${l.p90Jours ?? '—'}` : '—';
  };
  const escalades = (s: Scenario, d: string) =>
    String(s.escalades.find((l) => l.delai === d && l.groupe === groupe)?.n ?? 0);
  const stock = (s: Scenario) => s.stock[groupe] ?? [];
  const mois = [...new Set(stock(a).map((l) => l.mois))];
  const enCours = (s: Scenario, m: string, e: string) =>
    stock(s).find((l) => l.mois === m && l.etape === e)?.enCours ?? 0;
  const points = mois.map((m) => ({
    mois: m,
    designationA: enCours(a, m, 'designation'),
    designationB: enCours(b, m, 'designation'),
    accompagnementA: enCours(a, m, 'accompagnement'),
    accompagnementB: enCours(b, m, 'accompagnement'),
  }));
  const ou = groupe ? nomDe(groupe) : 'département';
  return (
    <section aria-labelledby="resultat">
      <h2 id="resultat">Résultat : deux scénarios côte à côte</h2>
      <Alerte type="info" titre="Échelle de la simulation">
        <p>{resultat.echelle}</p>
      </Alerte>
      <p>
        De {resultat.du} à {resultat.au} : {a.parcours} parcours par scénario ; {a.actions} actions d’agents dans le
        scénario A, {b.actions} dans le scénario B ; calculé en {resultat.dureeSecondes} s.
      </p>
      <p>
        <strong>A</strong> : {a.nom}. <strong>B</strong> : {b.nom}.
      </p>
      <ListeDeroulante
        id="simulation-portee"
        label="Portée des résultats"
        valeur={groupe || 'departement'}
        changer={(v) => setGroupe(v === 'departement' ? '' : v)}
        options={[
          { valeur: 'departement', libelle: 'Département' },
          ...resultat.territoires.map((t) => ({ valeur: t.territoireId, libelle: t.nom })),
        ]}
      />
      <CoteACote
        legende={`Part des délais tenus (${ou})`}
        entete="Règle de délai"
        lignes={regles.map(([d, libelle]) => ({ cle: d, libelle, a: respect(a, d), b: respect(b, d) }))}
      />
      <CoteACote
        legende={`Durée médiane / 90e centile des étapes, en jours (${ou})`}
        entete="Étape"
        lignes={ETAPES_SUIVIES.map((e) => ({ cle: e, libelle: libelleEtape(e), a: duree(a, e), b: duree(b, e) }))}
      />
      <CoteACote
        legende={`Dépassements de délai, alertes au cadre (${ou})`}
        entete="Règle de délai"
        lignes={regles.map(([d, libelle]) => ({ cle: d, libelle, a: escalades(a, d), b: escalades(b, d) }))}
      />
      <h3>Stock en fin de mois ({ou})</h3>
      {mois.length ? (
        <>
          <Suspense fallback={<p className="discret">Chargement du graphique…</p>}>
            <GraphiqueStockSimulation points={points} titre={`Stock en fin de mois (${ou})`} />
          </Suspense>
          <Tableau
            legende={`Stock en fin de mois, en attente de référent et en accompagnement (${ou})`}
            entetes={[
              'Mois',
              'A : en attente de référent',
              'B : en attente de référent',
              'A : en accompagnement',
              'B : en accompagnement',
            ]}
            lignes={points.map((p) => ({
              cle: p.mois,
              cellules: [p.mois, p.designationA, p.designationB, p.accompagnementA, p.accompagnementB],
            }))}
          />
        </>
      ) : (
        <p>Le stock mois par mois est suivi pour le département et les territoires renforcés.</p>
      )}
    </section>
  );
}

/** A simulation chosen or just launched: its progress every second while it runs, then its result. */
function Suivi({ id, fin }: { id: string; fin: () => void }) {
  const { donnees: s, panne } = useSuivi<Simulation>(`/simulations/${id}`, finie, fin);
  if (!s) return <Chargement libelle="Lecture de la simulation…" />;
  return (
    <section aria-labelledby="suivi">
      <h2 id="suivi">
        Simulation du {dateHeure(s.creeLe)} : {LIBELLE_STATUT[s.statut].toLowerCase()}
      </h2>
      <p>Lancée par {s.lanceePar}.</p>
      {panne && (
        <Alerte type="avertissement" titre="Avancement momentanément indisponible">
          {panne} La simulation continue ; l’écran réessaie.
        </Alerte>
      )}
      {s.erreur && (
        <Alerte type="erreur" titre="La simulation n’a pas abouti">
          {s.erreur}
        </Alerte>
      )}
      {EN_COURS.includes(s.statut) && (
        <p role="status">
          La simulation tourne sur le serveur : vous pouvez quitter cette page et revenir plus tard. Avancement :
        </p>
      )}
      {s.journal.length > 0 && (
        <details open={EN_COURS.includes(s.statut)}>
          <summary>Journal de la simulation ({s.journal.length} lignes)</summary>
          <ol role="log" className="journal-simulation">
            {s.journal.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ol>
        </details>
      )}
      {s.resultat && <Resultat resultat={s.resultat} />}
    </section>
  );
}

/** The direction and administrators: what a staffing change would do to the délais, two scenarios side by side. */
export default function SimulationEtSi() {
  const organisation = useDonnees<Organisation>('/organisation');
  const simulations = useDonnees<SimulationsEtSi>('/simulations');
  const [choisie, setChoisie] = useState<string | null>(null);
  const { recharger } = simulations;
  const fin = useCallback(() => recharger(), [recharger]);
  const noms = new Map(organisation.etat === 'ok' ? organisation.donnees.territoires.map((t) => [t.id, t.nom]) : []);
  return (
    <>
      <h1>Simulation « et si »</h1>
      <p>
        Deux organisations comparées sur les vrais parcours : les mêmes personnes arrivent dans les deux scénarios
        (tirées de la population des communes), les agents simulés agissent par les étapes des parcours quand ils ont du
        temps et de la place, les relances et les escalades viennent des délais du département. Le second scénario
        ajoute des référents à un territoire. Une simulation à la fois pour le département ; elle tourne sur le serveur
        pendant quelques secondes à quelques dizaines de minutes selon son étendue.
      </p>
      <Donnees etat={organisation} libelleChargement="Chargement des territoires…">
        {(o) => (
          <Parametres
            organisation={o}
            lancee={(s) => {
              setChoisie(s.id);
              recharger();
            }}
          />
        )}
      </Donnees>
      {choisie && <Suivi key={choisie} id={choisie} fin={fin} />}
      <section aria-labelledby="precedentes">
        <h2 id="precedentes">Simulations précédentes</h2>
        <Donnees etat={simulations} vide={(d) => d.items.length === 0} messageVide="Aucune simulation pour l’instant.">
          {(d) => (
            <Tableau
              legende="Simulations précédentes"
              legendeCachee
              entetes={['Lancée le', 'Par', 'Étendue', 'Renfort', 'État', 'Résultat']}
              lignes={d.items.map((s) => ({
                cle: s.id,
                cellules: [
                  dateHeure(s.creeLe),
                  s.lanceePar,
                  portee(s.parametres, noms),
                  s.parametres.renforts
                    .map((r) => `+${r.referents} à ${noms.get(r.territoireId) ?? 'territoire'}`)
                    .join(', ') || 'aucun',
                  LIBELLE_STATUT[s.statut],
                  <Bouton key="voir" variante="discret" petit onPress={() => setChoisie(s.id)}>
                    {`Voir la simulation du ${dateHeure(s.creeLe)}`}
                  </Bouton>,
                ],
              }))}
            />
          )}
        </Donnees>
      </section>
    </>
  );
}
