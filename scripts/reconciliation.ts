/**
 * `npm run reconciliation [-- --reparer] [-- --requete "<filtre de visibilité Temporal>"]`: compares every open
 * parcours workflow with its read-model row (étape, statut, échéance, référent, équipe, territoire) and lists the
 * differences; exit code 1 when there are some. `--reparer` rewrites those rows from their workflow.
 */
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { loadEnv, manquantes } from '../infra/env';
import { createPrisma } from '../infra/prisma';
import { run } from '../infra/run';
import { temporalConnectionOptions } from '../infra/temporal-connection';
import { reconcilier } from '../lecture/reconciliation';

run(async () => {
  const { values } = parseArgs({ options: { reparer: { type: 'boolean' }, requete: { type: 'string' } } });
  const env = loadEnv();
  const manque = manquantes(env, 'api');
  if (manque.length) throw new Error(`npm run reconciliation requiert ${manque.join(', ')}.`);
  const db = createPrisma(env.DATABASE_URL!);
  const connection = await Connection.connect(temporalConnectionOptions(env, env.TEMPORAL_ADDRESS!));
  try {
    const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
    const r = await reconcilier({ db, temporal, requete: values.requete, reparer: values.reparer });
    for (const e of r.ecarts)
      console.log(`${e.parcoursId}  ${e.champ}  workflow=${e.workflow ?? '∅'}  lecture=${e.lecture ?? '∅'}`);
    const parcours = new Set(r.ecarts.map((e) => e.parcoursId)).size;
    console.log(
      `${r.compares} parcours ouverts comparés, ${r.ecarts.length} écarts sur ${parcours} parcours` +
        (values.reparer ? `, ${r.repares} lignes reprojetées.` : '.'),
    );
    return r.ecarts.length && !values.reparer ? 1 : 0;
  } finally {
    await connection.close();
    await db.$disconnect();
  }
});
