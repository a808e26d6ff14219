/**
 * "Mon agenda": the signed-in agent's rendez-vous (events of the planifierRendezVous action), with the names of
 * the people, in one request; the same as an iCalendar file for the agent's own calendar. Which rendez-vous are
 * the agent's: filtreAgenda (api/acces.ts).
 */
import type { Request } from 'express';
import { createEvents, type EventAttributes } from 'ics';
import { z } from '../contrat/zod';
import { route, type Fichier, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { agentDe, auditer, filtreAgenda, vueComplete } from '../acces';
import { agendaRendezVous, filtresAgenda, filtresAgendaIcs } from '../contrat/agenda';
import { nommer } from '../../lecture/noms';
import type { Etape, Statut } from '../../domain/parcours/etapes';

/** Most rendez-vous an .ics file carries (a period of an agent's year fits well within it). */
const MAX_ICS = 500;

const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Paris' offset from UTC at an instant, in milliseconds. */
function decalageParis(t: number): number {
  const p = Object.fromEntries(PARIS.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!) - Math.floor(t / 60_000) * 60_000;
}

/** Midnight, Paris time, of a calendar day (AAAA-MM-JJ), as an instant (France changes time at 2 or 3 a.m.). */
export function debutJourParis(jour: string): Date {
  const minuitUtc = Date.parse(`${jour}T00:00:00Z`);
  const approche = minuitUtc - decalageParis(minuitUtc);
  return new Date(minuitUtc - decalageParis(approche));
}

const lendemain = (jour: string) => {
  const d = new Date(`${jour}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

export function agendaRoutes(r: Routes, deps: ApiDeps): void {
  const { db } = deps;

  /** The agent's rendez-vous of the period, in order (time, then person), with names; journaled. */
  async function lire(req: Request, periode: { du?: string; au?: string }) {
    const agent = agentDe(req);
    const du = periode.du ? debutJourParis(periode.du) : new Date();
    const au = periode.au ? debutJourParis(lendemain(periode.au)) : null;
    const evenements = await db.parcoursEvenement.findMany({
      // Planned before it takes place: nothing planned after the period's end can fall within it.
      where: { ...filtreAgenda(agent), ...(au ? { survenuLe: { lt: au } } : {}) },
      select: {
        parcoursId: true,
        seq: true,
        acteur: true,
        donnees: true,
        parcours: {
          select: {
            usagerId: true,
            referentId: true,
            interimId: true,
            territoireId: true,
            equipeId: true,
            structureId: true,
            etape: true,
            statut: true,
          },
        },
      },
    });
    // The time is the one sent (any offset): compared as instants, not as text, hence here rather than in SQL.
    const rendezVous = evenements
      .filter((e) => vueComplete(agent, e.parcours))
      .map((e) => {
        const d = e.donnees as { le: string; lieu: string; objet: string };
        return { ...e, ...d, t: Date.parse(d.le) };
      })
      .filter((e) => e.t >= du.getTime() && (!au || e.t < au.getTime()));
    const noms = await nommer(
      db,
      rendezVous.map((e) => e.parcours),
      rendezVous.map((e) => e.acteur),
    );
    const items = rendezVous
      .map((e) => ({
        id: `${e.parcoursId}:${e.seq}`,
        le: new Date(e.t).toISOString(),
        lieu: e.lieu,
        objet: e.objet,
        parcoursId: e.parcoursId,
        usagerId: e.parcours.usagerId,
        personne: noms.usager(e.parcours.usagerId),
        planifiePar: noms.agent(e.acteur),
        referent: noms.agent(e.parcours.referentId),
        interim: e.parcours.interimId === agent.id,
        etape: e.parcours.etape as Etape,
        statut: e.parcours.statut as Statut,
      }))
      .sort(
        (x, y) => x.le.localeCompare(y.le) || x.personne.localeCompare(y.personne, 'fr') || x.id.localeCompare(y.id),
      );
    return { items, du, au };
  }

  route(r, {
    method: 'get',
    path: '/agenda/rendez-vous',
    tag: 'Agenda',
    summary:
      'Mon agenda : les rendez-vous que j’ai planifiés et ceux des parcours dont je suis le référent (ou l’intérim), à venir ou de la période, dans l’ordre, avec le nom des personnes',
    acces: 'agenda.lire',
    query: filtresAgenda,
    response: agendaRendezVous,
    handler: async ({ query, req, res }) => {
      const { items, du, au } = await lire(req, query);
      const page = items.slice(query.offset, query.offset + query.limit);
      auditer(res, ...page.map((x) => x.usagerId));
      return { items: page, total: items.length, du: du.toISOString(), au: au?.toISOString() ?? null };
    },
  });

  route(r, {
    method: 'get',
    path: '/agenda/rendez-vous.ics',
    tag: 'Agenda',
    summary: `Mon agenda en iCalendar (mêmes rendez-vous et période, ${MAX_ICS} au plus), pour l’agenda de l’agent`,
    acces: 'agenda.lire',
    query: filtresAgendaIcs,
    response: z.custom<Fichier>(),
    fichier: ['text/calendar'],
    handler: async ({ query, req, res }) => {
      const items = (await lire(req, query)).items.slice(0, MAX_ICS);
      auditer(res, ...items.map((x) => x.usagerId));
      const evenements: EventAttributes[] = items.map((x) => ({
        uid: `${x.id.replace(':', '-')}@parcours-solidarites`,
        start: Date.parse(x.le),
        startInputType: 'utc',
        startOutputType: 'utc',
        duration: { hours: 1 },
        title: `Rendez-vous avec ${x.personne}`,
        description: x.objet,
        location: x.lieu,
      }));
      const { error, value } = createEvents(evenements, {
        productId: 'parcours-solidarites',
        calName: 'Mon agenda — Parcours Solidarités',
      });
      if (error || !value) throw error ?? new Error('iCalendar non produit');
      return { nom: 'mon-agenda.ics', type: 'text/calendar; charset=utf-8', contenu: Buffer.from(value, 'utf8') };
    },
  });
}
