import { useState } from 'react';
import { Donnees, useDonnees } from '../composants/Donnees';
import { Formulaire, useEnvoi } from '../composants/Formulaire';
import { Alerte, BoutonsRadio, Bouton, ChampTexte, LienBouton, Tableau } from '../composants/ui';
import { ChoixCommune } from '../composants/ChoixCommune';
import type { CommuneTrouvee } from '../api/contrat';
import { CarteCouverture, classeDe } from '../composants/CarteCouverture';
import { api, requete } from '../api/client';
import type { CarteCouverture as Carte, ResultatSimulationCouverture } from '../api/contrat';
import { useSession } from '../session';

const km = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('fr-FR')} km`);
type Resume = Carte['resume'];

function Chiffres({ resume, limiteKm }: { resume: Resume; limiteKm: number }) {
  return (
    <>
      <strong>
        {resume.horsPortee} commune{resume.horsPortee > 1 ? 's' : ''} sur {resume.communes}
      </strong>{' '}
      à plus de {km(limiteKm)} d’un lieu d’accueil ; distance moyenne au plus proche {km(resume.distanceMoyenneKm)}, la
      plus grande {km(resume.pireDistanceKm)}.
    </>
  );
}

/** "What if we add a site here": a commune chosen by name (or on the map), the figure before and after. */
function Simulation({
  commune,
  choisir,
  parametres,
  resultat,
  calcule,
}: {
  commune: CommuneTrouvee | null;
  choisir: (c: CommuneTrouvee | null) => void;
  parametres: { limiteKm: number; sources: string };
  resultat: ResultatSimulationCouverture | null;
  calcule: (r: ResultatSimulationCouverture | null) => void;
}) {
  const session = useSession();
  const envoi = useEnvoi(
    () =>
      api.post<ResultatSimulationCouverture>('/couverture/simulation', {
        communeCode: commune?.code ?? '',
        ...parametres,
      }),
    calcule,
  );
  return (
    <section aria-labelledby="titre-simulation" className="panneau">
      <h2 id="titre-simulation">Et si l’on ajoutait un lieu ici ?</h2>
      <p>
        Choisir une commune (par son nom, ou en cliquant sur son point) : la couverture est calculée avec un lieu
        d’accueil de plus en son centre, sans rien enregistrer.
      </p>
      <Formulaire
        titre="Simuler un lieu d’accueil"
        {...envoi}
        libelleEnvoi="Calculer la couverture avec ce lieu"
        libelles={{ communeCode: 'Commune' }}
      >
        <ChoixCommune
          key={commune?.code ?? 'aucune'}
          {...envoi.champ('communeCode')}
          label="Commune où envisager un lieu"
          commune={commune}
          choisir={(c) => {
            choisir(c);
            calcule(null);
          }}
          effacer={() => envoi.effacer('communeCode')}
        />
      </Formulaire>
      {resultat && commune && (
        <div aria-live="polite">
          <Alerte type="info" titre={`Avec un lieu d’accueil à ${commune.nom}`}>
            <p>
              Avant : <Chiffres resume={resultat.avant} limiteKm={resultat.apres.limiteKm} />
            </p>
            <p>
              Après : <Chiffres resume={resultat.apres.resume} limiteKm={resultat.apres.limiteKm} />
            </p>
            <p>
              {resultat.communesGagnees.length
                ? `Désormais à portée : ${resultat.communesGagnees.map((c) => c.nom).join(', ')}.`
                : 'Aucune commune ne passe à portée.'}
            </p>
          </Alerte>
          {session?.roles.includes('administrateur') && (
            <LienBouton vers={`/gestion/sites${requete({ commune: commune.code })}`}>
              Enregistrer un lieu d’accueil à {commune.nom}
            </LienBouton>
          )}{' '}
          <Bouton variante="secondaire" onPress={() => calcule(null)}>
            Effacer la simulation
          </Bouton>
        </div>
      )}
    </section>
  );
}

/** Cadres' and administrators' map of the coverage: every commune against the distance limit, and "what if". */
export default function Couverture() {
  const [limite, setLimite] = useState('');
  const [sources, setSources] = useState<'toutes' | 'reelles'>('toutes');
  const [parametres, setParametres] = useState<{ limiteKm?: number; sources: 'toutes' | 'reelles' }>({
    sources: 'toutes',
  });
  const carte = useDonnees<Carte>(`/couverture/carte${requete(parametres)}`);
  const [commune, setCommune] = useState<CommuneTrouvee | null>(null);
  const [resultat, setResultat] = useState<ResultatSimulationCouverture | null>(null);
  const afficher = useEnvoi(
    async () => {
      const limiteKm = limite.trim() === '' ? undefined : Number(limite.replace(',', '.'));
      // The same checks as the API's (sent as typed, it names what is wrong on the field).
      await api.get<Carte>(`/couverture/carte${requete({ limiteKm: limite.trim() || undefined, sources })}`);
      return { limiteKm, sources };
    },
    (p) => {
      setResultat(null);
      setParametres(p);
    },
  );
  return (
    <>
      <h1>Couverture du département</h1>
      <p>
        Chaque commune est placée à son centre et colorée selon la distance, à vol d’oiseau, au lieu d’accueil actif le
        plus proche. Les communes au-delà de la distance limite sont aussi listées dans le tableau sous la carte.
      </p>
      <Formulaire
        titre="Paramètres de la carte"
        {...afficher}
        libelleEnvoi="Afficher la carte"
        libelles={{ limiteKm: 'Distance limite' }}
      >
        <ChampTexte
          {...afficher.champ('limiteKm')}
          label="Distance limite (km)"
          aide="Vide : la limite configurée pour le département."
          inputMode="numeric"
          valeur={limite}
          changer={(v) => {
            afficher.effacer('limiteKm');
            setLimite(v);
          }}
        />
        <BoutonsRadio
          {...afficher.champ('sources')}
          label="Lieux comptés"
          valeur={sources}
          changer={(v) => setSources(v as 'toutes' | 'reelles')}
          options={[
            { valeur: 'toutes', libelle: 'Tous les lieux actifs' },
            { valeur: 'reelles', libelle: 'Sans les données d’amorçage fictives' },
          ]}
        />
      </Formulaire>
      <Donnees etat={carte} libelleChargement="Calcul de la couverture…">
        {(c) => {
          const affichee = resultat?.apres ?? c;
          const hors = affichee.communes
            .filter((x) => classeDe(x.distanceKm, affichee.limiteKm) === 'hors')
            .sort((a, b) => (b.distanceKm ?? Infinity) - (a.distanceKm ?? Infinity));
          return (
            <>
              <p id="chiffre-couverture">
                {resultat ? 'Avec le lieu envisagé : ' : ''}
                <Chiffres resume={affichee.resume} limiteKm={affichee.limiteKm} />
              </p>
              <p>
                Lieux comptés : {c.lieuxComptes.map((s) => `${s.libelle} : ${s.lieux}`).join(' ; ') || 'aucun'}
                {resultat ? ' ; et le lieu envisagé' : ''}.
              </p>
              <CarteCouverture
                carte={affichee}
                choisie={commune?.code ?? null}
                choisir={(x) => {
                  setCommune({ code: x.code, nom: x.nom, codesPostaux: [], territoire: null, equipe: null });
                  setResultat(null);
                }}
              />
              <Simulation
                commune={commune}
                choisir={setCommune}
                parametres={{ limiteKm: c.limiteKm, sources: c.sources }}
                resultat={resultat}
                calcule={setResultat}
              />
              {hors.length ? (
                <Tableau
                  legende={`Communes à plus de ${km(affichee.limiteKm)} d’un lieu d’accueil (${hors.length})`}
                  entetes={['Commune', 'Distance', 'Lieu le plus proche']}
                  lignes={hors.map((x) => ({
                    cle: x.code,
                    cellules: [x.nom, km(x.distanceKm), x.lieuLePlusProche ?? '—'],
                  }))}
                />
              ) : (
                <p>Toutes les communes ont un lieu d’accueil à {km(affichee.limiteKm)} au plus.</p>
              )}
            </>
          );
        }}
      </Donnees>
    </>
  );
}
