import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../infra/env';
import type { Db } from '../infra/prisma';
import type { Logger } from '../infra/logger';
import { dossierDepartements } from '../config/fichier';
import { chargerAgents, chargerOrganisation } from '../config/organisation';
import { importerGeographie } from './geographie';
import { importerOrganisation } from './organisation';

export const dossierGeo = path.join(projectRoot, 'data', 'geo');
const lire = (f: string): unknown => JSON.parse(fs.readFileSync(path.join(dossierGeo, f), 'utf8'));

export const departementsConfigures = () =>
  fs
    .readdirSync(dossierDepartements)
    .filter((d) => fs.existsSync(path.join(dossierDepartements, d, 'organisation.json')));

/**
 * The shipped geography (data/geo), and the organisation of every configured département whose map (communes →
 * territoires) is not there yet: the files are its seed. Once there, the organisation is administered in the
 * product; only an explicit `npm run organisation:import` writes the files over it again. Idempotent.
 */
export async function chargerReferentiel(db: Db): Promise<void> {
  await importerGeographie(db, {
    communes: lire('communes-27-45.json'),
    franceServices: lire('france-services-27-45.json'),
  });
  for (const d of departementsConfigures())
    if (!(await db.territoireCommune.count({ where: { territoire: { departement: d } } })))
      await importerOrganisation(db, chargerOrganisation(d), chargerAgents(d));
}

/** A new installation starts usable: the shipped geography and the default organisations (seed agents). */
export async function amorcerReferentiel(db: Db, logger: Logger): Promise<void> {
  if ((await db.commune.count()) > 0) return;
  await chargerReferentiel(db);
  logger.info('géographie et organisations par défaut importées');
}
