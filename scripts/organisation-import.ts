/**
 * `npm run organisation:import [-- <departement>...]`: loads each département's organisation and agents from
 * config/departements/<departement>/ (all of them by default). Run `npm run geo:import` first.
 */
import { run } from '../infra/run';
import { chargerAgents, chargerOrganisation } from '../config/organisation';
import { importerOrganisation } from '../imports/organisation';
import { departementsConfigures } from '../imports/referentiel';
import { avecBase } from './base';

run(async () => {
  const departements = process.argv.slice(2).length ? process.argv.slice(2) : departementsConfigures();
  await avecBase(async (db) => {
    for (const d of departements) {
      const bilan = await importerOrganisation(db, chargerOrganisation(d), chargerAgents(d));
      console.log(
        `${d} : ${bilan.territoires} territoires, ${bilan.communes} communes, ${bilan.agents} agents (${bilan.agentsDesactives} désactivés : absents du fichier), ${bilan.lieuxAccueil} sites départementaux.`,
      );
    }
  });
});
