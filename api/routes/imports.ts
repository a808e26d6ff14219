import { v5 as uuidv5, v4 as uuidv4 } from 'uuid';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { z } from 'zod';
import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { acteurDe, agentDe, exigerPorteeDepartement } from '../acces';
import { HttpError, notFound } from '../errors';
import { cleIdempotence } from '../idempotence';
import { idParams } from '../contrat/communs';
import { apercuFlux, fichierFlux, importFluxVue, importsFlux } from '../contrat/imports';
import { chargerCorrespondances } from '../../config/flux';
import {
  FichierIllisible,
  analyserFichier,
  bilanImport,
  enregistrerImport,
  issuePrevue,
  type Analyse,
} from '../../imports/flux';
import type { Db } from '../../infra/prisma';
import { PRIORITE_IMPORT, WORKFLOWS } from '../../workflows/messages';
import type { importFluxWorkflow } from '../../workflows/import-flux';

/** Namespace of import ids derived from an Idempotency-Key: one click, one import. */
const IMPORTS = '9a3c5e1f-7b2d-4c8e-9f10-2b4d6e8a0c35';
const ERREURS_MONTREES = 200;
/** Preview lookups at once (two queries per row). */
const SIMULTANES = 20;

const erreursDe = (lignes: { rang: number; erreurs?: unknown }[]) =>
  lignes
    .filter((l) => l.erreurs)
    .slice(0, ERREURS_MONTREES)
    .flatMap((l) => (l.erreurs as { champ: string; message: string }[]).map((e) => ({ rang: l.rang, ...e })));

/** A partner's file, read with the département's mapping; unreadable files and missing mappings are 400s. */
async function analyser(db: Db, departement: string, fichier: z.infer<typeof fichierFlux>): Promise<Analyse> {
  const correspondance = chargerCorrespondances(departement)[fichier.source];
  if (!correspondance)
    throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
      { champ: 'source', message: 'Aucune correspondance de colonnes n’est configurée pour cette source.' },
    ]);
  try {
    return await analyserFichier(
      db,
      departement,
      correspondance,
      Buffer.from(fichier.contenu, 'base64'),
      fichier.nomFichier,
    );
  } catch (err) {
    if (!(err instanceof FichierIllisible)) throw err;
    throw new HttpError(400, 'donnees_invalides', 'Fichier illisible.', [{ champ: 'contenu', message: err.message }]);
  }
}

