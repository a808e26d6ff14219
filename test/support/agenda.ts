/** Building blocks of the agenda tests: an équipe whose agents have people's names, parcours brought to accompagnement through the API. */
import type { Db } from '../../infra/prisma';
import { nouvelAgent, nouvelleEquipe } from './parcours';

type RoleEquipe = 'cadre' | 'evaluateur' | 'referent' | 'accueil';

/** An équipe (nouvelleEquipe) whose agents read as people do: "Claire Dubois", not "referent 1a2b3c4d". */
export async function equipeNommee(db: Db, noms: Partial<Record<RoleEquipe, [prenom: string, nom: string]>>) {
  const equipe = await nouvelleEquipe(db);
  for (const [role, [prenom, nom]] of Object.entries(noms) as [RoleEquipe, [string, string]][])
    await db.agent.update({ where: { id: equipe.agents[role] }, data: { prenom, nom } });
  return equipe;
}

/** Another référent of the équipe, with a person's name. */
export async function referentNomme(db: Db, equipeId: string, prenom: string, nom: string): Promise<string> {
  const id = await nouvelAgent(db, ['referent'], equipeId, 'referent');
  await db.agent.update({ where: { id }, data: { prenom, nom } });
  return id;
}

/** An API call as an agent (supertest in integration tests, fetch in browser tests): the body of a 2xx. */
export type Poster = (chemin: string, corps: object, agentId: string) => Promise<{ id: string; usagerId?: string }>;

/**
 * A person's parcours opened by the cadre, routed to the équipe, evaluated, oriented and given its référent: at
 * the accompagnement, through the API as agents do it.
 */
export async function enAccompagnement(
  post: Poster,
  equipe: Awaited<ReturnType<typeof nouvelleEquipe>>,
  personne: { prenom: string; nom: string },
  referentId = equipe.referentId,
): Promise<{ parcoursId: string; usagerId: string }> {
  const p = await post(
    '/parcours',
    {
      usager: personne,
      accueil: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
      routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Suivi par l’équipe' },
    },
    equipe.agents.cadre,
  );
  const etape = (chemin: string, corps: object, agent: string) => post(`/parcours/${p.id}/${chemin}`, corps, agent);
  await etape(
    'evaluation',
    {
      diagnostic: [{ domaine: 'logement', constat: 'Hébergée chez un tiers', besoinAccompagnement: true }],
      synthese: 'Accompagnement social nécessaire',
      conclusion: 'orientation',
    },
    equipe.agents.evaluateur,
  );
  await etape('orientation', { decision: 'accompagnement', typeAccompagnement: 'social' }, equipe.agents.cadre);
  await etape('referent', { referentId, accordUsager: true }, equipe.agents.cadre);
  return { parcoursId: p.id, usagerId: p.usagerId! };
}

/** An instant written with another offset than UTC (as a client may send it): "2026-12-10T15:00:00+03:00". */
export function avecDecalage(instant: Date, heures: number): string {
  const local = new Date(instant.getTime() + heures * 3_600_000).toISOString().slice(0, 19);
  const signe = heures < 0 ? '-' : '+';
  return `${local}${signe}${String(Math.abs(heures)).padStart(2, '0')}:00`;
}

const JOUR = 86_400_000;

/** Some days ahead at a given UTC hour and minute (no second to round). */
export function dansJours(jours: number, heureUtc: number, minutes = 0): Date {
  const d = new Date(Date.now() + jours * JOUR);
  d.setUTCHours(heureUtc, minutes, 0, 0);
  return d;
}

/** The calendar day of an instant in Paris, AAAA-MM-JJ (the agenda's periods are Paris days). */
export const jourParis = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);
