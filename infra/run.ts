import { inspect } from 'node:util';
import { logger } from './logger';

/**
 * Runs a command-line entry point. A failure is logged once, readably whatever was thrown (some libraries
 * reject with strings or log arrays), and ends the process: handles opened before the failure (servers,
 * pools) must not keep a failed command alive.
 */
export function run(main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (err: unknown) => {
      logger.error(err instanceof Error ? err.message : inspect(err, { depth: 3 }));
      process.exit(1);
    },
  );
}
