import { useState } from 'react';
import { Donnees, useDonnees } from '../composants/Donnees';
import { useEnvoi } from '../composants/Formulaire';
import { Bouton, BoutonsRadio, CaseACocher, ChampTexte, ListeDeroulante, Tableau } from '../composants/ui';
import { ImportAvecApercu, LignesApercu } from '../composants/ImportAvecApercu';
import { ChoixCommune } from '../composants/ChoixCommune';
import type { CommuneTrouvee } from '../api/contrat';
import { BoutonModifier, EditionAdministree, EtatActif } from '../composants/EditionAdministree';
import { api, requete } from '../api/client';
import { identifiantLisible } from '../api/organisation';
import type { ApercuImportLieux, LieuAdministre, LieuxAdministres } from '../api/contrat';
import { LIBELLE_TYPE_LIEU, TYPES_LIEU } from '../../../domain/organisation/referentiel';
import { libelleSource, nombre } from '../libelles';
import {
  FORMATS_LISTE_LIEUX,
  LIBELLE_FORMAT_LISTE,
  type FormatListeLieux,
} from '../../../domain/organisation/listes-lieux';
import { JOURS_OUVERTURE } from '../../../domain/organisation/lieux';
import { ImportCommunes } from './ImportCommunes';

type Jour = (typeof JOURS_OUVERTURE)[number];
const LIBELLE_JOUR: Record<Jour, string> = {
  lundi: 'Lundi',
  mardi: 'Mardi',
  mercredi: 'Mercredi',
  jeudi: 'Jeudi',
  vendredi: 'Vendredi',
  samedi: 'Samedi',
};
const LIBELLES_CHAMPS: Record<string, string> = {
  type: 'Type',
  nom: 'Nom',
  adresse: 'Adresse',
  communeCode: 'Commune',
  latitude: 'Latitude',
  longitude: 'Longitude',
  horaires: 'Horaires',
  telephone: 'Téléphone',
  email: 'Adresse électronique',
  actif: 'Lieu actif',
  source: 'Origine',
  ...Object.fromEntries(JOURS_OUVERTURE.map((j) => [`horaires.${j}`, `Horaires du ${j}`])),
};
const FORMATS: Record<string, (v: unknown) => string> = {
  actif: (v) => (v ? 'actif' : 'désactivé'),
  type: (v) => LIBELLE_TYPE_LIEU[v as keyof typeof LIBELLE_TYPE_LIEU] ?? String(v),
  latitude: (v) => String(v),
  longitude: (v) => String(v),
  horaires: (v) =>
    Object.entries(v as Record<string, string>)
      .filter(([, h]) => h)
      .map(([j, h]) => `${j} ${h}`)
      .join(', ') || 'aucun',
};

interface Saisie {
  type: string;
  nom: string;
  adresse: string;
  commune: CommuneTrouvee | null;
  latitude: string;
  longitude: string;
  horaires: Record<Jour, string>;
  telephone: string;
  email: string;
  actif: boolean;
}
const sansHoraires = Object.fromEntries(JOURS_OUVERTURE.map((j) => [j, ''])) as Record<Jour, string>;
const saisieDe = (l: LieuAdministre): Saisie => ({
  type: l.type,
  nom: l.nom,
  adresse: l.adresse ?? '',
  commune: { code: l.communeCode, nom: l.commune, codesPostaux: [], territoire: null, equipe: null },
  latitude: String(l.latitude),
  longitude: String(l.longitude),
  horaires: { ...sansHoraires, ...l.horaires },
  telephone: l.telephone ?? '',
  email: l.email ?? '',
  actif: l.actif,
});
/** Empty means "none"; a number as typed (decimal comma accepted); anything else is sent for the API to name. */
const nombreOuTexte = (v: string) => {
  const t = v.trim().replace(',', '.');
  return t === '' ? null : Number.isFinite(Number(t)) ? Number(t) : t;
};
const ouNull = (v: string) => v.trim() || null;

