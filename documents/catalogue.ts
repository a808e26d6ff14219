/**
 * The documents a parcours produces, one entry each: when it exists, and its text. The letters of a session of
 * the équipe (`parSession`) exist once per session the parcours went through (documents/sessions.ts). The API serves them as PDF
 * in the département's name (documents/courrier.ts); the dossier's screen lists those available.
 */
import type { Courrier } from './types';
import type { Objectif } from '../domain/parcours/etat';
import { LIBELLE_ACCOMPAGNEMENT, LIBELLE_DOMAINE } from '../domain/parcours/libelles';
import { convocation, lettreDecision, type DonneesDossier, type DonneesSession } from './sessions';

export interface DonneesDocument {
  collectivite: string;
  usager: { prenom: string; nom: string };
  referent: string | null;
  equipe: string | null;
  parcours: {
    typeAccompagnement: string | null;
    objectifs: Objectif[];
    ouvertLe: Date;
  };
  aujourdhui: Date;
  /** For a letter of a session of the équipe: that session and the parcours' case in it. */
  session?: { session: DonneesSession; dossier: DonneesDossier };
}

const jour = (d: Date) =>
  new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(
    d,
  );
const personne = (d: DonneesDocument) => `${d.usager.prenom} ${d.usager.nom}`;
const accompagnement = (t: string | null) =>
  t ? (LIBELLE_ACCOMPAGNEMENT[t as keyof typeof LIBELLE_ACCOMPAGNEMENT] ?? t).toLowerCase() : 'social';

interface Document {
  titre: string;
  /** One per session of the équipe the parcours went through (`?session=` names its case). */
  parSession?: true;
  /** Why it is not available yet, or null when it is. */
  indisponible(d: DonneesDocument): string | null;
  contenu(d: DonneesDocument): Courrier;
}

export const DOCUMENTS = {
  'contrat-engagement': {
    titre: 'Contrat d’engagement',
    indisponible: (d) =>
      !d.referent || !d.parcours.objectifs.length ? 'Le contrat suppose un référent désigné et un plan établi.' : null,
    contenu: (d) => ({
      titre: 'Contrat d’engagement réciproque',
      faitLe: `${d.collectivite}, le ${jour(d.aujourdhui)}`,
      blocs: [
        {
          proprietes: [
            ['Personne accompagnée', personne(d)],
            ['Référent de parcours', d.referent!],
            ['Équipe', d.equipe ?? '—'],
            ['Accompagnement', accompagnement(d.parcours.typeAccompagnement)],
            ['Parcours ouvert le', jour(d.parcours.ouvertLe)],
          ],
        },
        {
          paragraphe: `Ce contrat fixe les objectifs que ${personne(d)} et son référent de parcours se donnent ensemble, et ce que chacun s’engage à faire pour les atteindre. Il est revu à chaque revue de parcours.`,
        },
        { intertitre: 'Objectifs' },
        {
          liste: d.parcours.objectifs.map(
            (o) => `${o.libelle} (${LIBELLE_DOMAINE[o.domaine as keyof typeof LIBELLE_DOMAINE] ?? o.domaine})`,
          ),
        },
        { intertitre: 'Engagements' },
        {
          liste: [
            `${d.collectivite} s’engage à désigner un référent unique, joignable, qui coordonne les intervenants et informe la personne de chaque étape et de chaque délai.`,
            `${personne(d)} s’engage à participer aux rendez-vous et aux actions prévues, ou à prévenir son référent en cas d’empêchement.`,
          ],
        },
        { signatures: [`La personne accompagnée\n${personne(d)}`, `Le référent de parcours\n${d.referent!}`] },
      ],
    }),
  },
  'designation-referent': {
    titre: 'Lettre de désignation du référent',
    indisponible: (d) => (!d.referent ? 'Aucun référent n’est encore désigné.' : null),
    contenu: (d) => ({
      titre: 'Votre référent de parcours',
      destinataire: [personne(d)],
      faitLe: `${d.collectivite}, le ${jour(d.aujourdhui)}`,
      blocs: [
        { paragraphe: `Madame, Monsieur,` },
        {
          paragraphe: `Pour votre accompagnement ${accompagnement(d.parcours.typeAccompagnement)}, ${d.referent!} est désormais votre référent de parcours${d.equipe ? ` au sein de l’équipe « ${d.equipe} »` : ''}. Il est votre interlocuteur unique : il coordonne les professionnels qui vous accompagnent et vous informe de chaque étape.`,
        },
        {
          paragraphe:
            'Vous pouvez le joindre aux coordonnées indiquées lors de votre premier rendez-vous. Si vous souhaitez changer de référent, vous pouvez le demander à tout moment.',
        },
      ],
    }),
  },
  'convocation-equipe': {
    titre: 'Convocation à l’équipe pluridisciplinaire',
    parSession: true,
    indisponible: (d) =>
      !d.session?.dossier.convoqueLe ? 'La personne n’a pas encore été convoquée à cette session.' : null,
    contenu: (d) => convocation(d.session!.session, d.session!.dossier),
  },
  'decision-equipe': {
    titre: 'Décision de l’équipe pluridisciplinaire',
    parSession: true,
    indisponible: (d) =>
      !d.session?.dossier.issue
        ? 'La décision est notifiée à la clôture de la session.'
        : d.session.dossier.issue === 'non_applicable'
          ? 'La décision n’a pas pu être appliquée au parcours.'
          : null,
    contenu: (d) => lettreDecision(d.session!.session, d.session!.dossier),
  },
} as const satisfies Record<string, Document>;

export type NomDocument = keyof typeof DOCUMENTS;
export const NOMS_DOCUMENTS = Object.keys(DOCUMENTS) as NomDocument[];
export const parSession = (n: NomDocument): boolean => 'parSession' in DOCUMENTS[n];
