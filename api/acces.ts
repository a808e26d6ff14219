/**
 * Every access rule of the API, in one place: which role may call which endpoint (403 otherwise), which
 * parcours and usagers an agent may see (404 outside: existence is not revealed), which step each role may
 * perform, and what a partner sees of a dossier. Routes only name their permission and call these functions.
 */
import type { Request, Response } from 'express';
import type { Prisma } from '../generated/prisma/client';
import {
  ACTIONS,
  TYPES_ACTION,
  applicable,
  exigenceManquante,
  type DefinitionAction,
  type TypeAction,
} from '../domain/parcours/actions';
import type { Etape, Statut } from '../domain/parcours/etapes';
import { ROLES, type Role } from '../domain/organisation/referentiel';
import { HttpError, notFound } from './errors';

/** The authenticated agent (an Agent row), as the middleware of api/auth.ts resolves it for each request. */
export interface AgentConnecte {
  id: string;
  email: string;
  prenom: string;
  nom: string;
  roles: Role[];
  departement: string;
  equipeId: string | null;
  territoireId: string | null;
  /** An agent of a structure référente: sees and acts on the parcours oriented to it, nothing else. */
  structureId?: string | null;
  /** How this request was authenticated. */
  moyen: 'session' | 'bearer' | 'dev';
}

declare module 'express-serve-static-core' {
  interface Request {
    agent?: AgentConnecte;
  }
}

const SOCIAUX: Role[] = ['accueil', 'evaluateur', 'referent', 'cadre', 'partenaire'];

/**
 * The permission each endpoint requires: roles allowed (any of them), and whether the call reads or writes
 * personal data (then it is written to the access journal, AuditAcces, including refusals).
 */
export const PERMISSIONS = {
  /** Signed-in agent, no personal data: configuration, geography, own session. */
  authentifie: { roles: ROLES, audit: null },
  'usager.creer': { roles: ['accueil', 'partenaire', 'evaluateur', 'referent', 'cadre'], audit: 'ecriture' },
  'usager.lire': { roles: SOCIAUX, audit: 'lecture' },
  'usager.exporter': { roles: ['administrateur'], audit: 'lecture' },
  'usager.corriger': { roles: ['accueil', 'evaluateur', 'referent', 'cadre'], audit: 'ecriture' },
  'parcours.ouvrir': { roles: ['accueil', 'partenaire', 'evaluateur', 'referent', 'cadre'], audit: 'ecriture' },
  'parcours.lire': { roles: SOCIAUX, audit: 'lecture' },
  /** Step actions: the roles of each action are checked by verifierEtape (the catalogue); this is their union. */
  'parcours.agir': { roles: [...new Set(Object.values(ACTIONS).flatMap((x) => x.roles))], audit: 'ecriture' },
  /** Closing a person's links (their page, their questionnaires) on request. */
  'liens.revoquer': { roles: ['accueil', 'evaluateur', 'referent', 'cadre'], audit: 'ecriture' },
  'pilotage.lire': { roles: ['cadre'], audit: null },
  /** Exports leave the system (aggregates, and agents' names in the caseload table): journaled. */
  'pilotage.exporter': { roles: ['cadre'], audit: 'lecture' },
  'referents.proposer': { roles: ['cadre'], audit: 'lecture' },
  'agents.reassigner': { roles: ['cadre'], audit: 'ecriture' },
  'audit.lire': { roles: ['administrateur'], audit: 'lecture' },
  /** Partners' lists open parcours anywhere in the département: the direction and administrators only. */
  'flux.importer': { roles: ['cadre', 'administrateur'], audit: 'ecriture' },
  /** Sessions of the équipe pluridisciplinaire: its members read them, cadres schedule, decide and close them. */
  'sessions.lire': { roles: ['cadre', 'evaluateur', 'referent'], audit: 'lecture' },
  'sessions.gerer': { roles: ['cadre'], audit: 'ecriture' },
  /** Partners' webhook subscriptions: configuration (no personal data; the secret is shown once). */
  'webhooks.administrer': { roles: ['administrateur'], audit: null },
  /** The delivery log names parcours, and a replay sends their events again: journaled. */
  'webhooks.livraisons': { roles: ['administrateur'], audit: 'lecture' },
  'webhooks.rejouer': { roles: ['administrateur'], audit: 'ecriture' },
  /** The organisation (agents, équipes, sites): its own journal, AuditAdministration, keeps before and after. */
  'organisation.administrer': { roles: ['administrateur'], audit: null },
  /** The coverage map and its "what if": those who decide where sites go (no personal data). */
  'couverture.lire': { roles: ['cadre', 'administrateur'], audit: null },
  /** Absences and intérims: administrators, and cadres for the agents of their territoire (journaled as above). */
  'absences.gerer': { roles: ['cadre', 'administrateur'], audit: null },
  /** "Mon agenda": the rendez-vous of those who plan them (the catalogue's planifierRendezVous roles), with names. */
  'agenda.lire': { roles: ACTIONS.planifierRendezVous.roles, audit: 'lecture' },
  /** What-if simulations (no personal data; minutes of computing): the direction and administrators (exigerPorteeDepartement). */
  'simulation.lancer': { roles: ['cadre', 'administrateur'], audit: null },
} as const satisfies Record<string, { roles: readonly Role[]; audit: 'lecture' | 'ecriture' | null }>;

