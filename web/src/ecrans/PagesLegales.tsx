/** The legal pages every public site owes its readers, filled from the département's identity. */
import type { ReactNode } from 'react';
import { useIdentite } from '../identite';
import type { Identite } from '../api/contrat';
import { Chargement } from '../composants/Donnees';
import { date } from '../libelles';

function Page({ titre, children }: { titre: string; children: (i: Identite) => ReactNode }) {
  const identite = useIdentite();
  return (
    <>
      <h1>{titre}</h1>
      {identite ? children(identite) : <Chargement />}
    </>
  );
}

export function MentionsLegales() {
  return (
    <Page titre="Mentions légales">
      {(i) => (
        <>
          <h2>Éditeur</h2>
          <p>{i.mentionsLegales.editeur}</p>
          <h2>Directeur de la publication</h2>
          <p>{i.mentionsLegales.directeurPublication}</p>
          <h2>Hébergement</h2>
          <p>{i.mentionsLegales.hebergeur}</p>
          <h2>Contact</h2>
          <p>
            <a href={`mailto:${i.mentionsLegales.contact}`}>{i.mentionsLegales.contact}</a>
          </p>
          <h2>Logiciel</h2>
          <p>
            {i.service} est un logiciel libre (licence EUPL 1.2) conçu pour l’action sociale des départements, déployé
            ici par {i.collectivite}.
          </p>
        </>
      )}
    </Page>
  );
}

export function Accessibilite() {
  return (
    <Page titre="Déclaration d’accessibilité">
      {(i) => (
        <>
          <p>
            {i.collectivite} s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la
            loi n° 2005-102 du 11 février 2005.
          </p>
          <h2>État de conformité</h2>
          <p>
            {i.service} est <strong>{i.accessibilite.etat}</strong> avec le référentiel général d’amélioration de
            l’accessibilité (RGAA), version 4.1.
            {i.accessibilite.auditeLe
              ? ` Dernier audit : ${date(i.accessibilite.auditeLe)}.`
              : ' Aucun audit externe n’a encore été réalisé.'}
          </p>
          <h2>Vérifications</h2>
          <p>
            Chaque écran est contrôlé automatiquement (axe-core, dans Chromium) à chaque modification du logiciel :
            étiquettes des champs, contrastes, structure des titres, navigation au clavier.
          </p>
          <h2>Retour d’information et contact</h2>
          <p>
            Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez à{' '}
            <a href={`mailto:${i.accessibilite.contact}`}>{i.accessibilite.contact}</a> pour être orienté vers une
            alternative accessible.
          </p>
          <h2>Voies de recours</h2>
          <p>
            Si vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits (en ligne,
            par courrier ou auprès de l’un de ses délégués).
          </p>
        </>
      )}
    </Page>
  );
}

export function DonneesPersonnelles() {
  return (
    <Page titre="Données personnelles">
      {(i) => (
        <>
          <h2>Responsable du traitement</h2>
          <p>{i.donneesPersonnelles.responsable}</p>
          <h2>Finalité</h2>
          <p>{i.donneesPersonnelles.finalite}</p>
          <h2>Données traitées</h2>
          <p>
            Identité et coordonnées des personnes accueillies, besoins exprimés, évaluation, décisions d’orientation,
            plan d’accompagnement et revues ; identité et actions des agents. Chaque consultation ou modification de
            données personnelles est inscrite dans un journal des accès.
          </p>
          <h2>Durée de conservation</h2>
          <p>
            Les dossiers sont anonymisés après la durée fixée par le département suivant la clôture du dernier parcours
            de la personne.
          </p>
          <h2>Vos droits</h2>
          <p>
            Vous pouvez accéder aux données vous concernant, les faire rectifier ou en demander la limitation auprès du
            délégué à la protection des données :{' '}
            <a href={`mailto:${i.donneesPersonnelles.delegueProtection}`}>{i.donneesPersonnelles.delegueProtection}</a>.
            Vous pouvez aussi adresser une réclamation à la CNIL.
          </p>
          <h2>Cookies</h2>
          <p>
            Un seul cookie, strictement nécessaire : la session de l’agent connecté. Aucun cookie de mesure d’audience
            ni de tiers.
          </p>
        </>
      )}
    </Page>
  );
}
