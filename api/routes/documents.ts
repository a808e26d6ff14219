import { z } from '../contrat/zod';
import { route, type Fichier, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { agentDe, auditer, filtreParcours, vueComplete } from '../acces';
import { HttpError, notFound } from '../errors';
import { nommer } from '../../lecture/noms';
import { DOCUMENTS, NOMS_DOCUMENTS } from '../../documents/catalogue';
import { courrierPdf } from '../../documents/courrier';
import { chargerIdentite } from '../../config/identite';
import type { Objectif } from '../../domain/parcours/etat';

export function documentsRoutes(r: Routes, deps: ApiDeps): void {
  const { db } = deps;
  const identite = chargerIdentite(deps.departement);

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
    response: z.custom<Fichier>(),
    fichier: ['application/pdf'],
    errors: [404, 409],
    handler: async ({ params, req, res }) => {
      const agent = agentDe(req);
      const p = await db.parcours.findFirst({ where: { id: params.id, ...filtreParcours(agent) } });
      if (!p) throw notFound('Parcours');
      // The plan and the person's commitments: for those who see the whole dossier (as on the screens).
      if (!vueComplete(agent, p))
        throw new HttpError(403, 'role_insuffisant', 'Votre rôle ne permet pas cette action.');
      auditer(res, p.usagerId);
      const noms = await nommer(db, [p]);
      const usager = await db.usager.findUniqueOrThrow({ where: { id: p.usagerId } });
      const document = DOCUMENTS[params.document];
      const donnees = {
        collectivite: identite.collectivite,
        usager,
        referent: noms.agent(p.referentId),
        equipe: noms.equipe(p.equipeId),
        parcours: {
          typeAccompagnement: p.typeAccompagnement,
          objectifs: p.objectifs as unknown as Objectif[],
          ouvertLe: p.ouvertLe,
        },
        aujourdhui: new Date(),
      };
      const raison = document.indisponible(donnees);
      if (raison) throw new HttpError(409, 'etape_invalide', raison);
      return {
        nom: `${params.document}.pdf`,
        type: 'application/pdf',
        contenu: await courrierPdf(identite, document.contenu(donnees)),
      };
    },
  });
}
