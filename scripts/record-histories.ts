/**
 * Records workflow histories for the replay test (test/replay): drives a running system (`npm start`) through
 * its API, then saves each parcours' Temporal history as JSON. Run it after a change that is meant to stay
 * compatible, commit the new files: the replay test then guards determinism against the code that follows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadEnv } from '../infra/env';
import { logger } from '../infra/logger';
import { ensureTemporalCli } from '../infra/temporal-server';
import { run } from '../infra/run';
import { importerFlux } from '../imports/flux-api';
import { beneficiaires, csv } from '../test/support/flux';

const API = process.env.API_URL ?? 'http://127.0.0.1:3000';
/** Seed agents of the default organisation (Loiret, territoire 1), through the development sign-in. */
const ACCUEIL = 'loiret-t01-ep-accueil';
const CADRE = 'loiret-t01-ep-cadre';
const ADDRESS = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const dossier = path.join(__dirname, '..', 'test', 'replay', 'histories');
/** Histories are kept, never replaced: name the new ones after the change they follow (`-- <suffixe>`), and
 * record only some scenarios if need be (`-- <suffixe> <scenario>,<scenario>`). */
const suffixe = process.argv[2];
const choisis = process.argv[3]?.split(',');

async function post(
  chemin: string,
  body: unknown,
  agent = CADRE,
): Promise<{ id: string; objectifs: Array<{ id: string }>; workflowId: string }> {
  const r = await fetch(`${API}${chemin}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Dev ${agent}` },
    body: JSON.stringify(body),
  });
  const json = (await r.json()) as { id: string; objectifs: Array<{ id: string }>; workflowId: string };
  if (!r.ok) throw new Error(`${chemin} → ${r.status} ${JSON.stringify(json)}`);
  return json;
}