function FormulaireLieu({
  lieu,
  commune,
  fini,
}: {
  lieu: LieuAdministre | null;
  commune: CommuneTrouvee | null;
  fini: () => void;
}) {
  const [s, setS] = useState<Saisie>(
    lieu
      ? saisieDe(lieu)
      : {
          type: 'ccas',
          nom: '',
          adresse: '',
          commune,
          latitude: '',
          longitude: '',
          horaires: sansHoraires,
          telephone: '',
          email: '',
          actif: true,
        },
  );
  const envoi = useEnvoi(
    () => {
      const corps = {
        type: s.type,
        nom: s.nom,
        adresse: ouNull(s.adresse),
        communeCode: s.commune?.code ?? '',
        latitude: nombreOuTexte(s.latitude),
        longitude: nombreOuTexte(s.longitude),
        horaires: s.horaires,
        telephone: ouNull(s.telephone),
        email: ouNull(s.email),
      };
      return lieu
        ? api.patch<LieuAdministre>(`/administration/sites/${lieu.id}`, { ...corps, actif: s.actif })
        : api.post<LieuAdministre>('/administration/sites', { id: identifiantLisible(s.nom), ...corps });
    },
    () => fini(),
  );
  const changer =
    <K extends keyof Saisie>(k: K, champ: string = k) =>
    (v: Saisie[K]) => {
      envoi.effacer(champ);
      setS((x) => ({ ...x, [k]: v }));
    };
  const titre = lieu ? `Modifier ${lieu.nom}` : 'Ajouter un lieu d’accueil';
  return (
    <EditionAdministree
      id="titre-formulaire-lieu"
      titre={titre}
      envoi={envoi}
      libelleEnvoi={lieu ? 'Enregistrer les modifications' : 'Ajouter le lieu'}
      libelles={LIBELLES_CHAMPS}
      formats={FORMATS}
      historique={lieu ? `/administration/sites/${lieu.id}/historique` : null}
      fini={fini}
    >
      <ListeDeroulante
        {...envoi.champ('type')}
        label="Type"
        obligatoire
        valeur={s.type}
        changer={changer('type')}
        options={TYPES_LIEU.map((t) => ({ valeur: t, libelle: LIBELLE_TYPE_LIEU[t] }))}
      />
      <ChampTexte {...envoi.champ('nom')} label="Nom" obligatoire valeur={s.nom} changer={changer('nom')} />
      <ChampTexte {...envoi.champ('adresse')} label="Adresse" valeur={s.adresse} changer={changer('adresse')} />
      <ChoixCommune
        {...envoi.champ('communeCode')}
        label="Commune"
        obligatoire
        commune={s.commune}
        // Another commune: its point, unless coordinates are typed again.
        choisir={(c) => setS((x) => ({ ...x, commune: c, latitude: '', longitude: '' }))}
        effacer={() => envoi.effacer('communeCode')}
      />
      {(['latitude', 'longitude'] as const).map((k) => (
        <ChampTexte
          key={k}
          {...envoi.champ(k)}
          label={LIBELLES_CHAMPS[k]!}
          aide={`En degrés décimaux (${k === 'latitude' ? '47,90' : '1,90'}). Vide : le centre de la commune.`}
          valeur={s[k]}
          changer={changer(k)}
        />
      ))}
      <fieldset>
        <legend>Horaires d’ouverture</legend>
        {JOURS_OUVERTURE.map((j) => (
          <ChampTexte
            key={j}
            {...envoi.champ(`horaires.${j}`)}
            label={LIBELLE_JOUR[j]}
            aide={j === 'lundi' ? 'Par exemple « 9h-12h / 14h-17h » ; vide si fermé.' : undefined}
            valeur={s.horaires[j]}
            changer={(v) => {
              envoi.effacer(`horaires.${j}`);
              setS((x) => ({ ...x, horaires: { ...x.horaires, [j]: v } }));
            }}
          />
        ))}
      </fieldset>
      <ChampTexte
        {...envoi.champ('telephone')}
        label="Téléphone"
        type="tel"
        valeur={s.telephone}
        changer={changer('telephone')}
      />
      <ChampTexte
        {...envoi.champ('email')}
        label="Adresse électronique"
        type="email"
        valeur={s.email}
        changer={changer('email')}
      />
      {lieu && (
        <CaseACocher
          {...envoi.champ('actif')}
          coche={s.actif}
          changer={changer('actif')}
          aide="Décoché : le lieu n’est plus proposé à l’accueil ni compté dans la couverture."
        >
          Lieu actif
        </CaseACocher>
      )}
    </EditionAdministree>
  );
}

const ISSUES: Record<ApercuImportLieux['details'][number]['issue'], string> = {
  ajout: 'Ajouté',
  modification: 'Modifié',
  inchange: 'Inchangé',
  erreur: 'Refusé',
  hors_departement: 'Autre département',
};
const bilanImport = (p: ApercuImportLieux['parIssue']) =>
  [
    nombre(p.ajout, 'lieu ajouté', 'lieux ajoutés'),
    nombre(p.modification, 'lieu modifié', 'lieux modifiés'),
    nombre(p.inchange, 'inchangé', 'inchangés'),
    nombre(p.erreur, 'ligne refusée', 'lignes refusées'),
    ...(p.hors_departement
      ? [nombre(p.hors_departement, 'lieu d’un autre département', 'lieux d’autres départements')]
      : []),
  ].join(', ');

