/**
 * The pilotage tables, in one catalogue: each has its rows' schema (whose field descriptions are the column
 * headings of the exports and the OpenAPI documentation) and its query. The JSON routes, the CSV and XLSX
 * exports and the public statistics all read them from here.
 */
import type { z } from 'zod';
import type { Db } from '../../infra/prisma';
import type { PolitiqueDelais } from '../../domain/delais/politique';
import { chargerPolitiqueDelais } from '../../config/delais';
import { chargeParReferent, comptes, distribution, satisfaction, stock, type Portee } from './requetes';
import { CODES_QUESTION, LIBELLE_JALON, SEUIL_DIFFUSION, type Jalon } from '../../domain/espace/satisfaction';
import type { Groupement } from './groupements';
import {
  ligneCharge,
  ligneDelaiEtape,
  ligneEscalade,
  ligneFlux,
  ligneRespectDelai,
  ligneSatisfaction,
  ligneStock,
} from '../contrat/pilotage';

/** What a table's query gets: the scope (access rules applied), the grouping, and the département's policy. */
export interface Demande {
  db: Db;
  portee: Portee;
  par: Groupement;
}

const part = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : null);
const politiques = new Map<string, PolitiqueDelais>();
function libelleDelai(departement: string, code: string): string {
  if (!politiques.has(departement)) politiques.set(departement, chargerPolitiqueDelais(departement));
  const regle = politiques.get(departement)![code as keyof PolitiqueDelais];
  return regle && 'libelle' in regle ? regle.libelle : code;
}

async function delaisEtapes({ db, portee, par }: Demande) {
  return (await distribution(db, portee, par)).map(({ objet, n, ...d }) => ({ ...d, etape: objet, passages: n }));
}

/** Délai clocks ended in the period per group and rule, and how many were kept. */
async function respectDelais({ db, portee, par }: Demande) {
  const lignes = new Map<string, z.infer<typeof ligneRespectDelai>>();
  for (const c of await comptes(db, portee, par, 'delai')) {
    const cle = `${c.groupe}\u0000${c.objet}`;
    const l = lignes.get(cle) ?? {
      groupe: c.groupe,
      libelle: c.libelle,
      delai: c.objet,
      libelleDelai: libelleDelai(portee.departement, c.objet),
      termines: 0,
      dansDelai: 0,
      partDansDelai: null,
    };
    l.termines += c.n;
    if (c.issue === 'respecte') l.dansDelai += c.n;
    l.partDansDelai = part(l.dansDelai, l.termines);
    lignes.set(cle, l);
  }
  return [...lignes.values()];
}

async function flux({ db, portee, par }: Demande) {
  return (await comptes(db, portee, par, 'sortie')).map(({ objet, issue, ...c }) => ({ ...c, de: objet, vers: issue }));
}

async function escalades({ db, portee, par }: Demande) {
  return (await comptes(db, portee, par, 'escalade')).map(({ objet, issue: _i, ...c }) => ({
    ...c,
    delai: objet,
    libelleDelai: libelleDelai(portee.departement, objet),
  }));
}

/** Caseload against capacity: the scope's active agents, and référents named on parcours but unknown. */
async function charge({ db, portee }: Demande) {
  const [agents, charges] = await Promise.all([
    db.agent.findMany({
      where: {
        departement: portee.departement,
        actif: true,
        ...(portee.equipeId || portee.territoireIds
          ? {
              equipe: {
                ...(portee.equipeId ? { id: portee.equipeId } : {}),
                ...(portee.territoireIds ? { territoireId: { in: portee.territoireIds } } : {}),
              },
            }
          : {}),
      },
      include: { equipe: { select: { territoireId: true } } },
      orderBy: [{ nom: 'asc' }, { prenom: 'asc' }],
    }),
    chargeParReferent(db, portee),
  ]);
  const parReferent = new Map(charges.map((c) => [c.referentId, c]));
  const connus = new Set(agents.map((a) => a.id));
  return [
    ...agents.map((a) => ({
      agentId: a.id,
      prenom: a.prenom,
      nom: a.nom,
      roles: a.roles,
      equipeId: a.equipeId,
      territoireId: a.equipe?.territoireId ?? null,
      capacite: a.capacite,
      charge: parReferent.get(a.id)?.charge ?? 0,
      enRetard: parReferent.get(a.id)?.enRetard ?? 0,
    })),
    ...charges
      .filter((c) => !connus.has(c.referentId))
      .map((c) => ({
        agentId: c.referentId,
        prenom: null,
        nom: null,
        roles: [],
        equipeId: null,
        territoireId: null,
        capacite: null,
        charge: c.charge,
        enRetard: c.enRetard,
      })),
  ];
}

/** The person's satisfaction: aggregates only, means hidden below SEUIL_DIFFUSION answers. */
async function satisfactionParTerritoire({ db, portee }: Demande) {
  return (await satisfaction(db, portee, CODES_QUESTION, SEUIL_DIFFUSION)).map(({ moyennes, ...l }) => ({
    ...l,
    ...moyennes,
    jalon: l.jalon as Jalon,
    libelleJalon: LIBELLE_JALON[l.jalon as Jalon] ?? l.jalon,
    tauxReponse: part(l.reponses, l.envoyes),
  }));
}

export const TABLES = {
  'delais-etapes': {
    titre: 'Délais par étape',
    resume: 'Durée des étapes franchies : moyenne, médiane et 90e centile, par regroupement',
    ligne: ligneDelaiEtape,
    charger: delaisEtapes,
  },
  'respect-delais': {
    titre: 'Respect des délais',
    resume: 'Part des délais tenus par règle (RSA 6 semaines, contrat 1 mois, revue 6 mois, règles du département)',
    ligne: ligneRespectDelai,
    charger: respectDelais,
  },
  flux: {
    titre: 'Flux entre étapes',
    resume: 'Passages d’une étape à la suivante ou à une issue (table du diagramme de flux)',
    ligne: ligneFlux,
    charger: flux,
  },
  stock: {
    titre: 'Stock par étape',
    resume: 'Par mois et par étape : entrées, sorties et parcours en cours à la fin du mois',
    ligne: ligneStock,
    charger: ({ db, portee }: Demande) => stock(db, portee),
  },
  escalades: {
    titre: 'Dépassements de délai',
    resume: 'Délais dépassés (alerte au cadre), par règle et par regroupement',
    ligne: ligneEscalade,
    charger: escalades,
  },
  charge: {
    titre: 'Charge des agents',
    resume: 'Parcours ouverts suivis par chaque agent au regard de sa capacité',
    ligne: ligneCharge,
    charger: charge,
  },
  satisfaction: {
    titre: 'Satisfaction des personnes',
    resume:
      'Par territoire, jalon et mois d’envoi : questionnaires envoyés, réponses, taux de réponse et moyennes (masquées sous le seuil de diffusion)',
    ligne: ligneSatisfaction,
    charger: satisfactionParTerritoire,
  },
} as const satisfies Record<
  string,
  { titre: string; resume: string; ligne: z.ZodObject; charger: (d: Demande) => Promise<unknown[]> }
>;

export type NomTable = keyof typeof TABLES;
export const NOMS_TABLES = Object.keys(TABLES) as NomTable[];
