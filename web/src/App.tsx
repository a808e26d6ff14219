import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { fermerSession, libelleRole, useSession, useSessionChargee, type Session } from './session';
import { correspond, lien, naviguer, useChemin } from './navigation';
import { useIdentite } from './identite';
import { Bouton } from './composants/ui';
import { Chargement } from './composants/Donnees';

// One bundle per screen: the first load carries the frame and the screen asked for, nothing else.
const Connexion = lazy(() => import('./ecrans/Connexion'));
const MesActions = lazy(() => import('./ecrans/MesActions'));
const RechercheUsager = lazy(() => import('./ecrans/RechercheUsager'));
const PremierAccueil = lazy(() => import('./ecrans/PremierAccueil'));
const DossierSocial = lazy(() => import('./ecrans/DossierSocial'));
const EtapeParcours = lazy(() => import('./ecrans/EtapeParcours'));
const TableauCadre = lazy(() => import('./ecrans/TableauCadre'));
const JournalAcces = lazy(() => import('./ecrans/JournalAcces'));
const EspaceUsager = lazy(() => import('./ecrans/EspaceUsager'));
const StatistiquesPubliques = lazy(() => import('./ecrans/StatistiquesPubliques'));
const ImportsFlux = lazy(() => import('./ecrans/ImportsFlux'));
const AgendaEquipe = lazy(() => import('./ecrans/AgendaEquipe'));
const SessionEquipe = lazy(() => import('./ecrans/SessionEquipe'));
const MonAgenda = lazy(() => import('./ecrans/MonAgenda'));
const WebhooksPartenaires = lazy(() => import('./ecrans/WebhooksPartenaires'));
const AdministrationAgents = lazy(() => import('./ecrans/AdministrationAgents'));
const AdministrationSites = lazy(() => import('./ecrans/AdministrationSites'));
const Couverture = lazy(() => import('./ecrans/Couverture'));
const Absences = lazy(() => import('./ecrans/Absences'));
const ReassignationReferents = lazy(() => import('./ecrans/ReassignationReferents'));
const AdministrationTerritoires = lazy(() => import('./ecrans/AdministrationTerritoires'));
const AdministrationStructures = lazy(() => import('./ecrans/AdministrationStructures'));
const SimulationEtSi = lazy(() => import('./ecrans/SimulationEtSi'));
const MentionsLegales = lazy(() => import('./ecrans/PagesLegales').then((m) => ({ default: m.MentionsLegales })));
const Accessibilite = lazy(() => import('./ecrans/PagesLegales').then((m) => ({ default: m.Accessibilite })));
const DonneesPersonnelles = lazy(() =>
  import('./ecrans/PagesLegales').then((m) => ({ default: m.DonneesPersonnelles })),
);

interface Ecran {
  titre: string;
  contenu: ReactNode;
}

/** Pages anyone may read, signed in or not. */
const PAGES_PUBLIQUES: Record<string, Ecran> = {
  '/mentions-legales': { titre: 'Mentions légales', contenu: <MentionsLegales /> },
  '/accessibilite': { titre: 'Déclaration d’accessibilité', contenu: <Accessibilite /> },
  '/donnees-personnelles': { titre: 'Données personnelles', contenu: <DonneesPersonnelles /> },
  /** The person's page, opened from the link of their SMS or email (no account). */
  '/mon-parcours': { titre: 'Votre accompagnement', contenu: <EspaceUsager /> },
  '/statistiques': { titre: 'Statistiques publiques', contenu: <StatistiquesPubliques /> },
};

const a = (s: Session, ...roles: string[]) => roles.some((r) => s.roles.includes(r));

