import type { Modele } from './notification';

type Donnees = Record<string, unknown>;

const t = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

const date = (v: unknown) =>
  typeof v === 'string'
    ? new Date(v).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' })
    : '';

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
    case 'rappel_rendez_vous':
      return {
        sujet: `Rappel de votre rendez-vous du ${date(d.le)}`,
        texte: `Bonjour,\n\nNous vous rappelons votre rendez-vous le ${date(d.le)}, ${t(d.lieu)} (${t(d.objet)}).\n\nEn cas d'empêchement, merci de prévenir votre référent.\n`,
      };
  }
}
