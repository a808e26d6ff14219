import { logger } from './logger';

/** Runs a command-line entry point: logs a failure once and sets a non-zero exit code. */
export function run(main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      if (typeof code === 'number') process.exitCode = code;
    },
    (err: unknown) => {
      logger.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
