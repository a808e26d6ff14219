import { useMemo, useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { api } from '../api/client';
import type { DomaineBesoin } from '../../../domain/parcours/etapes';
import type { Parcours, Usager } from '../api/contrat';
import { useDonnees } from '../composants/Donnees';
import { Formulaire, idChamp, useEnvoi } from '../composants/Formulaire';
import { DOMAINES_BESOIN, LIBELLE_DOMAINE } from '../libelles';
import { lien, useChemin } from '../navigation';
import { CHEMINS, nomEquipe, nomTerritoire, type LieuProche, type Organisation } from '../api/organisation';
import { LieuxProches } from '../composants/LieuxProches';

const LIBELLES: Record<string, string> = {
  'usager.nom': 'Nom',
  'usager.prenom': 'Prénom',
  'usager.dateNaissance': 'Date de naissance',
  'usager.communeCode': 'Commune de résidence',
  'usager.telephone': 'Téléphone',
  'usager.email': 'Adresse électronique',
  'accueil.besoins': 'Besoins',
  'accueil.consentement': 'Consentement',
  'accueil.lieuAccueilId': 'Lieu d’accueil',
  'accueil.droitRsaOuvertLe': 'Ouverture du droit RSA',
  usagerId: 'Usager',
};

const sansVide = <T extends Record<string, string>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v.trim() !== '')) as Partial<T>;

