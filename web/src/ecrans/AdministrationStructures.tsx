import { useState } from 'react';
import { Donnees, useDonnees } from '../composants/Donnees';
import { Formulaire, useEnvoi } from '../composants/Formulaire';
import { Badge, Bouton, CaseACocher, ChampTexte, ListeDeroulante, Tableau } from '../composants/ui';
import { HistoriqueAdministration } from '../composants/HistoriqueAdministration';
import { api } from '../api/client';
import { identifiantLisible } from '../api/organisation';
import type { StructureReferente, StructuresReferentes } from '../api/contrat';
import { date } from '../libelles';
import { LIBELLE_TYPE_STRUCTURE, TYPES_STRUCTURE } from '../../../domain/organisation/structures';

const LIBELLES = {
  nom: 'Nom',
  type: 'Type',
  conventionReference: 'Référence de la convention',
  conventionDebut: 'Début de la convention',
  conventionFin: 'Fin de la convention',
  delaiDesignationJours: 'Délai de désignation du référent',
  actif: 'Structure active',
};
const FORMATS: Record<string, (v: unknown) => string> = {
  type: (v) => LIBELLE_TYPE_STRUCTURE[v as keyof typeof LIBELLE_TYPE_STRUCTURE] ?? '—',
  actif: (v) => (v ? 'active' : 'désactivée'),
  delaiDesignationJours: (v) => `${Number(v)} jours`,
  conventionDebut: (v) => (typeof v === 'string' ? date(v) : '—'),
  conventionFin: (v) => (typeof v === 'string' ? date(v) : '—'),
};

interface Saisie {
  nom: string;
  type: string;
  conventionReference: string;
  conventionDebut: string;
  conventionFin: string;
  delaiDesignationJours: string;
  actif: boolean;
}
const VIDE: Saisie = {
  nom: '',
  type: '',
  conventionReference: '',
  conventionDebut: '',
  conventionFin: '',
  delaiDesignationJours: '15',
  actif: true,
};

function FormulaireStructure({ structure, fini }: { structure: StructureReferente | null; fini: () => void }) {
  const [s, setS] = useState<Saisie>(
    structure
      ? {
          nom: structure.nom,
          type: structure.type,
          conventionReference: structure.conventionReference ?? '',
          conventionDebut: structure.conventionDebut ?? '',
          conventionFin: structure.conventionFin ?? '',
          delaiDesignationJours: String(structure.delaiDesignationJours),
          actif: structure.actif,
        }
      : VIDE,
  );
  const envoi = useEnvoi(() => {
    const corps = {
      nom: s.nom,
      type: s.type,
      conventionReference: s.conventionReference.trim() || null,
      conventionDebut: s.conventionDebut || null,
      conventionFin: s.conventionFin || null,
      // Sent as typed: the API says, on the field, what is wrong with it.
      delaiDesignationJours: s.delaiDesignationJours.trim() === '' ? Number.NaN : Number(s.delaiDesignationJours),
      actif: s.actif,
    };
    return structure
      ? api.patch<StructureReferente>(`/administration/structures/${structure.id}`, corps)
      : api.post<StructureReferente>('/administration/structures', { id: identifiantLisible(s.nom), ...corps });
  }, fini);
  const changer =
    <K extends keyof Saisie>(k: K) =>
    (v: Saisie[K]) => {
      envoi.effacer(k);
      setS((x) => ({ ...x, [k]: v }));
    };
  const titre = structure ? `Modifier ${structure.nom}` : 'Ajouter une structure';
  return (
    <section aria-labelledby="titre-formulaire-structure" className="panneau">
      <h2 id="titre-formulaire-structure">{titre}</h2>
      <Formulaire
        titre={titre}
        {...envoi}
        libelleEnvoi={structure ? 'Enregistrer les modifications' : 'Ajouter la structure'}
        libelles={LIBELLES}
      >
        <ChampTexte {...envoi.champ('nom')} label="Nom" obligatoire valeur={s.nom} changer={changer('nom')} />
        <ListeDeroulante
          {...envoi.champ('type')}
          label="Type"
          obligatoire
          valeur={s.type}
          changer={changer('type')}
          options={TYPES_STRUCTURE.map((t) => ({ valeur: t, libelle: LIBELLE_TYPE_STRUCTURE[t] }))}
        />
        <ChampTexte
          {...envoi.champ('conventionReference')}
          label="Référence de la convention"
          valeur={s.conventionReference}
          changer={changer('conventionReference')}
        />
        <ChampTexte
          {...envoi.champ('conventionDebut')}
          label="Début de la convention"
          type="date"
          valeur={s.conventionDebut}
          changer={changer('conventionDebut')}
        />
        <ChampTexte
          {...envoi.champ('conventionFin')}
          label="Fin de la convention"
          aide="Après cette date, plus aucune personne n’est orientée vers la structure ; celles qu’elle suit y restent."
          type="date"
          valeur={s.conventionFin}
          changer={changer('conventionFin')}
        />
        <ChampTexte
          {...envoi.champ('delaiDesignationJours')}
          label="Délai de désignation du référent (jours)"
          aide="Jours laissés à la structure pour désigner le référent d’une personne orientée vers elle."
          inputMode="numeric"
          obligatoire
          valeur={s.delaiDesignationJours}
          changer={changer('delaiDesignationJours')}
        />
        <CaseACocher {...envoi.champ('actif')} coche={s.actif} changer={changer('actif')}>
          Structure active
        </CaseACocher>
      </Formulaire>
      <Bouton variante="secondaire" onPress={fini}>
        Annuler
      </Bouton>
      {structure && (
        <HistoriqueAdministration
          chemin={`/administration/structures/${structure.id}/historique`}
          libelles={LIBELLES}
          formats={FORMATS}
        />
      )}
    </section>
  );
}