export function importsRoutes(r: Routes, deps: ApiDeps): void {
  const { db, temporal } = deps;

  async function vue(id: string): Promise<z.infer<typeof importFluxVue>> {
    const i = await db.importFlux.findFirst({ where: { id, departement: deps.departement } });
    if (!i) throw notFound('Import');
    const rejetees = await db.importFluxLigne.findMany({
      where: { importId: id, issue: 'rejetee' },
      orderBy: { rang: 'asc' },
      take: ERREURS_MONTREES,
    });
    return {
      id: i.id,
      source: i.source as z.infer<typeof importFluxVue>['source'],
      nomFichier: i.nomFichier,
      creeLe: i.creeLe.toISOString(),
      termineLe: i.termineLe?.toISOString() ?? null,
      ...(await bilanImport(db, id)),
      erreurs: erreursDe(rejetees),
    };
  }

  route(r, {
    method: 'post',
    path: '/imports/flux/apercu',
    tag: 'Imports',
    summary:
      'Aperçu d’un fichier de bénéficiaires (CAF, MSA, France Travail) : ce que l’import ferait, erreurs par ligne',
    acces: 'flux.importer',
    body: fichierFlux,
    response: apercuFlux,
    handler: async ({ body, req }) => {
      exigerPorteeDepartement(agentDe(req));
      const analyse = await analyser(db, deps.departement, body);
      const parIssue = { en_attente: 0, creee: 0, mise_a_jour: 0, inchangee: 0, rejetee: 0 };
      for (let i = 0; i < analyse.lignes.length; i += SIMULTANES) {
        const issues = await Promise.all(
          analyse.lignes
            .slice(i, i + SIMULTANES)
            .map(async (l) => (l.ligne ? issuePrevue(db, l.ligne) : ('rejetee' as const))),
        );
        for (const issue of issues) parIssue[issue]++;
      }
      const deja = await db.importFlux.findFirst({
        where: { departement: deps.departement, empreinte: analyse.empreinte },
        orderBy: { creeLe: 'desc' },
      });
      return {
        lignes: analyse.lignes.length,
        colonnesReconnues: analyse.colonnesReconnues,
        colonnesManquantes: analyse.colonnesManquantes,
        parIssue,
        dejaImporteLe: deja?.creeLe.toISOString() ?? null,
        erreurs: erreursDe(analyse.lignes),
      };
    },
  });

  route(r, {
    method: 'post',
    path: '/imports/flux',
    tag: 'Imports',
    summary:
      'Importer un fichier de bénéficiaires : une opération durable qui ouvre ou met à jour les parcours (Idempotency-Key accepté)',
    acces: 'flux.importer',
    body: fichierFlux,
    status: 202,
    response: importFluxVue,
    idempotence: true,
    handler: async ({ body, req }) => {
      exigerPorteeDepartement(agentDe(req));
      const analyse = await analyser(db, deps.departement, body);
      if (analyse.colonnesManquantes.length)
        throw new HttpError(400, 'donnees_invalides', 'Colonnes requises absentes du fichier.', [
          { champ: 'contenu', message: `Colonnes absentes : ${analyse.colonnesManquantes.join(', ')}.` },
        ]);
      const cle = cleIdempotence(req);
      const id = cle ? uuidv5(`${agentDe(req).id}:${cle}`, IMPORTS) : uuidv4();
      await enregistrerImport(
        db,
        { id, departement: deps.departement, source: body.source, nomFichier: body.nomFichier, acteur: acteurDe(req) },
        analyse,
      );
      try {
        await temporal.workflow.start<typeof importFluxWorkflow>(WORKFLOWS.importFlux, {
          workflowId: `import-flux-${id}`,
          taskQueue: deps.taskQueue,
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          // Its lots' activities after the agents' work (inherited from the workflow).
          priority: { priorityKey: PRIORITE_IMPORT },
          args: [
            {
              importId: id,
              departement: deps.departement,
              source: body.source,
              acteur: acteurDe(req),
              taskQueue: deps.taskQueue,
              dernierRang: analyse.lignes.length + 1,
            },
          ],
        });
      } catch (err) {
        // Same Idempotency-Key: the import already runs (or ran); answer with it.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      return vue(id);
    },
  });

  route(r, {
    method: 'get',
    path: '/imports/flux',
    tag: 'Imports',
    summary: 'Les derniers imports de fichiers de bénéficiaires, avec leur avancement',
    acces: 'flux.importer',
    response: importsFlux,
    handler: async ({ req }) => {
      exigerPorteeDepartement(agentDe(req));
      const derniers = await db.importFlux.findMany({
        where: { departement: deps.departement },
        orderBy: { creeLe: 'desc' },
        take: 20,
      });
      const imports = [];
      for (const i of derniers) {
        const { erreurs: _e, ...sansErreurs } = await vue(i.id);
        imports.push(sansErreurs);
      }
      return { imports };
    },
  });

  route(r, {
    method: 'get',
    path: '/imports/flux/:id',
    tag: 'Imports',
    summary: 'Avancement et bilan d’un import (créés, mis à jour, inchangés, refusés avec leurs erreurs)',
    acces: 'flux.importer',
    params: idParams,
    response: importFluxVue,
    errors: [404],
    handler: async ({ params, req }) => {
      exigerPorteeDepartement(agentDe(req));
      return vue(params.id);
    },
  });
}