export type Permission = keyof typeof PERMISSIONS | 'public';

const a = (agent: AgentConnecte, ...roles: Role[]) => roles.some((r) => agent.roles.includes(r));

/** The authenticated agent of a request (401 when none: the route wrapper checks it first). */
export function agentDe(req: Request): AgentConnecte {
  if (!req.agent) throw new HttpError(401, 'non_authentifie', 'Authentification requise.');
  return req.agent;
}

/** Who acts, as recorded in every workflow event: the authenticated agent's id. */
export const acteurDe = (req: Request): string => agentDe(req).id;

/** Role gate of an endpoint: 401 without an agent, 403 without one of the roles. */
export function verifierPermission(req: Request, permission: Permission): void {
  if (permission === 'public') return;
  const agent = agentDe(req);
  if (!a(agent, ...PERMISSIONS[permission].roles))
    throw new HttpError(403, 'role_insuffisant', 'Votre rôle ne permet pas cette action.');
}

/**
 * A cadre attached to no équipe is a cadre of the direction: the whole département. Any other agent's
 * territorial scope is the territoire of their équipe (none without an équipe).
 */
function territoiresDe(agent: AgentConnecte): 'departement' | string[] {
  // A structure's responsable has no équipe either: a structure is never the whole département.
  if (agent.structureId) return [];
  if (agent.equipeId === null && a(agent, 'cadre')) return 'departement';
  return agent.territoireId ? [agent.territoireId] : [];
}

/** Actions on the whole département (imports of lists): administrators, and cadres of the direction. */
export function exigerPorteeDepartement(agent: AgentConnecte): void {
  if (!a(agent, 'administrateur') && territoiresDe(agent) !== 'departement')
    throw new HttpError(
      403,
      'role_insuffisant',
      'Réservé à la direction et aux administrateurs (tout le département).',
    );
}

/** The parcours an agent may see, as a Prisma filter (lists and single reads use the same rule). */
export function filtreParcours(agent: AgentConnecte): Prisma.ParcoursWhereInput {
  const ou: Prisma.ParcoursWhereInput[] = [];
  const territoires = territoiresDe(agent);
  if (a(agent, 'cadre', 'evaluateur', 'accueil')) {
    if (territoires === 'departement') ou.push({ departement: agent.departement });
    else if (territoires.length) ou.push({ territoireId: { in: territoires } });
  }
  if (a(agent, 'referent')) ou.push({ referentId: agent.id }, { interimId: agent.id });
  if (agent.structureId) ou.push({ structureId: agent.structureId });
  // What they opened themselves (the accueil is the first event of every parcours).
  if (a(agent, 'accueil', 'partenaire')) ou.push({ evenements: { some: { seq: 1, acteur: agent.id } } });
  return ou.length ? { departement: agent.departement, OR: ou } : { id: { in: [] } };
}

