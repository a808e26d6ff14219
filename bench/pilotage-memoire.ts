/**
 * The benchmark's baseline: the in-memory aggregation that /pilotage/indicateurs and /pilotage/charge did before
 * issue 16 (every parcours and timeline event of the scope loaded, then counted in Node), kept only to print
 * the "before" figures next to the SQL aggregates.
 */
import type { Db } from '../infra/prisma';
import { ETAPES } from '../domain/parcours/etapes';

const JOUR = 86_400_000;
const PASSAGES = [
  { etape: 'evaluation', entree: 'accueil', sortie: 'evaluation' },
  { etape: 'orientation', entree: 'evaluation', sortie: 'orientation' },
  { etape: 'designation', entree: 'orientation', sortie: 'designation_referent' },
  { etape: 'accompagnement', entree: 'designation_referent', sortie: 'plan' },
] as const;
const TYPES = [...new Set(PASSAGES.flatMap((p) => [p.entree, p.sortie])), 'escalade'];
const moyenne = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const moisDe = (d: Date) => d.toISOString().slice(0, 7);

export async function indicateursEnMemoire(db: Db, departement: string, territoireId?: string, mois = 12) {
  const maintenant = new Date();
  const depuis = new Date(Date.UTC(maintenant.getUTCFullYear(), maintenant.getUTCMonth() - mois + 1, 1));
  const where = { departement, ...(territoireId ? { territoireId } : {}) };
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
  const passages: { etape: string; jours: number; dansDelai: boolean; mois: string }[] = [];
  let courant: string | null = null;
  let entrees = new Map<string, Date>();
  let escalades: Date[] = [];
  for (const e of evenements) {
    if (e.parcoursId !== courant) {
      courant = e.parcoursId;
      entrees = new Map();
      escalades = [];
    }
    if (e.type === 'escalade') {
      escalades.push(e.survenuLe);
      continue;
    }
    for (const p of PASSAGES) {
      if (e.type === p.sortie && entrees.has(p.etape) && e.survenuLe >= depuis) {
        const entree = entrees.get(p.etape)!;
        passages.push({
          etape: p.etape,
          jours: (e.survenuLe.getTime() - entree.getTime()) / JOUR,
          mois: moisDe(e.survenuLe),
          dansDelai: !escalades.some((x) => x >= entree && x <= e.survenuLe),
        });
        entrees.delete(p.etape);
      }
      if (e.type === p.entree) entrees.set(p.etape, e.survenuLe);
    }
  }
  return {
    parEtape: ETAPES.map((etape) => {
      const franchis = passages.filter((p) => p.etape === etape);
      return {
        etape,
        enCours: enCours.filter((p) => p.etape === etape).length,
        delaiMoyenJours: moyenne(franchis.map((p) => p.jours)),
      };
    }),
    evolution: Array.from({ length: mois }, (_, i) => {
      const m = moisDe(new Date(Date.UTC(depuis.getUTCFullYear(), depuis.getUTCMonth() + i, 1)));
      return {
        mois: m,
        ouverts: ouverts.filter((p) => moisDe(p.ouvertLe) === m).length,
        clos: clos.filter((p) => p.closLe && moisDe(p.closLe) === m).length,
        passages: passages.filter((p) => p.mois === m).length,
      };
    }),
  };
}

export async function chargeEnMemoire(db: Db, departement: string, territoireId?: string) {
  return Promise.all([
    db.agent.findMany({ where: { departement, actif: true, ...(territoireId ? { equipe: { territoireId } } : {}) } }),
    db.parcours.groupBy({
      by: ['referentId', 'enRetard'],
      _count: { _all: true },
      where: {
        departement,
        statut: { not: 'clos' },
        referentId: { not: null },
        ...(territoireId ? { territoireId } : {}),
      },
    }),
  ]);
}
