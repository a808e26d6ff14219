import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { acteurDe } from '../acces';
import { identifiantParams } from '../contrat/communs';
import { historiqueAdministration } from '../contrat/administration';
import {
  apercuCommunes,
  apercuLieux,
  carteCouverture,
  fichierCommunes,
  fichierLieux,
  lieuAdministre,
  lieuCreation,
  lieuModification,
  lieuxAdministres,
  requeteCarte,
  resultatSimulation,
  simulationCouverture,
} from '../contrat/lieux';
import { historique } from '../../administration/journal';
import { creerLieu, listerLieux, lireLieu, modifierLieu, placer } from '../../administration/lieux';
import { carteCouverture as lireCarte, simulerCouverture } from '../../lecture/couverture';
import { chargerOrganisation } from '../../config/organisation';
import { analyserListeLieux, appliquerListeLieux, type LigneLieu } from '../../imports/lieux';
import { analyserFichierCommunes, appliquerFichierCommunes } from '../../imports/communes';
import { FichierIllisible } from '../../imports/flux';
import { HttpError } from '../errors';

const DETAILS_MONTRES = 500;

/** What a preview says of a file: rows per issue, and each row worth reading (not the unchanged nor the others'). */
function apercu<I extends string, L extends { issue: I }>(
  lignes: L[],
  colonnesManquantes: string[],
  issues: readonly I[],
  montree: (l: L) => boolean,
) {
  const parIssue = Object.fromEntries(issues.map((i) => [i, 0])) as Record<I, number>;
  for (const l of lignes) parIssue[l.issue]++;
  return {
    lignes: lignes.length,
    colonnesManquantes,
    parIssue,
    details: lignes.filter(montree).slice(0, DETAILS_MONTRES),
  };
}
const ISSUES_LIEUX = ['ajout', 'modification', 'inchange', 'erreur', 'hors_departement'] as const;
const apercuDesLieux = (lignes: LigneLieu[], colonnesManquantes: string[]) => {
  const a = apercu(
    lignes,
    colonnesManquantes,
    ISSUES_LIEUX,
    (l) => l.issue !== 'inchange' && l.issue !== 'hors_departement',
  );
  return {
    ...a,
    details: a.details.map(({ rang, issue, nom, changements, erreurs }) => ({
      rang,
      issue,
      nom,
      changements,
      erreurs,
    })),
  };
};
const ISSUES_COMMUNES = [...ISSUES_LIEUX, 'ignoree'] as const;
const apercuDesCommunes = (a: Awaited<ReturnType<typeof analyserFichierCommunes>>) => {
  const r = apercu(a.lignes, a.colonnesManquantes, ISSUES_COMMUNES, (l) =>
    ['ajout', 'modification', 'erreur'].includes(l.issue),
  );
  return {
    ...r,
    absentes: a.absentes,
    details: r.details.map(({ rang, issue, code, nom, changements, deplacementKm, erreurs }) => ({
      rang,
      issue,
      code,
      nom,
      changements,
      deplacementKm,
      erreurs,
    })),
  };
};

/** A file read by an import; unreadable files are 400s on the file. */
async function lire<T>(analyse: () => Promise<T>): Promise<T> {
  try {
    return await analyse();
  } catch (err) {
    if (!(err instanceof FichierIllisible)) throw err;
    throw new HttpError(400, 'donnees_invalides', 'Fichier illisible.', [{ champ: 'contenu', message: err.message }]);
  }
}
const exigerColonnes = (manquantes: string[]) => {
  if (manquantes.length)
    throw new HttpError(400, 'donnees_invalides', 'Colonnes requises absentes du fichier.', [
      { champ: 'contenu', message: `Colonnes absentes : ${manquantes.join(', ')}.` },
    ]);
};

/**
 * Lieux d'accueil administered in the product (administrators), and the coverage they give drawn on a map with
 * "what if we add a site here" (administrators and cadres).
 */
