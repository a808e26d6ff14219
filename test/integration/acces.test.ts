/**
 * Access matrix: every endpoint of the OpenAPI document × every role × a resource in the agent's scope and
 * one outside it. The expected answers are written here from the rules of issue 5 (not read from api/acces.ts),
 * and an endpoint missing from this table fails the test: a new endpoint cannot escape the matrix.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Client, Connection } from '@temporalio/client';
import { requireEnv, startStack, type Stack } from '../support/stack';
import { comme, nouvelAgent } from '../support/parcours';
import { chargerReferentiel } from '../../imports/referentiel';
import { WORKFLOWS } from '../../workflows/messages';

type Role = 'accueil' | 'evaluateur' | 'referent' | 'cadre' | 'partenaire' | 'administrateur';
const ROLES: Role[] = ['accueil', 'evaluateur', 'referent', 'cadre', 'partenaire', 'administrateur'];
const SOCIAUX: Role[] = ['accueil', 'evaluateur', 'referent', 'cadre', 'partenaire'];
const OUVRENT: Role[] = ['accueil', 'partenaire', 'evaluateur', 'referent', 'cadre'];
const ETAPES: Role[] = ['evaluateur', 'referent', 'cadre'];

/** An imported équipe of the Loiret with its agents (no new territoire: the shared organisation stays as imported). */
interface Equipe {
  territoireId: string;
  equipeId: string;
  referentId: string;
  agents: Record<Role, string>;
}
/** One side of the matrix: an équipe, its parcours (opened by its partner, followed by its référent) and usager. */
interface Cote {
  equipe: Equipe;
  parcoursId: string;
  usagerId: string;
  operationId: string;
  /** A session of the équipe, with the parcours queued for an opinion before sanction. */
  sessionId: string;
  dossierId: string;
  /** An absence of its accueil agent, a year ahead (nothing moves during the test). */
  absenceId: string;
}
interface Requete {
  chemin: string;
  query?: Record<string, string>;
  body?: object;
}
interface Cas {
  /** Roles that pass the endpoint's role gate (others: 403, in scope or not). */
  porte: Role[];
  /** Among them, those who succeed on a resource in scope (others: 403); default: all of them. */
  reussite?: Role[];
  /** 'ressource': outside the scope → 404; 'liste': 200 without the other side's data; 'aucun': not territorial. */
  cloison: 'ressource' | 'liste' | 'aucun';
  requete(c: Cote): Requete;
  /** Roles whose answers may legitimately hold any usager's data (the administrator's journal and export). */
  sansCloison?: Role[];
  /** Roles whose scope here is the whole département (administrators): outside the territoire, they succeed. */
  departement?: Role[];
  /** Open without sign-in (public statistics: aggregates only). */
  public?: true;
  /**
   * Opened by what the route expects instead of an agent (the person's link, the SMS provider's credentials):
   * whoever calls without it, signed in or not, whatever the role, gets this status and nothing of any dossier.
   */
  sansAgent?: number;
}

const evaluation = {
  diagnostic: [{ domaine: 'logement', constat: 'EVAL-A constat', besoinAccompagnement: true }],
  synthese: 'EVAL-A synthèse',
  conclusion: 'orientation',
};
const plan = { objectifs: [{ libelle: 'PLAN-A objectif', domaine: 'logement' }] };
/** A pilotage table or its export, for a cadre, on a territoire (another territoire's: 404). */
const pilotage = (chemin: string): Cas => ({
  porte: ['cadre'],
  cloison: 'ressource',
  requete: (c) => ({ chemin, query: { territoireId: c.equipe.territoireId } }),
});
const TABLES_PILOTAGE = ['delais-etapes', 'respect-delais', 'flux', 'stock', 'escalades', 'charge', 'satisfaction'];

const action = (chemin: string, reussite: Role[], body: object): Cas => ({
  porte: ETAPES,
  reussite,
  cloison: 'ressource',
  requete: (c) => ({ chemin: `/parcours/${c.parcoursId}/${chemin}`, body }),
});

/** A partner's list (header only: nothing to open). */
const fichierVide = {
  source: 'caf',
  nomFichier: 'vide.csv',
  contenu: Buffer.from('Numéro allocataire;Nom;Prénom;Code INSEE;Date d’ouverture du droit\n').toString('base64'),
};
/** An import made in beforeAll by an administrator. */
let importId = '';
/** Imports concern the whole département: cadres of a team are refused (403), administrators pass. */
const flux = (requete: Cas['requete']): Cas => ({
  porte: ['cadre', 'administrateur'],
  reussite: ['administrateur'],
  cloison: 'aucun',
  requete,
});
const IMPORTS_FLUX: Record<string, Cas> = {
  'POST /imports/flux/apercu': flux(() => ({ chemin: '/imports/flux/apercu', body: fichierVide })),
  'POST /imports/flux': flux(() => ({ chemin: '/imports/flux', body: fichierVide })),
  'GET /imports/flux': flux(() => ({ chemin: '/imports/flux' })),
  'GET /imports/flux/{id}': flux(() => ({ chemin: `/imports/flux/${importId}` })),
};

/** A finished simulation of the Loiret (written in beforeAll: the matrix launches none, its POST is refused 400). */
let simulationId = '';
const parametresSimulation = {
  territoires: ['loiret-t18'],
  jours: 30,
  arriveesPour1000: 15,
  partOrientes: 0.8,
  partRsa: 0.4,
  partUrgence: 0.1,
  echantillon: 0.1,
  renforts: [],
  graine: 16,
};
/** What-if simulations are the département's: the direction and administrators (a team's cadre: 403). */
const SIMULATIONS: Record<string, Cas> = {
  'POST /simulations': flux(() => ({
    chemin: '/simulations',
    body: { ...parametresSimulation, territoires: ['loiret-inexistant'] },
  })),
  'GET /simulations': flux(() => ({ chemin: '/simulations' })),
  'GET /simulations/{id}': flux(() => ({ chemin: `/simulations/${simulationId}` })),
};

