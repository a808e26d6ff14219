import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, type Router } from 'express';

/** Where `npm run build:web` writes the screens. */
export const webDist = path.join(__dirname, '..', 'web', 'dist');

/**
 * The screens (web/dist), served by the API's server: static files, then index.html for any other GET that
 * a browser navigates to (Accept: text/html) and no API route answered. API answers, including their 404s,
 * stay JSON: this router is mounted after the API's routes and never answers a request that prefers JSON.
 * Files under assets/ carry a hash of their content in their name: browsers keep them a year without asking
 * again; index.html is revalidated each time, so a deployment is picked up at the next load. (Compression is
 * the app's, for API answers and files alike.)
 */
export function webRoutes(dist = webDist): Router {
  const router = express.Router();
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return router; // screens not built: the API alone (npm run build:web)
  router.use('/assets', express.static(path.join(dist, 'assets'), { index: false, maxAge: '365d', immutable: true }));
  router.use(express.static(dist, { index: false, maxAge: '1h' }));
  const pageUnique: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.accepts(['json', 'html']) !== 'html') {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
  router.use(pageUnique);
  return router;
}