/** An official list (ANCT France services, the département's own): checked first, then applied at once. */
function ImportListe({ fini }: { fini: () => void }) {
  const [format, setFormat] = useState<FormatListeLieux>('departement');
  return (
    <ImportAvecApercu<ApercuImportLieux>
      id="import-lieux"
      titre="Importer une liste de lieux"
      chemin="/administration/sites/import"
      champs={{ format }}
      bilan={(a) => bilanImport(a.parIssue)}
      detail={(a) => (
        <LignesApercu
          legende="Lignes ajoutées, modifiées ou refusées"
          objet="Lieu"
          lignes={a.details}
          issues={ISSUES}
          changements={(d) => d.changements.map((c) => LIBELLES_CHAMPS[c] ?? c).join(', ')}
        />
      )}
      application="Tous les changements sont enregistrés ensemble, chacun dans l’historique du lieu ; les lignes refusées ne le sont pas."
      titreSucces="Liste importée"
      succes={(a) => `${bilanImport(a.parIssue)}.`}
      fini={fini}
    >
      {(champ) => (
        <>
          <p>
            Liste nationale des France services (fichier CSV de l’ANCT, ses noms de colonnes), ou liste des sites du
            département (CSV ou XLSX ; colonnes Type, Nom, Code INSEE, et au choix Identifiant, Adresse, Latitude,
            Longitude, Lundi à Samedi, Téléphone, Courriel). Le fichier est d’abord vérifié : rien n’est enregistré
            avant la confirmation.
          </p>
          <BoutonsRadio
            {...champ('format')}
            label="Liste"
            obligatoire
            valeur={format}
            changer={(v) => setFormat(v as FormatListeLieux)}
            options={FORMATS_LISTE_LIEUX.map((f) => ({ valeur: f, libelle: LIBELLE_FORMAT_LISTE[f] }))}
          />
        </>
      )}
    </ImportAvecApercu>
  );
}

/** The commune named in the address (`?commune=<code>`, from the coverage map's "save this site"). */
function useCommuneDemandee(): CommuneTrouvee | null | undefined {
  const code = new URLSearchParams(window.location.search).get('commune');
  const c = useDonnees<{ items: CommuneTrouvee[] }>(code ? `/communes${requete({ code })}` : null);
  if (!code) return null;
  return c.etat === 'ok' ? (c.donnees.items[0] ?? null) : undefined;
}

/** Administrators' screen of the lieux d'accueil: every kind of site, added, changed, deactivated. */
export default function AdministrationSites() {
  const lieux = useDonnees<LieuxAdministres>('/administration/sites');
  const demandee = useCommuneDemandee();
  const [edition, setEdition] = useState<LieuAdministre | 'nouveau' | null>(null);
  const [importer, setImporter] = useState<'lieux' | 'communes' | null>(null);
  const fini = () => {
    setEdition(null);
    if (window.location.search) window.history.replaceState(null, '', window.location.pathname);
    lieux.recharger();
  };
  const formulaire = edition ?? (demandee ? 'nouveau' : null);
  return (
    <>
      <h1>Lieux d’accueil</h1>
      <p>
        Sites du département, CCAS, France services et partenaires : ils sont proposés à l’accueil (les plus proches de
        la commune de la personne) et comptés dans la couverture. Chaque changement est enregistré avec son auteur et sa
        date ; un lieu désactivé n’est plus compté nulle part.
      </p>
      {formulaire === null && demandee !== undefined && (
        <p>
          <Bouton onPress={() => setEdition('nouveau')}>Ajouter un lieu d’accueil</Bouton>{' '}
          {importer !== 'lieux' && (
            <Bouton variante="secondaire" onPress={() => setImporter('lieux')}>
              Importer une liste
            </Bouton>
          )}{' '}
          {importer !== 'communes' && (
            <Bouton variante="secondaire" onPress={() => setImporter('communes')}>
              Importer un fichier des communes
            </Bouton>
          )}
        </p>
      )}
      {importer === 'lieux' && <ImportListe fini={lieux.recharger} />}
      {importer === 'communes' && <ImportCommunes fini={lieux.recharger} />}
      {formulaire !== null && (
        <FormulaireLieu
          key={formulaire === 'nouveau' ? 'nouveau' : formulaire.id}
          lieu={formulaire === 'nouveau' ? null : formulaire}
          commune={demandee ?? null}
          fini={fini}
        />
      )}
      <Donnees etat={lieux} vide={(d) => d.lieux.length === 0} messageVide="Aucun lieu d’accueil.">
        {(d) => (
          <Tableau
            legende={`Lieux d’accueil du département (${d.lieux.length})`}
            entetes={['Lieu', 'Type', 'Commune', 'Origine des données', 'État', 'Action']}
            lignes={d.lieux.map((l) => ({
              cle: l.id,
              cellules: [
                l.nom,
                LIBELLE_TYPE_LIEU[l.type],
                l.commune,
                libelleSource(l.source),
                <EtatActif key="etat" actif={l.actif} />,
                <BoutonModifier key="modifier" nom={l.nom} modifier={() => setEdition(l)} />,
              ],
            }))}
          />
        )}
      </Donnees>
    </>
  );
}
