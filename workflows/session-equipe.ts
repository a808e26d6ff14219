/**
 * A session of the équipe pluridisciplinaire, durable from its scheduling to the last notification: a durable
 * timer convenes the persons at the département's délai before the session (cases queued later are convened at
 * once), Updates record cases and decisions, and the closing applies each decision to its parcours workflow,
 * keeps the procès-verbal and notifies each person. Every activity is idempotent (activities/sessions.ts): a
 * worker that dies half-way resumes where the history says, and nothing is applied or sent twice.
 */
import { ApplicationFailure, condition, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { decisionAdmise, type ExamenDossier, type NatureDossier, type StatutSession } from '../domain/equipe/session';
import {
  ECHECS,
  ajouterDossierUpdate,
  cloturerSessionUpdate,
  examinerDossierUpdate,
  fileLivraisons,
  statutSessionQuery,
  type DossierAjoute,
  type SessionEquipeInput,
} from './messages';

const { projeterDossierSession, projeterExamen, projeterSession } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});
const { convoquerSession, appliquerDecisionSession, genererPvSession, preparerNotificationsSession } =
  // They beat every second: an attempt lost with its worker is retried within seconds (each is idempotent).
  proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    heartbeatTimeout: '5 seconds',
    retry: { maximumInterval: '30 seconds' },
  });

/** Decisions applied at once: each is an Update of its own parcours workflow. */
const DECISIONS_SIMULTANEES = 4;

const refuser = (message: string): never => {
  throw ApplicationFailure.nonRetryable(message, ECHECS.etapeInvalide);
};
const invalide = (path: string, message: string): never => {
  throw ApplicationFailure.nonRetryable('Données invalides.', ECHECS.donneesInvalides, [
    { code: 'custom', path: [path], message },
  ]);
};

export async function sessionEquipeWorkflow(input: SessionEquipeInput): Promise<void> {
  const { sessionId } = input;
  const { livrerNotifications } = proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    heartbeatTimeout: '20 seconds',
    retry: { initialInterval: '30 seconds', maximumInterval: '30 minutes' },
    taskQueue: fileLivraisons(input.taskQueue),
  });
  let statut: StatutSession = 'planifiee';
  const dossiers = new Map<string, NatureDossier>();
  const aConvoquer: string[] = [];
  let cloture: { acteur: string; membresPresents: string[] } | null = null;
  let occupe = false;

  /** Updates one after the other: each sees what the previous one recorded. */
  async function enSerie(fn: () => Promise<void>): Promise<void> {
    await condition(() => !occupe);
    occupe = true;
    try {
      await fn();
    } finally {
      occupe = false;
    }
  }
  const ouverte = () => {
    if (cloture) refuser('La session est close : plus aucun dossier ni décision ne peut y être enregistré.');
  };

  setHandler(statutSessionQuery, () => statut);
  setHandler(
    ajouterDossierUpdate,
    (d) =>
      enSerie(async () => {
        ouverte();
        if (dossiers.has(d.dossierId)) return;
        await projeterDossierSession({ sessionId, ...d, rang: dossiers.size + 1 });
        dossiers.set(d.dossierId, d.nature);
        if (statut === 'convoquee') aConvoquer.push(d.dossierId);
      }),
    { validator: (_d: DossierAjoute) => ouverte() },
  );
  setHandler(
    examinerDossierUpdate,
    ({ dossierId, examen }) =>
      enSerie(async () => {
        ouverte();
        await projeterExamen({ dossierId, examen });
      }),
    {
      validator: ({ dossierId, examen }: { dossierId: string; examen: ExamenDossier }) => {
        ouverte();
        const nature = dossiers.get(dossierId);
        if (!nature) return invalide('dossierId', 'Ce dossier n’est pas inscrit à cette session.');
        if (examen.decision && !decisionAdmise(nature, examen.decision.decision))
          invalide('decision.decision', 'Cette décision ne correspond pas à la nature du dossier.');
      },
    },
  );
  setHandler(
    cloturerSessionUpdate,
    (c) =>
      enSerie(async () => {
        ouverte();
        await projeterSession({ sessionId, statut: 'close', membresPresents: c.membresPresents });
        cloture = c;
        statut = 'close';
      }),
    {
      validator: ({ membresPresents }: { membresPresents: string[] }) => {
        ouverte();
        if (new Set(membresPresents).size < input.quorum)
          invalide('membresPresents', `Quorum non atteint : ${input.quorum} membres présents au moins pour délibérer.`);
      },
    },
  );

  // Convocations at the délai before the session: a durable timer, cut short by an early closing.
  const attente = Date.parse(input.convocationLe) - Date.now();
  if (attente > 0) await condition(() => cloture !== null, attente);
  if (!cloture) {
    await enSerie(async () => {
      await projeterSession({ sessionId, statut: 'convoquee' });
      statut = 'convoquee';
      aConvoquer.push(...dossiers.keys());
    });
    while (!cloture) {
      await condition(() => aConvoquer.length > 0 || cloture !== null);
      if (!aConvoquer.length) break;
      const lot = aConvoquer.splice(0);
      await livrerNotifications({ cles: await convoquerSession({ sessionId, dossierIds: lot }) });
    }
  }
  await condition(() => !occupe);
  const { acteur } = cloture!;
  // A few cases at a time, in the order of the session: each applied once (its own update id).
  const ordre = [...dossiers.keys()];
  for (let i = 0; i < ordre.length; i += DECISIONS_SIMULTANEES)
    await Promise.all(
      ordre
        .slice(i, i + DECISIONS_SIMULTANEES)
        .map((dossierId) => appliquerDecisionSession({ sessionId, dossierId, acteur, taskQueue: input.taskQueue })),
    );
  await genererPvSession(sessionId);
  await livrerNotifications({ cles: await preparerNotificationsSession(sessionId) });
  await projeterSession({ sessionId, statut: 'terminee' });
  statut = 'terminee';
}