export function lieuxRoutes(r: Routes, deps: ApiDeps): void {
  const { db, departement } = deps;
  const organisation = chargerOrganisation(departement);
  const { codeInsee } = organisation;
  const limite = (km?: number) => km ?? organisation.couverture.limiteKm;

  route(r, {
    method: 'get',
    path: '/administration/sites',
    tag: 'Administration',
    summary: 'Lieux d’accueil du département (actifs d’abord) : type, adresse, commune, coordonnées, horaires, origine',
    acces: 'organisation.administrer',
    response: lieuxAdministres,
    handler: async () => ({ lieux: await listerLieux(db, codeInsee) }),
  });

  route(r, {
    method: 'post',
    path: '/administration/sites',
    tag: 'Administration',
    summary: 'Créer un lieu d’accueil (coordonnées par défaut : le point de la commune ; journalisé)',
    acces: 'organisation.administrer',
    body: lieuCreation,
    status: 201,
    response: lieuAdministre,
    errors: [409],
    handler: async ({ body, req }) => lireLieu(db, codeInsee, await creerLieu(db, acteurDe(req), codeInsee, body)),
  });

  route(r, {
    method: 'patch',
    path: '/administration/sites/:id',
    tag: 'Administration',
    summary: 'Modifier un lieu d’accueil ; désactivé, il n’est plus compté nulle part (journalisé)',
    acces: 'organisation.administrer',
    params: identifiantParams,
    body: lieuModification,
    response: lieuAdministre,
    errors: [404],
    handler: async ({ params, body, req }) => {
      await modifierLieu(db, acteurDe(req), codeInsee, params.id, body);
      return lireLieu(db, codeInsee, params.id);
    },
  });

  route(r, {
    method: 'get',
    path: '/administration/sites/:id/historique',
    tag: 'Administration',
    summary: 'Historique des changements d’un lieu d’accueil : qui, quand, avant, après',
    acces: 'organisation.administrer',
    params: identifiantParams,
    response: historiqueAdministration,
    errors: [404],
    handler: async ({ params }) => {
      await lireLieu(db, codeInsee, params.id);
      return { entrees: await historique(db, 'lieu', params.id) };
    },
  });

  /** A list read and compared with the lieux known. */
  const analyser = (f: { format: 'france_services' | 'departement'; nomFichier: string; contenu: string }) =>
    lire(() => analyserListeLieux(db, codeInsee, f.format, Buffer.from(f.contenu, 'base64'), f.nomFichier));

  route(r, {
    method: 'post',
    path: '/administration/sites/import/apercu',
    tag: 'Administration',
    summary:
      'Aperçu d’une liste de lieux (France services de l’ANCT, liste du département) : ajouts, modifications, erreurs par ligne',
    acces: 'organisation.administrer',
    body: fichierLieux,
    response: apercuLieux,
    handler: async ({ body }) => {
      const a = await analyser(body);
      return apercuDesLieux(a.lignes, a.colonnesManquantes);
    },
  });

  route(r, {
    method: 'post',
    path: '/administration/sites/import',
    tag: 'Administration',
    summary:
      'Importer une liste de lieux : ajouts et modifications en une transaction, journalisés ; les lignes en erreur ne sont pas importées',
    acces: 'organisation.administrer',
    body: fichierLieux,
    response: apercuLieux,
    handler: async ({ body, req }) => {
      const a = await analyser(body);
      exigerColonnes(a.colonnesManquantes);
      await appliquerListeLieux(db, acteurDe(req), codeInsee, body.format, a.lignes);
      return apercuDesLieux(a.lignes, []);
    },
  });

  /** A communes file read and compared with the département's communes known. */
  const analyserCommunes = (f: { nomFichier: string; contenu: string }) =>
    lire(() => analyserFichierCommunes(db, codeInsee, Buffer.from(f.contenu, 'base64'), f.nomFichier));

  route(r, {
    method: 'post',
    path: '/administration/communes/import/apercu',
    tag: 'Administration',
    summary:
      'Aperçu d’un fichier des communes avec coordonnées (« Communes et villes de France » de data.gouv.fr) : communes nouvelles, noms et points changés, erreurs par ligne ; seules celles du département',
    acces: 'organisation.administrer',
    body: fichierCommunes,
    response: apercuCommunes,
    handler: async ({ body }) => apercuDesCommunes(await analyserCommunes(body)),
  });

  route(r, {
    method: 'post',
    path: '/administration/communes/import',
    tag: 'Administration',
    summary:
      'Importer un fichier des communes : ajouts et changements des communes du département en une transaction, journalisés ; les lignes en erreur ne sont pas importées, aucune commune n’est retirée',
    acces: 'organisation.administrer',
    body: fichierCommunes,
    response: apercuCommunes,
    handler: async ({ body, req }) => {
      const a = await analyserCommunes(body);
      exigerColonnes(a.colonnesManquantes);
      const { sansTerritoire } = await appliquerFichierCommunes(db, acteurDe(req), departement, codeInsee, a.lignes);
      return { ...apercuDesCommunes(a), sansTerritoire };
    },
  });

  route(r, {
    method: 'get',
    path: '/couverture/carte',
    tag: 'Organisation',
    summary: 'Chaque commune du département et sa distance au lieu d’accueil actif le plus proche, les lieux comptés',
    acces: 'couverture.lire',
    query: requeteCarte,
    response: carteCouverture,
    handler: async ({ query }) => lireCarte(db, { departement, codeInsee }, limite(query.limiteKm), query.sources),
  });

  route(r, {
    method: 'post',
    path: '/couverture/simulation',
    tag: 'Organisation',
    summary: 'La couverture avant et après l’ajout d’un lieu d’accueil dans une commune (rien n’est enregistré)',
    acces: 'couverture.lire',
    body: simulationCouverture,
    response: resultatSimulation,
    handler: async ({ body }) => {
      const position = await placer(db, codeInsee, body.communeCode, {
        latitude: body.latitude ?? null,
        longitude: body.longitude ?? null,
      });
      const { nom } = await db.commune.findUniqueOrThrow({ where: { code: position.communeCode } });
      return simulerCouverture(db, { departement, codeInsee }, limite(body.limiteKm), body.sources, {
        nom,
        ...position,
      });
    },
  });
}
