/**
 * Durable schedules (Temporal Schedules, no cron): the nightly RGPD retention run of the département.
 * Created at worker start; when it exists, its action and calendar are brought up to date (configuration
 * changes apply without deleting it).
 */
import { ScheduleAlreadyRunning, type Client, type ScheduleOptionsAction, type ScheduleSpec } from '@temporalio/client';
import { chargerRgpd } from '../config/rgpd';
import { retentionWorkflow } from '../workflows/retention';

export const idPlanificationRetention = (departement: string) => `retention-${departement}`;

export async function planifierRetention(
  temporal: Client,
  opts: { departement: string; taskQueue: string },
): Promise<string> {
  const scheduleId = idPlanificationRetention(opts.departement);
  const { conservationMoisApresCloture } = chargerRgpd(opts.departement);
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: retentionWorkflow,
    taskQueue: opts.taskQueue,
    workflowId: `${scheduleId}-run`,
    args: [{ departement: opts.departement, conservationMois: conservationMoisApresCloture }],
  };
  // Every night at 03:00, Paris time; a run still going when the next is due makes it skip.
  const spec: ScheduleSpec = { calendars: [{ hour: 3, minute: 0 }], timezone: 'Europe/Paris' };
  try {
    await temporal.schedule.create({ scheduleId, spec, action, policies: { overlap: 'SKIP', catchupWindow: '1 day' } });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await temporal.schedule.getHandle(scheduleId).update((avant) => ({ ...avant, spec, action }));
  }
  return scheduleId;
}
