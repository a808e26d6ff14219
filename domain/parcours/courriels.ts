import type { Modele } from './notification';

type Donnees = Record<string, unknown>;

const t = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

const date = (v: unknown) =>
  typeof v === 'string'
    ? new Date(v).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' })
    : '';

const jour = (v: unknown) =>
  typeof v === 'string' ? new Date(v).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long' }) : '';

/**
 * The SMS of each message to the person (none for agents: they read their emails). Short, plain French, and
 * the way out: a reply STOP ends SMS for this person (api/routes/sms.ts).
 */
export function redigerSms(modele: Modele, d: Donnees): string | null {
  const stop = 'STOP pour ne plus recevoir de SMS.';
  switch (modele) {
    case 'lien_parcours':
      return `Votre accompagnement a commencé. Suivez-le ici (lien personnel) : ${t(d.lien)} ${stop}`;
    case 'questionnaire':
      return `Votre avis compte : 1 minute pour nous dire comment se passe votre accompagnement : ${t(d.lien)} ${stop}`;
    case 'rappel_rendez_vous':
      return `Rappel : rendez-vous le ${date(d.le)}, ${t(d.lieu)}. Empêché ? Prévenez votre référent. ${stop}`;
    case 'convocation_equipe':
      return `Vous êtes convoqué(e) à l'équipe pluridisciplinaire le ${date(d.le)}, ${t(d.lieu)}. Courrier suit. ${stop}`;
    case 'decision_equipe':
      return `L'équipe pluridisciplinaire a rendu sa décision sur votre situation : ${t(d.decision)} Courrier suit. ${stop}`;
    case 'designation_referent':
      return `Votre référent de parcours est désigné : la lettre qui vous le présente vous est adressée. ${stop}`;
    case 'contrat_engagement':
      return `Votre contrat d'engagement est prêt : il vous est adressé, à signer avec votre référent. ${stop}`;
    case 'interim_usager':
      return d.fin
        ? `Votre référent est de retour et reprend le suivi de votre accompagnement. ${stop}`
        : `Votre référent est absent jusqu'au ${jour(d.au)} : un collègue de l'équipe suit votre accompagnement. ${stop}`;
    default:
      return null;
  }
}

/**
 * The text of each message. Emails to agents carry no personal data, only the parcours' link: the dossier is
 * read in the application, where access is controlled and audited.
 */
