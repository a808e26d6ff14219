import type { Routes } from '../route';
import { route } from '../route';
import type { ApiDeps } from '../context';
import { ETAPES } from '../../domain/parcours/etapes';
import type { Prisma } from '../../generated/prisma/client';
import { agentDe, territoireImpose, verifierTerritoire } from '../acces';
import { chargeVue, filtresPilotage, indicateursVue } from '../contrat/pilotage';

const JOUR = 86_400_000;
/**
 * The steps whose délai is measured from the timeline: the event that opens the step and the one that ends it.
 * (Accompaniment is measured up to the plan, the contrat d'engagement.)
 */
const PASSAGES = [
  { etape: 'evaluation', entree: 'accueil', sortie: 'evaluation' },
  { etape: 'orientation', entree: 'evaluation', sortie: 'orientation' },
  { etape: 'designation', entree: 'orientation', sortie: 'designation_referent' },
  { etape: 'accompagnement', entree: 'designation_referent', sortie: 'plan' },
] as const;
const TYPES = [...new Set(PASSAGES.flatMap((p) => [p.entree, p.sortie])), 'escalade'];

const moyenne = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;
const part = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);
const moisDe = (d: Date) => d.toISOString().slice(0, 7);

function ouParcours(f: {
  territoireId?: string;
  equipeId?: string;
  referentId?: string;
  etape?: string;
}): Prisma.ParcoursWhereInput {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
}

