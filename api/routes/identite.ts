import { route, type Routes } from '../route';
import type { ApiDeps } from '../context';
import { chargerIdentite } from '../../config/identite';
import { identiteVue } from '../contrat/identite';

/** GET /identite: how the screens present the département (name, logo, colours, legal pages); public. */
export function identiteRoutes(r: Routes, deps: ApiDeps): void {
  const identite = chargerIdentite(deps.departement);
  route(r, {
    method: 'get',
    path: '/identite',
    tag: 'Département',
    summary: 'Identité du département : nom du service, logo, couleurs, mentions légales',
    acces: 'public',
    response: identiteVue,
    handler: ({ res }) => {
      // Configuration changes with a deployment only: browsers may keep it a few minutes.
      res.setHeader('Cache-Control', 'public, max-age=300');
      return Promise.resolve({ departement: deps.departement, ...identite });
    },
  });
}
