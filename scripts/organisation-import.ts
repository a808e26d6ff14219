/**
 * `npm run organisation:import [-- <departement>...]`: loads each département's organisation and agents from
 * config/departements/<departement>/ (all of them by default). Run `npm run geo:import` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { run } from '../infra/run';
import { chargerAgents, chargerOrganisation } from '../config/organisation';
import { dossierDepartements } from '../config/fichier';
import { importerOrganisation } from '../activities/organisation';
import { avecBase } from './base';

run(async () => {
  const departements = process.argv.slice(2).length
    ? process.argv.slice(2)
    : fs.readdirSync(dossierDepartements).filter((d) => fs.existsSync(path.join(dossierDepartements, d, 'organisation.json')));
  await avecBase(async (db) => {
    for (const d of departements) {
      const bilan = await importerOrganisation(db, chargerOrganisation(d), chargerAgents(d));
      console.log(`${d} : ${bilan.territoires} territoires, ${bilan.communes} communes, ${bilan.agents} agents, ${bilan.lieuxAccueil} sites départementaux.`);
    }
  });
});
