/**
 * An agent's absence, durable from its recording to the return: a timer waits for the first day, the intérim
 * then acts on each of the agent's open parcours (an Update of each parcours workflow), a second timer waits for
 * the return and hands them back. The period may change or the absence be cancelled meanwhile (an Update): the
 * timers follow. No cron, no polling: an absence months away is one sleeping workflow.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { ECHECS, modifierAbsenceUpdate, type AbsenceInput } from './messages';

const { confierParcoursInterim, rendreParcoursTitulaire, projeterAbsence } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { maximumInterval: '1 minute' },
});

/** Quick, in the worker: the Update answers the API within its deadline, or fails (503) rather than hang. */
const { enregistrerModificationAbsence } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '5 seconds',
  retry: { initialInterval: '500 milliseconds', maximumAttempts: 3 },
});

/**
 * The Update writes the change (row and journal, under lock) before the timers follow it: the API holds no
 * transaction while it waits. Before this patch, the API wrote it around the Update.
 */
export const PATCH_MODIFICATION_ENREGISTREE = 'modification-enregistree';

export async function absenceWorkflow(a: AbsenceInput): Promise<void> {
  let au = a.au;
  let annulee = false;
  let finie = false;

  setHandler(
    modifierAbsenceUpdate,
    async (m) => {
      if (patched(PATCH_MODIFICATION_ENREGISTREE))
        await enregistrerModificationAbsence({ absenceId: a.absenceId, ...m }).catch((err: unknown) => {
          throw refus(err);
        });
      if (m.annulee) annulee = true;
      else if (m.au) au = m.au;
    },
    {
      validator: (m: { au?: string; annulee?: boolean }) => {
        if (finie || annulee)
          throw ApplicationFailure.nonRetryable('Cette absence est terminée ou annulée.', ECHECS.etapeInvalide);
        if (m.au && Date.parse(m.au) <= Date.parse(a.du))
          throw ApplicationFailure.nonRetryable('Données invalides.', ECHECS.donneesInvalides, [
            { code: 'custom', path: ['au'], message: 'Le retour doit suivre le début de l’absence.' },
          ]);
      },
    },
  );

  const attente = Date.parse(a.du) - Date.now();
  if (attente > 0) await condition(() => annulee, attente);
  if (annulee) {
    finie = true;
    await projeterAbsence({ absenceId: a.absenceId, statut: 'annulee' });
    // A change being written answers before the workflow ends (no Update left without its answer).
    await condition(allHandlersFinished);
    return;
  }
  await confierParcoursInterim({ absenceId: a.absenceId, au, acteur: a.acteur });
  for (;;) {
    const restant = Date.parse(au) - Date.now();
    if (annulee || restant <= 0) break;
    const vu = au;
    await condition(() => annulee || au !== vu, restant);
    // A new return date, still ahead: the parcours and the people learn the new period.
    if (!annulee && au !== vu && Date.parse(au) > Date.now())
      await confierParcoursInterim({ absenceId: a.absenceId, au, acteur: a.acteur });
  }
  finie = true;
  await rendreParcoursTitulaire({ absenceId: a.absenceId, acteur: a.acteur, statut: annulee ? 'annulee' : 'terminee' });
  await condition(allHandlersFinished);
}

/** The rules' refusal as it was (409, 400), anything else as a dependency failing (503): never a 500. */
function refus(err: unknown): ApplicationFailure {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (
    cause instanceof ApplicationFailure &&
    (cause.type === ECHECS.etapeInvalide || cause.type === ECHECS.donneesInvalides)
  )
    return cause;
  return ApplicationFailure.nonRetryable(
    'Base de données momentanément indisponible : réessayer dans quelques secondes.',
    ECHECS.indisponible,
  );
}
