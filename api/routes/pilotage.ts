import { z } from '../contrat/zod';
import type { Fichier, Routes } from '../route';
import { route } from '../route';
import type { ApiDeps } from '../context';
import { ETAPES } from '../../domain/parcours/etapes';
import { HttpError, notFound } from '../errors';
import { agentDe, territoireImpose, verifierTerritoire, type AgentConnecte } from '../acces';
import { comptes, enCoursParEtape, type Portee } from '../pilotage/requetes';
import { filtresPilotage, indicateursVue } from '../contrat/pilotage';
import { NOMS_TABLES, TABLES, type NomTable } from '../pilotage/tables';
import { exporter, FORMATS } from '../pilotage/export';
import type { Db } from '../../infra/prisma';

type Filtres = z.infer<typeof filtresPilotage>;

const premierDuMois = (m: string) => new Date(`${m}-01T00:00:00.000Z`);
const decalerMois = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
const moisEntre = (du: Date, au: Date) =>
  (au.getUTCFullYear() - du.getUTCFullYear()) * 12 + au.getUTCMonth() - du.getUTCMonth();

/**
 * The scope of a pilotage question, access rules applied: a cadre of a territoire sees that territoire only,
 * whatever the filters ask (another territoire or an agence without it: 404, its existence is not revealed).
 */
export async function porteePilotage(db: Db, departement: string, agent: AgentConnecte, f: Filtres): Promise<Portee> {
  verifierTerritoire(agent, f.territoireId);
  let territoireIds: string[] | undefined;
  const restreindre = (ids: string[]) => {
    territoireIds = territoireIds ? territoireIds.filter((t) => ids.includes(t)) : ids;
  };
  if (f.territoireId) restreindre([f.territoireId]);
  const impose = territoireImpose(agent);
  if (impose) restreindre([impose]);
  if (f.agenceId) {
    const ids = (
      await db.territoire.findMany({ where: { departement, agenceId: f.agenceId }, select: { id: true } })
    ).map((t) => t.id);
    if (!ids.length || (impose && !ids.includes(impose))) throw notFound('Agence');
    restreindre(ids);
  }
  return { departement, territoireIds, equipeId: f.equipeId, referentId: f.referentId, ...porteePeriode(f) };
}

/** The months a question covers: `du` to `au`, or the last `mois` months up to `au` (default: this month). */
export function porteePeriode(f: Pick<Filtres, 'mois' | 'du' | 'au'>): { du: Date; au: Date } {
  const au = f.au ? premierDuMois(f.au) : decalerMois(new Date(), 0);
  const du = f.du ? premierDuMois(f.du) : decalerMois(au, 1 - f.mois);
  if (du > au)
    throw new HttpError(400, 'donnees_invalides', 'Données invalides.', [
      { champ: 'query.du', message: 'Le premier mois doit précéder le dernier.' },
    ]);
  return { du, au };
}

/** The step whose délai rule says whether a stay in it was within its délai. */
const REGLE_ETAPE: Partial<Record<(typeof ETAPES)[number], string>> = {
  evaluation: 'evaluation',
  orientation: 'orientation',
  designation: 'designation',
  accompagnement: 'contrat',
};

const part = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);

