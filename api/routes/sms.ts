/**
 * The SMS provider's callbacks (Brevo's transactional SMS webhook): delivery statuses of our messages, and the
 * person's replies — STOP (or Brevo's own unsubscribe event) ends SMS to them until a new consent. Authenticated
 * by the secret Brevo sends back (the credentials of the webUrl given with each message).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { z } from '../contrat/zod';
import { route, type Routes } from '../route';
import { HttpError } from '../errors';
import { evenementSms } from '../contrat/espace';
import { numeroInternational } from '../../infra/sms';
import type { Db } from '../../infra/prisma';

/** Brevo's statuses, as the delivery log records them. */
const STATUTS: Record<string, string> = {
  delivered: 'distribue',
  hardBounce: 'non_distribue',
  hard_bounce: 'non_distribue',
  softBounce: 'non_distribue',
  soft_bounce: 'non_distribue',
  rejected: 'non_distribue',
  blacklisted: 'non_distribue',
};
const DESABONNEMENT = ['unsubscribe', 'unsubscribed'];
const STOP = /^\s*stop\b/i;

function authentifie(req: Request, secret: string): boolean {
  const [schema, valeur = ''] = (req.header('authorization') ?? '').split(' ');
  const donne =
    schema === 'Basic' ? Buffer.from(valeur, 'base64').toString('utf8').split(':').slice(1).join(':') : valeur;
  const a = Buffer.from(donne);
  const b = Buffer.from(secret);
  return (schema === 'Basic' || schema === 'Bearer') && a.length === b.length && timingSafeEqual(a, b);
}

/** The person a STOP comes from: the message it answers, else the number. */
async function usagerDe(db: Db, idFournisseur: string | null, numero: string | undefined): Promise<string[]> {
  if (idFournisseur) {
    const envoi = await db.envoiSms.findFirst({ where: { idFournisseur } });
    const p = envoi && (await db.parcours.findUnique({ where: { id: envoi.parcoursId }, select: { usagerId: true } }));
    if (p) return [p.usagerId];
  }
  if (!numero) return [];
  const candidats = await db.usager.findMany({
    where: { telephone: { not: null }, smsConsentementLe: { not: null } },
    select: { id: true, telephone: true },
  });
  const cible = numeroInternational(numero.startsWith('+') || numero.startsWith('0') ? numero : `+${numero}`);
  return candidats.filter((u) => numeroInternational(u.telephone!) === cible).map((u) => u.id);
}

export function smsRoutes(r: Routes, { db, secretWebhook }: { db: Db; secretWebhook?: string }): void {
  route(r, {
    method: 'post',
    path: '/sms/evenements',
    tag: 'SMS',
    summary: 'Rappel du fournisseur de SMS : statut de remise d’un message, réponse de la personne (STOP)',
    acces: 'public',
    body: evenementSms,
    response: z.object({ pris: z.boolean() }),
    errors: [401, 404],
    handler: async ({ body, req }) => {
      if (!secretWebhook) throw new HttpError(404, 'introuvable', 'Route introuvable.');
      if (!authentifie(req, secretWebhook)) throw new HttpError(401, 'non_authentifie', 'Authentification requise.');
      const evenement = body.event ?? body.msg_status ?? '';
      const idFournisseur = body.messageId === undefined ? null : String(body.messageId);
      if (DESABONNEMENT.includes(evenement) || (body.reply && STOP.test(body.reply))) {
        const usagers = await usagerDe(db, idFournisseur, body.to);
        await db.usager.updateMany({ where: { id: { in: usagers } }, data: { smsStopLe: new Date() } });
        return { pris: usagers.length > 0 };
      }
      const statut = STATUTS[evenement];
      if (!statut || !idFournisseur) return { pris: false };
      const { count } = await db.envoiSms.updateMany({
        where: { idFournisseur },
        data: { statut, ...(statut === 'distribue' ? { distribueLe: new Date() } : {}) },
      });
      return { pris: count > 0 };
    },
  });
}