/** Sessions of the équipe: its members read them, its cadres decide; another territoire's are not found. */
const MEMBRES: Role[] = ['evaluateur', 'referent', 'cadre'];
const SESSIONS: Record<string, Cas> = {
  'POST /sessions': {
    porte: ['cadre'],
    cloison: 'ressource',
    requete: (c) => ({
      chemin: '/sessions',
      body: {
        equipeId: c.equipe.equipeId,
        le: new Date(Date.now() + 20 * 86_400_000).toISOString(),
        lieu: 'Salle',
        membres: [c.equipe.agents.cadre],
      },
    }),
  },
  'GET /sessions': { porte: MEMBRES, cloison: 'liste', requete: () => ({ chemin: '/sessions' }) },
  'GET /sessions/{id}': {
    porte: MEMBRES,
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/sessions/${c.sessionId}` }),
  },
  'POST /sessions/{id}/dossiers': {
    porte: ['cadre'],
    cloison: 'ressource',
    requete: (c) => ({
      chemin: `/sessions/${c.sessionId}/dossiers`,
      body: { parcoursId: c.parcoursId, nature: 'sanction' },
    }),
  },
  'PUT /sessions/{id}/dossiers/{dossierId}': {
    porte: ['cadre'],
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/sessions/${c.sessionId}/dossiers/${c.dossierId}`, body: { presence: 'present' } }),
  },
  // Below the quorum (3 in the Loiret): 400, the session stays open.
  'POST /sessions/{id}/cloture': {
    porte: ['cadre'],
    cloison: 'ressource',
    requete: (c) => ({
      chemin: `/sessions/${c.sessionId}/cloture`,
      body: { membresPresents: [c.equipe.agents.cadre] },
    }),
  },
  'GET /sessions/{id}/pv': {
    porte: MEMBRES,
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/sessions/${c.sessionId}/pv` }),
  },
  'GET /sessions/{id}/dossiers/{dossierId}/{document}': {
    porte: MEMBRES,
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/sessions/${c.sessionId}/dossiers/${c.dossierId}/convocation` }),
  },
};

/** A subscription (scoped to one territoire, to an address that refuses) and a delivery, made in beforeAll. */
let abonnementId = '';
let livraisonId = '';
const abonnementMatrice = {
  partenaire: 'CAF (matrice)',
  url: 'http://127.0.0.1:9/evenements',
  types: ['cloture'],
  territoireIds: ['loiret-t18'],
};
/** Partners' webhooks are the département's administrators' (the delivery log names any parcours of it). */
const webhook = (requete: Cas['requete']): Cas => ({
  porte: ['administrateur'],
  cloison: 'aucun',
  sansCloison: ['administrateur'],
  requete,
});
const WEBHOOKS: Record<string, Cas> = {
  'GET /webhooks/abonnements': webhook(() => ({ chemin: '/webhooks/abonnements' })),
  'POST /webhooks/abonnements': webhook(() => ({ chemin: '/webhooks/abonnements', body: abonnementMatrice })),
  'GET /webhooks/abonnements/{id}': webhook(() => ({ chemin: `/webhooks/abonnements/${abonnementId}` })),
  'POST /webhooks/abonnements/{id}/desactivation': webhook(() => ({
    chemin: `/webhooks/abonnements/${abonnementId}/desactivation`,
  })),
  'POST /webhooks/abonnements/{id}/activation': webhook(() => ({
    chemin: `/webhooks/abonnements/${abonnementId}/activation`,
  })),
  'POST /webhooks/abonnements/{id}/rejeu': webhook(() => ({ chemin: `/webhooks/abonnements/${abonnementId}/rejeu` })),
  'GET /webhooks/livraisons': webhook(() => ({ chemin: '/webhooks/livraisons', query: { abonnementId } })),
  'POST /webhooks/livraisons/{id}/rejeu': webhook(() => ({ chemin: `/webhooks/livraisons/${livraisonId}/rejeu` })),
};

