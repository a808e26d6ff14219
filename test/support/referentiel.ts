import fs from 'node:fs';
import path from 'node:path';
import { importerGeographie } from '../../activities/geographie';
import { importerOrganisation } from '../../activities/organisation';
import { chargerAgents, chargerOrganisation } from '../../config/organisation';
import type { Db } from '../../infra/prisma';

const geo = path.join(__dirname, '../../data/geo');
const lire = (f: string): unknown => JSON.parse(fs.readFileSync(path.join(geo, f), 'utf8'));

/** Loads the real geography and both default organisations (idempotent: several test files do it). */
export async function chargerReferentiel(db: Db): Promise<void> {
  await importerGeographie(db, { communes: lire('communes-27-45.json'), franceServices: lire('france-services-27-45.json') });
  for (const d of ['eure', 'loiret']) await importerOrganisation(db, chargerOrganisation(d), chargerAgents(d));
}
