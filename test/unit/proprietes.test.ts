/**
 * Property-based tests (fast-check): whatever the body, a schema of the catalogue answers with a validation
 * result, never another exception; whatever the sequence of commands and wake-ups, the step rules keep their
 * invariants.
 */
import fc from 'fast-check';
import { ZodError, type ZodType } from 'zod';
import { ACTIONS, TYPES_ACTION, applicable, quandDe, type Commande } from '../../domain/parcours/actions';
import { accueilSchema, AVANCEMENTS, MOTIFS_CLOTURE, TYPES_ACCOMPAGNEMENT } from '../../domain/parcours/commandes';
import { DOMAINES_BESOIN } from '../../domain/parcours/etapes';
import { usagerSchema } from '../../domain/usager';
import { textePropre } from '../../domain/validation';
import { ouvertureParcours } from '../../api/contrat/parcours';
import { choixReferent, demandeReassignation } from '../../api/contrat/organisation';
import { rechercheUsager } from '../../api/contrat/usagers';
import { accueillir, decider, reveiller, RegleEnfreinte, type Decision } from '../../domain/parcours/transitions';
import type { EtatParcours } from '../../domain/parcours/etat';
import { chargerPolitiqueDelais } from '../../config/delais';

const politique = chargerPolitiqueDelais('loiret');
const JOUR = 86_400_000;