const listeSitesVide = {
  format: 'departement',
  nomFichier: 'sites.csv',
  contenu: Buffer.from('Type;Nom;Code INSEE\n').toString('base64'),
};
const fichierCommunesVide = {
  nomFichier: 'communes.csv',
  contenu: Buffer.from('code_insee,nom_standard,dep_code,latitude_centre,longitude_centre\n').toString('base64'),
};
/** The organisation's administration: administrators only, the whole département (no territoire). */
const admin = (requete: Cas['requete']): Cas => ({ porte: ['administrateur'], cloison: 'aucun', requete });
let cree = 0;
/** An inactive structure of this file (made in beforeAll): nothing is oriented to it. */
const structureMatrice = `acces-structure-${process.pid}`;
const ADMINISTRATION: Record<string, Cas> = {
  'GET /administration/agents': admin(() => ({ chemin: '/administration/agents' })),
  'POST /administration/agents': admin(() => {
    const id = `acces-cree-${process.pid}-${cree++}`;
    const agent = { id, prenom: 'Créé', nom: 'Accès', email: `${id}@loiret.invalid`, roles: ['accueil'] };
    return { chemin: '/administration/agents', body: { ...agent, equipeId: null, pole: null, capacite: 0 } };
  }),
  // The administrator's own capacity (they follow no parcours): nothing another test relies on.
  'PATCH /administration/agents/{id}': admin((c) => ({
    chemin: `/administration/agents/${c.equipe.agents.administrateur}`,
    body: { capacite: 0 },
  })),
  'GET /administration/agents/{id}/historique': admin((c) => ({
    chemin: `/administration/agents/${c.equipe.agents.administrateur}/historique`,
  })),
  'GET /administration/territoires/{id}': admin((c) => ({
    chemin: `/administration/territoires/${c.equipe.territoireId}`,
  })),
  // A commune of another département: answered 400 past the gate, nothing taken from the real map.
  'POST /administration/territoires': admin(() => ({
    chemin: '/administration/territoires',
    body: {
      id: `acces-t-${process.pid}`,
      nom: 'Territoire de la matrice',
      equipe: { id: `acces-ep-${process.pid}`, nom: 'Équipe de la matrice', poles: ['evaluation'] },
      communes: ['27229'],
    },
  })),
  'PATCH /administration/territoires/{id}': admin((c) => ({
    chemin: `/administration/territoires/${c.equipe.territoireId}`,
    body: { agenceId: null },
  })),
  'GET /administration/territoires/{id}/historique': admin((c) => ({
    chemin: `/administration/territoires/${c.equipe.territoireId}/historique`,
  })),
  'GET /administration/structures': admin(() => ({ chemin: '/administration/structures' })),
  'POST /administration/structures': admin(() => ({
    chemin: '/administration/structures',
    body: {
      id: `acces-structure-${process.pid}-${cree++}`,
      nom: 'Association de la matrice',
      type: 'association',
      conventionReference: null,
      conventionDebut: null,
      conventionFin: null,
      delaiDesignationJours: 15,
      actif: false,
    },
  })),
  'PATCH /administration/structures/{id}': admin(() => ({
    chemin: `/administration/structures/${structureMatrice}`,
    body: { delaiDesignationJours: 20 },
  })),
  'GET /administration/structures/{id}/historique': admin(() => ({
    chemin: `/administration/structures/${structureMatrice}/historique`,
  })),
  'GET /administration/equipes': admin(() => ({ chemin: '/administration/equipes' })),
  // A territoire that does not exist: 400 past the gate, no équipe added to the shared map.
  'POST /administration/equipes': admin(() => ({
    chemin: '/administration/equipes',
    body: { id: `acces-ep2-${process.pid}`, territoireId: 'territoire-inconnu', nom: 'Équipe', poles: ['evaluation'] },
  })),
  'PATCH /administration/equipes/{id}': admin((c) => ({
    chemin: `/administration/equipes/${c.equipe.equipeId}`,
    body: { poles: ['evaluation', 'accompagnement'] },
  })),
  'GET /administration/sites': admin(() => ({ chemin: '/administration/sites' })),
  // A commune of another département: 400 past the gate, no site added to the shared coverage.
  'POST /administration/sites': admin(() => ({
    chemin: '/administration/sites',
    body: { id: `acces-lieu-${process.pid}`, type: 'ccas', nom: 'CCAS de la matrice', communeCode: '27229' },
  })),
  // A seed site kept active (unchanged: no journal row).
  'PATCH /administration/sites/{id}': admin(() => ({
    chemin: '/administration/sites/loiret-t01-site',
    body: { actif: true },
  })),
  'GET /administration/sites/{id}/historique': admin(() => ({
    chemin: '/administration/sites/loiret-t01-site/historique',
  })),
  // A list with its headers and no row: nothing to add to the shared sites.
  'POST /administration/sites/import/apercu': admin(() => ({
    chemin: '/administration/sites/import/apercu',
    body: listeSitesVide,
  })),
  'POST /administration/sites/import': admin(() => ({ chemin: '/administration/sites/import', body: listeSitesVide })),
  // A communes file with its headers and no row: nothing changed in the shared geography.
  'POST /administration/communes/import/apercu': admin(() => ({
    chemin: '/administration/communes/import/apercu',
    body: fichierCommunesVide,
  })),
  'POST /administration/communes/import': admin(() => ({
    chemin: '/administration/communes/import',
    body: fichierCommunesVide,
  })),
};

/** The coverage map and its simulation: cadres and administrators, the whole département (no personal data). */
const COUVERTURE: Record<string, Cas> = {
  'GET /couverture/carte': {
    porte: ['cadre', 'administrateur'],
    cloison: 'aucun',
    requete: () => ({ chemin: '/couverture/carte' }),
  },
  'POST /couverture/simulation': {
    porte: ['cadre', 'administrateur'],
    cloison: 'aucun',
    requete: () => ({ chemin: '/couverture/simulation', body: { communeCode: '45234' } }),
  },
};

/** A period a year ahead: the absences of the matrix never start during the test. */
const dansUnAn = (jours: number) => new Date(Date.now() + (365 + jours) * 86_400_000).toISOString();
/** Absences: administrators for the département, cadres for their territoire (another's agent: 404). */
const absence = (requete: Cas['requete']): Cas => ({
  porte: ['cadre', 'administrateur'],
  cloison: 'ressource',
  departement: ['administrateur'],
  requete,
});
const ABSENCES: Record<string, Cas> = {
  'GET /absences': { porte: ['cadre', 'administrateur'], cloison: 'liste', requete: () => ({ chemin: '/absences' }) },
  'POST /absences': absence((c) => ({
    chemin: '/absences',
    body: {
      agentId: c.equipe.agents.accueil,
      interimId: c.equipe.agents.evaluateur,
      du: dansUnAn(10),
      au: dansUnAn(12),
      motif: 'formation',
    },
  })),
  'PATCH /absences/{id}': absence((c) => ({ chemin: `/absences/${c.absenceId}`, body: { au: dansUnAn(3) } })),
  'GET /absences/{id}/historique': absence((c) => ({ chemin: `/absences/${c.absenceId}/historique` })),
  'GET /agents/{id}/interims': absence((c) => ({ chemin: `/agents/${c.equipe.agents.accueil}/interims` })),
};

