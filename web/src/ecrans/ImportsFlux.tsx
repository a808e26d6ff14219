import { useCallback, useState } from 'react';
import { Label, ProgressBar } from 'react-aria-components';
import { api } from '../api/client';
import type { ApercuFlux, ImportFlux, ImportsFlux as ListeImports } from '../api/contrat';
import { importFini } from '../../../domain/flux/ligne';
import { Chargement, Donnees, useDonnees, useSuivi } from '../composants/Donnees';
import { Formulaire, useEnvoi } from '../composants/Formulaire';
import { ChoixFichier, lireFichier, type Fichier } from '../composants/ChoixFichier';
import { Alerte, ListeDeroulante, Tableau } from '../composants/ui';
import { dateHeure, nombre } from '../libelles';
import { LIBELLES_SOURCE, SOURCES_FLUX, type SourceFlux } from '../../../domain/flux/sources';

const bilan = (p: ApercuFlux['parIssue']) =>
  [
    nombre(p.creee, 'nouvelle personne', 'nouvelles personnes'),
    nombre(p.mise_a_jour, 'mise à jour', 'mises à jour'),
    nombre(p.inchangee, 'déjà suivie sans changement', 'déjà suivies sans changement'),
    nombre(p.rejetee, 'ligne refusée', 'lignes refusées'),
  ].join(', ');

function Erreurs({ erreurs }: { erreurs: ApercuFlux['erreurs'] }) {
  if (!erreurs.length) return null;
  return (
    <Tableau
      legende={`Lignes refusées (${erreurs.length === 200 ? 'les 200 premières' : erreurs.length})`}
      entetes={['Ligne', 'Colonne', 'Problème']}
      lignes={erreurs.map((e, i) => ({ cle: `${e.rang}-${i}`, cellules: [e.rang, e.champ, e.message] }))}
    />
  );
}

/** An import running: its progress, every second, until its report. */
function Avancement({ id, fin }: { id: string; fin: () => void }) {
  const { donnees: i, panne } = useSuivi<ImportFlux>(`/imports/flux/${id}`, importFini, fin);
  if (!i) return <Chargement libelle="Lancement de l’import…" />;
  const faites = i.total - i.parIssue.en_attente;
  return (
    <section aria-labelledby="avancement">
      <h2 id="avancement">{importFini(i) ? 'Import terminé' : 'Import en cours'}</h2>
      <ProgressBar className="progression" value={faites} maxValue={Math.max(i.total, 1)}>
        {({ valueText }) => (
          <>
            <Label>
              {faites} sur {nombre(i.total, 'ligne traitée', 'lignes traitées')}
            </Label>
            <span className="visuellement-cache">{valueText}</span>
            <div className="progression-piste" aria-hidden="true">
              <div className="progression-barre" style={{ width: `${(faites / Math.max(i.total, 1)) * 100}%` }} />
            </div>
          </>
        )}
      </ProgressBar>
      <p role="status">{bilan(i.parIssue)}.</p>
      {i.parcoursEnOuverture > 0 && (
        <p>{nombre(i.parcoursEnOuverture, 'parcours en cours d’ouverture', 'parcours en cours d’ouverture')}.</p>
      )}
      {panne && (
        <Alerte type="avertissement" titre="Avancement momentanément indisponible">
          {panne} L’import continue ; l’écran réessaie.
        </Alerte>
      )}
      {importFini(i) && (
        <p>Terminé le {dateHeure(i.termineLe)}. Les parcours ouverts sont dans les listes des équipes.</p>
      )}
      <Erreurs erreurs={i.erreurs} />
    </section>
  );
}

