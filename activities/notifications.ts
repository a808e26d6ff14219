import { Context } from '@temporalio/activity';
import { v5 as uuidv5 } from 'uuid';
import type { Db } from '../infra/prisma';
import type { Mailer } from '../infra/mailer';
import type { Destinataire, Modele } from '../domain/parcours/notification';
import { rediger, redigerSms } from '../domain/parcours/courriels';
import type { Annuaire } from '../lecture/annuaire';
import { ErreurSms, numeroInternational, type FournisseurSms } from '../infra/sms';
import { signerJeton } from '../infra/jeton-lien';
import { chargerConfigUsager } from '../config/usager';
import { VALIDITE_QUESTIONNAIRE_JOURS } from '../domain/espace/satisfaction';
import type { Notification as LigneOutbox } from '../generated/prisma/client';
import { lettreSessionPdf } from '../lecture/sessions';
import { documentPdf } from '../lecture/documents';
import type { NomDocument } from '../documents/catalogue';

/** The dossier's document each message to the person joins (domain/espace/jalons.ts `courriersUsager`). */
const DOCUMENT_DU_MODELE: Partial<Record<Modele, NomDocument>> = {
  designation_referent: 'designation-referent',
  contrat_engagement: 'contrat-engagement',
};

export interface NotificationDeps {
  db: Db;
  mailer: Mailer;
  annuaire: Annuaire;
  urlApplication: string;
  /** The SMS provider; without one, messages to the person go by email only. */
  sms?: FournisseurSms;
  /** Signs the person's links (LIEN_USAGER_SECRET). */
  secretLien: string;
}

/** Namespace of link ids derived from outbox keys: a retried delivery issues the same link, not a second one. */
const LIENS = '4d0c7a1e-2f7b-4c9e-8a51-6f1f3b2d9e70';
const JOUR = 86_400_000;
const erreur = (err: unknown) => (err instanceof Error ? err.message : String(err));

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
 * Delivers outbox messages: by email, and to the person also by SMS when they agreed to it. Each channel of
 * each message is marked sent right after its own delivery, so a retried activity skips what already went out.
 * What stays at-least-once: an email or SMS accepted by its server just before the process dies, before our
 * write (for SMS, a retry first asks the provider's event log for the message's tag: only a provider that has
 * not yet logged the acceptance leaves a duplicate).
 * A message the mail server refuses for good is marked `echec` (the others go on) and returned: the workflow
 * records an incident.
 */
