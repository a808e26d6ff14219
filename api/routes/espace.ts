/**
 * The person's side, without an account: their page opened by a signed link (header X-Lien-Usager, taken by
 * the screen from the link's fragment, so that the token reaches neither the server's logs nor a Referer), the
 * appointment as an .ics file, the questionnaire; and, for agents, closing a person's links on request.
 * Every opening is journaled (AuditAcces, moyen "lien"), refused ones too; a link expired, revoked or forged
 * gets the same 404, with nothing of the dossier.
 */
import type { Request } from 'express';
import { createEvent } from 'ics';
import { z } from '../contrat/zod';
import { route, type Fichier, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { HttpError, notFound } from '../errors';
import { agentDe, auditer, filtreParcours } from '../acces';
import { idParams } from '../contrat/communs';
import { limiteParMinute } from '../auth/protections';
import { espaceUsager, reponseQuestionnaire, revocationLiens } from '../contrat/espace';
import { lireJeton } from '../../infra/jeton-lien';
import { chargerConfigUsager } from '../../config/usager';
import { situation } from '../../domain/espace/situation';
import { CODES_QUESTION, ECHELLE, QUESTIONS, type Jalon } from '../../domain/espace/satisfaction';
import type { Etape, Statut } from '../../domain/parcours/etapes';
import type { Db } from '../../infra/prisma';

const LIEN_INVALIDE = 'Ce lien n’est plus valide. Demandez un nouveau lien à la personne qui vous suit.';

/** The pending questionnaire a link answers: its own, or (page of the parcours) the latest still open. */
async function questionnaireEnAttente(
  db: Db,
  lien: { portee: string; parcoursId: string; envoiQuestionnaireId: string | null },
) {
  const maintenant = new Date();
  const ids =
    lien.portee === 'questionnaire'
      ? [lien.envoiQuestionnaireId!]
      : (
          await db.lienUsager.findMany({
            where: {
              parcoursId: lien.parcoursId,
              portee: 'questionnaire',
              revoqueLe: null,
              expireLe: { gt: maintenant },
            },
            select: { envoiQuestionnaireId: true },
          })
        ).map((l) => l.envoiQuestionnaireId!);
  return db.envoiQuestionnaire.findFirst({
    where: { id: { in: ids }, reponduLe: null },
    orderBy: { envoyeLe: 'desc' },
  });
}

export function espaceRoutes(r: Routes, deps: ApiDeps & { secretLien: string; limiteLiensMinute: number }): void {
  const { db } = deps;

  // Openings per address and minute: a token cannot be guessed (128-bit signature), nor can the page be scraped.
  r.router.use(
    '/espace',
    limiteParMinute(deps.limiteLiensMinute, 'trop_de_demandes', 'Trop de demandes. Réessayez dans une minute.'),
  );

  /** The link of a request, journaled whether it opens or not; 404 for anything but a valid link. */
  async function ouvrir(req: Request, routeDeclaree: string, operation: 'lecture' | 'ecriture') {
    const v = lireJeton(req.header('x-lien-usager') ?? '', deps.secretLien);
    const lien = v ? await db.lienUsager.findUnique({ where: { id: v.id } }) : null;
    const parcours = lien ? await db.parcours.findUnique({ where: { id: lien.parcoursId } }) : null;
    const valide =
      !!v &&
      !!lien &&
      !!parcours &&
      !lien.revoqueLe &&
      Math.min(lien.expireLe.getTime(), v.expireLe.getTime()) > Date.now() &&
      !(lien.portee === 'parcours' && parcours.statut === 'clos');
    await db.auditAcces.create({
      data: {
        agentId: null,
        moyen: 'lien',
        operation,
        route: routeDeclaree,
        chemin: req.path,
        statut: valide ? 200 : 404,
        usagers: lien ? [lien.usagerId] : [],
        ip: req.ip ?? null,
      },
    });
    if (!valide) throw new HttpError(404, 'lien_invalide', LIEN_INVALIDE);
    return { lien, parcours };
  }

  async function prochainRendezVous(parcoursId: string) {
    const maintenant = Date.now();
    const rdv = (await db.parcoursEvenement.findMany({ where: { parcoursId, type: 'rendez_vous' } }))
      .map((e) => e.donnees as { le: string; lieu: string; objet: string })
      .filter((d) => Date.parse(d.le) > maintenant)
      .sort((a, b) => Date.parse(a.le) - Date.parse(b.le));
    return rdv[0] ?? null;
  }

  route(r, {
    method: 'get',
    path: '/espace',
    tag: 'Espace de la personne',
    summary:
      'La page de la personne (lien signé dans l’en-tête X-Lien-Usager) : où en est son parcours, son prochain rendez-vous, son référent, quoi apporter, un questionnaire en attente',
    acces: 'public',
    response: espaceUsager,
    errors: [404, 429],
    handler: async ({ req }) => {
      const { lien, parcours } = await ouvrir(req, 'GET /espace', 'lecture');
      const envoi = await questionnaireEnAttente(db, lien);
      const questionnaire = envoi && {
        jalon: envoi.jalon as Jalon,
        questions: CODES_QUESTION.map((code) => ({ code, texte: QUESTIONS[code] })),
        echelle: Object.entries(ECHELLE).map(([valeur, libelle]) => ({ valeur: Number(valeur), libelle })),
      };
      if (lien.portee === 'questionnaire')
        return {
          portee: 'questionnaire' as const,
          prenom: null,
          situation: null,
          rendezVous: null,
          referent: null,
          equipe: null,
          aApporter: [],
          questionnaire,
        };
      const etape = parcours.etape as Etape;
      const [usager, referent, equipe, rendezVous] = await Promise.all([
        db.usager.findUnique({ where: { id: lien.usagerId }, select: { prenom: true } }),
        parcours.referentId
          ? db.agent.findUnique({
              where: { id: parcours.referentId },
              select: { prenom: true, nom: true, email: true },
            })
          : null,
        parcours.equipeId ? db.equipe.findUnique({ where: { id: parcours.equipeId }, select: { nom: true } }) : null,
        prochainRendezVous(parcours.id),
      ]);
      return {
        portee: 'parcours' as const,
        prenom: usager?.prenom ?? null,
        situation: { etape, ...situation(etape, parcours.statut as Statut) },
        rendezVous,
        referent,
        equipe: equipe?.nom ?? null,
        aApporter: chargerConfigUsager(parcours.departement).aApporter[etape] ?? [],
        questionnaire,
      };
    },
  });

  route(r, {
    method: 'get',
    path: '/espace/rendez-vous.ics',
    tag: 'Espace de la personne',
    summary: 'Le prochain rendez-vous de la personne, à ajouter à son agenda (iCalendar)',
    acces: 'public',
    response: z.custom<Fichier>(),
    fichier: ['text/calendar'],
    errors: [404, 429],
    handler: async ({ req }) => {
      const { lien, parcours } = await ouvrir(req, 'GET /espace/rendez-vous.ics', 'lecture');
      const rdv = lien.portee === 'parcours' ? await prochainRendezVous(parcours.id) : null;
      if (!rdv) throw notFound('Rendez-vous');
      const { error, value } = createEvent({
        uid: `${parcours.id}-${Date.parse(rdv.le)}@parcours-solidarites`,
        productId: 'parcours-solidarites',
        start: Date.parse(rdv.le),
        startInputType: 'utc',
        startOutputType: 'utc',
        duration: { hours: 1 },
        title: `Rendez-vous : ${rdv.objet}`,
        location: rdv.lieu,
        alarms: [{ action: 'display', description: 'Rendez-vous', trigger: { hours: 24, before: true } }],
      });
      if (error || !value) throw error ?? new Error('iCalendar non produit');
      return { nom: 'rendez-vous.ics', type: 'text/calendar; charset=utf-8', contenu: Buffer.from(value, 'utf8') };
    },
  });

  route(r, {
    method: 'post',
    path: '/espace/questionnaire',
    tag: 'Espace de la personne',
    summary:
      'Répondre au questionnaire de satisfaction en attente (une fois) ; la réponse est gardée sans lien avec la personne',
    acces: 'public',
    body: reponseQuestionnaire,
    response: z.object({ merci: z.literal(true) }),
    errors: [404, 409, 429],
    handler: async ({ body, req }) => {
      const { lien } = await ouvrir(req, 'POST /espace/questionnaire', 'ecriture');
      const envoi = await questionnaireEnAttente(db, lien);
      if (!envoi) throw new HttpError(409, 'deja_repondu', 'Vous avez déjà répondu à ce questionnaire. Merci !');
      await db.$transaction(async (tx) => {
        const marque = await tx.envoiQuestionnaire.updateMany({
          where: { id: envoi.id, reponduLe: null },
          data: { reponduLe: new Date() },
        });
        if (marque.count === 0)
          throw new HttpError(409, 'deja_repondu', 'Vous avez déjà répondu à ce questionnaire. Merci !');
        await tx.reponseSatisfaction.create({
          data: {
            departement: envoi.departement,
            territoireId: envoi.territoireId,
            jalon: envoi.jalon,
            mois: envoi.mois,
            notes: body.notes,
            commentaire: body.commentaire?.trim() || null,
          },
        });
      });
      return { merci: true as const };
    },
  });

  route(r, {
    method: 'post',
    path: '/parcours/:id/liens/revocation',
    tag: 'Parcours',
    summary: 'Fermer les liens de la personne vers sa page et ses questionnaires (à sa demande ou en cas de doute)',
    acces: 'liens.revoquer',
    params: idParams,
    response: revocationLiens,
    errors: [404],
    handler: async ({ params, req, res }) => {
      const agent = agentDe(req);
      const p = await db.parcours.findFirst({ where: { id: params.id, ...filtreParcours(agent) } });
      if (!p) throw notFound('Parcours');
      auditer(res, p.usagerId);
      const { count } = await db.lienUsager.updateMany({
        where: { parcoursId: p.id, revoqueLe: null },
        data: { revoqueLe: new Date(), motifRevocation: 'demande', revoquePar: agent.id },
      });
      return { revoques: count };
    },
  });
}