/** Any text, lone surrogates, controls and bidi overrides included. */
const texteQuelconque = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\ud800', 'a\u202Eb', 'x\u0000', '9999-12-31', '0000-01-01', '2026-02-30', 'logement'),
);
const valeurQuelconque: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    texteQuelconque,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(texteQuelconque, tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** A valid body of each schema, the seed of the mutations below. */
const EXEMPLES: Record<string, [ZodType, unknown]> = {
  accueil: [accueilSchema, { besoins: [{ domaine: 'logement' }], consentement: true, droitRsaOuvertLe: '2026-11-01' }],
  usager: [usagerSchema, { nom: 'Roux', prenom: 'Ali', dateNaissance: '1980-02-29', communeCode: '45234' }],
  ouverture: [
    ouvertureParcours,
    { usager: { nom: 'Roux', prenom: 'Ali' }, accueil: { besoins: [{ domaine: 'sante' }], consentement: true } },
  ],
  choixReferent: [choixReferent, { agentId: 'loiret-t01-ref', motif: 'm' }],
  reassignation: [demandeReassignation, { motif: 'départ' }],
  recherche: [rechercheUsager, { q: 'Lefèvre', dateNaissance: '1980-01-01' }],
  evaluer: [
    ACTIONS.evaluer.schema,
    {
      diagnostic: [{ domaine: 'logement', constat: 'c', besoinAccompagnement: true }],
      synthese: 's',
      conclusion: 'orientation',
    },
  ],
  orienter: [ACTIONS.orienter.schema, { decision: 'accompagnement', typeAccompagnement: 'social' }],
  designerReferent: [ACTIONS.designerReferent.schema, { referentId: 'r-1', accordUsager: true }],
  etablirPlan: [ACTIONS.etablirPlan.schema, { objectifs: [{ libelle: 'Logement', domaine: 'logement' }] }],
  reviser: [
    ACTIONS.reviser.schema,
    { synthese: 's', progres: [{ objectifId: 'obj-1', avancement: 'en_cours' }], issue: 'poursuite' },
  ],
  demanderReorientation: [ACTIONS.demanderReorientation.schema, { motif: 'm' }],
  suspendre: [ACTIONS.suspendre.schema, { motif: 'm' }],
  reprendre: [ACTIONS.reprendre.schema, {}],
  prolonger: [ACTIONS.prolonger.schema, { jours: 10, motif: 'm' }],
  cloturer: [ACTIONS.cloturer.schema, { motif: 'autre' }],
  changerReferent: [ACTIONS.changerReferent.schema, { referentId: 'r-2', motif: 'm' }],
  planifierRendezVous: [
    ACTIONS.planifierRendezVous.schema,
    { le: new Date(Date.now() + 3 * JOUR).toISOString(), lieu: 'MDS', objet: 'Suivi' },
  ],
  relancer: [ACTIONS.relancer.schema, { message: 'Bonjour' }],
  rerouter: [ACTIONS.rerouter.schema, { territoireId: 'loiret-t02', equipeId: 'loiret-t02-ep', motif: 'Déménagement' }],
};

/** The body with one value, anywhere in it, replaced (or a key added). */
function muter(racine: unknown, chemin: number[], valeur: unknown): unknown {
  const copie = structuredClone(racine) as Record<string, unknown>;
  let noeud: unknown = copie;
  for (const n of chemin) {
    if (!noeud || typeof noeud !== 'object') break;
    const cles = Object.keys(noeud);
    if (cles.length === 0) break;
    const cle = cles[n % cles.length]!;
    const enfant = (noeud as Record<string, unknown>)[cle];
    if (!enfant || typeof enfant !== 'object') {
      (noeud as Record<string, unknown>)[cle] = valeur;
      return copie;
    }
    noeud = enfant;
  }
  if (noeud && typeof noeud === 'object') (noeud as Record<string, unknown>)['ajout'] = valeur;
  return copie;
}

/** Every string in an accepted value is clean text (keys included). */
function textesPropres(v: unknown): boolean {
  if (typeof v === 'string') return textePropre(v);
  if (v && typeof v === 'object') return Object.entries(v).every(([k, x]) => textePropre(k) && textesPropres(x));
  return true;
}

describe('Propriétés des schémas de saisie', () => {
  it('couvre chaque action du catalogue', () => {
    for (const type of TYPES_ACTION) expect(EXEMPLES[type]).toBeDefined();
  });

  it.each(Object.keys(EXEMPLES))(
    '%s : tout corps donne un résultat de validation, jamais une autre exception',
    (nom) => {
      const [schema, exemple] = EXEMPLES[nom]!;
      expect(schema.safeParse(exemple).success).toBe(true);
      fc.assert(
        fc.property(
          fc.oneof(
            valeurQuelconque,
            fc.tuple(fc.array(fc.nat(), { maxLength: 4 }), valeurQuelconque).map(([c, v]) => muter(exemple, c, v)),
          ),
          (corps) => {
            let r;
            try {
              r = schema.safeParse(corps);
            } catch (err) {
              // zod reports everything it refuses as issues; anything thrown is a defect of the schema.
              throw new Error(`exception ${String(err)} pour ${JSON.stringify(corps)}`, { cause: err });
            }
            if (r.success) {
              expect(textesPropres(r.data)).toBe(true);
              expect(schema.safeParse(r.data).success).toBe(true);
            } else expect(r.error).toBeInstanceOf(ZodError);
          },
        ),
        { numRuns: 400 },
      );
    },
  );
});

/** The parameters a step draws; the command is built from them against the current state (see commandePour). */
const graine = fc.record({
  choix: fc.nat(),
  /** Mostly an action that applies at this step (so that sequences go deep), sometimes any action. */
  horsEtape: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, fc.constant(true)),
  /** Often an action of the step itself, which moves the parcours on. */
  avancer: fc.boolean(),
  domaines: fc.uniqueArray(fc.constantFrom(...DOMAINES_BESOIN), { minLength: 1, maxLength: 3 }),
  repondu: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, fc.constant(true)),
  externe: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, fc.constant(true)),
  typeAccompagnement: fc.constantFrom(...TYPES_ACCOMPAGNEMENT),
  referentId: fc.constantFrom('r-1', 'r-2', 'r-3'),
  avancement: fc.constantFrom(...AVANCEMENTS),
  issue: fc.oneof(
    { arbitrary: fc.constant('poursuite' as const), weight: 6 },
    fc.constantFrom('reorientation' as const, 'cloture' as const),
  ),
  motif: fc.constantFrom(...MOTIFS_CLOTURE),
  prolongee: fc.boolean(),
  objectifInconnu: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, fc.constant(true)),
  jours: fc.integer({ min: 1, max: 365 }),
  rendezVousDans: fc.integer({ min: -2 * JOUR, max: 400 * JOUR }),
  clore: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, fc.constant(true)),
});
type Graine = typeof graine extends fc.Arbitrary<infer G> ? G : never;
type Pas = { temps: number } | { graine: Graine };
const pas: fc.Arbitrary<Pas> = fc.oneof(
  fc.integer({ min: 0, max: 90 * JOUR }).map((temps) => ({ temps })),
  { arbitrary: graine.map((g) => ({ graine: g })), weight: 4 },
);

