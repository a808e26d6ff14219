/**
 * A synthetic history for the pilotage benchmark: parcours opened over past months, each driven through the
 * real step rules (domain/parcours/transitions.ts: accueillir, decider, reveiller) with random durations, then
 * written straight into PostgreSQL in bulk (usagers, parcours, timeline, pilotage aggregates) — no workflow.
 * The aggregates come from the same function as the projection activity's (domain/pilotage/mouvements.ts).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { PolitiqueDelais } from '../domain/delais/politique';
import { vueDe, type EtatParcours, type VueParcours } from '../domain/parcours/etat';
import { accueillir, decider, prochainReveil, reveiller, type Decision } from '../domain/parcours/transitions';
import type { Commande } from '../domain/parcours/actions';
import { mouvementsPilotage, niveauxAgregat } from '../domain/pilotage/mouvements';
import { workflowIdDe } from '../domain/parcours/identifiants';
import { aleatoire, type Hasard } from '../simulation/hasard';

const JOUR = 86_400_000;

export interface Equipe {
  territoireId: string;
  equipeId: string;
  referents: string[];
}

interface Evenement {
  seq: number;
  type: string;
  survenuLe: string;
  donnees: Record<string, unknown>;
}

/** One parcours from its accueil to `maintenant` (or its clôture): its final state and its timeline. */
function parcours(
  hasard: Hasard,
  politique: PolitiqueDelais,
  equipe: Equipe,
  ouvertLe: Date,
  maintenant: Date,
  surMouvement: (avant: VueParcours | null, apres: VueParcours, le: string) => void,
) {
  const parcoursId = randomUUID();
  const evenements: Evenement[] = [];
  let etat: EtatParcours | null = null;
  const appliquer = (d: Decision, le: Date) => {
    const avant = etat && vueDe(etat);
    etat = d.etat;
    const iso = le.toISOString();
    evenements.push({ seq: evenements.length + 1, type: d.type, survenuLe: iso, donnees: d.donnees });
    surMouvement(avant, vueDe(etat), iso);
  };
  const rsa = hasard.reel() < 0.4;
  appliquer(
    accueillir(
      { parcoursId, workflowId: workflowIdDe(parcoursId), usagerId: randomUUID(), departement: 'loiret' },
      { territoireId: equipe.territoireId, equipeId: equipe.equipeId, mode: 'automatique' },
      {
        besoins: [{ domaine: 'insertion_emploi' }],
        urgence: hasard.reel() < 0.1,
        consentement: true,
        ...(rsa ? { droitRsaOuvertLe: new Date(ouvertLe.getTime() - 7 * JOUR).toISOString().slice(0, 10) } : {}),
      },
      { maintenant: ouvertLe, politique, seq: 1 },
    ),
    ouvertLe,
  );
  let t = ouvertLe.getTime();
  // The next human action and how long after the previous one it comes (days, exponential).
  const prochaine = (e: EtatParcours): [Commande, number] | null => {
    switch (e.etape) {
      case 'evaluation':
        return [
          {
            type: 'evaluer',
            donnees: {
              conclusion: hasard.reel() < 0.15 ? 'repondu' : 'orientation',
              diagnostic: [],
              synthese: '',
            },
          },
          3 + hasard.expo(22),
        ];
      case 'orientation':
        return [
          hasard.reel() < 0.1
            ? { type: 'orienter', donnees: { decision: 'externe', organismeExterne: 'France Travail', motif: '' } }
            : {
                type: 'orienter',
                donnees: {
                  decision: 'accompagnement',
                  typeAccompagnement: hasard.choix(['social', 'socio_professionnel']),
                },
              },
          2 + hasard.expo(18),
        ];
      case 'designation':
        return [
          { type: 'designerReferent', donnees: { referentId: hasard.choix(equipe.referents), accordUsager: true } },
          1 + hasard.expo(14),
        ];
      case 'accompagnement':
        if (e.objectifs.length === 0)
          return [
            { type: 'etablirPlan', donnees: { objectifs: [{ libelle: 'Emploi', domaine: 'insertion_emploi' }] } },
            5 + hasard.expo(25),
          ];
        return [
          {
            type: 'reviser',
            donnees: {
              synthese: '',
              progres: [],
              ...(hasard.reel() < 0.45
                ? {
                    issue: 'cloture',
                    motifCloture: hasard.choix(['objectifs_atteints', 'demenagement', 'sans_contact']),
                  }
                : hasard.reel() < 0.1
                  ? { issue: 'reorientation' }
                  : { issue: 'poursuite' }),
            },
          },
          120 + hasard.expo(80),
        ];
      default:
        return null;
    }
  };
  for (;;) {
    const e: EtatParcours = etat!;
    const suite = prochaine(e);
    if (!suite) break;
    const quand = t + suite[1] * JOUR;
    // Reminders and escalations due before the action happen first, as the workflow's timers would.
    for (
      let reveil = prochainReveil(e, politique);
      reveil && reveil.getTime() <= Math.min(quand, maintenant.getTime());
      reveil = prochainReveil(etat!, politique)
    ) {
      for (const d of reveiller(etat!, { maintenant: reveil, politique, seq: evenements.length + 1 }))
        appliquer(d, reveil);
    }
    if (quand > maintenant.getTime()) break;
    t = quand;
    const le = new Date(t);
    appliquer(decider(etat!, suite[0], { maintenant: le, politique, seq: evenements.length + 1 }), le);
  }
  return { etat: etat!, evenements };
}

