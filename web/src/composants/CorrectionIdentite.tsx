import { useState } from 'react';
import { api } from '../api/client';
import type { Usager } from '../api/contrat';
import { Formulaire, useEnvoi } from './Formulaire';
import { Bouton, ChampTexte } from './ui';
import { ChoixCommune } from './ChoixCommune';
import type { CommuneTrouvee } from '../api/contrat';

type Champs = 'nom' | 'prenom' | 'dateNaissance' | 'telephone' | 'email';
const LIBELLES: Record<Champs | 'communeCode', string> = {
  nom: 'Nom',
  prenom: 'Prénom',
  dateNaissance: 'Date de naissance',
  telephone: 'Téléphone',
  email: 'Adresse électronique',
  communeCode: 'Commune',
};

/** Corrects the person's identity (PATCH /usagers/:id, written to the access journal). */
export function CorrectionIdentite({
  usager,
  annuler,
  fait,
}: {
  usager: Usager;
  annuler: () => void;
  fait: () => void;
}) {
  const [v, setV] = useState<Record<Champs, string>>({
    nom: usager.nom,
    prenom: usager.prenom,
    dateNaissance: usager.dateNaissance ?? '',
    telephone: usager.telephone ?? '',
    email: usager.email ?? '',
  });
  const [commune, setCommune] = useState<CommuneTrouvee | null>(
    usager.communeCode
      ? { code: usager.communeCode, nom: usager.communeNom ?? '', codesPostaux: [], territoire: null, equipe: null }
      : null,
  );
  const f = useEnvoi(
    () =>
      api.patch<Usager>(`/usagers/${usager.id}`, {
        nom: v.nom,
        prenom: v.prenom,
        dateNaissance: v.dateNaissance || null,
        telephone: v.telephone || null,
        email: v.email || null,
        communeCode: commune?.code ?? null,
      }),
    fait,
  );
  const champ = (c: Champs, type: 'text' | 'date' | 'tel' | 'email' = 'text') => (
    <ChampTexte
      {...f.champ(c)}
      label={LIBELLES[c]}
      type={type}
      obligatoire={c === 'nom' || c === 'prenom'}
      valeur={v[c]}
      changer={(x) => {
        setV({ ...v, [c]: x });
        f.effacer(c);
      }}
    />
  );
  return (
    <Formulaire titre="Corriger l’identité" {...f} libelleEnvoi="Enregistrer la correction" libelles={LIBELLES}>
      <div className="grille">
        {champ('nom')}
        {champ('prenom')}
        {champ('dateNaissance', 'date')}
        <ChoixCommune
          id="champ-communeCode"
          commune={commune}
          choisir={setCommune}
          erreur={f.erreurDe('communeCode')}
          effacer={() => f.effacer('communeCode')}
        />
        {champ('telephone', 'tel')}
        {champ('email', 'email')}
      </div>
      <p className="aide">La correction est inscrite au journal des accès, à votre nom.</p>
      <p>
        <Bouton variante="discret" onPress={annuler}>
          Annuler
        </Bouton>
      </p>
    </Formulaire>
  );
}
