/** The agent's agenda: the rendez-vous planned with the people they follow (GET /agenda/rendez-vous). */
import { ETAPES, STATUTS } from '../../domain/parcours/etapes';
import { dateBornee } from '../../domain/validation';
import { pagination } from './communs';
import { z } from './zod';

const jour = (quoi: string) => dateBornee({ jours: -3 * 366 }, { jours: 2 * 366 + 1 }, quoi);

const periode = {
  du: jour('Début de la période')
    .optional()
    .describe('Premier jour couvert (AAAA-MM-JJ, heure de Paris) ; sans lui, les rendez-vous à venir seulement'),
  au: jour('Fin de la période').optional().describe('Dernier jour couvert, inclus (AAAA-MM-JJ, heure de Paris)'),
};
const ordonnee = (p: { du?: string; au?: string }) => !p.du || !p.au || p.du <= p.au;
const MESSAGE_ORDRE = { message: 'La fin de la période précède son début.', path: ['au'] };

export const filtresAgenda = z.object({ ...periode, ...pagination(500, 100) }).refine(ordonnee, MESSAGE_ORDRE);

/** The .ics file: every rendez-vous of the period (no paging), at most 500. */
export const filtresAgendaIcs = z.object(periode).refine(ordonnee, MESSAGE_ORDRE);

export const rendezVousAgenda = z
  .object({
    id: z.string().describe('Identifiant du rendez-vous (parcours et rang de son événement)'),
    le: z.string().describe('Date et heure (ISO 8601, UTC)'),
    lieu: z.string(),
    objet: z.string(),
    parcoursId: z.uuid(),
    usagerId: z.uuid(),
    personne: z.string().describe('Prénom et nom de la personne'),
    planifiePar: z.string().nullable().describe('Prénom et nom de l’agent qui l’a planifié'),
    referent: z.string().nullable().describe('Prénom et nom du référent du parcours'),
    interim: z.boolean().describe('L’agent tient ce parcours en intérim de son référent'),
    etape: z.enum(ETAPES),
    statut: z.enum(STATUTS).describe('Statut du parcours (un parcours clos n’envoie plus de rappel)'),
  })
  .openapi('RendezVousAgenda');

export const agendaRendezVous = z
  .object({
    items: z.array(rendezVousAgenda),
    total: z.number().int(),
    du: z.string().describe('Début de la période lue (ISO 8601) : maintenant, sans filtre'),
    au: z.string().nullable().describe('Fin de la période lue (ISO 8601, exclue), ou aucune'),
  })
  .openapi('AgendaRendezVous');