/** Pilotage (cadres): indicators per step and over time, caseload against capacity. Read model only. */
export function pilotageRoutes(r: Routes, { db, departement }: ApiDeps): void {
  route(r, {
    method: 'get',
    path: '/pilotage/indicateurs',
    tag: 'Pilotage',
    summary: 'Indicateurs par étape (en cours, en retard, attente, délai moyen, part dans les délais) et par mois',
    acces: 'pilotage.lire',
    query: filtresPilotage,
    response: indicateursVue,
    handler: async ({ query: { mois, ...f }, req }) => {
      const agent = agentDe(req);
      verifierTerritoire(agent, f.territoireId);
      const maintenant = new Date();
      const depuis = new Date(Date.UTC(maintenant.getUTCFullYear(), maintenant.getUTCMonth() - mois + 1, 1));
      const where = { ...ouParcours({ territoireId: territoireImpose(agent), ...f }), departement };
      const [enCours, evenements, ouverts, clos] = await Promise.all([
        db.parcours.findMany({
          where: { ...where, statut: { not: 'clos' } },
          select: { etape: true, etapeDepuis: true, enRetard: true },
        }),
        db.parcoursEvenement.findMany({
          where: { type: { in: TYPES }, survenuLe: { gte: new Date(depuis.getTime() - 365 * JOUR) }, parcours: where },
          select: { parcoursId: true, type: true, survenuLe: true },
          orderBy: [{ parcoursId: 'asc' }, { seq: 'asc' }],
        }),
        db.parcours.findMany({ where: { ...where, ouvertLe: { gte: depuis } }, select: { ouvertLe: true } }),
        db.parcours.findMany({ where: { ...where, closLe: { gte: depuis } }, select: { closLe: true } }),
      ]);

      // Passages: for each parcours, each measured step from its entry event to its exit event.
      const passages: { etape: string; jours: number; dansDelai: boolean; mois: string }[] = [];
      let courant: string | null = null;
      let ouverts_: Map<string, Date> = new Map();
      let escalades: Date[] = [];
      for (const e of evenements) {
        if (e.parcoursId !== courant) {
          courant = e.parcoursId;
          ouverts_ = new Map();
          escalades = [];
        }
        if (e.type === 'escalade') {
          escalades.push(e.survenuLe);
          continue;
        }
        for (const p of PASSAGES) {
          if (e.type === p.sortie && ouverts_.has(p.etape) && e.survenuLe >= depuis) {
            const entree = ouverts_.get(p.etape)!;
            passages.push({
              etape: p.etape,
              jours: (e.survenuLe.getTime() - entree.getTime()) / JOUR,
              mois: moisDe(e.survenuLe),
              dansDelai: !escalades.some((x) => x >= entree && x <= e.survenuLe),
            });
            ouverts_.delete(p.etape);
          }
          if (e.type === p.entree) ouverts_.set(p.etape, e.survenuLe);
        }
      }

      const parEtape = ETAPES.map((etape) => {
        const ici = enCours.filter((p) => p.etape === etape);
        const ages = ici.map((p) => (maintenant.getTime() - p.etapeDepuis.getTime()) / JOUR);
        const franchis = passages.filter((p) => p.etape === etape);
        return {
          etape,
          enCours: ici.length,
          enRetard: ici.filter((p) => p.enRetard).length,
          ageMoyenJours: moyenne(ages),
          ageMaxJours: ages.length ? Math.round(Math.max(...ages) * 10) / 10 : null,
          passages: franchis.length,
          delaiMoyenJours: moyenne(franchis.map((p) => p.jours)),
          partDansDelai: part(franchis.filter((p) => p.dansDelai).length, franchis.length),
        };
      });

      const evolution = Array.from({ length: mois }, (_, i) => {
        const m = moisDe(new Date(Date.UTC(depuis.getUTCFullYear(), depuis.getUTCMonth() + i, 1)));
        const duMois = passages.filter((p) => p.mois === m);
        return {
          mois: m,
          ouverts: ouverts.filter((p) => moisDe(p.ouvertLe) === m).length,
          clos: clos.filter((p) => p.closLe && moisDe(p.closLe) === m).length,
          passages: duMois.length,
          delaiMoyenJours: moyenne(duMois.map((p) => p.jours)),
          partDansDelai: part(duMois.filter((p) => p.dansDelai).length, duMois.length),
        };
      });
      return { genereLe: maintenant.toISOString(), parEtape, evolution };
    },
  });

  route(r, {
    method: 'get',
    path: '/pilotage/charge',
    tag: 'Pilotage',
    summary: 'Charge des agents (parcours ouverts dont ils sont référents) au regard de leur capacité',
    acces: 'pilotage.lire',
    query: filtresPilotage.pick({ territoireId: true, equipeId: true }),
    response: chargeVue,
    handler: async ({ query: demande, req }) => {
      const agent = agentDe(req);
      verifierTerritoire(agent, demande.territoireId);
      // A cadre of a territoire sees that territoire only, whatever the filters ask.
      const query = { ...demande, territoireId: demande.territoireId ?? territoireImpose(agent) };
      const equipeWhere = {
        ...(query.equipeId ? { id: query.equipeId } : {}),
        ...(query.territoireId ? { territoireId: query.territoireId } : {}),
      };
      const [agents, charges] = await Promise.all([
        db.agent.findMany({
          where: { departement, actif: true, ...(query.equipeId || query.territoireId ? { equipe: equipeWhere } : {}) },
          include: { equipe: { select: { territoireId: true } } },
          orderBy: [{ nom: 'asc' }, { prenom: 'asc' }],
        }),
        db.parcours.groupBy({
          by: ['referentId', 'enRetard'],
          _count: { _all: true },
          where: {
            departement,
            statut: { not: 'clos' },
            referentId: { not: null },
            ...ouParcours({ territoireId: query.territoireId, equipeId: query.equipeId }),
          },
        }),
      ]);
      const charge = new Map<string, { charge: number; enRetard: number }>();
      for (const g of charges) {
        const c = charge.get(g.referentId!) ?? { charge: 0, enRetard: 0 };
        c.charge += g._count._all;
        if (g.enRetard) c.enRetard += g._count._all;
        charge.set(g.referentId!, c);
      }
      const connus = new Set(agents.map((a) => a.id));
      return {
        items: [
          ...agents.map((a) => ({
            agentId: a.id,
            prenom: a.prenom,
            nom: a.nom,
            roles: a.roles,
            equipeId: a.equipeId,
            territoireId: a.equipe?.territoireId ?? null,
            capacite: a.capacite,
            ...(charge.get(a.id) ?? { charge: 0, enRetard: 0 }),
          })),
          // Référents named on parcours but absent from the organisation: shown, without capacity.
          ...[...charge.entries()]
            .filter(([id]) => !connus.has(id))
            .map(([agentId, c]) => ({
              agentId,
              prenom: null,
              nom: null,
              roles: [],
              equipeId: null,
              territoireId: null,
              capacite: null,
              ...c,
            })),
        ],
      };
    },
  });
}