/** The entries of the main menu for the agent's roles. */
function menu(s: Session): { chemin: string; libelle: string }[] {
  return [
    ...(a(s, 'cadre') ? [{ chemin: '/tableau-de-bord', libelle: 'Tableau de bord' }] : []),
    ...(a(s, 'accueil', 'evaluateur', 'referent', 'cadre', 'partenaire')
      ? [
          { chemin: '/mes-actions', libelle: 'Mes actions' },
          { chemin: '/recherche', libelle: 'Rechercher une personne' },
          { chemin: '/premier-accueil', libelle: 'Premier accueil' },
        ]
      : []),
    ...(a(s, 'cadre', 'evaluateur', 'referent')
      ? [
          { chemin: '/mon-agenda', libelle: 'Mon agenda' },
          { chemin: '/agenda-equipe', libelle: 'Sessions de l’équipe' },
        ]
      : []),
    ...(a(s, 'administrateur')
      ? [
          { chemin: '/journal', libelle: 'Journal des accès' },
          { chemin: '/partenaires', libelle: 'Systèmes partenaires' },
          { chemin: '/gestion/agents', libelle: 'Agents' },
          { chemin: '/gestion/territoires', libelle: 'Territoires' },
          { chemin: '/gestion/sites', libelle: 'Lieux d’accueil' },
          { chemin: '/gestion/structures', libelle: 'Structures référentes' },
        ]
      : []),
    ...(a(s, 'administrateur', 'cadre') ? [{ chemin: '/gestion/couverture', libelle: 'Couverture' }] : []),
    ...(a(s, 'administrateur', 'cadre') ? [{ chemin: '/gestion/absences', libelle: 'Absences et intérims' }] : []),
    ...(a(s, 'cadre') ? [{ chemin: '/gestion/reassignation', libelle: 'Réassigner des parcours' }] : []),
    // Lists open parcours anywhere in the département: administrators and the direction (cadres without a team).
    ...(a(s, 'administrateur') || (a(s, 'cadre') && !s.equipeId)
      ? [{ chemin: '/imports', libelle: 'Importer une liste' }]
      : []),
    // Minutes of computing on the whole département's organisation: the same people (api/routes/simulations.ts).
    ...(a(s, 'administrateur') || (a(s, 'cadre') && !s.equipeId)
      ? [{ chemin: '/simulation', libelle: 'Simulation « et si »' }]
      : []),
  ];
}

export const accueilDe = (s: Session) => menu(s)[0]?.chemin ?? '/mes-actions';

