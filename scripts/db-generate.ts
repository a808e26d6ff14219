/** Generates the Prisma client into generated/prisma (no engine download: engineType "client"). */
import { prisma } from '../infra/migrations';
import { run } from '../infra/run';

run(async () => {
  process.stdout.write(prisma(['generate']));
  return Promise.resolve();
});
