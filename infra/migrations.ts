import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot } from './env';

export const migrationsDir = path.join(projectRoot, 'prisma', 'migrations');
export const schemaFile = path.join(projectRoot, 'prisma', 'schema.prisma');
/** Each migration folder keeps the schema it was generated from: the next migration is the diff from it. */
export const SNAPSHOT = 'schema.prisma';
const prismaBin = path.join(projectRoot, 'node_modules', '.bin', 'prisma');

export function prisma(args: string[], databaseUrl?: string): string {
  const res = spawnSync(prismaBin, args, {
    cwd: projectRoot,
    encoding: 'utf8',
    // The CLI reads the schema's datasource even for offline commands; a placeholder satisfies it.
    env: { ...process.env, DATABASE_URL: databaseUrl ?? process.env.DATABASE_URL ?? 'postgresql://localhost/unused' },
  });
  if (res.status !== 0) {
    throw new Error(`prisma ${args.join(' ')} a échoué:\n${res.stdout}\n${res.stderr}`);
  }
  return res.stdout;
}

/** Applies pending migrations (`prisma migrate deploy`, WASM schema engine: works offline). */
export function applyMigrations(databaseUrl: string): void {
  prisma(['migrate', 'deploy'], databaseUrl);
}

export function listMigrations(): string[] {
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir)
    .filter((d) => fs.existsSync(path.join(migrationsDir, d, 'migration.sql')))
    .sort();
}

/**
 * SQL that takes a database from the `from` schema file (or an empty one) to the `to` schema file.
 * With a driver adapter the CLI connects to a database even for this offline computation: give it a scratch one.
 */
export function diffSql(from: string | undefined, to: string, scratchUrl: string): string {
  const fromArgs = from ? ['--from-schema-datamodel', from] : ['--from-empty'];
  return prisma(['migrate', 'diff', ...fromArgs, '--to-schema-datamodel', to, '--script'], scratchUrl);
}

/**
 * For scratch databases only (the what-if simulation's): every migration's SQL in order, in one session and
 * without Prisma's bookkeeping table. About a second where `migrate deploy` takes ten or more on this machine.
 */
export async function appliquerSqlMigrations(client: { query: (sql: string) => Promise<unknown> }): Promise<void> {
  for (const m of listMigrations())
    await client.query(fs.readFileSync(path.join(migrationsDir, m, 'migration.sql'), 'utf8'));
}
