/**
 * `npm run geo:import [-- --communes <file.json>] [--france-services <file.json>]`: loads communes (with their
 * EPCI, point and old codes) and France services sites. Defaults: data/geo/ (Eure and Loiret). A département
 * loads its own official file of the same shape (see data/geo/PROVENANCE.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dossierGeo as geo } from '../imports/referentiel';
import { run } from '../infra/run';
import { importerGeographie } from '../imports/geographie';
import { avecBase } from './base';

const lire = (f: string): unknown => JSON.parse(fs.readFileSync(f, 'utf8'));

run(async () => {
  const { values } = parseArgs({
    options: {
      communes: { type: 'string', default: path.join(geo, 'communes-27-45.json') },
      'france-services': { type: 'string', default: path.join(geo, 'france-services-27-45.json') },
    },
  });
  const bilan = await avecBase((db) =>
    importerGeographie(db, { communes: lire(values.communes), franceServices: lire(values['france-services']) }),
  );
  console.log(
    `Importé : ${bilan.communes} communes, ${bilan.anciensCodes} anciens codes, ${bilan.franceServices} France services.`,
  );
});