/**
 * "Mon agenda": the rendez-vous an agent goes to — those they planned themselves and, as référent (or as intérim
 * while the référent is away), every one planned on the parcours they follow, whoever planned it — on parcours
 * they see. A cadre or an évaluateur sees the ones they planned, not the territoire's (that is no one's agenda).
 * Rendez-vous are not in the restricted view: the route keeps only the parcours of the agent's full view.
 */
export function filtreAgenda(agent: AgentConnecte): Prisma.ParcoursEvenementWhereInput {
  const ou: Prisma.ParcoursEvenementWhereInput[] = [{ acteur: agent.id }];
  if (a(agent, 'referent')) ou.push({ parcours: { OR: [{ referentId: agent.id }, { interimId: agent.id }] } });
  return { type: ACTIONS.planifierRendezVous.evenement.type, parcours: filtreParcours(agent), OR: ou };
}

/**
 * The usagers an agent may see: those with a parcours the agent sees. An usager registered without any
 * parcours yet (POST /usagers before the accueil) is visible to the département's agents who open parcours,
 * so that the accueil can follow; it holds an identity only, no social data. Partners open parcours with the
 * person's identity in the same request (POST /parcours) and never see identities they did not bring.
 */
export function filtreUsager(agent: AgentConnecte): Prisma.UsagerWhereInput {
  const ou: Prisma.UsagerWhereInput[] = [{ parcours: { some: filtreParcours(agent) } }];
  if (a(agent, 'accueil', 'evaluateur', 'referent', 'cadre')) ou.push({ parcours: { none: {} }, anonymiseLe: null });
  return { OR: ou };
}

/** The sessions of the équipe an agent may see: those of their territoire (the whole département for the direction). */
export function filtreSessions(agent: AgentConnecte): Prisma.SessionEquipeWhereInput {
  const territoires = territoiresDe(agent);
  if (territoires === 'departement') return { departement: agent.departement };
  return { departement: agent.departement, territoireId: { in: territoires } };
}

/** 404 unless the given territoire (a list filter, a pilotage scope) is within the agent's. */
export function verifierTerritoire(agent: AgentConnecte, territoireId: string | null | undefined): void {
  if (!territoireId) return;
  const t = territoiresDe(agent);
  if (t !== 'departement' && !t.includes(territoireId)) throw notFound('Territoire');
}

/** The territoire filter forced on a cadre's pilotage queries (undefined: the whole département). */
export function territoireImpose(agent: AgentConnecte): string | undefined {
  const t = territoiresDe(agent);
  return t === 'departement' ? undefined : (t[0] ?? '__aucun__');
}

/**
 * What places a parcours within an agent's scope: its référent (and intérim, while the référent is away), its
 * territoire, its structure référente.
 */
type Perimetre = {
  referentId: string | null;
  interimId?: string | null;
  territoireId: string | null;
  structureId: string | null;
};

/** The référent of the parcours, or the intérim who acts for them while they are away. */
const estReferentDe = (agent: AgentConnecte, parcours: Perimetre) =>
  a(agent, 'referent') && (parcours.referentId === agent.id || parcours.interimId === agent.id);

/** The parcours is of the agent's territoire (or the whole département's), or of the agent's structure. */
function dansSonPerimetre(agent: AgentConnecte, parcours: Perimetre): boolean {
  if (agent.structureId) return parcours.structureId === agent.structureId;
  const t = territoiresDe(agent);
  return t === 'departement' || (parcours.territoireId !== null && t.includes(parcours.territoireId));
}

