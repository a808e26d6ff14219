import type { Routes } from '../route';
import { route } from '../route';
import type { ApiDeps } from '../context';
import { TABLES } from '../pilotage/tables';
import { filtresPilotage, SEUIL_SECRET, statistiquesVue } from '../contrat/pilotage';
import { porteePeriode } from './pilotage';

const masque = <T extends object, K extends keyof T>(ligne: T, effectif: number, champs: K[]): T =>
  effectif >= SEUIL_SECRET ? ligne : { ...ligne, ...Object.fromEntries(champs.map((c) => [c, null])) };

/**
 * Public statistics of the département (no sign-in): délais per step, délais kept per rule and flows between
 * steps, for the département and each territoire. Aggregates only, small cells hidden: no personal data.
 */
export function statistiquesRoutes(r: Routes, { db, departement }: ApiDeps): void {
  route(r, {
    method: 'get',
    path: '/public/statistiques',
    tag: 'Statistiques publiques',
    summary: `Statistiques publiques du département, par territoire (agrégats ; cellules de moins de ${SEUIL_SECRET} parcours masquées)`,
    acces: 'public',
    query: filtresPilotage.pick({ mois: true, du: true, au: true }),
    response: statistiquesVue,
    handler: async ({ query, res }) => {
      const portee = { departement, ...porteePeriode(query) };
      const demandes = (['departement', 'territoire'] as const).map((par) => ({ db, portee, par }));
      const [delais, respect, flux] = await Promise.all([
        Promise.all(demandes.map((d) => TABLES['delais-etapes'].charger(d))),
        Promise.all(demandes.map((d) => TABLES['respect-delais'].charger(d))),
        TABLES.flux.charger(demandes[0]!),
      ]);
      res.set('Cache-Control', 'public, max-age=3600');
      return {
        du: portee.du.toISOString().slice(0, 7),
        au: portee.au.toISOString().slice(0, 7),
        seuilSecret: SEUIL_SECRET,
        delaisEtapes: delais
          .flat()
          .map((l) => masque(l, l.passages, ['passages', 'moyenneJours', 'medianeJours', 'p90Jours'])),
        respectDelais: respect.flat().map((l) => masque(l, l.termines, ['termines', 'dansDelai', 'partDansDelai'])),
        flux: flux.map((l) => masque(l, l.n, ['n'])),
      };
    },
  });
}
