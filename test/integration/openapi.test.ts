/**
 * The OpenAPI document is a contract any client can use: valid OpenAPI 3.1, every pattern compiles as JSON
 * Schema reads it (ECMA-262 with Unicode), every request body is required, the statuses the API answers are
 * documented, and a method a path does not have is a 405 naming the permitted ones. (Every answer the tests
 * receive is checked against the document by test/support/conformite.ts.)
 */
import request from 'supertest';
import { validate, compileErrors } from '@readme/openapi-parser';
import { startStack, type Stack } from '../support/stack';
import { comme } from '../support/parcours';
import { ajvDuDocument } from '../support/conformite';
import { chargerReferentiel } from '../../imports/referentiel';
import { ACTIONS } from '../../domain/parcours/actions';

type Operation = {
  requestBody?: { required?: boolean };
  parameters?: { in: string; name: string }[];
  responses: Record<string, unknown>;
  security?: unknown[];
};
type Document = { paths: Record<string, Record<string, Operation>> };

/** Every `pattern` of the document, with where it is. */
function motifs(valeur: unknown, ou = '#'): { ou: string; motif: string }[] {
  if (Array.isArray(valeur)) return valeur.flatMap((v, i) => motifs(v, `${ou}/${i}`));
  if (!valeur || typeof valeur !== 'object') return [];
  return Object.entries(valeur).flatMap(([k, v]) =>
    k === 'pattern' && typeof v === 'string' ? [{ ou, motif: v }] : motifs(v, `${ou}/${k}`),
  );
}

describe('Document OpenAPI', () => {
  let s: Stack;
  let doc: Document;
  const cadre = comme('loiret-t18-ep-cadre');

  beforeAll(async () => {
    s = await startStack();
    await chargerReferentiel(s.db);
    doc = (await request(s.app).get('/openapi.json')).body as Document;
  });
  afterAll(async () => {
    await s?.stop();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([chemin, ops]) => Object.entries(ops).map(([m, op]) => ({ chemin, m, op })));

  it('est un OpenAPI 3.1 valide', async () => {
    const r = await validate(structuredClone(doc) as never);
    expect(r.valid ? '' : compileErrors(r)).toBe('');
  });

  it('a des motifs que tout validateur JSON Schema compile, et qui acceptent le texte ordinaire', () => {
    const tous = motifs(doc);
    expect(tous.length).toBeGreaterThan(20);
    const ajv = ajvDuDocument({});
    for (const { ou, motif } of tous) {
      // A flag leaked into the text (`/…/u`) or a syntax only some engines know: it must compile with and
      // without the Unicode flag, and in Ajv (JSON Schema 2020-12, Unicode).
      expect({ ou, motif, fuite: /\/[gimsuy]+$/.test(motif) }).toEqual({ ou, motif, fuite: false });
      expect(() => new RegExp(motif, 'u')).not.toThrow();
      expect(() => new RegExp(motif)).not.toThrow();
      expect(() => ajv.compile({ type: 'string', pattern: motif })).not.toThrow();
      // No surrogate in a pattern: validators over Unicode scalar values (Rust, Python) refuse to compile it.
      expect({ ou, surrogat: /\\u[dD][89a-fA-F]/.test(motif) }).toEqual({ ou, surrogat: false });
    }
    const texte = tous.find((t) => t.ou.endsWith('/properties/nom'))!.motif;
    for (const ok of ['Lefèvre', 'Ñandú 😀', 'ligne 1\nligne 2']) expect(new RegExp(texte, 'u').test(ok)).toBe(true);
    for (const ko of ['a\u0000b', 'a\u202Eb']) expect(new RegExp(texte, 'u').test(ko)).toBe(false);
  });

  const CHEMINS_ACTIONS = new Set(Object.values(ACTIONS).map((a) => `/parcours/{id}/${a.chemin}`));

  it('marque chaque corps de requête requis et documente les statuts que l’API peut rendre', () => {
    const ecarts: string[] = [];
    for (const { chemin, m, op } of operations()) {
      const statuts = Object.keys(op.responses);
      const attendus = [
        '400',
        '401',
        '500',
        '503',
        ...(op.security?.length === 0 ? [] : ['403']),
        ...(chemin.includes('{') ? ['404'] : []),
        ...(op.requestBody ? ['413', '415'] : []),
        // Step actions answer 409 at the wrong step (the catalogue's paths).
        ...(CHEMINS_ACTIONS.has(chemin) && m === 'post' ? ['409'] : []),
      ];
      const manquants = attendus.filter((x) => !statuts.includes(x));
      if (manquants.length) ecarts.push(`${m.toUpperCase()} ${chemin} : ${manquants.join(', ')}`);
      if (op.requestBody && op.requestBody.required !== true)
        ecarts.push(`${m.toUpperCase()} ${chemin} : corps non requis`);
    }
    expect(ecarts).toEqual([]);
  });

  it('rend 405 avec l’en-tête Allow pour toute méthode absente d’un chemin décrit', async () => {
    const ecarts: unknown[] = [];
    for (const [chemin, ops] of Object.entries(doc.paths)) {
      const url = chemin.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
      for (const m of ['get', 'post', 'put', 'patch', 'delete'].filter((x) => !(x in ops))) {
        const agent = request(s.app);
        const r = await agent[m as 'get'](url)
          .set(cadre)
          .send(m === 'get' ? undefined : {});
        const permises = Object.keys(ops).map((x) => x.toUpperCase());
        const allow = String(r.headers.allow ?? '').split(', ');
        if (r.status !== 405 || !permises.every((x) => allow.includes(x)))
          ecarts.push({ chemin, m, status: r.status, allow: r.headers.allow });
      }
    }
    expect(ecarts).toEqual([]);
  });

  it('ne lit pas de corps sur un GET : ni 413 ni 415 hors des opérations qui en ont un', async () => {
    const r = await request(s.app)
      .get('/organisation')
      .set(cadre)
      .set('content-type', 'application/json; charset=latin1')
      .send('{"x":1}');
    expect(r.status).toBe(200);
    const invalide = await request(s.app)
      .post('/usagers')
      .set(cadre)
      .set('content-type', 'application/json; charset=latin1')
      .send('{"nom":"Martin","prenom":"Léa"}');
    expect(invalide.status).toBe(415);
  });

  it('documente l’en-tête Idempotency-Key des opérations qui le lisent', () => {
    const avec = operations()
      .filter(({ op }) => op.parameters?.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'))
      .map(({ chemin, m }) => `${m.toUpperCase()} ${chemin}`);
    expect(avec).toContain('POST /parcours');
    expect(avec).toContain('POST /parcours/{id}/relance');
  });
});
