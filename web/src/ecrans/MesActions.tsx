import { useState } from 'react';
import { Donnees, useDonnees } from '../composants/Donnees';
import { ageEtape, Echeance, Etat, LienAction, NomUsager } from '../composants/Parcours';
import { combien, ListeDeroulante, LienBouton, PaginationCurseur, Tableau } from '../composants/ui';
import { requete } from '../api/client';
import type { ListeParcours } from '../api/contrat';
import type { Session } from '../session';

const LIMITE = 20;
const TRIS = [
  { valeur: 'urgence', libelle: 'Les plus urgents d’abord (urgence, retard, échéance)' },
  { valeur: 'echeance', libelle: 'Échéance la plus proche d’abord' },
  { valeur: 'recent', libelle: 'Les plus récents d’abord' },
];

/**
 * What I must do: the parcours waiting for an action of mine (as référent, évaluateur or cadre of the équipe),
 * paged and sorted by the API; the accueil agent and partners see the parcours they opened.
 */
export default function MesActions({ session }: { session: Session }) {
  const [tri, setTri] = useState('urgence');
  // Paged by cursor: a page stays the same rows when parcours arrive meanwhile, and a far page costs no more.
  const [curseurs, setCurseurs] = useState<string[]>([]);
  const liste = useDonnees<ListeParcours>(
    `/parcours${requete({ pour: 'moi', tri, limit: LIMITE, apres: curseurs.at(-1) })}`,
  );
  const ouvreSeulement = !session.roles.some((r) => ['evaluateur', 'referent', 'cadre'].includes(r));
  return (
    <>
      <h1>Mes actions</h1>
      <p>
        {ouvreSeulement
          ? 'Les parcours que vous avez ouverts et leur avancement.'
          : 'Les parcours qui attendent une action de votre part.'}
      </p>
      <p>
        <LienBouton vers="/premier-accueil" variante="secondaire">
          Enregistrer un premier accueil
        </LienBouton>
      </p>
      <ListeDeroulante
        id="tri"
        label="Ordre"
        valeur={tri}
        changer={(v) => {
          setTri(v || 'urgence');
          setCurseurs([]);
        }}
        options={TRIS}
      />
      <Donnees
        etat={liste}
        vide={(d) => d.items.length === 0}
        messageVide="Rien ne vous attend pour le moment."
        libelleChargement="Chargement de vos actions…"
      >
        {(d) => (
          <>
            <Tableau
              legende={`Parcours qui vous attendent (${combien(d)})`}
              entetes={['Personne', 'Étape', 'Échéance', 'Dans l’étape depuis', 'Action']}
              lignes={d.items.map((p) => ({
                cle: p.id,
                urgente: p.urgence || !!p.retard,
                cellules: [
                  <NomUsager key="u" parcours={p} />,
                  <Etat key="e" parcours={p} />,
                  <Echeance key="d" parcours={p} />,
                  ageEtape(p),
                  <LienAction key="a" parcours={p} />,
                ],
              }))}
            />
            <PaginationCurseur
              curseurs={curseurs}
              suivant={d.suivant}
              total={d.total}
              totalExact={d.totalExact}
              aller={setCurseurs}
              libelle="Mes actions"
            />
          </>
        )}
      </Donnees>
    </>
  );
}
