import path from 'node:path';
import { defineConfig } from 'prisma/config';
// Prisma 6.19's own pg adapter cannot run `migrate deploy` (prisma/orm#27403); version 7 of the adapter can.
import { PrismaPg } from '@prisma/adapter-pg-migrate';

// The WASM schema engine ("engine: js") works offline; the native one would have to be downloaded.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString)
      throw new Error('DATABASE_URL est requis pour les commandes Prisma (voir infra/migrations.ts).');
    return Promise.resolve(new PrismaPg({ connectionString }));
  },
});