const convention = (s: StructureReferente) =>
  [
    s.conventionReference,
    s.conventionDebut || s.conventionFin ? `du ${date(s.conventionDebut)} au ${date(s.conventionFin)}` : null,
  ]
    .filter(Boolean)
    .join(', ') || 'Sans convention datée';

/**
 * Administrators' screen of the structures référentes: France Travail, associations and CCAS to which people
 * are oriented, their convention and the time they have to designate a référent.
 */
export default function AdministrationStructures() {
  const structures = useDonnees<StructuresReferentes>('/administration/structures');
  const [edition, setEdition] = useState<StructureReferente | 'nouvelle' | null>(null);
  const fini = () => {
    setEdition(null);
    structures.recharger();
  };
  return (
    <>
      <h1>Structures référentes</h1>
      <p>
        Les structures hors des équipes du département vers lesquelles une personne peut être orientée. Leurs référents
        sont des agents de la structure (écran « Agents ») : ils ne voient que les personnes orientées vers elle.
      </p>
      {edition === null && <Bouton onPress={() => setEdition('nouvelle')}>Ajouter une structure</Bouton>}
      {edition !== null && (
        <FormulaireStructure
          key={edition === 'nouvelle' ? 'nouvelle' : edition.id}
          structure={edition === 'nouvelle' ? null : edition}
          fini={fini}
        />
      )}
      <Donnees etat={structures} vide={(d) => d.structures.length === 0} messageVide="Aucune structure référente.">
        {(d) => (
          <Tableau
            legende={`Structures référentes (${d.structures.length})`}
            entetes={[
              'Structure',
              'Type',
              'Convention',
              'Désignation',
              'Référents',
              'Parcours suivis',
              'État',
              'Action',
            ]}
            lignes={d.structures.map((s) => ({
              cle: s.id,
              cellules: [
                s.nom,
                LIBELLE_TYPE_STRUCTURE[s.type],
                convention(s),
                `${s.delaiDesignationJours} jours`,
                s.referents,
                s.parcoursSuivis,
                s.actif ? <Badge type="succes">Active</Badge> : <Badge type="avertissement">Désactivée</Badge>,
                <Bouton
                  key="modifier"
                  variante="secondaire"
                  onPress={() => setEdition(s)}
                  aria-label={`Modifier ${s.nom}`}
                >
                  Modifier
                </Bouton>,
              ],
            }))}
          />
        )}
      </Donnees>
    </>
  );
}
