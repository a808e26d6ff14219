import { Table } from '@codegouvfr/react-dsfr/Table';
import { Donnees, useDonnees } from '../composants/Donnees';
import { ageEtape, Echeance, EtapeBadge, LienAction, NomUsager } from '../composants/Parcours';
import { requete } from '../api/client';
import type { ListeParcours, Parcours } from '../api/contrat';
import type { Session } from '../session';
import { lien } from '../navigation';

/** Overdue first, then by due date (the API already sorts; kept stable here). */
export function parRetardPuisEcheance(a: Parcours, b: Parcours): number {
  if (a.enRetard !== b.enRetard) return a.enRetard ? -1 : 1;
  const ea = a.echeance ? Date.parse(a.echeance) : Infinity;
  const eb = b.echeance ? Date.parse(b.echeance) : Infinity;
  return ea - eb;
}

function TableParcours({ parcours, titre }: { parcours: Parcours[]; titre: string }) {
  return (
    <Table
      caption={titre}
      headers={['Usager', 'Étape', 'Échéance', 'Dans l’étape depuis', 'Action']}
      data={[...parcours]
        .sort(parRetardPuisEcheance)
        .map((p) => [
          <NomUsager key="u" parcours={p} />,
          <EtapeBadge key="e" parcours={p} />,
          <Echeance key="d" parcours={p} />,
          ageEtape(p),
          <LienAction key="a" parcours={p} />,
        ])}
    />
  );
}

/** What waits for me: my parcours as référent, and the parcours waiting for a step before a référent exists. */
export function MesActions({ session }: { session: Session }) {
  const miens = useDonnees<ListeParcours>(
    `/parcours${requete({ referentId: session.agentId, statut: 'actif', limit: 100 })}`,
  );
  const enAttente = useDonnees<ListeParcours>(`/parcours${requete({ statut: 'actif', limit: 100 })}`);
  return (
    <>
      <h1>Mes actions</h1>
      <p>
        Ce qui attend une action, les délais dépassés en premier.{' '}
        <a {...lien('/premier-accueil')}>Enregistrer un premier accueil</a>
      </p>
      <section aria-labelledby="titre-miens" className="fr-mt-4w">
        <h2 id="titre-miens">Parcours dont je suis le référent</h2>
        <Donnees
          etat={miens}
          vide={(d) => d.items.length === 0}
          messageVide="Aucun parcours ne vous est confié pour le moment."
        >
          {(d) => <TableParcours parcours={d.items} titre="Parcours dont je suis le référent" />}
        </Donnees>
      </section>
      <section aria-labelledby="titre-attente" className="fr-mt-4w">
        <h2 id="titre-attente">Parcours en attente d’évaluation, d’orientation ou de référent</h2>
        <Donnees
          etat={enAttente}
          vide={(d) => d.items.filter((p) => !p.referentId).length === 0}
          messageVide="Aucun parcours en attente."
        >
          {(d) => <TableParcours parcours={d.items.filter((p) => !p.referentId)} titre="Parcours en attente" />}
        </Donnees>
      </section>
    </>
  );
}