async function envoyer(methode: 'PATCH' | 'GET', chemin: string, body?: unknown, agent = CADRE): Promise<unknown> {
  const r = await fetch(`${API}${chemin}`, {
    method: methode,
    headers: { 'content-type': 'application/json', authorization: `Dev ${agent}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await r.json();
  if (!r.ok) throw new Error(`${chemin} → ${r.status} ${JSON.stringify(json)}`);
  return json;
}

/** Waits until the parcours' timeline holds an event of this type (the absence's workflow acts on its own). */
async function evenement(parcoursId: string, type: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const p = (await envoyer('GET', `/parcours/${parcoursId}`)) as { evenements: Array<{ type: string }> };
    if (p.evenements.some((e) => e.type === type)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Pas d’événement ${type} sur le parcours ${parcoursId}.`);
}

run(async () => {
  const usager = { nom: 'Histoire', prenom: 'Rejeu', communeCode: '45234' };
  const accueil = {
    besoins: [{ domaine: 'insertion_emploi' }],
    urgence: false,
    consentement: true,
    droitRsaOuvertLe: '2026-11-01',
  };
  const scenarios: Record<string, () => Promise<string>> = {
    'cycle-complet': async () => {
      const p = await post('/parcours', { usager, accueil }, ACCUEIL);
      await post(`/parcours/${p.id}/evaluation`, {
        diagnostic: [{ domaine: 'insertion_emploi', constat: 'c', besoinAccompagnement: true }],
        synthese: 's',
        conclusion: 'orientation',
      });
      await post(`/parcours/${p.id}/orientation`, { decision: 'accompagnement', typeAccompagnement: 'social' });
      await post(`/parcours/${p.id}/referent`, { referentId: 'loiret-t01-ep-ref1', accordUsager: true });
      const plan = await post(`/parcours/${p.id}/plan`, { objectifs: [{ libelle: 'o', domaine: 'insertion_emploi' }] });
      await post(`/parcours/${p.id}/revues`, {
        synthese: 'r',
        progres: [{ objectifId: plan.objectifs[0]!.id, avancement: 'en_cours' }],
        issue: 'reorientation',
      });
      await post(`/parcours/${p.id}/orientation`, { decision: 'accompagnement', typeAccompagnement: 'professionnel' });
      await post(`/parcours/${p.id}/referent/changement`, { referentId: 'loiret-t01-ep-ref2', motif: 'départ' });
      await post(`/parcours/${p.id}/cloture`, { motif: 'objectifs_atteints' });
      return p.workflowId;
    },
    'suspension-et-rendez-vous': async () => {
      const p = await post('/parcours', { usager, accueil }, ACCUEIL);
      await post(`/parcours/${p.id}/suspension`, { motif: 'Hospitalisation' });
      await post(`/parcours/${p.id}/reprise`, {});
      await post(`/parcours/${p.id}/prolongation`, { jours: 10, motif: 'Pièces manquantes' });
      await post(`/parcours/${p.id}/rendez-vous`, {
        le: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        lieu: 'MDS',
        objet: 'Évaluation',
      });
      await post(`/parcours/${p.id}/relance`, {});
      return p.workflowId;
    },
    // The référent away (an absence under way since a minute): the intérim, then the absence cancelled.
    'absence-interim': async () => {
      const p = await post('/parcours', { usager, accueil }, ACCUEIL);
      await post(`/parcours/${p.id}/evaluation`, {
        diagnostic: [{ domaine: 'insertion_emploi', constat: 'c', besoinAccompagnement: true }],
        synthese: 's',
        conclusion: 'orientation',
      });
      await post(`/parcours/${p.id}/orientation`, { decision: 'accompagnement', typeAccompagnement: 'social' });
      await post(`/parcours/${p.id}/referent`, { referentId: 'loiret-t01-ep-ref1', accordUsager: true });
      const absence = await post('/absences', {
        agentId: 'loiret-t01-ep-ref1',
        interimId: 'loiret-t01-ep-ref2',
        du: new Date(Date.now() - 60_000).toISOString(),
        au: new Date(Date.now() + 21 * 86_400_000).toISOString(),
        motif: 'conge',
      });
      await evenement(p.id, 'interim');
      await envoyer('PATCH', `/absences/${absence.id}`, { annulee: true });
      await evenement(p.id, 'fin_interim');
      return p.workflowId;
    },
    // The absence's own workflow: under way, lengthened, then cancelled (its parcours handed back).
    'absence-modifiee': async () => {
      const absence = await post('/absences', {
        agentId: 'loiret-t01-ep-ref2',
        interimId: 'loiret-t01-ep-ref1',
        du: new Date(Date.now() - 60_000).toISOString(),
        au: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        motif: 'conge',
      });
      await envoyer('PATCH', `/absences/${absence.id}`, { au: new Date(Date.now() + 28 * 86_400_000).toISOString() });
      await envoyer('PATCH', `/absences/${absence.id}`, { annulee: true });
      for (let i = 0; i < 200; i++) {
        const { absences } = (await envoyer('GET', '/absences?agentId=loiret-t01-ep-ref2')) as {
          absences: Array<{ id: string; statut: string }>;
        };
        if (absences.find((a) => a.id === absence.id)?.statut === 'annulee') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      return `absence-${absence.id}`;
    },
    // A parcours started by an import, its accueil in the workflow's input, then a step.
    'import-flux': async () => {
      const personne = beneficiaires(1, ['45234'], Date.now() % 9000);
      await importerFlux({ url: API, authorization: 'Dev loiret-administrateur' }, 'caf', csv(personne), 'h.csv');
      // The newest parcours workflow: the one the import just started (run this on a quiet system).
      const liste = temporal(['workflow', 'list', '--query', "WorkflowType='parcoursWorkflow'", '--limit', '1']);
      const workflowId = (JSON.parse(liste) as Array<{ execution: { workflowId: string } }>)[0]!.execution.workflowId;
      const id = workflowId.replace(/^parcours-/, '');
      await post(`/parcours/${id}/evaluation`, {
        diagnostic: [{ domaine: 'insertion_emploi', constat: 'c', besoinAccompagnement: true }],
        synthese: 's',
        conclusion: 'orientation',
      });
      return workflowId;
    },
  };
  const env = loadEnv();
  // The CLI writes the canonical JSON form of a history, the one the SDK's replayer reads.
  const cli = await ensureTemporalCli({ explicitPath: env.TEMPORAL_CLI_PATH, cacheDir: env.TOOLS_CACHE_DIR, logger });
  fs.mkdirSync(dossier, { recursive: true });
  function temporal(args: string[]): string {
    const r = spawnSync(cli, [...args, '--address', ADDRESS, '--output', 'json'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout;
  }
  for (const [nom, scenario] of Object.entries(scenarios).filter(([n]) => !choisis || choisis.includes(n))) {
    const workflowId = await scenario();
    const historique = temporal(['workflow', 'show', '--workflow-id', workflowId]);
    const fichier = path.join(dossier, `${nom}${suffixe ? `-${suffixe}` : ''}.json`);
    fs.writeFileSync(fichier, historique);
    console.log(
      `${path.relative(process.cwd(), fichier)} : ${(JSON.parse(historique) as { events: unknown[] }).events.length} événements`,
    );
  }
});