export function rediger(modele: Modele, d: Donnees, urlApplication: string): { sujet: string; texte: string } {
  const lien = `${urlApplication}/parcours/${t(d.parcoursId)}`;
  switch (modele) {
    case 'relance':
      return {
        sujet: `Rappel : ${t(d.delai)} attendue avant le ${date(d.echeance)}`,
        texte: `Une action est attendue de votre part sur un parcours avant le ${date(d.echeance)} (${t(d.delai)}).\n\n${lien}\n`,
      };
    case 'escalade':
      return {
        sujet: `Délai dépassé : ${t(d.delai)}`,
        texte: `Le délai « ${t(d.delai)} » d'un parcours de votre équipe est dépassé depuis le ${date(d.echeance)}.\n\n${lien}\n`,
      };
    case 'relance_manuelle':
      return {
        sujet: 'Relance sur un parcours',
        texte: `Un cadre vous relance sur un parcours.${d.message ? `\n\n« ${t(d.message)} »` : ''}\n\n${lien}\n`,
      };
    case 'lien_parcours':
      return {
        sujet: 'Votre accompagnement : suivez où il en est',
        texte: `Bonjour,\n\nVotre accompagnement a commencé. Sur cette page, vous voyez où il en est, votre prochain rendez-vous, la personne qui vous suit et quoi apporter :\n\n${t(d.lien)}\n\nCe lien est personnel : ne le partagez pas.\n`,
      };
    case 'questionnaire':
      return {
        sujet: 'Votre avis sur votre accompagnement',
        texte: `Bonjour,\n\nPouvez-vous nous dire en quelques clics comment se passe votre accompagnement ? Vos réponses sont anonymes et nous aident à nous améliorer.\n\n${t(d.lien)}\n`,
      };
    case 'rappel_rendez_vous':
      return {
        sujet: `Rappel de votre rendez-vous du ${date(d.le)}`,
        texte: `Bonjour,\n\nNous vous rappelons votre rendez-vous le ${date(d.le)}, ${t(d.lieu)} (${t(d.objet)}).\n\nEn cas d'empêchement, merci de prévenir votre référent.\n`,
      };
    case 'convocation_equipe':
      return {
        sujet: `Convocation à l'équipe pluridisciplinaire du ${date(d.le)}`,
        texte: `Bonjour,\n\nVotre situation sera examinée par l'équipe pluridisciplinaire « ${t(d.equipe)} » le ${date(d.le)}, ${t(d.lieu)}. Vous pouvez y être entendu(e), seul(e) ou accompagné(e). Si vous ne pouvez pas venir, prévenez votre interlocuteur ou envoyez vos observations par écrit.\n\nLa convocation est jointe à ce message (PDF) ; elle vous est aussi adressée par courrier.\n`,
      };
    case 'decision_equipe':
      return {
        sujet: "Décision de l'équipe pluridisciplinaire",
        texte: `Bonjour,\n\nL'équipe pluridisciplinaire « ${t(d.equipe)} » a examiné votre situation le ${date(d.le)}.\n\nDécision : ${t(d.decision)}\n\nLa lettre de décision, avec les voies de recours, est jointe à ce message (PDF) ; elle vous est aussi adressée par courrier.\n`,
      };
    case 'designation_referent':
      return {
        sujet: 'Votre référent de parcours',
        texte: `Bonjour,\n\nUn référent de parcours vous est désigné : il est votre interlocuteur unique pour votre accompagnement. La lettre qui vous le présente est jointe à ce message (PDF).\n`,
      };
    case 'contrat_engagement':
      return {
        sujet: "Votre contrat d'engagement",
        texte: `Bonjour,\n\nVotre contrat d'engagement, avec les objectifs fixés avec votre référent, est joint à ce message (PDF). Vous le signerez ensemble lors de votre prochain rendez-vous.\n`,
      };
    case 'interim_usager':
      return d.fin
        ? {
            sujet: 'Votre référent est de retour',
            texte: `Bonjour,\n\nVotre référent est de retour et reprend le suivi de votre accompagnement.\n`,
          }
        : {
            sujet: 'Votre référent est absent',
            texte: `Bonjour,\n\nVotre référent est absent du ${jour(d.du)} au ${jour(d.au)}. Pendant ce temps, un collègue de la même équipe suit votre accompagnement : vos rendez-vous et démarches continuent.\n`,
          };
    case 'interim_equipe':
      return d.fin
        ? {
            sujet: 'Fin d’un intérim',
            texte: `Le référent d'un parcours dont vous assuriez l'intérim est de retour et le reprend.\n\n${lien}\n`,
          }
        : {
            sujet: `Intérim du ${jour(d.du)} au ${jour(d.au)}`,
            texte: `Pendant l'absence de son référent, du ${jour(d.du)} au ${jour(d.au)}, un parcours est suivi par intérim : les relances vont à l'intérimaire.\n\n${lien}\n`,
          };
    case 'suite_escalade':
      return d.fait
        ? {
            sujet: `Parcours confié à un autre référent : ${t(d.delai)}`,
            texte: `Le délai « ${t(d.delai)} » d'un parcours est resté dépassé sans suite après l'alerte au cadre : le parcours est confié à un autre référent de l'équipe, selon la règle du département.\n\n${lien}\n`,
          }
        : {
            sujet: `Nouveau référent proposé : ${t(d.delai)}`,
            texte: `Le délai « ${t(d.delai)} » d'un parcours est resté dépassé sans suite après l'alerte : un changement de référent vous est proposé (tableau de bord).\n\n${lien}\n`,
          };
  }
}