function commandePour(g: Graine, e: EtatParcours, maintenant: Date): Commande {
  const possibles = TYPES_ACTION.filter((t) => g.horsEtape || (applicable(t, e) && (t !== 'cloturer' || g.clore)));
  const deLEtape = possibles.filter((t) => quandDe(t).etapes);
  const candidats = g.avancer && deLEtape.length ? deLEtape : possibles;
  const type = candidats.length ? candidats[g.choix % candidats.length]! : 'relancer';
  switch (type) {
    case 'evaluer':
      return {
        type,
        donnees: {
          diagnostic: g.domaines.map((domaine) => ({ domaine, constat: 'c', besoinAccompagnement: true })),
          synthese: 's',
          conclusion: g.repondu ? 'repondu' : 'orientation',
        },
      };
    case 'orienter':
      return {
        type,
        donnees: g.externe
          ? { decision: 'externe', organismeExterne: 'CAF', motif: 'm' }
          : { decision: 'accompagnement', typeAccompagnement: g.typeAccompagnement },
      };
    case 'designerReferent':
      return { type, donnees: { referentId: g.referentId, accordUsager: true } };
    case 'changerReferent':
      return { type, donnees: { referentId: g.referentId, motif: 'm' } };
    case 'etablirPlan':
      return { type, donnees: { objectifs: g.domaines.map((domaine, i) => ({ libelle: `Objectif ${i}`, domaine })) } };
    case 'reviser':
      return {
        type,
        donnees: {
          synthese: 's',
          progres: [...e.objectifs.map((o) => o.id), ...(g.objectifInconnu ? ['obj-inconnu'] : [])].map(
            (objectifId) => ({ objectifId, avancement: g.avancement }),
          ),
          issue: g.issue,
          motifCloture: g.issue === 'cloture' ? g.motif : undefined,
          prolongation: g.prolongee ? { motif: 'santé' } : undefined,
        },
      };
    case 'cloturer':
      return { type, donnees: { motif: g.motif } };
    case 'prolonger':
      return { type, donnees: { jours: g.jours, motif: 'm' } };
    case 'planifierRendezVous':
      return {
        type,
        donnees: { le: new Date(maintenant.getTime() + g.rendezVousDans).toISOString(), lieu: 'MDS', objet: 'Suivi' },
      };
    case 'rerouter':
      return { type, donnees: { territoireId: 't-2', equipeId: g.prolongee ? 'eq-2' : 'eq', motif: 'Déménagement' } };
    case 'reprendre':
      return { type, donnees: {} };
    case 'relancer':
      return { type, donnees: {} };
    case 'demanderReorientation':
    case 'suspendre':
      return { type, donnees: { motif: 'm' } };
  }
}

