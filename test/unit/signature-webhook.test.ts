/**
 * The signature of partners' deliveries (Standard Webhooks, infra/webhooks.ts), as a receiver checks it: whatever
 * the body, the signed one verifies and any other body, id or timestamp is rejected (fast-check); so is a
 * timestamp more than 5 minutes off (replayed capture), and another subscription's secret.
 */
import fc from 'fast-check';
import { entetesSignees, nouveauSecret, verifierSignature } from '../../infra/webhooks';
import { intervalleApres } from '../../domain/webhooks/evenements';

const secret = nouveauSecret();
const corps = fc.oneof(fc.json(), fc.string({ unit: 'binary', maxLength: 200 }));

const rejete = (c: string, e: Record<string, string>, s = secret) => {
  try {
    verifierSignature(s, c, e);
    return false;
  } catch {
    return true;
  }
};

describe('Signature des webhooks', () => {
  it('accepte le corps signé et refuse tout autre corps', () => {
    fc.assert(
      fc.property(corps, corps, fc.uuid(), (signe, autre, id) => {
        const e = entetesSignees(secret, id, signe);
        expect(rejete(signe, e)).toBe(false);
        if (autre !== signe) expect(rejete(autre, e)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuse un corps altéré d’un seul caractère, ou ajouté, ou tronqué', () => {
    fc.assert(
      fc.property(
        fc.json({ maxDepth: 3 }).filter((j) => j.length > 1),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 3 }),
        (signe, n, ajout) => {
          const e = entetesSignees(secret, 'evt-1', signe);
          const i = n % signe.length;
          const altere = signe.slice(0, i) + String.fromCharCode(signe.charCodeAt(i) ^ 1) + signe.slice(i + 1);
          expect(rejete(altere, e)).toBe(true);
          expect(rejete(signe + ajout, e)).toBe(true);
          expect(rejete(signe.slice(0, -1), e)).toBe(true);
        },
      ),
    );
  });

  it('refuse un autre identifiant, un autre horodatage, un autre secret, un horodatage de plus de 5 minutes', () => {
    const signe = '{"type":"accueil"}';
    const e = entetesSignees(secret, 'evt-1', signe);
    expect(rejete(signe, { ...e, 'webhook-id': 'evt-2' })).toBe(true);
    expect(rejete(signe, { ...e, 'webhook-timestamp': String(Number(e['webhook-timestamp']) - 1) })).toBe(true);
    expect(rejete(signe, e, nouveauSecret())).toBe(true);
    const ancien = entetesSignees(secret, 'evt-1', signe, new Date(Date.now() - 6 * 60_000));
    expect(rejete(signe, ancien)).toBe(true);
  });

  it('espace les reprises en doublant, jusqu’à une heure', () => {
    expect([1, 2, 3, 4, 12, 13, 40].map(intervalleApres)).toEqual([
      1_000, 2_000, 4_000, 8_000, 2_048_000, 3_600_000, 3_600_000,
    ]);
  });
});
