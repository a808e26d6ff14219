/**
 * Fails when prisma/schema.prisma and the SQL migrations drift apart: builds one database from the migration
 * files and one straight from the schema, then compares their catalogs (tables, columns, constraints, indexes).
 */
import pg from 'pg';
import { logger } from '../infra/logger';
import { startScratchPostgres } from '../infra/postgres';
import { applyMigrations, diffSql, schemaFile } from '../infra/migrations';
import { run } from '../infra/run';

const CATALOG = `
  SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name
         || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') AS item
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
  UNION ALL
  SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
  UNION ALL
  SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
  UNION ALL
  SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname
  ORDER BY 1`;

async function catalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ item: string }>(CATALOG)).rows.map((r) => r.item);
  } finally {
    await client.end();
  }
}

async function exec(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

run(async () => {
  const scratch = await startScratchPostgres(logger, 'from_migrations');
  try {
    applyMigrations(scratch.url);
    const fromSchemaUrl = scratch.url.replace(/\/from_migrations$/, '/from_schema');
    await exec(scratch.url, 'CREATE DATABASE from_schema');
    await exec(fromSchemaUrl, diffSql(undefined, schemaFile, fromSchemaUrl));
    const [a, b] = await Promise.all([catalog(scratch.url), catalog(fromSchemaUrl)]);
    const onlyMigrations = a.filter((x) => !b.includes(x));
    const onlySchema = b.filter((x) => !a.includes(x));
    if (onlyMigrations.length || onlySchema.length) {
      console.error('Dérive entre prisma/schema.prisma et prisma/migrations :');
      for (const x of onlySchema) console.error(`  manque dans les migrations : ${x}`);
      for (const x of onlyMigrations) console.error(`  absent du schéma : ${x}`);
      console.error('Créer la migration manquante : npm run db:new-migration -- <nom>');
      return 1;
    }
    console.log(`Schéma et migrations concordent (${a.length} éléments de catalogue comparés).`);
  } finally {
    await scratch.stop();
  }
});
