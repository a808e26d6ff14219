import type { Modele } from '../domain/parcours/notification';

type Donnees = Record<string, unknown>;

const date = (v: unknown) =>
  typeof v === 'string' ? new Date(v).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' }) : '';

/**
 * The text of each message. Emails to agents carry no personal data, only the parcours' link: the dossier is
 * read in the application, where access is controlled and audited.
 */
export function rediger(modele: Modele, d: Donnees, urlApplication: string): { sujet: string; texte: string } {
  const lien = `${urlApplication}/parcours/${String(d.parcoursId)}`;
  switch (modele) {
    case 'relance':
      return { sujet: `Rappel : ${String(d.delai)} attendue avant le ${date(d.echeance)}`, texte: `Une action est attendue de votre part sur un parcours avant le ${date(d.echeance)} (${String(d.delai)}).\n\n${lien}\n` };
    case 'escalade':
      return { sujet: `Délai dépassé : ${String(d.delai)}`, texte: `Le délai « ${String(d.delai)} » d'un parcours de votre équipe est dépassé depuis le ${date(d.echeance)}.\n\n${lien}\n` };
    case 'relance_manuelle':
      return { sujet: 'Relance sur un parcours', texte: `Un cadre vous relance sur un parcours.${d.message ? `\n\n« ${String(d.message)} »` : ''}\n\n${lien}\n` };
    case 'rappel_rendez_vous':
      return { sujet: `Rappel de votre rendez-vous du ${date(d.le)}`, texte: `Bonjour,\n\nNous vous rappelons votre rendez-vous le ${date(d.le)}, ${String(d.lieu)} (${String(d.objet)}).\n\nEn cas d'empêchement, merci de prévenir votre référent.\n` };
  }
}