/** The expected access of every endpoint (key: method and OpenAPI path). */
const MATRICE: Record<string, Cas> = {
  'GET /auth/session': { porte: ROLES, cloison: 'aucun', requete: () => ({ chemin: '/auth/session' }) },
  'GET /audit': {
    porte: ['administrateur'],
    cloison: 'aucun',
    sansCloison: ['administrateur'],
    requete: (c) => ({ chemin: '/audit', query: { usagerId: c.usagerId } }),
  },
  'GET /usagers/{id}/export': {
    porte: ['administrateur'],
    cloison: 'aucun',
    sansCloison: ['administrateur'],
    requete: (c) => ({ chemin: `/usagers/${c.usagerId}/export` }),
  },
  'POST /usagers': {
    porte: OUVRENT,
    cloison: 'aucun',
    requete: () => ({ chemin: '/usagers', body: { nom: 'Nouvel', prenom: 'Usager' } }),
  },
  'GET /usagers': {
    porte: SOCIAUX,
    cloison: 'liste',
    requete: (c) => ({ chemin: '/usagers', query: { q: `Secret ${c.equipe.equipeId}` } }),
  },
  'GET /usagers/{id}': { porte: SOCIAUX, cloison: 'ressource', requete: (c) => ({ chemin: `/usagers/${c.usagerId}` }) },
  'PATCH /usagers/{id}': {
    porte: ['accueil', 'evaluateur', 'referent', 'cadre'],
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/usagers/${c.usagerId}`, body: { telephone: '02 38 00 00 00' } }),
  },
  'GET /usagers/{id}/dossier': {
    porte: SOCIAUX,
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/usagers/${c.usagerId}/dossier` }),
  },
  'POST /parcours': {
    porte: OUVRENT,
    cloison: 'ressource',
    requete: (c) => ({
      chemin: '/parcours',
      body: {
        usagerId: c.usagerId,
        accueil: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
      },
    }),
  },
  'GET /parcours': {
    porte: SOCIAUX,
    cloison: 'liste',
    requete: (c) => ({ chemin: '/parcours', query: { usagerId: c.usagerId } }),
  },
  'GET /parcours/{id}': {
    porte: SOCIAUX,
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/parcours/${c.parcoursId}` }),
  },
  'GET /parcours/{id}/messages': {
    porte: SOCIAUX,
    reussite: ['evaluateur', 'referent', 'cadre'],
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/parcours/${c.parcoursId}/messages` }),
  },
  'POST /parcours/{id}/evaluation': action('evaluation', ['evaluateur', 'cadre'], evaluation),
  'POST /parcours/{id}/orientation': action('orientation', ['cadre'], {
    decision: 'accompagnement',
    typeAccompagnement: 'social',
  }),
  'POST /parcours/{id}/referent': action('referent', ['cadre'], { referentId: 'x', accordUsager: true }),
  'POST /parcours/{id}/plan': action('plan', ['referent', 'cadre'], plan),
  'POST /parcours/{id}/revues': action('revues', ['referent', 'cadre'], {
    synthese: 'NOTE-A revue',
    progres: [],
    issue: 'poursuite',
  }),
  'POST /parcours/{id}/reorientation': action('reorientation', ['referent', 'cadre'], {
    motif: 'NOTE-A réorientation',
  }),
  'POST /parcours/{id}/suspension': action('suspension', ETAPES, { motif: 'NOTE-A hospitalisation' }),
  'POST /parcours/{id}/reprise': action('reprise', ETAPES, {}),
  'POST /parcours/{id}/prolongation': action('prolongation', ETAPES, { jours: 10, motif: 'NOTE-A prolongation' }),
  'POST /parcours/{id}/cloture': action('cloture', ['referent', 'cadre'], {
    motif: 'objectifs_atteints',
    commentaire: 'NOTE-A clôture',
  }),
  'POST /parcours/{id}/referent/changement': action('referent/changement', ['cadre'], {
    referentId: 'autre',
    motif: 'NOTE-A passation',
  }),
  'POST /parcours/{id}/routage': action('routage', ['cadre'], {
    territoireId: 'loiret-t02',
    equipeId: 'loiret-t02-ep',
    motif: 'NOTE-A changement d’équipe',
  }),
  'POST /parcours/{id}/rendez-vous': action('rendez-vous', ETAPES, {
    le: '2027-01-04T10:00:00+01:00',
    lieu: 'MDS',
    objet: 'NOTE-A rendez-vous',
  }),
  'POST /parcours/{id}/relance': action('relance', ETAPES, { message: 'NOTE-A relance' }),
  'GET /pilotage/indicateurs': {
    porte: ['cadre'],
    cloison: 'ressource',
    requete: (c) => ({ chemin: '/pilotage/indicateurs', query: { territoireId: c.equipe.territoireId } }),
  },
  ...Object.fromEntries(
    TABLES_PILOTAGE.flatMap((t) => [
      [`GET /pilotage/${t}`, pilotage(`/pilotage/${t}`)],
      [`GET /pilotage/${t}/export`, pilotage(`/pilotage/${t}/export`)],
    ]),
  ),
  'GET /public/statistiques': {
    porte: ROLES,
    cloison: 'aucun',
    public: true,
    requete: () => ({ chemin: '/public/statistiques' }),
  },
  'GET /identite': { porte: ROLES, cloison: 'aucun', public: true, requete: () => ({ chemin: '/identite' }) },
  'GET /espace': { porte: ROLES, cloison: 'aucun', sansAgent: 404, requete: () => ({ chemin: '/espace' }) },
  'GET /espace/rendez-vous.ics': {
    porte: ROLES,
    cloison: 'aucun',
    sansAgent: 404,
    requete: () => ({ chemin: '/espace/rendez-vous.ics' }),
  },
  'POST /espace/questionnaire': {
    porte: ROLES,
    cloison: 'aucun',
    sansAgent: 404,
    requete: () => ({ chemin: '/espace/questionnaire', body: { notes: { accueil: 5 } } }),
  },
  // Without SMS_WEBHOOK_SECRET (this stack), the provider's callback does not exist.
  'POST /sms/evenements': {
    porte: ROLES,
    cloison: 'aucun',
    sansAgent: 404,
    requete: () => ({ chemin: '/sms/evenements', body: { messageId: 1, event: 'delivered' } }),
  },
  'POST /parcours/{id}/liens/revocation': {
    porte: ['accueil', 'evaluateur', 'referent', 'cadre'],
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/parcours/${c.parcoursId}/liens/revocation` }),
  },
  'GET /communes': { porte: ROLES, cloison: 'aucun', requete: () => ({ chemin: '/communes', query: { q: '45250' } }) },
  'GET /organisation': { porte: ROLES, cloison: 'aucun', requete: () => ({ chemin: '/organisation' }) },
  'GET /communes/{code}/routage': {
    porte: ROLES,
    cloison: 'aucun',
    requete: () => ({ chemin: '/communes/45234/routage' }),
  },
  'GET /communes/{code}/lieux-accueil': {
    porte: ROLES,
    cloison: 'aucun',
    requete: () => ({ chemin: '/communes/45234/lieux-accueil' }),
  },
  'GET /couverture': { porte: ROLES, cloison: 'aucun', requete: () => ({ chemin: '/couverture' }) },
  'GET /equipes/{id}/referents': {
    porte: ['cadre'],
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/equipes/${c.equipe.equipeId}/referents`, query: { usagerId: c.usagerId } }),
  },
  // The référents of a structure (not territorial: the département's cadres orient to any structure).
  'GET /structures/{id}/referents': {
    porte: ['cadre'],
    cloison: 'aucun',
    requete: () => ({ chemin: `/structures/${structureMatrice}/referents` }),
  },
  'POST /equipes/{id}/referents/choix': {
    porte: ['cadre'],
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/equipes/${c.equipe.equipeId}/referents/choix`, body: { usagerId: c.usagerId } }),
  },
  'POST /agents/{id}/reassignation': {
    porte: ['cadre'],
    cloison: 'ressource',
    requete: (c) => ({
      chemin: `/agents/${c.equipe.agents.accueil}/reassignation`,
      body: { motif: 'Test de la matrice' },
    }),
  },
  'GET /reassignations/{id}': {
    porte: ['cadre'],
    // Scoped by the territoire of the agent whose parcours are handed over (issue 10).
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/reassignations/${c.operationId}` }),
  },
  ...IMPORTS_FLUX,
  ...SIMULATIONS,
  ...WEBHOOKS,
  ...ADMINISTRATION,
  ...COUVERTURE,
  ...ABSENCES,
  // The restricted view (accueil, partners) is listed no document: 200 with none (asserted in documents.test.ts).
  'GET /parcours/{id}/documents': {
    porte: SOCIAUX,
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/parcours/${c.parcoursId}/documents` }),
  },
  'GET /parcours/{id}/documents/{document}': {
    porte: SOCIAUX,
    // The plan and commitments: for those who see the whole dossier.
    reussite: ['evaluateur', 'referent', 'cadre'],
    cloison: 'ressource',
    requete: (c) => ({ chemin: `/parcours/${c.parcoursId}/documents/contrat-engagement` }),
  },
  ...SESSIONS,
  // The agent's own rendez-vous (planned by them, or on the parcours they follow): a list, never another territoire's.
  'GET /agenda/rendez-vous': { porte: ETAPES, cloison: 'liste', requete: () => ({ chemin: '/agenda/rendez-vous' }) },
  'GET /agenda/rendez-vous.ics': {
    porte: ETAPES,
    cloison: 'liste',
    requete: () => ({ chemin: '/agenda/rendez-vous.ics' }),
  },
};

/**
 * What each path parameter names, so that out-of-scope probes come from the data: every resource of that kind
 * whose links put it outside the agent's territoire (parcours → territoire, usager → the territoires of their
 * parcours, équipe → territoire, agent → équipe → territoire, reassignment → the agent it hands over).
 * 'aucune': the resource is not territorial (communes). A new path with an id fails the test until listed.
 */
type Ressource = 'parcours' | 'usager' | 'equipe' | 'agent' | 'reassignation' | 'session' | 'absence' | 'aucune';
const RESSOURCE_DU_CHEMIN: Record<string, Ressource> = {
  '/usagers/{id}': 'usager',
  '/usagers/{id}/export': 'usager',
  '/usagers/{id}/dossier': 'usager',
  '/parcours/{id}': 'parcours',
  '/parcours/{id}/messages': 'parcours',
  '/parcours/{id}/documents': 'parcours',
  '/parcours/{id}/documents/{document}': 'parcours',
  ...Object.fromEntries(
    Object.keys(MATRICE)
      .filter((k) => k.startsWith('POST /parcours/{id}/'))
      .map((k) => [k.slice('POST '.length), 'parcours' as const]),
  ),
  '/communes/{code}/routage': 'aucune',
  '/communes/{code}/lieux-accueil': 'aucune',
  '/equipes/{id}/referents': 'equipe',
  '/equipes/{id}/referents/choix': 'equipe',
  '/structures/{id}/referents': 'aucune',
  '/agents/{id}/reassignation': 'agent',
  '/reassignations/{id}': 'reassignation',
  // Imports are the département's (administrators): no territoire to be outside of.
  '/imports/flux/{id}': 'aucune',
  '/simulations/{id}': 'aucune',
  ...Object.fromEntries(
    Object.keys(SESSIONS)
      .filter((k) => k.includes('{id}'))
      .map((k) => [k.slice(k.indexOf(' ') + 1), 'session' as const]),
  ),
  // Webhooks are the département's (administrators): no territoire either.
  '/webhooks/abonnements/{id}': 'aucune',
  '/webhooks/abonnements/{id}/desactivation': 'aucune',
  '/webhooks/abonnements/{id}/activation': 'aucune',
  '/webhooks/abonnements/{id}/rejeu': 'aucune',
  '/webhooks/livraisons/{id}/rejeu': 'aucune',
  '/administration/agents/{id}': 'aucune',
  '/administration/agents/{id}/historique': 'aucune',
  '/absences/{id}': 'absence',
  '/absences/{id}/historique': 'absence',
  '/agents/{id}/interims': 'agent',
  '/administration/territoires/{id}': 'aucune',
  '/administration/territoires/{id}/historique': 'aucune',
  '/administration/equipes/{id}': 'aucune',
  '/administration/sites/{id}': 'aucune',
  '/administration/sites/{id}/historique': 'aucune',
  '/administration/structures/{id}': 'aucune',
  '/administration/structures/{id}/historique': 'aucune',
};
/** Out-of-scope resources probed per kind (the other side's, then the most recent others of the data). */
const SONDES_PAR_RESSOURCE = 4;

const REUSSITES = [200, 201, 202, 400, 409];

describe('Accès : matrice de chaque point d’entrée × rôle × périmètre', () => {
  let s: Stack;
  let connection: Connection;
  let A: Cote;
  let B: Cote;
  let chemins: string[];

  const appel = (agentId: string | null, methode: string, r: Requete) => {
    const req =
      methode === 'GET'
        ? request(s.app)
            .get(r.chemin)
            .query(r.query ?? {})
        : (methode === 'PATCH'
            ? request(s.app).patch(r.chemin)
            : methode === 'PUT'
              ? request(s.app).put(r.chemin)
              : request(s.app).post(r.chemin)
          )
            .query(r.query ?? {})
            .send(r.body ?? {});
    return agentId ? req.set(comme(agentId)) : req;
  };

  /** A parcours of the équipe opened by its partner, evaluated, oriented, with its référent and plan. */
  async function cote(territoireId: string): Promise<Cote> {
    const equipeId = `${territoireId}-ep`;
    const agents: Record<Role, string> = {
      accueil: `${equipeId}-accueil`,
      evaluateur: `${equipeId}-eval`,
      referent: `${equipeId}-ref1`,
      cadre: `${equipeId}-cadre`,
      partenaire: await nouvelAgent(s.db, ['partenaire'], null, `ccas-${territoireId}`),
      administrateur: await nouvelAgent(s.db, ['administrateur'], null, `admin-${territoireId}`),
    };
    const equipe: Equipe = { territoireId, equipeId, referentId: agents.referent, agents };
    const usager = { nom: `Secret ${equipe.equipeId}`, prenom: 'Personne' };
    const r = await appel(agents.partenaire, 'POST', {
      chemin: '/parcours',
      body: {
        usager,
        accueil: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
        routage: { territoireId: equipe.territoireId, equipeId: equipe.equipeId, motif: 'Commune du territoire' },
      },
    });
    expect(r.status).toBe(201);
    const id = r.body.id as string;
    const etape = async (agent: string, chemin: string, body: object) =>
      expect((await appel(agent, 'POST', { chemin: `/parcours/${id}/${chemin}`, body })).status).toBe(200);
    await etape(agents.evaluateur, 'evaluation', evaluation);
    await etape(agents.cadre, 'orientation', { decision: 'accompagnement', typeAccompagnement: 'social' });
    await etape(agents.cadre, 'referent', { referentId: equipe.referentId, accordUsager: true });
    await etape(agents.referent, 'plan', plan);
    const op = await appel(agents.cadre, 'POST', {
      chemin: `/agents/${agents.accueil}/reassignation`,
      body: { motif: 'Préparation' },
    });
    expect(op.status).toBe(202);
    const session = await appel(agents.cadre, 'POST', SESSIONS['POST /sessions']!.requete({ equipe } as Cote));
    expect(session.status).toBe(201);
    const dossier = await appel(agents.cadre, 'POST', {
      chemin: `/sessions/${session.body.id}/dossiers`,
      body: { parcoursId: id, nature: 'sanction' },
    });
    expect(dossier.status).toBe(201);
    const abs = await appel(agents.administrateur, 'POST', {
      chemin: '/absences',
      body: { agentId: agents.accueil, interimId: agents.evaluateur, du: dansUnAn(0), au: dansUnAn(2), motif: 'conge' },
    });
    expect(abs.status).toBe(201);
    return {
      absenceId: abs.body.id,
      equipe,
      parcoursId: id,
      usagerId: r.body.usagerId,
      operationId: op.body.operationId,
      sessionId: session.body.id,
      dossierId: dossier.body.items[0].id,
    };
  }

  beforeAll(async () => {
    connection = await Connection.connect({ address: requireEnv('TEST_TEMPORAL_ADDRESS') });
    s = await startStack({ deps: { temporal: new Client({ connection, namespace: 'default' }) } });
    await chargerReferentiel(s.db);
    A = await cote('loiret-t18');
    B = await cote('loiret-t19');
    const i = await appel(A.equipe.agents.administrateur, 'POST', { chemin: '/imports/flux', body: fichierVide });
    expect(i.status).toBe(202);
    importId = i.body.id;
    simulationId = randomUUID();
    await s.db.simulation.create({
      data: {
        id: simulationId,
        departement: 'loiret',
        acteur: A.equipe.agents.administrateur,
        parametres: { ...parametresSimulation, departement: 'loiret' },
        statut: 'terminee',
      },
    });
    const abonnement = await appel(A.equipe.agents.administrateur, 'POST', {
      chemin: '/webhooks/abonnements',
      body: abonnementMatrice,
    });
    expect(abonnement.status).toBe(201);
    abonnementId = abonnement.body.id;
    await s.db.structureReferente.create({
      data: {
        id: structureMatrice,
        departement: 'loiret',
        nom: 'Structure de la matrice',
        type: 'autre',
        actif: false,
      },
    });
    livraisonId = randomUUID();
    await s.db.livraisonWebhook.create({
      data: {
        id: livraisonId,
        abonnementId,
        evenementId: randomUUID(),
        parcoursId: A.parcoursId,
        type: 'cloture',
        statut: 'echec',
        corps: JSON.stringify({ parcours: { id: A.parcoursId, usagerId: A.usagerId } }),
      },
    });
    const doc = await request(s.app).get('/openapi.json');
    chemins = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
  });
  afterAll(async () => {
    await s.db.abonnementWebhook.updateMany({
      where: { partenaire: abonnementMatrice.partenaire },
      data: { actif: false },
    });
    await s.stop();
    await connection.close();
  });

  it('classe chaque point d’entrée publié dans l’OpenAPI (et rien d’autre)', () => {
    expect([...chemins].sort()).toEqual(Object.keys(MATRICE).sort());
  });

  it('n’a aucune route Express hors de l’OpenAPI, sauf la connexion, la santé et le contrat', () => {
    type Couche = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Couche[] } };
    const trouvees: string[] = [];
    const parcourir = (pile: Couche[]) => {
      for (const c of pile) {
        if (c.route)
          for (const m of Object.keys(c.route.methods).filter((x) => x !== '_all'))
            // 405 answers
            trouvees.push(`${m.toUpperCase()} ${c.route.path.replace(/:(\w+)/g, '{$1}')}`);
        else if (c.handle?.stack) parcourir(c.handle.stack);
      }
    };
    parcourir((s.app as unknown as { router: { stack: Couche[] } }).router.stack);
    const publiques = [
      'GET /health',
      'GET /health/processus',
      'GET /metrics',
      'GET /health/detail', // administrateurs only, checked in its handler
      'GET /openapi.json',
      'POST /auth/dev',
      'GET /auth/dev/agents',
      'POST /auth/deconnexion',
    ];
    expect(trouvees.length).toBeGreaterThan(chemins.length);
    expect(trouvees.filter((r) => !chemins.includes(r) && !publiques.includes(r))).toEqual([]);
  });

  it('refuse tout point d’entrée sans authentification (401) sauf les statistiques publiques, et tout en-tête non reconnu', async () => {
    for (const cle of chemins) {
      const [methode] = cle.split(' ') as [string];
      const r = await appel(null, methode, MATRICE[cle]!.requete(A));
      const cas = MATRICE[cle]!;
      expect({ cle, status: r.status }).toEqual({ cle, status: cas.public ? 200 : (cas.sansAgent ?? 401) });
    }
    // Former X-Agent header and a bearer token in development mode identify nobody.
    expect((await request(s.app).get(`/parcours/${A.parcoursId}`).set('X-Agent', A.equipe.agents.cadre)).status).toBe(
      401,
    );
    expect(
      (await request(s.app).get(`/parcours/${A.parcoursId}`).set('Authorization', `Bearer ${A.equipe.agents.cadre}`))
        .status,
    ).toBe(401);
    expect(
      (await request(s.app).get(`/parcours/${A.parcoursId}`).set('Authorization', 'Dev agent-inexistant')).status,
    ).toBe(401);
  });

  it('ne laisse fuir aucune donnée hors périmètre, ni l’évaluation ou les notes vers l’accueil et les partenaires', async () => {
    const secretsB = (): string[] => [B.parcoursId, B.usagerId, `Secret ${B.equipe.equipeId}`];
    const notes = ['EVAL-A', 'PLAN-A', 'NOTE-A'];
    const ecarts: unknown[] = [];
    // Reads first (the step actions below change the parcours of A), then writes, in the document's order.
    const ordre = [...chemins].sort((x, y) => Number(x.startsWith('POST')) - Number(y.startsWith('POST')));
    for (const cle of ordre) {
      const cas = MATRICE[cle]!;
      const [methode] = cle.split(' ') as [string];
      for (const role of ROLES) {
        for (const portee of ['dans', 'hors'] as const) {
          const cible = portee === 'dans' ? A : B;
          const r = await appel(A.equipe.agents[role], methode, cas.requete(cible));
          const passe = cas.porte.includes(role);
          let attendu: number[];
          if (cas.sansAgent) attendu = [cas.sansAgent];
          else if (!passe) attendu = [403];
          else if (portee === 'hors' && cas.cloison === 'ressource' && !cas.departement?.includes(role))
            attendu = [404];
          else if (portee === 'hors' && cas.cloison === 'liste') attendu = [200];
          else attendu = (cas.reussite ?? cas.porte).includes(role) ? REUSSITES : [403];
          if (!attendu.includes(r.status)) ecarts.push({ cle, role, portee, status: r.status, attendu, corps: r.body });
          const texte = JSON.stringify(r.body);
          if (!cas.sansCloison?.includes(role)) {
            const fuite = secretsB().filter((x) => texte.includes(x));
            if (fuite.length) ecarts.push({ cle, role, portee, fuite });
          }
          if (role === 'partenaire' || role === 'accueil') {
            const vues = notes.filter((x) => texte.includes(x));
            if (vues.length) ecarts.push({ cle, role, portee, notesVues: vues });
          }
        }
      }
    }
    expect(ecarts).toEqual([]);
  }, 300_000);

  it('refuse (404) chaque identifiant hors périmètre tiré des données, sur chaque point d’entrée qui en prend un, et journalise la personne visée', async () => {
    const T = A.equipe.territoireId;
    const ailleurs = { OR: [{ territoireId: { not: T } }, { territoireId: null }] };
    const premiers = (ids: string[]) => [...new Set(ids)].slice(0, SONDES_PAR_RESSOURCE);
    const operations: string[] = [];
    for await (const w of s.client.workflow.list({ query: `WorkflowType = '${WORKFLOWS.reassignation}'` }))
      operations.push(w.workflowId);
    const agentsAilleurs = await s.db.agent.findMany({
      where: { equipe: { territoireId: { not: T } } },
      select: { id: true },
    });
    // Each kind's out-of-scope ids, from the links of the data; the parcours and usager probed are remembered
    // with the usager concerned, for the journal.
    const parcours = await s.db.parcours.findMany({
      where: ailleurs,
      select: { id: true, usagerId: true },
      orderBy: { ouvertLe: 'desc' },
      take: 50,
    });
    const usagers = await s.db.usager.findMany({
      where: { parcours: { some: {}, none: { territoireId: T } } },
      select: { id: true },
      orderBy: { creeLe: 'desc' },
      take: 50,
    });
    const hors: Record<Exclude<Ressource, 'aucune'>, string[]> = {
      parcours: premiers([B.parcoursId, ...parcours.map((p) => p.id)]),
      usager: premiers([B.usagerId, ...usagers.map((u) => u.id)]),
      equipe: premiers([
        B.equipe.equipeId,
        ...(await s.db.equipe.findMany({ where: { territoireId: { not: T } }, select: { id: true }, take: 50 })).map(
          (e) => e.id,
        ),
      ]),
      agent: premiers([B.equipe.agents.accueil, ...agentsAilleurs.map((a) => a.id)]),
      reassignation: premiers([
        B.operationId,
        ...operations.filter((o) => agentsAilleurs.some((a) => o.startsWith(`reassignation-${a.id}-`))),
      ]),
      absence: premiers([
        B.absenceId,
        ...(
          await s.db.absence.findMany({
            where: { agentId: { in: agentsAilleurs.map((a) => a.id) } },
            select: { id: true },
            take: 50,
          })
        ).map((x) => x.id),
      ]),
      session: premiers([
        B.sessionId,
        ...(
          await s.db.sessionEquipe.findMany({ where: { territoireId: { not: T } }, select: { id: true }, take: 50 })
        ).map((x) => x.id),
      ]),
    };
    const idDeA: Record<Exclude<Ressource, 'aucune'>, string> = {
      parcours: A.parcoursId,
      usager: A.usagerId,
      equipe: A.equipe.equipeId,
      agent: A.equipe.agents.accueil,
      reassignation: A.operationId,
      session: A.sessionId,
      absence: A.absenceId,
    };
    const usagerDe = new Map<string, string>([
      [B.parcoursId, B.usagerId],
      ...parcours.map((p) => [p.id, p.usagerId] as [string, string]),
      ...hors.usager.map((u) => [u, u] as [string, string]),
    ]);

    const avecId = chemins.filter((c) => c.includes('{'));
    expect(avecId.filter((c) => !RESSOURCE_DU_CHEMIN[c.slice(c.indexOf(' ') + 1)])).toEqual([]);
    const ecarts: unknown[] = [];
    const journal: { agentId: string; chemin: string; usagerId: string }[] = [];
    const sondes = new Set<string>();
    for (const cle of avecId) {
      const [methode, gabarit] = cle.split(' ') as [string, string];
      const ressource = RESSOURCE_DU_CHEMIN[gabarit]!;
      const cas = MATRICE[cle]!;
      if (ressource === 'aucune') continue;
      for (const role of cas.porte.filter((r) => !cas.sansCloison?.includes(r) && !cas.departement?.includes(r))) {
        for (const id of hors[ressource]) {
          // The in-scope request, with A's resource replaced by the out-of-scope one (other parameters kept).
          const { chemin: cheminA, query, body } = cas.requete(A);
          const chemin = cheminA.replace(idDeA[ressource], id);
          if (chemin === cheminA) ecarts.push({ cle, cheminSansRessourceDeA: cheminA });
          const r = await appel(A.equipe.agents[role], methode, { chemin, query, body });
          sondes.add(cle);
          if (r.status !== 404) ecarts.push({ cle, role, id, status: r.status, corps: r.body });
          const usagerId = usagerDe.get(id);
          if (usagerId) journal.push({ agentId: A.equipe.agents[role], chemin, usagerId });
        }
      }
    }
    expect(ecarts).toEqual([]);
    // Every endpoint taking a territorial id was probed (each kind has out-of-scope resources in the data).
    expect(
      avecId.filter((c) => RESSOURCE_DU_CHEMIN[c.slice(c.indexOf(' ') + 1)] !== 'aucune' && !sondes.has(c)),
    ).toEqual(avecId.filter((c) => c === 'GET /usagers/{id}/export'));
    // Refused, and journaled with the person the request was about.
    const lignes = await s.db.auditAcces.findMany({
      where: { agentId: { in: Object.values(A.equipe.agents) }, statut: 404 },
      select: { agentId: true, chemin: true, usagers: true },
    });
    const sansPersonne = journal.filter(
      (j) => !lignes.some((l) => l.agentId === j.agentId && l.chemin === j.chemin && l.usagers.includes(j.usagerId)),
    );
    expect(sansPersonne).toEqual([]);
  }, 300_000);

  it('ne rend pas le parcours d’un autre agent qui rejoue sa clé d’idempotence', async () => {
    const corps = {
      usager: { nom: 'Idempotence', prenom: 'Test', communeCode: '45234' },
      accueil: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
    };
    const ouvrir = (agent: string) =>
      request(s.app).post('/parcours').set(comme(agent)).set('Idempotency-Key', 'cle-partagee-0001').send(corps);
    const premier = await ouvrir(A.equipe.agents.partenaire);
    const autre = await ouvrir(B.equipe.agents.partenaire);
    const rejoue = await ouvrir(A.equipe.agents.partenaire);
    expect([premier.status, autre.status, rejoue.status]).toEqual([201, 201, 201]);
    expect(autre.body.id).not.toBe(premier.body.id);
    expect(rejoue.body.id).toBe(premier.body.id);
  });

  it('un référent ne voit que ses personnes ; le partenaire voit l’accueil et l’orientation, jamais l’évaluation', async () => {
    const { agents } = A.equipe;
    const autre = await appel(agents.accueil, 'POST', {
      chemin: '/parcours',
      body: {
        usager: { nom: 'Autre', prenom: 'Personne' },
        accueil: { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
        routage: { territoireId: A.equipe.territoireId, equipeId: A.equipe.equipeId, motif: 'Commune du territoire' },
      },
    });
    expect(autre.status).toBe(201);
    expect((await appel(agents.referent, 'GET', { chemin: `/parcours/${autre.body.id}` })).status).toBe(404);
    expect((await appel(agents.evaluateur, 'GET', { chemin: `/parcours/${autre.body.id}` })).status).toBe(200);
    expect((await appel(agents.partenaire, 'GET', { chemin: `/parcours/${autre.body.id}` })).status).toBe(404);

    // An identity registered before any parcours: the département's accueil follows it, a partner never sees it.
    const seul = await appel(agents.accueil, 'POST', { chemin: '/usagers', body: { nom: 'Sans', prenom: 'Parcours' } });
    expect(seul.status).toBe(201);
    expect((await appel(agents.cadre, 'GET', { chemin: `/usagers/${seul.body.id}` })).status).toBe(200);
    expect((await appel(agents.partenaire, 'GET', { chemin: `/usagers/${seul.body.id}` })).status).toBe(404);

    const complet = await appel(agents.cadre, 'GET', { chemin: `/parcours/${A.parcoursId}` });
    expect(complet.body.evenements.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['accueil', 'evaluation', 'orientation', 'designation_referent', 'plan']),
    );
    const partenaire = await appel(agents.partenaire, 'GET', { chemin: `/parcours/${A.parcoursId}` });
    expect(partenaire.status).toBe(200);
    const types = partenaire.body.evenements.map((e: { type: string }) => e.type);
    expect(types).toContain('accueil');
    expect(types).toContain('orientation');
    expect(types.every((t: string) => ['accueil', 'orientation', 'cloture'].includes(t))).toBe(true);
    expect(partenaire.body.objectifs).toEqual([]);
    const orientation = partenaire.body.evenements.find((e: { type: string }) => e.type === 'orientation');
    expect(
      Object.keys(orientation.donnees).every((k) => ['decision', 'typeAccompagnement', 'organismeExterne'].includes(k)),
    ).toBe(true);

    // A cadre of the direction (no équipe) sees both sides; the administrator sees no dossier.
    const direction = await nouvelAgent(s.db, ['cadre'], null, 'cadre-direction');
    expect((await appel(direction, 'GET', { chemin: `/parcours/${B.parcoursId}` })).status).toBe(200);
    expect((await appel(agents.administrateur, 'GET', { chemin: `/parcours/${A.parcoursId}` })).status).toBe(403);
    // An inactive agent is nobody.
    await s.db.agent.update({ where: { id: agents.evaluateur }, data: { actif: false } });
    expect((await appel(agents.evaluateur, 'GET', { chemin: `/parcours/${A.parcoursId}` })).status).toBe(401);
  });
});
