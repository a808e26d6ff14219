/** Creates prisma/migrations/<timestamp>_<name>/ from the difference between the last snapshot and schema.prisma. */
import fs from 'node:fs';
import path from 'node:path';
import { logger } from '../infra/logger';
import { startScratchPostgres } from '../infra/postgres';
import { diffSql, listMigrations, migrationsDir, schemaFile, SNAPSHOT } from '../infra/migrations';
import { run } from '../infra/run';

run(async () => {
  const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  if (!name) {
    console.error('Usage : npm run db:new-migration -- <nom>');
    return 2;
  }
  const last = listMigrations().at(-1);
  const scratch = await startScratchPostgres(logger);
  let sql: string;
  try {
    sql = diffSql(last ? path.join(migrationsDir, last, SNAPSHOT) : undefined, schemaFile, scratch.url);
  } finally {
    await scratch.stop();
  }
  if (!/^\s*(CREATE|ALTER|DROP)/im.test(sql)) {
    console.log('Aucune différence entre le schéma et la dernière migration.');
    return 0;
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
  fs.copyFileSync(schemaFile, path.join(dir, SNAPSHOT));
  const lock = path.join(migrationsDir, 'migration_lock.toml');
  if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "postgresql"\n');
  console.log(`Migration créée : ${path.relative(process.cwd(), dir)}`);
});