/** Premier accueil: records who, where, which needs; creates the usager (if new) and opens the parcours. */
export function PremierAccueil() {
  const chemin = useChemin();
  const usagerConnuId = new URLSearchParams(chemin.split('?')[1] ?? '').get('usagerId');
  const usagerConnu = useDonnees<Usager>(usagerConnuId ? `/usagers/${usagerConnuId}` : null);
  const [identite, setIdentite] = useState({
    nom: '',
    prenom: '',
    dateNaissance: '',
    communeCode: '',
    telephone: '',
    email: '',
  });
  const [besoins, setBesoins] = useState<Partial<Record<DomaineBesoin, string>>>({});
  const [urgence, setUrgence] = useState(false);
  const [consentement, setConsentement] = useState(false);
  const [lieuAccueilId, setLieu] = useState('');
  const [droitRsaOuvertLe, setDroitRsa] = useState('');
  const cle = useMemo(() => `accueil-${crypto.randomUUID()}`, []);
  const [ouvert, setOuvert] = useState<Parcours | null>(null);
  const commune =
    identite.communeCode.trim() || (usagerConnu.etat === 'ok' ? (usagerConnu.donnees.communeCode ?? '') : '');
  const lieux = useDonnees<{ lieux: LieuProche[] }>(
    /^(\d{5}|2[AB]\d{3})$/.test(commune) ? `/communes/${commune}/lieux-accueil?n=10` : null,
  );
  const listeLieux = lieux.etat === 'ok' ? lieux.donnees.lieux : [];

  const { envoi, erreur, soumettre, etatChamp } = useEnvoi(
    () =>
      api.post<Parcours>(
        '/parcours',
        {
          ...(usagerConnuId ? { usagerId: usagerConnuId } : { usager: sansVide(identite) }),
          accueil: {
            besoins: Object.entries(besoins).map(([domaine, precision]) => ({
              domaine,
              ...(precision?.trim() ? { precision: precision.trim() } : {}),
            })),
            urgence,
            consentement,
            ...(lieuAccueilId ? { lieuAccueilId } : {}),
            ...(droitRsaOuvertLe ? { droitRsaOuvertLe } : {}),
          },
        },
        { 'Idempotency-Key': cle },
      ),
    (p) => {
      setOuvert(p);
      window.scrollTo(0, 0);
    },
  );

  if (ouvert)
    return (
      <AccueilEnregistre
        parcours={ouvert}
        communeCode={identite.communeCode || (usagerConnu.etat === 'ok' ? usagerConnu.donnees.communeCode : undefined)}
      />
    );

  const champIdentite = (
    nom: keyof typeof identite,
    label: string,
    props: React.InputHTMLAttributes<HTMLInputElement> = {},
    hintText?: string,
  ) => (
    <Input
      label={label}
      hintText={hintText}
      {...etatChamp(`usager.${nom}`)}
      nativeInputProps={{
        id: idChamp(`usager.${nom}`),
        name: nom,
        value: identite[nom],
        onChange: (e) => setIdentite({ ...identite, [nom]: e.target.value }),
        ...props,
      }}
    />
  );

  return (
    <>
      <h1>Premier accueil</h1>
      <p>
        Accueil inconditionnel : toute personne, sur tout lieu d’accueil. Les champs marqués d’un astérisque sont
        obligatoires.
      </p>
      <Formulaire
        titre="Premier accueil"
        erreur={erreur}
        envoi={envoi}
        soumettre={soumettre}
        libelleEnvoi="Enregistrer l’accueil et ouvrir le parcours"
        libelles={LIBELLES}
      >
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">
            <h2 className="fr-h4">La personne</h2>
          </legend>
          <div className="fr-fieldset__content" style={{ width: '100%' }}>
            {usagerConnuId ? (
              usagerConnu.etat === 'ok' ? (
                <p>
                  Usager connu :{' '}
                  <strong>
                    {usagerConnu.donnees.prenom} {usagerConnu.donnees.nom}
                  </strong>{' '}
                  (<a {...lien('/premier-accueil')}>accueillir une autre personne</a>)
                </p>
              ) : (
                <p role="status">
                  {usagerConnu.etat === 'erreur' ? usagerConnu.erreur.message : 'Chargement de l’usager…'}
                </p>
              )
            ) : (
              <div className="fr-grid-row fr-grid-row--gutters">
                <div className="fr-col-12 fr-col-md-6">
                  {champIdentite('nom', 'Nom *', { autoComplete: 'family-name', required: true })}
                </div>
                <div className="fr-col-12 fr-col-md-6">
                  {champIdentite('prenom', 'Prénom *', { autoComplete: 'given-name', required: true })}
                </div>
                <div className="fr-col-12 fr-col-md-6">
                  {champIdentite('dateNaissance', 'Date de naissance', { type: 'date', autoComplete: 'bday' })}
                </div>
                <div className="fr-col-12 fr-col-md-6">
                  {champIdentite(
                    'communeCode',
                    'Commune de résidence (code INSEE)',
                    { inputMode: 'numeric', maxLength: 5 },
                    'Cinq caractères, par exemple 45234 pour Orléans',
                  )}
                </div>
                <div className="fr-col-12 fr-col-md-6">
                  {champIdentite('telephone', 'Téléphone', { type: 'tel', autoComplete: 'tel' })}
                </div>
                <div className="fr-col-12 fr-col-md-6">
                  {champIdentite(
                    'email',
                    'Adresse électronique',
                    { type: 'email', autoComplete: 'email' },
                    'Format attendu : nom@domaine.fr',
                  )}
                </div>
              </div>
            )}
          </div>
        </fieldset>

        <Checkbox
          id={idChamp('accueil.besoins')}
          legend={<h2 className="fr-h4 fr-mb-0">Besoins exprimés *</h2>}
          hintText="Tous les besoins de la personne, dans tous les domaines."
          {...etatChamp('accueil.besoins')}
          options={DOMAINES_BESOIN.map((d) => ({
            label: LIBELLE_DOMAINE[d],
            nativeInputProps: {
              name: 'besoins',
              value: d,
              checked: d in besoins,
              onChange: (e) => {
                const suivant = { ...besoins };
                if (e.target.checked) suivant[d] = '';
                else delete suivant[d];
                setBesoins(suivant);
              },
            },
          }))}
        />
        {Object.keys(besoins).map((d) => (
          <Input
            key={d}
            label={`Précision — ${LIBELLE_DOMAINE[d as DomaineBesoin]}`}
            textArea
            nativeTextAreaProps={{
              id: `precision-${d}`,
              rows: 2,
              value: besoins[d as DomaineBesoin] ?? '',
              onChange: (e) => setBesoins({ ...besoins, [d]: e.target.value }),
            }}
          />
        ))}

        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-6">
            <Select
              label="Lieu d’accueil"
              hint={
                listeLieux.length
                  ? 'Les plus proches de la commune de résidence'
                  : 'Renseigner la commune pour choisir parmi les lieux proches.'
              }
              {...etatChamp('accueil.lieuAccueilId')}
              nativeSelectProps={{
                id: idChamp('accueil.lieuAccueilId'),
                value: lieuAccueilId,
                onChange: (e) => setLieu(e.target.value),
              }}
            >
              <option value="">Non précisé</option>
              {listeLieux.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.nom} ({l.distanceKm.toLocaleString('fr-FR')} km)
                </option>
              ))}
            </Select>
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <Input
              label="Ouverture du droit RSA"
              hintText="Si la personne est allocataire du RSA : le délai d’orientation court depuis cette date."
              {...etatChamp('accueil.droitRsaOuvertLe')}
              nativeInputProps={{
                id: idChamp('accueil.droitRsaOuvertLe'),
                type: 'date',
                value: droitRsaOuvertLe,
                onChange: (e) => setDroitRsa(e.target.value),
              }}
            />
          </div>
        </div>

        <Checkbox
          id={idChamp('accueil.urgence')}
          legend="Situation"
          {...etatChamp('accueil.urgence')}
          options={[
            {
              label: 'Situation urgente',
              hintText: 'Traitement prioritaire par l’équipe du territoire',
              nativeInputProps: { name: 'urgence', checked: urgence, onChange: (e) => setUrgence(e.target.checked) },
            },
          ]}
        />
        <Checkbox
          id={idChamp('accueil.consentement')}
          legend="Consentement"
          {...etatChamp('accueil.consentement')}
          options={[
            {
              label: 'La personne consent au traitement de ses données *',
              hintText: 'Information donnée oralement lors de l’accueil',
              nativeInputProps: {
                name: 'consentement',
                checked: consentement,
                onChange: (e) => setConsentement(e.target.checked),
              },
            },
          ]}
        />
      </Formulaire>
    </>
  );
}