export function createNotificationActivities(deps: NotificationDeps) {
  const { db, mailer, annuaire, urlApplication, sms } = deps;

  /** The person's link of a message (created once per message key): their page, or one questionnaire. */
  async function lienDe(n: LigneOutbox, usagerId: string): Promise<string | null> {
    if (n.modele !== 'lien_parcours' && n.modele !== 'questionnaire') return null;
    const parcours = await db.parcours.findUniqueOrThrow({ where: { id: n.parcoursId } });
    const id = uuidv5(n.cle, LIENS);
    let lien = await db.lienUsager.findUnique({ where: { id } });
    if (!lien) {
      const maintenant = new Date();
      const donnees = n.donnees as { jalon?: string; territoireId?: string | null };
      if (n.modele === 'questionnaire') {
        const mois = new Date(Date.UTC(maintenant.getUTCFullYear(), maintenant.getUTCMonth(), 1));
        await db.envoiQuestionnaire.createMany({
          data: [
            {
              id: n.cle,
              departement: parcours.departement,
              territoireId: donnees.territoireId ?? parcours.territoireId ?? '',
              jalon: donnees.jalon ?? '',
              mois,
            },
          ],
          skipDuplicates: true,
        });
      }
      const jours =
        n.modele === 'questionnaire'
          ? VALIDITE_QUESTIONNAIRE_JOURS
          : chargerConfigUsager(parcours.departement).lienValiditeJours;
      await db.lienUsager.createMany({
        data: [
          {
            id,
            parcoursId: n.parcoursId,
            usagerId,
            portee: n.modele === 'questionnaire' ? 'questionnaire' : 'parcours',
            envoiQuestionnaireId: n.modele === 'questionnaire' ? n.cle : null,
            expireLe: new Date(maintenant.getTime() + jours * JOUR),
          },
        ],
        skipDuplicates: true,
      });
      lien = await db.lienUsager.findUniqueOrThrow({ where: { id } });
    }
    return `${urlApplication}/mon-parcours#${signerJeton(lien, deps.secretLien)}`;
  }

  /** The SMS of a message to the person: once per message key, only with their consent and no STOP since. */
  async function envoyerSms(n: LigneOutbox, texte: string, numero: string): Promise<void> {
    const deja = await db.envoiSms.findUnique({ where: { cle: n.cle } });
    if (deja && deja.statut !== 'en_cours') return;
    if (!deja) await db.envoiSms.create({ data: { cle: n.cle, parcoursId: n.parcoursId, statut: 'en_cours' } });
    else {
      // A previous attempt may have reached the provider before failing: ask before sending again.
      const accepte = await sms!.dejaAccepte(n.cle, numero);
      if (accepte) {
        await db.envoiSms.update({
          where: { cle: n.cle },
          data: { statut: 'accepte', idFournisseur: accepte.idFournisseur, envoyeLe: new Date() },
        });
        return;
      }
    }
    try {
      const { idFournisseur } = await sms!.envoyer({ a: numero, texte, reference: n.cle });
      await db.envoiSms.update({
        where: { cle: n.cle },
        data: { statut: 'accepte', idFournisseur, envoyeLe: new Date(), tentatives: { increment: 1 } },
      });
    } catch (err) {
      await db.envoiSms.update({
        where: { cle: n.cle },
        data: {
          tentatives: { increment: 1 },
          derniereErreur: erreur(err),
          ...(err instanceof ErreurSms ? { statut: 'echec' } : {}),
        },
      });
      // A definitive refusal is recorded, not retried.
      if (!(err instanceof ErreurSms)) throw err;
    }
  }

  /**
   * The letter a message to the person carries, drawn at delivery from the ids it holds: a session's convocation
   * or decision (its case), the designation letter or the contrat d'engagement (the parcours, dated by its event).
   */
  async function piecesDe(n: LigneOutbox, donnees: Record<string, unknown>) {
    const document = DOCUMENT_DU_MODELE[n.modele as Modele];
    const lettre =
      (n.modele === 'convocation_equipe' || n.modele === 'decision_equipe') && typeof donnees.dossierId === 'string'
        ? await lettreSessionPdf(db, donnees.dossierId, n.modele === 'convocation_equipe' ? 'convocation' : 'decision')
        : document && typeof donnees.le === 'string'
          ? await documentPdf(db, n.parcoursId, document, new Date(donnees.le))
          : null;
    return lettre ? [{ nom: lettre.nom, type: 'application/pdf', contenu: lettre.contenu }] : undefined;
  }

  async function envoyerCourriel(n: LigneOutbox, adresses: string[], donnees: Record<string, unknown>) {
    const { sujet, texte } = rediger(n.modele as Modele, donnees, urlApplication);
    const pieces = await piecesDe(n, donnees);
    try {
      await mailer.envoyer({ a: adresses, sujet, texte, messageId: `<${n.cle}@parcours-solidarites>`, pieces });
    } catch (err) {
      const definitif = refusDefinitif(err);
      await db.notification.update({
        where: { cle: n.cle },
        data: { tentatives: { increment: 1 }, derniereErreur: erreur(err), ...(definitif ? { statut: 'echec' } : {}) },
      });
      if (definitif) return 'echec' as const;
      throw err;
    }
    await jusquAuSucces(n.cle, () =>
      db.notification.update({
        where: { cle: n.cle },
        data: { statut: 'envoye', envoyeLe: new Date(), adresses, tentatives: { increment: 1 } },
      }),
    );
    return 'envoye' as const;
  }

  /** The person's phone number when an SMS may be sent to them (provider, number, consent, no STOP since). */
  async function numeroSms(destinataire: Destinataire): Promise<string | null> {
    if (!sms || destinataire.role !== 'usager') return null;
    const u = await db.usager.findUnique({ where: { id: destinataire.usagerId } });
    if (!u?.telephone || !u.smsConsentementLe || (u.smsStopLe && u.smsStopLe >= u.smsConsentementLe)) return null;
    return numeroInternational(u.telephone);
  }

  return {
    async livrerNotifications({ cles }: { cles: string[] }): Promise<{ envoyees: number; echecs: string[] }> {
      let envoyees = 0;
      const echecs: string[] = [];
      for (const cle of cles) {
        // One beat per message: a delivery stuck on the mail server is retried instead of waited for.
        Context.current().heartbeat(cle);
        const n = await db.notification.findUnique({ where: { cle } });
        if (!n) continue;
        const destinataire = n.destinataire as unknown as Destinataire;
        const courrielAFaire = n.statut === 'a_envoyer';
        const numero = await numeroSms(destinataire);
        const envoiSms = numero ? await db.envoiSms.findUnique({ where: { cle } }) : null;
        const smsAFaire = numero !== null && (!envoiSms || envoiSms.statut === 'en_cours');
        if (!courrielAFaire && !smsAFaire) continue;
        const adresses = courrielAFaire ? await annuaire(destinataire) : [];
        if (courrielAFaire && adresses.length === 0)
          await db.notification.update({ where: { cle }, data: { statut: 'sans_destinataire' } });
        if (!adresses.length && !smsAFaire) continue;
        const lien = destinataire.role === 'usager' ? await lienDe(n, destinataire.usagerId) : null;
        const donnees = { ...(n.donnees as Record<string, unknown>), ...(lien ? { lien } : {}) };
        // Both channels are tried before a failure of either is raised (and the activity retried).
        const erreurs: unknown[] = [];
        if (adresses.length) {
          const issue = await envoyerCourriel(n, adresses, donnees).catch((e: unknown) => erreurs.push(e));
          if (issue === 'echec') echecs.push(cle);
        }
        const texteSms = smsAFaire ? redigerSms(n.modele as Modele, donnees) : null;
        if (texteSms) await envoyerSms(n, texteSms, numero!).catch((e: unknown) => erreurs.push(e));
        if (erreurs.length) throw erreurs[0];
        envoyees++;
      }
      return { envoyees, echecs };
    },
  };
}
