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

/**
 * Delivers outbox messages by email. Each message is marked sent right after its own delivery, so a retried
 * activity skips what already went out: one email per message, even when the activity runs again.
 */
export function createNotificationActivities({ db, mailer, annuaire, urlApplication }: NotificationDeps) {
  return {
    async livrerNotifications({ cles }: { cles: string[] }): Promise<{ envoyees: number }> {
      let envoyees = 0;
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
          await db.notification.update({
            where: { cle },
            data: { tentatives: { increment: 1 }, derniereErreur: err instanceof Error ? err.message : String(err) },
          });
          throw err;
        }
        await db.notification.update({
          where: { cle },
          data: { statut: 'envoye', envoyeLe: new Date(), adresses, tentatives: { increment: 1 } },
        });
        envoyees++;
      }
      return { envoyees };
    },
  };
}
