/**
 * Every JSON answer the tests receive is checked against the published OpenAPI document: its status must be
 * one the operation documents (405 for a method the path does not have) and its body must match the schema
 * of that status. Installed on the application by startStack, so every integration and browser test checks
 * the contract on the requests it makes; the differences are reported when the stack stops.
 */
import type { Express, Response } from 'express';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

/** Ajv for the document's dialect (OpenAPI 3.1: JSON Schema 2020-12), patterns read as Unicode. */
export function ajvDuDocument(document: object): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi');
  return ajv;
}

const pointeur = (...segments: string[]) =>
  segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

export function verifierConformite(app: Express, document: Document): { ecarts: string[] } {
  const ajv = ajvDuDocument(document);
  const validateurs = new Map<string, ValidateFunction>();
  // As OpenAPI matches them: literal paths before templated ones.
  const chemins = Object.keys(document.paths)
    .sort((a, b) => Number(a.includes('{')) - Number(b.includes('{')))
    .map((p) => ({
      p,
      motif: new RegExp(`^${p.replace(/\{\w+\}/g, '[^/]+')}$`),
    }));
  const ecarts: string[] = [];

  const verifier = (res: Response, corps: unknown) => {
    const req = res.req;
    const chemin = chemins.find((c) => c.motif.test(req.path))?.p;
    // Outside the contract: sign-in, health, the document itself, the screens, unknown paths.
    if (!chemin || req.method === 'HEAD') return;
    const qui = `${req.method} ${req.originalUrl.slice(0, 200)} → ${res.statusCode}`;
    const operation = document.paths[chemin]![req.method.toLowerCase()];
    let schema: string;
    if (!operation) {
      if (res.statusCode !== 405) return void ecarts.push(`${qui} : méthode absente du document, 405 attendu`);
      schema = 'openapi#/components/schemas/Erreur';
    } else {
      const reponse = operation.responses[String(res.statusCode)];
      if (!reponse) return void ecarts.push(`${qui} : statut non documenté`);
      if (!reponse.content?.['application/json']) return void ecarts.push(`${qui} : corps JSON non documenté`);
      schema = `openapi#/${pointeur('paths', chemin, req.method.toLowerCase(), 'responses', String(res.statusCode), 'content', 'application/json', 'schema')}`;
    }
    let valider = validateurs.get(schema);
    if (!valider) validateurs.set(schema, (valider = ajv.compile({ $ref: schema })));
    if (!valider(corps))
      ecarts.push(`${qui} : ${ajv.errorsText(valider.errors)} — ${JSON.stringify(corps).slice(0, 300)}`);
  };

  const json = app.response.json;
  app.response.json = function (this: Response, corps: unknown) {
    try {
      verifier(this, corps === undefined ? corps : JSON.parse(JSON.stringify(corps)));
    } catch (err) {
      ecarts.push(`${this.req.method} ${this.req.originalUrl} : vérification impossible (${String(err)})`);
    }
    return json.call(this, corps);
  };
  return { ecarts };
}
