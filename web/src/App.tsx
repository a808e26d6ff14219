import { useEffect, useRef, type ReactNode } from 'react';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { fermerSession, useSession, useSessionChargee, type Session } from './session';
import { correspond, lien, naviguer, useChemin } from './navigation';
import { Connexion } from './ecrans/Connexion';
import { MesActions } from './ecrans/MesActions';
import { RechercheUsager } from './ecrans/RechercheUsager';
import { PremierAccueil } from './ecrans/PremierAccueil';
import { DossierSocial } from './ecrans/DossierSocial';
import { EtapeParcours } from './ecrans/EtapeParcours';
import { TableauCadre } from './ecrans/TableauCadre';

interface Ecran {
  titre: string;
  contenu: ReactNode;
}

function ecranPour(chemin: string, session: Session): Ecran {
  let m: Record<string, string> | null;
  if (correspond('/mes-actions', chemin)) return { titre: 'Mes actions', contenu: <MesActions session={session} /> };
  if (correspond('/recherche', chemin)) return { titre: 'Rechercher un usager', contenu: <RechercheUsager /> };
  if (correspond('/premier-accueil', chemin)) return { titre: 'Premier accueil', contenu: <PremierAccueil /> };
  if (correspond('/tableau-de-bord', chemin)) return { titre: 'Tableau de bord', contenu: <TableauCadre /> };
  if ((m = correspond('/dossiers/:usagerId', chemin)))
    return { titre: 'Dossier social unique', contenu: <DossierSocial usagerId={m.usagerId!} /> };
  if ((m = correspond('/suivi/:parcoursId/:action', chemin))) {
    return { titre: 'Parcours', contenu: <EtapeParcours parcoursId={m.parcoursId!} action={m.action!} /> };
  }
  return {
    titre: 'Page introuvable',
    contenu: (
      <>
        <h1>Page introuvable</h1>
        <p>
          <a {...lien(accueilDe(session))}>Revenir à l’accueil</a>
        </p>
      </>
    ),
  };
}

const accueilDe = (s: Session) => (s.role === 'cadre' ? '/tableau-de-bord' : '/mes-actions');

export function App() {
  const session = useSession();
  const chargee = useSessionChargee();
  const chemin = useChemin();
  const contenu = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!chargee) return;
    if (!session && !chemin.startsWith('/connexion')) naviguer('/connexion');
    else if (session && (chemin === '/' || chemin.startsWith('/connexion'))) naviguer(accueilDe(session));
  }, [session, chargee, chemin]);

  const ecran: Ecran = !chargee
    ? { titre: 'Chargement', contenu: <p role="status">Chargement de la session…</p> }
    : session && !chemin.startsWith('/connexion') && chemin !== '/'
      ? ecranPour(chemin, session)
      : { titre: 'Connexion', contenu: <Connexion /> };

  // A new screen: its title in the tab, and focus moved to the main content for screen readers and keyboards.
  const premier = useRef(true);
  useEffect(() => {
    document.title = `${ecran.titre} — Parcours Solidarités`;
    if (premier.current) {
      premier.current = false;
      return;
    }
    contenu.current?.focus();
  }, [chemin, ecran.titre]);

  const navigation = session
    ? [
        ...(session.roles.includes('cadre')
          ? [
              {
                text: 'Tableau de bord',
                linkProps: lien('/tableau-de-bord'),
                isActive: chemin.startsWith('/tableau-de-bord'),
              },
            ]
          : []),
        { text: 'Mes actions', linkProps: lien('/mes-actions'), isActive: chemin.startsWith('/mes-actions') },
        { text: 'Rechercher un usager', linkProps: lien('/recherche'), isActive: chemin.startsWith('/recherche') },
        {
          text: 'Premier accueil',
          linkProps: lien('/premier-accueil'),
          isActive: chemin.startsWith('/premier-accueil'),
        },
      ]
    : undefined;

  return (
    <>
      <SkipLinks
        links={[
          { anchor: '#contenu', label: 'Contenu' },
          ...(session ? [{ anchor: '#header-navigation', label: 'Menu' }] : []),
        ]}
      />
      <Header
        brandTop={
          <>
            Département
            <br />
            du Loiret
          </>
        }
        serviceTitle="Parcours Solidarités"
        serviceTagline="Action sociale : un parcours, un référent"
        homeLinkProps={{
          ...lien(session ? accueilDe(session) : '/connexion'),
          title: 'Accueil — Parcours Solidarités',
        }}
        navigation={navigation}
        quickAccessItems={
          session
            ? [
                {
                  iconId: 'fr-icon-account-circle-line',
                  text: `${session.nom} (${session.roles.join(', ')})`,
                  linkProps: lien(accueilDe(session)),
                },
                {
                  iconId: 'fr-icon-logout-box-r-line',
                  text: 'Se déconnecter',
                  buttonProps: {
                    onClick: () => {
                      void fermerSession().then(() => naviguer('/connexion'));
                    },
                  },
                },
              ]
            : []
        }
      />
      <main id="contenu" ref={contenu} tabIndex={-1} className="fr-container fr-py-4w" style={{ outline: 'none' }}>
        {ecran.contenu}
      </main>
      <Footer
        accessibility="partially compliant"
        contentDescription="Parcours Solidarités : logiciel libre pour l’action sociale des départements (premier accueil, évaluation, orientation, référent de parcours, accompagnement)."
        bottomItems={[]}
      />
    </>
  );
}