function ecranPour(chemin: string, session: Session): Ecran {
  let m: Record<string, string> | null;
  if (correspond('/mes-actions', chemin)) return { titre: 'Mes actions', contenu: <MesActions session={session} /> };
  if (correspond('/recherche', chemin)) return { titre: 'Rechercher une personne', contenu: <RechercheUsager /> };
  if (correspond('/premier-accueil', chemin)) return { titre: 'Premier accueil', contenu: <PremierAccueil /> };
  if (correspond('/tableau-de-bord', chemin)) return { titre: 'Tableau de bord', contenu: <TableauCadre /> };
  if (correspond('/journal', chemin)) return { titre: 'Journal des accès', contenu: <JournalAcces /> };
  if (correspond('/imports', chemin)) return { titre: 'Importer une liste', contenu: <ImportsFlux /> };
  if (correspond('/simulation', chemin)) return { titre: 'Simulation « et si »', contenu: <SimulationEtSi /> };
  if (correspond('/mon-agenda', chemin)) return { titre: 'Mon agenda', contenu: <MonAgenda /> };
  if (correspond('/agenda-equipe', chemin))
    return { titre: 'Sessions de l’équipe', contenu: <AgendaEquipe session={session} /> };
  if ((m = correspond('/agenda-equipe/:sessionId', chemin)))
    return { titre: 'Session de l’équipe', contenu: <SessionEquipe sessionId={m.sessionId!} session={session} /> };
  if (correspond('/partenaires', chemin)) return { titre: 'Systèmes partenaires', contenu: <WebhooksPartenaires /> };
  if (correspond('/gestion/agents', chemin)) return { titre: 'Agents', contenu: <AdministrationAgents /> };
  if (correspond('/gestion/sites', chemin)) return { titre: 'Lieux d’accueil', contenu: <AdministrationSites /> };
  if (correspond('/gestion/couverture', chemin)) return { titre: 'Couverture du département', contenu: <Couverture /> };
  if (correspond('/gestion/absences', chemin))
    return { titre: 'Absences et intérims', contenu: <Absences session={session} /> };
  if (correspond('/gestion/reassignation', chemin))
    return { titre: 'Réassigner les parcours d’un référent', contenu: <ReassignationReferents /> };
  if (correspond('/gestion/structures', chemin))
    return { titre: 'Structures référentes', contenu: <AdministrationStructures /> };
  if (correspond('/gestion/territoires', chemin))
    return { titre: 'Territoires', contenu: <AdministrationTerritoires /> };
  if ((m = correspond('/dossiers/:usagerId', chemin)))
    return { titre: 'Dossier social unique', contenu: <DossierSocial usagerId={m.usagerId!} /> };
  if ((m = correspond('/suivi/:parcoursId/:action', chemin)))
    return { titre: 'Parcours', contenu: <EtapeParcours parcoursId={m.parcoursId!} action={m.action!} /> };
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

export function App() {
  const session = useSession();
  const chargee = useSessionChargee();
  const identite = useIdentite();
  const chemin = useChemin();
  const principal = useRef<HTMLElement>(null);
  const page = chemin.split('?')[0] ?? '/';
  const publique = PAGES_PUBLIQUES[page];

  useEffect(() => {
    if (!chargee || publique) return;
    if (!session && !chemin.startsWith('/connexion')) naviguer('/connexion');
    else if (session && (chemin === '/' || chemin.startsWith('/connexion'))) naviguer(accueilDe(session));
  }, [session, chargee, chemin, publique]);

  const ecran: Ecran =
    publique ??
    (!chargee
      ? { titre: 'Chargement', contenu: <Chargement libelle="Chargement de la session…" /> }
      : session && !chemin.startsWith('/connexion') && chemin !== '/'
        ? ecranPour(chemin, session)
        : { titre: 'Connexion', contenu: <Connexion /> });

  const service = identite?.service ?? 'Parcours Solidarités';
  // A new screen: its title in the tab, and focus moved to the main content for screen readers and keyboards.
  const premier = useRef(true);
  useEffect(() => {
    document.title = `${ecran.titre} — ${service}`;
    if (premier.current) {
      premier.current = false;
      return;
    }
    principal.current?.focus();
  }, [chemin, ecran.titre, service]);

  return (
    <>
      <a className="lien-evitement" href="#contenu">
        Aller au contenu
      </a>
      <header className="entete">
        <div className="conteneur entete-haut">
          <a className="marque" {...lien(session ? accueilDe(session) : '/connexion')}>
            {identite && (
              <span className="marque-logo" aria-hidden="true" dangerouslySetInnerHTML={{ __html: identite.logoSvg }} />
            )}
            <span className="marque-texte">
              {identite && <span className="marque-collectivite">{identite.collectivite}</span>}
              <span className="marque-service">{service}</span>
              {identite?.accroche && <span className="marque-accroche">{identite.accroche}</span>}
            </span>
          </a>
          {session && (
            <div className="compte">
              <span>
                {session.nom} <span className="visuellement-cache">, </span>
                <span className="marque-accroche">({session.roles.map(libelleRole).join(', ')})</span>
              </span>
              <Bouton variante="discret" petit onPress={() => void fermerSession().then(() => naviguer('/connexion'))}>
                Se déconnecter
              </Bouton>
            </div>
          )}
        </div>
        {session && (
          <nav className="navigation" aria-label="Menu principal">
            <ul className="conteneur">
              {menu(session).map((e) => (
                <li key={e.chemin}>
                  <a {...lien(e.chemin)} aria-current={page.startsWith(e.chemin) ? 'page' : undefined}>
                    {e.libelle}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="contenu" ref={principal} tabIndex={-1} className="conteneur">
        <Suspense fallback={<Chargement />}>{ecran.contenu}</Suspense>
      </main>
      <footer className="pied">
        <div className="conteneur">
          <p>
            {service}
            {identite ? ` — ${identite.collectivite}` : ''}. Logiciel libre pour l’action sociale des départements.
          </p>
          <ul>
            <li>
              <a {...lien('/mentions-legales')}>Mentions légales</a>
            </li>
            <li>
              <a {...lien('/accessibilite')}>
                Accessibilité : {identite?.accessibilite.etat ?? 'partiellement conforme'}
              </a>
            </li>
            <li>
              <a {...lien('/donnees-personnelles')}>Données personnelles</a>
            </li>
            <li>
              <a {...lien('/statistiques')}>Statistiques publiques</a>
            </li>
          </ul>
        </div>
      </footer>
    </>
  );
}
