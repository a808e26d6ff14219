import express from 'express';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { ApiDeps } from './context';
import { errorHandler, notFound } from './errors';
import { openApiDocument } from './openapi';
import { healthRoutes } from './routes/health';
import { usagerRoutes } from './routes/usagers';
import { parcoursRoutes } from './routes/parcours';
import { organisationRoutes } from './routes/organisation';
import { webRoutes } from './static-web';
import { pilotageRoutes } from './routes/pilotage';

/** The Express application: validated routes → Temporal for changes, PostgreSQL for reads. */
export function createApp(deps: ApiDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(pinoHttp({ logger: deps.logger, autoLogging: { ignore: (req) => req.url === '/health' } }));
  app.use(express.json({ limit: '100kb' }));

  const router = express.Router();
  const registry = new OpenAPIRegistry();
  const routes = { router, registry };
  healthRoutes(router, deps);
  usagerRoutes(routes, deps);
  parcoursRoutes(routes, deps);
  pilotageRoutes(routes, deps);
  organisationRoutes(routes, deps);
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
