/**
 * `npm run import:flux -- <fichier.csv|.xlsx> --source caf|msa|france_travail [--apercu]`: imports a partner's
 * list into the running system (`npm start`, or API_URL), showing progress and the report. Signs in with
 * JETON_API (Bearer, OpenID Connect) or, in development, as AGENT (default: the seed administrator).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { run } from '../infra/run';
import { apercuFlux, importerFlux, type ConnexionApi } from '../imports/flux-api';
import type { ApercuFlux } from '../api/contrat';

const bilan = (p: ApercuFlux['parIssue']) =>
  `${p.creee} créés, ${p.mise_a_jour} mis à jour, ${p.inchangee} inchangés, ${p.rejetee} refusés`;

run(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { source: { type: 'string', default: 'caf' }, apercu: { type: 'boolean', default: false } },
  });
  const fichier = positionals[0];
  if (!fichier) {
    console.error('Usage : npm run import:flux -- <fichier.csv|.xlsx> --source caf|msa|france_travail [--apercu]');
    return 2;
  }
  const departement = process.env.DEPARTEMENT ?? 'loiret';
  const api: ConnexionApi = {
    url: process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`,
    authorization: process.env.JETON_API
      ? `Bearer ${process.env.JETON_API}`
      : `Dev ${process.env.AGENT ?? `${departement}-administrateur`}`,
  };
  const contenu = fs.readFileSync(fichier);
  const apercu = await apercuFlux(api, values.source, contenu, fichier);
  console.log(`${apercu.lignes} lignes : ${bilan(apercu.parIssue)} (prévu).`);
  if (apercu.dejaImporteLe) console.log(`Ce fichier a déjà été importé le ${apercu.dejaImporteLe}.`);
  for (const e of apercu.erreurs) console.log(`  ligne ${e.rang}, ${e.champ} : ${e.message}`);
  if (values.apercu) return 0;
  const fin = await importerFlux(api, values.source, contenu, fichier, (i) => {
    const faites = i.total - i.parIssue.en_attente;
    const ouverture = i.parcoursEnOuverture ? `, ${i.parcoursEnOuverture} parcours en cours d’ouverture` : '';
    process.stdout.write(`\r${faites}/${i.total} lignes traitées — ${bilan(i.parIssue)}${ouverture}   `);
  });
  console.log(`\nImport terminé le ${fin.termineLe}.`);
  return 0;
});