export interface BilanHistorique {
  parcours: number;
  evenements: number;
  agregats: number;
}

/** Generates `n` parcours opened uniformly over `moisHistorique` months and writes them in bulk. */
export async function semerHistorique(
  pool: pg.Pool,
  opts: { n: number; moisHistorique: number; equipes: Equipe[]; politique: PolitiqueDelais; graine?: number },
): Promise<BilanHistorique> {
  const hasard = aleatoire(opts.graine ?? 16);
  const maintenant = new Date();
  const debut = maintenant.getTime() - opts.moisHistorique * 30.4 * JOUR;
  const agregats = new Map<string, number>();
  const ajouter = (avant: VueParcours | null, apres: VueParcours, le: string) => {
    for (const m of mouvementsPilotage(avant, apres, le)) {
      for (const [t, e, r] of niveauxAgregat(m)) {
        const cle = JSON.stringify([t, e, r, m.mesure, m.objet, m.issue, m.mois, m.jours]);
        agregats.set(cle, (agregats.get(cle) ?? 0) + 1);
      }
    }
  };
  let evenements = 0;
  const LOT = 5000;
  for (let i = 0; i < opts.n; i += LOT) {
    const lot = Array.from({ length: Math.min(LOT, opts.n - i) }, () =>
      parcours(
        hasard,
        opts.politique,
        hasard.choix(opts.equipes),
        new Date(debut + hasard.reel() * (maintenant.getTime() - debut)),
        maintenant,
        ajouter,
      ),
    );
    const vues = lot.map((p) => vueDe(p.etat));
    await pool.query(
      `INSERT INTO "Usager" ("id", "nom", "prenom", "modifieLe")
       SELECT id, 'Banc', 'Pilotage', now() FROM unnest($1::uuid[]) AS u(id)`,
      [vues.map((v) => v.usagerId)],
    );
    await pool.query(
      `INSERT INTO "Parcours" ("id", "workflowId", "usagerId", "departement", "etape", "statut", "besoins", "urgence",
         "territoireId", "equipeId", "referentId", "typeAccompagnement", "echeance", "enRetard", "etapeDepuis",
         "ouvertLe", "closLe", "motifCloture", "echeances", "objectifs", "version", "modifieLe")
       SELECT id, w, u, 'loiret', e, s, ARRAY['insertion_emploi'], ur, t, eq, r, ta, ec, rt, ed, o, c, mc, j::jsonb, '[]', v, now()
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::bool[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::timestamp[], $12::bool[], $13::timestamp[], $14::timestamp[],
                   $15::timestamp[], $16::text[], $17::text[], $18::int[])
         AS x(id, w, u, e, s, ur, t, eq, r, ta, ec, rt, ed, o, c, mc, j, v)`,
      [
        vues.map((v) => v.parcoursId),
        vues.map((v) => v.workflowId),
        vues.map((v) => v.usagerId),
        vues.map((v) => v.etape),
        vues.map((v) => v.statut),
        vues.map((v) => v.urgence),
        vues.map((v) => v.territoireId),
        vues.map((v) => v.equipeId),
        vues.map((v) => v.referentId),
        vues.map((v) => v.typeAccompagnement),
        vues.map((v) => v.echeance),
        vues.map((v) => v.enRetard),
        vues.map((v) => v.etapeDepuis),
        vues.map((v) => v.ouvertLe),
        vues.map((v) => v.closLe),
        vues.map((v) => v.motifCloture),
        vues.map((v) => JSON.stringify(v.echeances)),
        lot.map((p) => p.evenements.length),
      ],
    );
    const ev = lot.flatMap((p) => p.evenements.map((e) => ({ ...e, parcoursId: p.etat.parcoursId })));
    evenements += ev.length;
    await pool.query(
      `INSERT INTO "ParcoursEvenement" ("parcoursId", "seq", "type", "acteur", "survenuLe", "donnees")
       SELECT p, s, t, 'banc', le, d::jsonb FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamp[], $5::text[])
         AS x(p, s, t, le, d)`,
      [
        ev.map((e) => e.parcoursId),
        ev.map((e) => e.seq),
        ev.map((e) => e.type),
        ev.map((e) => e.survenuLe),
        ev.map((e) => JSON.stringify(e.donnees)),
      ],
    );
  }
  // Rows as the projection would have created them: month after month.
  const cles = [...agregats.keys()]
    .map((k) => JSON.parse(k) as [string, string, string, string, string, string, string, number])
    .sort((a, b) => a[6].localeCompare(b[6]));
  for (let i = 0; i < cles.length; i += 20_000) {
    const lot = cles.slice(i, i + 20_000);
    const col = (j: number) => lot.map((c) => c[j]);
    await pool.query(
      `INSERT INTO "PilotageAgregat" ("departement", "territoireId", "equipeId", "referentId", "mesure", "objet", "issue", "mois", "jours", "n")
       SELECT 'loiret', * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::int[], $9::int[])`,
      [
        col(0),
        col(1),
        col(2),
        col(3),
        col(4),
        col(5),
        col(6),
        col(7),
        lot.map((c) => agregats.get(JSON.stringify(c))!),
      ],
    );
  }
  // A settled database, as autovacuum keeps it: statistics and visibility map (index-only scans).
  await pool.query('VACUUM ANALYZE');
  return { parcours: opts.n, evenements, agregats: cles.length };
}