/** Direction and administrators: import the lists of RSA beneficiaries (CAF, MSA) and of France Travail. */
export default function ImportsFlux() {
  const [source, setSource] = useState<SourceFlux>('caf');
  const [fichier, setFichier] = useState<Fichier | null>(null);
  const [apercu, setApercu] = useState<ApercuFlux | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const imports = useDonnees<ListeImports>('/imports/flux');
  const { recharger } = imports;
  const termine = useCallback(() => recharger(), [recharger]);
  const corps = () => ({ source, ...fichier! });
  // One key per decision to import (useEnvoi): a second click or a retry designates the same import; a file
  // checked again is another decision.
  const lancement = useEnvoi(
    (cle) => api.post<ImportFlux>('/imports/flux', corps(), { 'Idempotency-Key': cle }),
    (i) => setImportId(i.id),
  );
  const verification = useEnvoi(
    () => api.post<ApercuFlux>('/imports/flux/apercu', corps()),
    (a) => {
      setApercu(a);
      lancement.nouvelleIntention();
    },
  );
  const changerFichier = async (f: File | undefined) => {
    setApercu(null);
    setImportId(null);
    setFichier(f ? await lireFichier(f) : null);
  };

  return (
    <>
      <h1>Importer une liste de bénéficiaires</h1>
      <p>
        Les listes de la CAF et de la MSA (bénéficiaires du RSA) ou de France Travail ouvrent un parcours pour chaque
        personne qui n’est pas déjà suivie, dans l’équipe de sa commune ; le délai d’orientation du RSA court depuis
        l’ouverture du droit. Une personne déjà connue est reconnue par son numéro d’allocataire, ou par son nom et sa
        date de naissance. Importer deux fois le même fichier ne change rien.
      </p>
      <Formulaire
        titre="Vérifier le fichier"
        libelleEnvoi="Vérifier le fichier"
        libelles={{ source: 'Source', contenu: 'Fichier', nomFichier: 'Fichier' }}
        {...verification}
      >
        <ListeDeroulante
          {...verification.champ('source')}
          label="Source de la liste"
          obligatoire
          valeur={source}
          changer={(v) => {
            setSource(v as SourceFlux);
            setApercu(null);
          }}
          options={SOURCES_FLUX.map((s) => ({ valeur: s, libelle: LIBELLES_SOURCE[s] }))}
        />
        <ChoixFichier fichier={fichier} changer={(f) => void changerFichier(f)} />
      </Formulaire>

      {apercu && !importId && (
        <section aria-labelledby="apercu">
          <h2 id="apercu">Ce que l’import fera</h2>
          {apercu.colonnesManquantes.length > 0 && (
            <Alerte type="erreur" titre="Colonnes requises absentes">
              Colonnes attendues : {apercu.colonnesManquantes.join(', ')}. Vérifiez la source choisie ou le fichier.
            </Alerte>
          )}
          {apercu.dejaImporteLe && (
            <Alerte type="avertissement" titre="Fichier déjà importé">
              Ce même fichier a été importé le {dateHeure(apercu.dejaImporteLe)}.
            </Alerte>
          )}
          <p>
            {nombre(apercu.lignes, 'ligne', 'lignes')} : {bilan(apercu.parIssue)}.
          </p>
          <Erreurs erreurs={apercu.erreurs} />
          {apercu.colonnesManquantes.length === 0 && (
            <Formulaire titre="Importer" libelleEnvoi="Importer la liste" {...lancement}>
              <p>Les lignes refusées ne sont pas importées ; elles pourront l’être après correction du fichier.</p>
            </Formulaire>
          )}
        </section>
      )}

      {importId && <Avancement id={importId} fin={termine} />}

      <section aria-labelledby="derniers">
        <h2 id="derniers">Derniers imports</h2>
        <Donnees etat={imports} vide={(d) => d.imports.length === 0} messageVide="Aucun import pour l’instant.">
          {(d) => (
            <Tableau
              legende="Derniers imports"
              legendeCachee
              entetes={['Date', 'Source', 'Fichier', 'Lignes', 'Résultat']}
              lignes={d.imports.map((i) => ({
                cle: i.id,
                cellules: [
                  dateHeure(i.creeLe),
                  LIBELLES_SOURCE[i.source],
                  i.nomFichier,
                  i.total,
                  importFini(i) ? bilan(i.parIssue) : 'En cours',
                ],
              }))}
            />
          )}
        </Donnees>
      </section>
    </>
  );
}
