import express from 'express';
import helmet from 'helmet';
import compression from 'compression';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { ApiDeps } from './context';
import { errorHandler, notFound } from './errors';
import { openApiDocument } from './openapi';
import { healthRoutes } from './routes/health';
import { usagerRoutes } from './routes/usagers';
import { parcoursRoutes } from './routes/parcours';
import { geographieRoutes } from './routes/geographie';
import { referentsRoutes } from './routes/referents';
import { reassignationsRoutes } from './routes/reassignations';
import { importsRoutes } from './routes/imports';
import { webhooksRoutes } from './routes/webhooks';
import { documentsRoutes } from './routes/documents';
import { sessionsRoutes } from './routes/sessions';
import { agendaRoutes } from './routes/agenda';
import { webRoutes } from './static-web';
import { pilotageRoutes } from './routes/pilotage';
import { statistiquesRoutes } from './routes/statistiques';
import { auditRoutes } from './routes/audit';
import { identiteRoutes } from './routes/identite';
import { communeRoutes } from './routes/communes';
import { authentification, configurationAuth } from './auth';
import { journalAcces } from './journal';
import { loadEnv, secretLien } from '../infra/env';
import { espaceRoutes } from './routes/espace';
import { smsRoutes } from './routes/sms';
import { lieuxRoutes } from './routes/lieux';
import { administrationRoutes } from './routes/administration';
import { absencesRoutes } from './routes/absences';
import { simulationsRoutes } from './routes/simulations';
import { corpsJson } from './corps';
import { refuserAutresMethodes } from './route';
import { metriques } from './metriques';

const SONDES = ['/health', '/health/processus', '/metrics'];

/** Longest a request waits on Temporal (an Update included: projection and step rules take far less). */
export const DELAI_TEMPORAL_MS = 8_000;

/** The Express application: validated routes → Temporal for changes, PostgreSQL for reads. */
export function createApp(deps: ApiDeps): express.Express {
  const env = loadEnv();
  const auth = deps.auth ?? configurationAuth(env);
  const app = express();
  app.disable('x-powered-by');
  if (env.TRUST_PROXY)
    app.set('trust proxy', /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY);
  // Secure headers; the screens are same-origin bundles (no inline script); React Aria positions popovers with inline styles.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:'],
          // Only over HTTPS: on a plain-HTTP development host it would send the browser to a port nobody serves.
          'upgrade-insecure-requests': auth.cookieSecure ? [] : null,
        },
      },
    }),
  );
  // Compressed answers (brotli or gzip, as the browser accepts) for JSON and the screens' files above 1 KB.
  app.use(compression());
  // Probes and scrapes are not logged: they come every few seconds.
  app.use(pinoHttp({ logger: deps.logger, autoLogging: { ignore: (req) => SONDES.includes(req.url ?? '') } }));
  metriques(app, deps.db);
  // Partners' and official files come base64 in JSON: a larger bound on their routes only (the national communes
  // file is the largest).
  app.use(['/imports', '/administration/sites/import'], corpsJson('15mb'));
  app.use('/administration/communes/import', corpsJson('42mb'));
  app.use(corpsJson());
  // Every call to Temporal made for a request has a deadline: a server down or too slow is a 503, never a hang.
  app.use((_req, _res, next) => {
    void deps.temporal.withDeadline(Date.now() + DELAI_TEMPORAL_MS, () => Promise.resolve(next()));
  });
  const { middlewares, routes: authRoutes } = authentification(auth, deps);
  app.use(middlewares);
  app.use(authRoutes);

  const router = express.Router();
  const registry = new OpenAPIRegistry();
  const routes = { router, registry, journal: journalAcces(deps.db), methodes: new Map() };
  router.use(refuserAutresMethodes(routes));
  healthRoutes(router, { ...deps, membres: env.CLUSTER_MEMBRES });
  identiteRoutes(routes, deps);
  auditRoutes(routes, deps, auth);
  usagerRoutes(routes, deps);
  parcoursRoutes(routes, deps);
  pilotageRoutes(routes, deps);
  statistiquesRoutes(routes, deps);
  geographieRoutes(routes, deps);
  communeRoutes(routes, deps);
  referentsRoutes(routes, deps);
  reassignationsRoutes(routes, deps);
  espaceRoutes(routes, {
    ...deps,
    secretLien: deps.secretLien ?? secretLien(env),
    limiteLiensMinute: deps.limiteLiensMinute ?? env.LIMITE_LIENS_MINUTE,
  });
  smsRoutes(routes, { db: deps.db, secretWebhook: deps.secretWebhookSms ?? env.SMS_WEBHOOK_SECRET });
  importsRoutes(routes, deps);
  webhooksRoutes(routes, deps);
  administrationRoutes(routes, deps);
  lieuxRoutes(routes, deps);
  absencesRoutes(routes, deps);
  documentsRoutes(routes, deps);
  sessionsRoutes(routes, deps);
  agendaRoutes(routes, deps);
  simulationsRoutes(routes, deps);
  const document = openApiDocument(registry);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'Parcours Solidarités — API' }));

  app.use(router);
  app.use(webRoutes());
  app.use((_req, _res, next) => next(notFound('Route')));
  app.use(errorHandler(deps.logger));
  return app;
}