/** Pilotage (cadres): indicators computed by PostgreSQL from the aggregates, their tables and exports. */
export function pilotageRoutes(r: Routes, { db, departement }: ApiDeps): void {
  route(r, {
    method: 'get',
    path: '/pilotage/indicateurs',
    tag: 'Pilotage',
    summary:
      'Indicateurs par étape (en cours, en retard, attente, délais moyen, médian et 90e centile, part dans les délais) et par mois',
    acces: 'pilotage.lire',
    query: filtresPilotage.omit({ par: true }),
    response: indicateursVue,
    errors: [404],
    handler: async ({ query, req }) => {
      const portee = await porteePilotage(db, departement, agentDe(req), { ...query, par: 'departement' });
      const [enCours, etapes, delais, mois, delaisMois, entrees] = await Promise.all([
        enCoursParEtape(db, portee),
        TABLES['delais-etapes'].charger({ db, portee, par: 'departement' }),
        TABLES['respect-delais'].charger({ db, portee, par: 'departement' }),
        TABLES['delais-etapes'].charger({ db, portee, par: 'mois' }),
        TABLES['respect-delais'].charger({ db, portee, par: 'mois' }),
        comptes(db, portee, 'mois', 'entree'),
      ]);
      const parEtape = ETAPES.map((etape) => {
        const ici = enCours.find((e) => e.etape === etape);
        const franchis = etapes.find((e) => e.etape === etape);
        const regle = delais.find((d) => d.delai === REGLE_ETAPE[etape]);
        return {
          etape,
          enCours: ici?.enCours ?? 0,
          enRetard: ici?.enRetard ?? 0,
          ageMoyenJours: ici?.ageMoyenJours ?? null,
          ageMaxJours: ici?.ageMaxJours ?? null,
          passages: franchis?.passages ?? 0,
          delaiMoyenJours: franchis?.moyenneJours ?? null,
          medianeJours: franchis?.medianeJours ?? null,
          p90Jours: franchis?.p90Jours ?? null,
          partDansDelai: regle?.partDansDelai ?? null,
        };
      });
      const lesMois = Array.from({ length: 1 + moisEntre(portee.du, portee.au) }, (_, i) =>
        decalerMois(portee.du, i).toISOString().slice(0, 7),
      );
      const evolution = lesMois.map((m) => {
        const duMois = mois.filter((x) => x.groupe === m);
        const passages = duMois.reduce((s, x) => s + x.passages, 0);
        const joursTotal = duMois.reduce((s, x) => s + (x.moyenneJours ?? 0) * x.passages, 0);
        const clos = delaisMois.filter((x) => x.groupe === m);
        const entree = (etape: string) => entrees.find((e) => e.groupe === m && e.objet === etape)?.n ?? 0;
        return {
          mois: m,
          ouverts: entree('evaluation'),
          clos: entree('cloture'),
          passages,
          delaiMoyenJours: passages ? Math.round((joursTotal / passages) * 10) / 10 : null,
          partDansDelai: part(
            clos.reduce((s, x) => s + x.dansDelai, 0),
            clos.reduce((s, x) => s + x.termines, 0),
          ),
        };
      });
      return { genereLe: new Date().toISOString(), parEtape, evolution };
    },
  });

  for (const nom of NOMS_TABLES) {
    const table = TABLES[nom];
    const filtres =
      nom === 'charge'
        ? filtresPilotage.pick({ territoireId: true, agenceId: true, equipeId: true })
        : nom === 'satisfaction'
          ? filtresPilotage.pick({ territoireId: true, agenceId: true, mois: true, du: true, au: true })
          : filtresPilotage;
    const charger = async (req: Parameters<typeof agentDe>[0], f: Partial<Filtres>) => {
      const complets = filtresPilotage.parse(f);
      const portee = await porteePilotage(db, departement, agentDe(req), complets);
      return (await table.charger({ db, portee, par: complets.par })) as z.infer<typeof table.ligne>[];
    };
    route(r, {
      method: 'get',
      path: `/pilotage/${nom}`,
      tag: 'Pilotage',
      summary: `${table.titre} — ${table.resume}`,
      acces: 'pilotage.lire',
      query: filtres,
      response: z.object({ items: z.array(table.ligne) }).openapi(`Table${nomSchema(nom)}`),
      errors: [404],
      handler: async ({ query, req }) => ({ items: await charger(req, query) }),
    });
    route(r, {
      method: 'get',
      path: `/pilotage/${nom}/export`,
      tag: 'Pilotage',
      summary: `${table.titre} : export CSV ou XLSX (mêmes filtres)`,
      acces: 'pilotage.exporter',
      query: filtres.extend({ format: z.enum(Object.keys(FORMATS) as [keyof typeof FORMATS]).default('csv') }),
      response: z.custom<Fichier>(),
      fichier: Object.values(FORMATS),
      errors: [404],
      handler: async ({ query: { format, ...f }, req }) => exporter(table, nom, await charger(req, f), format),
    });
  }
}

const nomSchema = (nom: NomTable) =>
  nom
    .split('-')
    .map((m) => m[0]!.toUpperCase() + m.slice(1))
    .join('');
