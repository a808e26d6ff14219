import { Context } from '@temporalio/activity';
import type { Db } from '../infra/prisma';
import type { Mailer } from '../infra/mailer';
import type { Destinataire, Modele } from '../domain/parcours/notification';
import { rediger } from '../domain/parcours/courriels';
import type { Annuaire } from '../lecture/annuaire';

export interface NotificationDeps {
  db: Db;
  mailer: Mailer;
  annuaire: Annuaire;
  urlApplication: string;
}

/** An SMTP answer in the 5xx range: the server refuses this message for good (unknown mailbox, policy). */
const refusDefinitif = (err: unknown) => {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

/**
 * Marks a message sent through a short database outage (a restart): given up at once, the retried activity
 * would find it unsent and send it again. One try a second, beating, for at most 40 s (the activity has 1 min).
 */
async function jusquAuSucces(cle: string, ecrire: () => Promise<unknown>): Promise<void> {
  for (let essai = 1; ; essai++) {
    try {
      await ecrire();
      return;
    } catch (err) {
      if (essai >= 40) throw err;
      Context.current().heartbeat(cle);
      await Context.current().sleep(1_000);
    }
  }
}

/**
 * Delivers outbox messages by email. Each message is marked sent right after its own delivery, so a retried
 * activity skips what already went out: one email per message, even when the activity runs again. A message the
 * server refuses for good is marked `echec` (the others go on) and returned: the workflow records an incident.
 */
export function createNotificationActivities({ db, mailer, annuaire, urlApplication }: NotificationDeps) {
  return {
    async livrerNotifications({ cles }: { cles: string[] }): Promise<{ envoyees: number; echecs: string[] }> {
      let envoyees = 0;
      const echecs: string[] = [];
      for (const cle of cles) {
        // One beat per message: a delivery stuck on the mail server is retried instead of waited for.
        Context.current().heartbeat(cle);
        const n = await db.notification.findUnique({ where: { cle } });
        if (!n || n.statut !== 'a_envoyer') continue;
        const adresses = await annuaire(n.destinataire as unknown as Destinataire);
        if (adresses.length === 0) {
          await db.notification.update({ where: { cle }, data: { statut: 'sans_destinataire' } });
          continue;
        }
        const { sujet, texte } = rediger(n.modele as Modele, n.donnees as Record<string, unknown>, urlApplication);
        try {
          await mailer.envoyer({ a: adresses, sujet, texte, messageId: `<${cle}@parcours-solidarites>` });
        } catch (err) {
          const definitif = refusDefinitif(err);
          await db.notification.update({
            where: { cle },
            data: {
              tentatives: { increment: 1 },
              derniereErreur: err instanceof Error ? err.message : String(err),
              ...(definitif ? { statut: 'echec' } : {}),
            },
          });
          if (!definitif) throw err;
          echecs.push(cle);
          continue;
        }
        await jusquAuSucces(cle, () =>
          db.notification.update({
            where: { cle },
            data: { statut: 'envoye', envoyeLe: new Date(), adresses, tentatives: { increment: 1 } },
          }),
        );
        envoyees++;
      }
      return { envoyees, echecs };
    },
  };
}
