import { z } from '../contrat/zod';
import { route, type Fichier, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { agentDe, auditer, filtreParcours, vueComplete } from '../acces';
import { HttpError, notFound } from '../errors';
import { DOCUMENTS, NOMS_DOCUMENTS, parSession } from '../../documents/catalogue';
import { courrierPdf } from '../../documents/courrier';
import { chargerIdentite } from '../../config/identite';
import { donneesDocument } from '../../lecture/documents';
import { donneesLettre } from '../../lecture/sessions';
import { documentsParcours } from '../contrat/documents';

export function documentsRoutes(r: Routes, deps: ApiDeps): void {
  const { db } = deps;
  const identite = chargerIdentite(deps.departement);

  route(r, {
    method: 'get',
    path: '/parcours/:id/documents',
    tag: 'Parcours',
    summary:
      'Les documents du parcours disponibles, dont la convocation et la lettre de décision de chaque session de l’équipe où il est passé',
    acces: 'parcours.lire',
    params: z.object({ id: z.uuid({ error: 'Identifiant invalide (UUID attendu).' }) }),
    response: documentsParcours,
    errors: [404],
    handler: async ({ params, req, res }) => {
      const agent = agentDe(req);
      const p = await db.parcours.findFirst({ where: { id: params.id, ...filtreParcours(agent) } });
      if (!p) throw notFound('Parcours');
      // The restricted view (accueil, partners) gets none: the documents speak of the follow-up.
      if (!vueComplete(agent, p)) return { items: [] };
      auditer(res, p.usagerId);
      const donnees = (await donneesDocument(db, p, new Date()))!;
      const dossiers = await db.dossierSession.findMany({
        where: { parcoursId: p.id },
        include: { session: true },
        orderBy: { session: { le: 'asc' } },
      });
      // A few sessions at most per parcours, each maybe of another équipe: named one by one.
      const lettres = await Promise.all(dossiers.map(async (d) => ({ d, session: await donneesLettre(db, d) })));
      const items = [];
      for (const n of NOMS_DOCUMENTS) {
        const document = DOCUMENTS[n];
        if (!parSession(n)) {
          if (!document.indisponible(donnees))
            items.push({ document: n, titre: document.titre, session: null, lien: `/parcours/${p.id}/documents/${n}` });
          continue;
        }
        for (const { d, session } of lettres) {
          if (document.indisponible({ ...donnees, session })) continue;
          items.push({
            document: n,
            titre: document.titre,
            session: { dossierId: d.id, le: d.session.le.toISOString(), equipe: session.session.equipe },
            lien: `/parcours/${p.id}/documents/${n}?session=${d.id}`,
          });
        }
      }
      return { items };
    },
  });

  route(r, {
    method: 'get',
    path: '/parcours/:id/documents/:document',
    tag: 'Parcours',
    summary: `Un document du parcours en PDF, au nom du département (${NOMS_DOCUMENTS.join(', ')})`,
    acces: 'parcours.lire',
    params: z.object({
      id: z.uuid({ error: 'Identifiant invalide (UUID attendu).' }),
      document: z.enum(NOMS_DOCUMENTS, { error: `Document attendu : ${NOMS_DOCUMENTS.join(', ')}.` }),
    }),
    query: z.object({
      session: z
        .uuid({ error: 'Identifiant invalide (UUID attendu).' })
        .optional()
        .describe('Le dossier de la session de l’équipe, pour ses lettres (convocation-equipe, decision-equipe)'),
    }),
    response: z.custom<Fichier>(),
    fichier: ['application/pdf'],
    errors: [400, 404, 409],
    handler: async ({ params, query, req, res }) => {
      const agent = agentDe(req);
      const p = await db.parcours.findFirst({ where: { id: params.id, ...filtreParcours(agent) } });
      if (!p) throw notFound('Parcours');
      // The plan and the person's commitments: for those who see the whole dossier (as on the screens).
      if (!vueComplete(agent, p))
        throw new HttpError(403, 'role_insuffisant', 'Votre rôle ne permet pas cette action.');
      auditer(res, p.usagerId);
      if (parSession(params.document) && !query.session)
        throw new HttpError(400, 'requete_invalide', 'Ce document relève d’une session : précisez-la (?session=).');
      const document = DOCUMENTS[params.document];
      const donnees = await donneesDocument(db, p, new Date(), parSession(params.document) ? query.session : undefined);
      if (!donnees) throw notFound('Session');
      const raison = document.indisponible(donnees);
      if (raison) throw new HttpError(409, 'etape_invalide', raison);
      return {
        nom: `${params.document}${query.session ? `-${donnees.session!.session.le.toISOString().slice(0, 10)}` : ''}.pdf`,
        type: 'application/pdf',
        contenu: await courrierPdf(identite, document.contenu(donnees)),
      };
    },
  });
}