/** What must hold of any state the step rules produce. */
function verifierEtat(e: EtatParcours): void {
  if (e.etape === 'accompagnement') expect(e.referentId).not.toBeNull();
  if (e.referentId) expect(e.anciensReferents).not.toContain(e.referentId);
  expect(e.statut === 'suspendu').toBe(e.suspenduLe !== null);
  expect(e.statut === 'clos').toBe(e.etape === 'cloture');
  if (e.statut === 'clos') {
    expect(e.echeances).toEqual([]);
    expect(e.closLe).not.toBeNull();
  }
  for (const x of e.echeances) {
    expect(Date.parse(x.relanceLe)).toBeLessThanOrEqual(Date.parse(x.due));
    if (x.depassee) expect(x.relanceEnvoyee).toBe(true);
  }
  const ids = [...e.objectifs.map((o) => o.id), ...e.rendezVous.map((r) => r.id)];
  expect(new Set(ids).size).toBe(ids.length);
}

describe('Propriétés des règles d’étape (séquences aléatoires de commandes)', () => {
  it('une commande refusée ne change rien ; seq sans trou ; un seul référent en accompagnement ; horloges gelées pendant une suspension', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(pas, { minLength: 5, maxLength: 40 }), (rsa, pasDeTest) => {
        let maintenant = new Date('2026-11-02T09:00:00.000Z');
        const evenements: { seq: number; type: string }[] = [];
        const appliquer = (d: Decision) => {
          evenements.push({ seq: evenements.length + 1, type: d.type });
          verifierEtat(d.etat);
          return d.etat;
        };
        let e = appliquer(
          accueillir(
            { parcoursId: 'p', workflowId: 'parcours-p', usagerId: 'u', departement: 'loiret' },
            { territoireId: 't', equipeId: 'eq', mode: 'automatique' },
            {
              besoins: [{ domaine: 'logement' }],
              urgence: false,
              consentement: true,
              droitRsaOuvertLe: rsa ? '2026-10-20' : undefined,
            },
            { maintenant, politique, seq: 1 },
          ),
        );
        /** Due dates when the parcours was suspended, to compare with those after the reprise. */
        let avantSuspension: Map<string, number> | null = null;
        for (const p of pasDeTest) {
          const ctx = () => ({ maintenant, politique, seq: evenements.length + 1 });
          if ('temps' in p) {
            maintenant = new Date(maintenant.getTime() + p.temps);
            const decisions = reveiller(e, ctx());
            if (e.statut !== 'actif')
              expect(decisions.filter((d) => d.type === 'relance' || d.type === 'escalade')).toEqual([]);
            for (const d of decisions) e = appliquer(d);
            continue;
          }
          const avant = JSON.stringify(e);
          const commande = commandePour(p.graine, e, maintenant);
          let d: Decision;
          try {
            d = decider(e, commande, ctx());
          } catch (err) {
            expect(err).toBeInstanceOf(RegleEnfreinte);
            expect(JSON.stringify(e)).toBe(avant);
            continue;
          }
          expect(JSON.stringify(e)).toBe(avant); // the state received is never modified
          expect(d.type).toBe(ACTIONS[commande.type].evenement.type);
          const precedent = e;
          e = appliquer(d);
          if (commande.type === 'suspendre')
            avantSuspension = new Map(precedent.echeances.map((x) => [x.code, Date.parse(x.due)]));
          if (commande.type === 'reprendre' && avantSuspension) {
            const pause = maintenant.getTime() - Date.parse(precedent.suspenduLe!);
            for (const x of e.echeances)
              if (avantSuspension.has(x.code)) expect(Date.parse(x.due) - avantSuspension.get(x.code)!).toBe(pause);
            avantSuspension = null;
          }
          if (commande.type === 'prolonger') avantSuspension = null; // a prolongation moves a due date on purpose
        }
        expect(evenements.map((x) => x.seq)).toEqual(evenements.map((_, i) => i + 1));
        if (e.statut === 'clos')
          for (const type of TYPES_ACTION)
            expect(() => decider(e, { type, donnees: {} } as Commande, { maintenant, politique, seq: 99 })).toThrow(
              RegleEnfreinte,
            );
      }),
      { numRuns: 300 },
    );
  });
});
