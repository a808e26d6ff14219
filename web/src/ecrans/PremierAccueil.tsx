import { useState } from 'react';
import { api, requete } from '../api/client';
import type { DomaineBesoin } from '../../../domain/parcours/etapes';
import type { Parcours, ResultatsRecherche, Usager } from '../api/contrat';
import { useDonnees } from '../composants/Donnees';
import { Formulaire, useEnvoi } from '../composants/Formulaire';
import { Alerte, CaseACocher, CasesACocher, ChampTexte, Lien, LienBouton, ListeDeroulante } from '../composants/ui';
import { ChoixCommune } from '../composants/ChoixCommune';
import type { CommuneTrouvee } from '../api/contrat';
import { RoutageEtLieux } from '../composants/LieuxProches';
import { date, DOMAINES_BESOIN, LIBELLE_DOMAINE } from '../libelles';
import { useChemin } from '../navigation';
import type { LieuProche } from '../api/organisation';

const LIBELLES: Record<string, string> = {
  usager: 'Identité',
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
  consentementSms: 'SMS',
  usagerId: 'Personne',
};

type Identite = { nom: string; prenom: string; dateNaissance: string; telephone: string; email: string };

const sansVide = <T extends Record<string, string>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v.trim() !== '')) as Partial<T>;

/** Premier accueil: records who, where, which needs; creates the person (if new) and opens the parcours. */
export default function PremierAccueil() {
  const chemin = useChemin();
  const usagerConnuId = new URLSearchParams(chemin.split('?')[1] ?? '').get('usagerId');
  const usagerConnu = useDonnees<Usager>(usagerConnuId ? `/usagers/${usagerConnuId}` : null);
  const [identite, setIdentite] = useState<Identite>({
    nom: '',
    prenom: '',
    dateNaissance: '',
    telephone: '',
    email: '',
  });
  const [commune, setCommune] = useState<CommuneTrouvee | null>(null);
  const [besoins, setBesoins] = useState<DomaineBesoin[]>([]);
  const [precisions, setPrecisions] = useState<Partial<Record<DomaineBesoin, string>>>({});
  const [urgence, setUrgence] = useState(false);
  const [consentement, setConsentement] = useState(false);
  const [consentementSms, setConsentementSms] = useState(false);
  const [lieuAccueilId, setLieu] = useState('');
  const [droitRsaOuvertLe, setDroitRsa] = useState('');
  const [ouvert, setOuvert] = useState<Parcours | null>(null);

  const connu = usagerConnu.etat === 'ok' ? usagerConnu.donnees : null;
  // SMS are offered only to a person with a phone number (given here, or known).
  const telephone = usagerConnuId ? connu?.telephone : identite.telephone.trim();
  const communeCode = usagerConnuId ? connu?.communeCode : commune?.code;
  const communeNom = usagerConnuId ? (connu?.communeNom ?? connu?.communeCode) : commune?.nom;
  const lieux = useDonnees<{ lieux: LieuProche[] }>(
    communeCode ? `/communes/${encodeURIComponent(communeCode)}/lieux-accueil${requete({ n: 10 })}` : null,
  );
  const listeLieux = lieux.etat === 'ok' && communeCode ? lieux.donnees.lieux : [];
  // Possible duplicate: someone already known with the same name and birth date.
  const nomComplet = `${identite.nom.trim()} ${identite.prenom.trim()}`.trim();
  const doublons = useDonnees<ResultatsRecherche>(
    !usagerConnuId && identite.nom.trim() && identite.prenom.trim() && identite.dateNaissance
      ? `/usagers${requete({ q: nomComplet, dateNaissance: identite.dateNaissance })}`
      : null,
  );
  const doublonsTrouves =
    doublons.etat === 'ok' && !usagerConnuId && identite.dateNaissance ? doublons.donnees.items : [];

  const f = useEnvoi(
    (cle) =>
      api.post<Parcours>(
        '/parcours',
        {
          ...(usagerConnuId
            ? { usagerId: usagerConnuId }
            : { usager: { ...sansVide(identite), ...(commune ? { communeCode: commune.code } : {}) } }),
          accueil: {
            besoins: besoins.map((domaine) => ({
              domaine,
              ...(precisions[domaine]?.trim() ? { precision: precisions[domaine].trim() } : {}),
            })),
            urgence,
            consentement,
            ...(lieuAccueilId ? { lieuAccueilId } : {}),
            ...(droitRsaOuvertLe ? { droitRsaOuvertLe } : {}),
          },
          ...(telephone && consentementSms ? { consentementSms: true } : {}),
        },
        { 'Idempotency-Key': cle },
      ),
    (p) => {
      setOuvert(p);
      window.scrollTo(0, 0);
    },
  );

  if (ouvert) return <AccueilEnregistre parcours={ouvert} />;

  const champIdentite = (
    nom: keyof Identite,
    label: string,
    props: {
      type?: 'text' | 'email' | 'tel' | 'date';
      autoComplete?: string;
      aide?: string;
      obligatoire?: boolean;
    } = {},
  ) => (
    <ChampTexte
      {...f.champ(`usager.${nom}`)}
      label={label}
      valeur={identite[nom]}
      changer={(v) => {
        setIdentite({ ...identite, [nom]: v });
        f.effacer(`usager.${nom}`);
      }}
      {...props}
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
        {...f}
        libelleEnvoi="Enregistrer l’accueil et ouvrir le parcours"
        libelles={LIBELLES}
      >
        <h2>La personne</h2>
        {usagerConnuId ? (
          connu ? (
            <p>
              Personne connue :{' '}
              <strong>
                {connu.prenom} {connu.nom}
              </strong>
              {connu.dateNaissance ? `, née le ${date(connu.dateNaissance)}` : ''}
              {communeNom ? `, ${communeNom}` : ''} (<Lien vers="/premier-accueil">accueillir une autre personne</Lien>)
            </p>
          ) : (
            <p role="status">
              {usagerConnu.etat === 'erreur' ? usagerConnu.erreur.message : 'Chargement de la personne…'}
            </p>
          )
        ) : (
          <>
            <div className="grille">
              {champIdentite('nom', 'Nom', { autoComplete: 'family-name', obligatoire: true })}
              {champIdentite('prenom', 'Prénom', { autoComplete: 'given-name', obligatoire: true })}
              {champIdentite('dateNaissance', 'Date de naissance', { type: 'date', autoComplete: 'bday' })}
              <ChoixCommune
                id="champ-usager-communeCode"
                commune={commune}
                choisir={setCommune}
                erreur={f.erreurDe('usager.communeCode')}
                effacer={() => f.effacer('usager.communeCode')}
              />
              {champIdentite('telephone', 'Téléphone', { type: 'tel', autoComplete: 'tel' })}
              {champIdentite('email', 'Adresse électronique', {
                type: 'email',
                autoComplete: 'email',
                aide: 'Format attendu : nom@domaine.fr',
              })}
            </div>
            {doublonsTrouves.length > 0 && (
              <Alerte type="avertissement" titre="Cette personne est peut-être déjà connue">
                <ul>
                  {doublonsTrouves.map((u) => (
                    <li key={u.id}>
                      {u.prenom} {u.nom}, née le {date(u.dateNaissance)}
                      {u.communeNom ? `, ${u.communeNom}` : ''} —{' '}
                      <Lien vers={`/dossiers/${u.id}`}>voir le dossier</Lien> ou{' '}
                      <Lien vers={`/premier-accueil${requete({ usagerId: u.id })}`}>accueillir cette personne</Lien>
                    </li>
                  ))}
                </ul>
              </Alerte>
            )}
          </>
        )}
        {communeCode && communeNom && <RoutageEtLieux communeCode={communeCode} communeNom={communeNom} />}

        <h2>Besoins</h2>
        <CasesACocher
          {...f.champ('accueil.besoins')}
          label="Besoins exprimés"
          obligatoire
          aide="Tous les besoins de la personne, dans tous les domaines."
          valeurs={besoins}
          changer={(v) => {
            setBesoins(v as DomaineBesoin[]);
            f.effacer('accueil.besoins');
          }}
          options={DOMAINES_BESOIN.map((d) => ({ valeur: d, libelle: LIBELLE_DOMAINE[d] }))}
        />
        {besoins.map((d) => (
          <ChampTexte
            key={d}
            id={`precision-${d}`}
            label={`Précision — ${LIBELLE_DOMAINE[d]}`}
            lignes={2}
            valeur={precisions[d] ?? ''}
            changer={(v) => setPrecisions({ ...precisions, [d]: v })}
          />
        ))}

        <h2>Accueil</h2>
        <div className="grille">
          <ListeDeroulante
            {...f.champ('accueil.lieuAccueilId')}
            label="Lieu d’accueil"
            aide={
              listeLieux.length
                ? 'Les plus proches de la commune de résidence.'
                : 'Choisir la commune pour voir les lieux proches.'
            }
            invite="Non précisé"
            valeur={lieuAccueilId}
            changer={(v) => {
              setLieu(v);
              f.effacer('accueil.lieuAccueilId');
            }}
            options={listeLieux.map((l) => ({
              valeur: l.id,
              libelle: l.nom,
              aide: `${l.distanceKm.toLocaleString('fr-FR')} km`,
            }))}
          />
          <ChampTexte
            {...f.champ('accueil.droitRsaOuvertLe')}
            label="Ouverture du droit RSA"
            type="date"
            aide="Si la personne est allocataire du RSA : le délai d’orientation court depuis cette date."
            valeur={droitRsaOuvertLe}
            changer={(v) => {
              setDroitRsa(v);
              f.effacer('accueil.droitRsaOuvertLe');
            }}
          />
        </div>
        <CaseACocher
          id="champ-accueil-urgence"
          coche={urgence}
          changer={setUrgence}
          aide="Traitée en premier par l’équipe du territoire et signalée partout."
        >
          Situation urgente
        </CaseACocher>
        <CaseACocher
          {...f.champ('accueil.consentement')}
          coche={consentement}
          changer={(v) => {
            setConsentement(v);
            f.effacer('accueil.consentement');
          }}
          aide="Information donnée oralement lors de l’accueil."
        >
          La personne consent au traitement de ses données *
        </CaseACocher>
        {telephone && (
          <CaseACocher
            {...f.champ('consentementSms')}
            coche={consentementSms}
            changer={setConsentementSms}
            aide="Le lien vers sa page, les rappels de rendez-vous et les questionnaires ; elle peut répondre STOP à tout moment."
          >
            La personne accepte de recevoir des SMS
          </CaseACocher>
        )}
      </Formulaire>
    </>
  );
}

function AccueilEnregistre({ parcours }: { parcours: Parcours }) {
  return (
    <>
      <h1>Accueil enregistré</h1>
      <Alerte type="succes" titre="Le parcours est ouvert">
        <p>
          Étape suivante : évaluation globale
          {parcours.echeance ? `, à réaliser avant le ${date(parcours.echeance)}` : ''}.
        </p>
        <p id="territoire-oriente">
          {parcours.noms.territoire
            ? `Suivi par le territoire ${parcours.noms.territoire}${parcours.noms.equipe ? ` — ${parcours.noms.equipe}` : ''}.`
            : 'Territoire non déterminé : la commune n’est pas renseignée ou n’est rattachée à aucun territoire.'}
        </p>
      </Alerte>
      <ul className="boutons">
        <li>
          <LienBouton vers={`/dossiers/${parcours.usagerId}`}>Ouvrir le dossier social</LienBouton>
        </li>
        <li>
          <a
            className="bouton bouton-secondaire"
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
