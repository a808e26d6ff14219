/** Applies the migrations to DATABASE_URL, or to the embedded database when it is not set (avecBase migrates). */
import { logger } from '../infra/logger';
import { run } from '../infra/run';
import { avecBase } from './base';

run(async () => {
  await avecBase(() => Promise.resolve());
  logger.info('migrations appliquées');
});
