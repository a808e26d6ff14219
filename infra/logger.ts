import pino from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'parcours-solidarites' },
  // Personal data must never reach the logs: redact the usual carriers.
  redact: ['req.headers.authorization', 'req.headers.cookie', '*.email', '*.telephone', '*.nom', '*.prenom'],
});

export type Logger = pino.Logger;
