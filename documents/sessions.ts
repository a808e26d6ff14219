/**
 * The documents of a session of the équipe pluridisciplinaire: the person's convocation, the letter of the
 * decision, and the procès-verbal. Plain data (documents/types.ts), drawn in the département's name by
 * documents/courrier.ts.
 */
import type { Courrier } from './types';
import { LIBELLE_ACCOMPAGNEMENT } from '../domain/parcours/libelles';
import {
  LIBELLE_NATURE,
  LIBELLE_PRESENCE,
  type DecisionDossier,
  type IssueDossier,
  type NatureDossier,
} from '../domain/equipe/session';

export interface DonneesSession {
  collectivite: string;
  equipe: string;
  le: Date;
  lieu: string;
}

export interface DonneesDossier {
  personne: string;
  nature: NatureDossier;
  presence: keyof typeof LIBELLE_PRESENCE | null;
  observations: string | null;
  decision: DecisionDossier | null;
  issue: IssueDossier | null;
  /** When the person was convoked (the convocation's date), null before. */
  convoqueLe: Date | null;
}

const jour = (d: Date) =>
  new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(
    d,
  );
const heure = (d: Date) =>
  new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(d);

/** "Professionnel (France Travail)" inside a sentence: only the first letter changes. */
const minuscule = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The decision in one sentence, as the person and the members read it. */
export function libelleDecision(d: DecisionDossier | null): string {
  if (!d) return 'Dossier non examiné : reporté à une prochaine session.';
  switch (d.decision) {
    case 'accompagnement':
      return `Orientation vers un accompagnement ${minuscule(LIBELLE_ACCOMPAGNEMENT[d.typeAccompagnement])}.`;
    case 'externe':
      return `Orientation vers ${d.organismeExterne}.`;
    case 'avis_favorable':
      return 'Avis favorable à la sanction.';
    case 'avis_defavorable':
      return 'Avis défavorable à la sanction.';
    case 'ajourne':
      return 'Examen reporté à une prochaine session.';
  }
}

const motif = (d: DecisionDossier | null) => (d && 'motif' in d && d.motif ? d.motif : null);

export function convocation(
  s: DonneesSession,
  d: Pick<DonneesDossier, 'personne' | 'nature' | 'convoqueLe'>,
): Courrier {
  const le = d.convoqueLe ?? new Date();
  return {
    titre: 'Convocation à l’équipe pluridisciplinaire',
    destinataire: [d.personne],
    faitLe: `${s.collectivite}, le ${jour(le)}`,
    le,
    blocs: [
      { paragraphe: 'Madame, Monsieur,' },
      {
        paragraphe: `Votre situation sera examinée par l’équipe pluridisciplinaire « ${s.equipe} » (${LIBELLE_NATURE[d.nature].toLowerCase()}). Vous êtes invité(e) à y être entendu(e), seul(e) ou accompagné(e) de la personne de votre choix.`,
      },
      {
        proprietes: [
          ['Date', `${jour(s.le)} à ${heure(s.le)}`],
          ['Lieu', s.lieu],
        ],
      },
      {
        paragraphe:
          'Si vous ne pouvez pas venir, vous pouvez envoyer vos observations par écrit avant la séance ou prévenir votre interlocuteur. La décision vous sera notifiée par courrier.',
      },
    ],
  };
}

export function lettreDecision(s: DonneesSession, d: DonneesDossier): Courrier {
  const m = motif(d.decision);
  return {
    titre: 'Décision de l’équipe pluridisciplinaire',
    destinataire: [d.personne],
    faitLe: `${s.collectivite}, le ${jour(s.le)}`,
    le: s.le,
    blocs: [
      { paragraphe: 'Madame, Monsieur,' },
      {
        paragraphe: `L’équipe pluridisciplinaire « ${s.equipe} » a examiné votre situation lors de sa séance du ${jour(s.le)} (${LIBELLE_NATURE[d.nature].toLowerCase()}).`,
      },
      { intertitre: 'Décision' },
      { paragraphe: libelleDecision(d.decision) },
      ...(m ? [{ paragraphe: `Motif : ${m}` }] : []),
      {
        paragraphe:
          'Vous pouvez contester cette décision dans un délai de deux mois à compter de sa réception, par un recours adressé au président du conseil départemental.',
      },
    ],
  };
}

export function procesVerbal(
  s: DonneesSession & { membresPresents: string[]; quorum: number },
  dossiers: DonneesDossier[],
): Courrier {
  return {
    titre: `Procès-verbal de la séance du ${jour(s.le)}`,
    sansSignataire: true,
    faitLe: `${s.collectivite}, le ${jour(s.le)}`,
    blocs: [
      {
        proprietes: [
          ['Équipe pluridisciplinaire', s.equipe],
          ['Date', `${jour(s.le)} à ${heure(s.le)}`],
          ['Lieu', s.lieu],
          ['Quorum', `${s.membresPresents.length} membres présents (${s.quorum} requis)`],
        ],
      },
      { intertitre: 'Membres présents' },
      { liste: s.membresPresents },
      { intertitre: `Dossiers examinés (${dossiers.length})` },
      ...dossiers.flatMap((d, i) => [
        {
          proprietes: [
            [`${i + 1}. ${d.personne}`, LIBELLE_NATURE[d.nature]],
            ['Personne', d.presence ? LIBELLE_PRESENCE[d.presence] : 'Non renseignée'],
            ...(d.observations ? [['Observations', d.observations] as [string, string]] : []),
            ['Décision', libelleDecision(d.decision)],
            ...(motif(d.decision) ? [['Motif', motif(d.decision)!] as [string, string]] : []),
            ...(d.issue === 'non_applicable'
              ? [['Suite', 'Non appliquée : le parcours avait changé d’étape.'] as [string, string]]
              : []),
          ] as [string, string][],
        },
      ]),
      { signatures: ['Le président de séance', 'Le secrétaire de séance'] },
    ],
  };
}