/** Whether the agent's role fits this action on a parcours already known to be in scope. */
function peutAgir(agent: AgentConnecte, type: TypeAction, parcours: Perimetre): boolean {
  const duTerritoire = dansSonPerimetre(agent, parcours);
  return ACTIONS[type].roles.some((r) =>
    r === 'referent' ? estReferentDe(agent, parcours) : a(agent, r) && duTerritoire,
  );
}

/** Step permission on a parcours already known to be in scope: 403 when the role does not fit this step. */
export function verifierEtape(agent: AgentConnecte, type: TypeAction, parcours: Perimetre): void {
  if (!peutAgir(agent, type, parcours))
    throw new HttpError(403, 'role_insuffisant', 'Votre rôle ne permet pas cette étape sur ce parcours.');
}

/**
 * The actions the agent may take on a parcours now: the catalogue says they apply to its statut and step, and
 * what it needs of the parcours is there (catalogue: quand.exige), and the agent's role fits. The screens offer
 * these and nothing else.
 */
export function actionsPermises(
  agent: AgentConnecte,
  parcours: Perimetre & { statut: Statut; etape: Etape; objectifs: unknown },
): TypeAction[] {
  const objectifs = Array.isArray(parcours.objectifs) ? parcours.objectifs : [];
  return TYPES_ACTION.filter(
    (type) =>
      applicable(type, parcours) &&
      !exigenceManquante(type, { objectifs, referentId: parcours.referentId }) &&
      // Once the plan exists, the revue takes its place in the offer (the plan is still editable by the API).
      !(type === 'etablirPlan' && objectifs.length > 0) &&
      peutAgir(agent, type, parcours),
  );
}

/**
 * The parcours waiting for the agent ("Mes actions"): as référent, those they follow; for the other roles, the
 * parcours of their scope at a step whose own action names their role first (évaluateur: the évaluation;
 * cadre: the équipe's decisions); accueil agents and partners follow the parcours they opened.
 */
export function filtreAAgir(agent: AgentConnecte): Prisma.ParcoursWhereInput {
  const ou: Prisma.ParcoursWhereInput[] = [];
  if (a(agent, 'referent')) ou.push({ referentId: agent.id }, { interimId: agent.id });
  const etapes = TYPES_ACTION.flatMap((type) => {
    const { roles, quand } = ACTIONS[type] as DefinitionAction;
    const premier = roles[0];
    return premier && premier !== 'referent' && quand.etapes?.length === 1 && a(agent, premier) ? quand.etapes : [];
  });
  if (etapes.length) ou.push({ etape: { in: [...new Set(etapes)] } });
  if (a(agent, 'accueil', 'partenaire')) ou.push({ evenements: { some: { seq: 1, acteur: agent.id } } });
  return { AND: [filtreParcours(agent), { statut: { not: 'clos' } }, ou.length ? { OR: ou } : { id: { in: [] } }] };
}

/**
 * Full dossier for the cadre and évaluateur of the territoire and for the référent of the parcours. Anyone
 * else who sees it (the accueil agent, a partner that opened it) gets the restricted view: the accueil and
 * the orientation outcome, never the évaluation, plan, revues or notes.
 */
export function vueComplete(agent: AgentConnecte, parcours: Perimetre): boolean {
  if (estReferentDe(agent, parcours)) return true;
  return a(agent, 'cadre', 'evaluateur') && dansSonPerimetre(agent, parcours);
}

/** A parcours as the agent may see it (the restricted view hides the plan's objectives). */
export function filtrerParcours<P extends { objectifs: unknown[] }>(complete: boolean, p: P): P {
  return complete ? p : { ...p, objectifs: [] };
}

/** Usagers whose personal data this request reads or writes: recorded in the access journal by route(). */
export function auditer(res: Response, ...usagerIds: Array<string | null | undefined>): void {
  const s = (res.locals.auditUsagers ??= new Set<string>()) as Set<string>;
  for (const id of usagerIds) if (id) s.add(id);
}