function AccueilEnregistre({ parcours, communeCode }: { parcours: Parcours; communeCode: string | undefined }) {
  const organisation = useDonnees<Organisation>(CHEMINS.organisation);
  const o = organisation.etat === 'ok' ? organisation.donnees : undefined;
  return (
    <>
      <h1>Accueil enregistré</h1>
      <Alert
        severity="success"
        title="Le parcours est ouvert"
        description={`Étape suivante : évaluation globale${parcours.echeance ? `, à réaliser avant le ${new Date(parcours.echeance).toLocaleDateString('fr-FR')}` : ''}.`}
      />
      <h2 className="fr-h4 fr-mt-4w">Territoire d’action</h2>
      <p id="territoire-oriente">
        {parcours.territoireId ? (
          <>
            Parcours orienté vers le territoire <strong>{nomTerritoire(o, parcours.territoireId)}</strong>
            {parcours.equipeId ? (
              <>
                {' '}
                — <strong>{nomEquipe(o, parcours.equipeId)}</strong>
              </>
            ) : null}
            .
          </>
        ) : (
          'Territoire non déterminé : la commune de résidence n’est pas renseignée ou n’est pas rattachée à un territoire.'
        )}
      </p>
      <LieuxProches communeCode={communeCode} />
      <ul className="fr-btns-group fr-btns-group--inline-md fr-mt-4w">
        <li>
          <a className="fr-btn" {...lien(`/dossiers/${parcours.usagerId}`)}>
            Ouvrir le dossier social
          </a>
        </li>
        <li>
          <a
            className="fr-btn fr-btn--secondary"
            href="/premier-accueil"
            onClick={(e) => {
              e.preventDefault();
              window.location.assign('/premier-accueil');
            }}
          >
            Nouvel accueil
          </a>
        </li>
      </ul>
    </>
  );
}
