import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { Db } from '../infra/prisma';
import type { StatutAbsence } from '../domain/organisation/absences';
import type { Interim } from '../domain/parcours/etat';
import { ECHECS, interimUpdate } from '../workflows/messages';
import { HttpError } from '../api/errors';
import { enregistrerModificationAbsence } from '../administration/absences';

const nom = (a: { prenom: string; nom: string }) => `${a.prenom} ${a.nom}`;

/**
 * Activities of an absence (workflows/absence.ts): each open parcours of the absent référent gets the intérim,
 * then goes back, by an Update of its own workflow whose id is fixed per (absence, period, parcours): a retried
 * activity applies nothing twice. A parcours closed or handed to another référent meanwhile is left alone.
 */
export function createAbsenceActivities(db: Db, temporal: Client | undefined) {
  /** One Update to a parcours; false when the parcours refuses it (closed, another référent) or is gone. */
  async function envoyer(
    workflowId: string,
    updateId: string,
    acteur: string,
    donnees: { absenceId: string; interim: Interim | null },
  ): Promise<boolean> {
    if (!temporal) throw new Error('Absence : client Temporal absent des dépendances des activités.');
    Context.current().heartbeat(updateId);
    try {
      await temporal.workflow
        .getHandle(workflowId)
        .executeUpdate(interimUpdate, { updateId, args: [{ acteur, donnees }] });
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      if (
        err instanceof WorkflowUpdateFailedError &&
        err.cause instanceof ApplicationFailure &&
        err.cause.type === ECHECS.etapeInvalide
      )
        return false;
      throw err;
    }
  }

  /** The open parcours followed by the absent agent (read model). */
  const parcoursDe = (agentId: string) =>
    db.parcours.findMany({
      where: { referentId: agentId, statut: { not: 'clos' } },
      select: { id: true, workflowId: true },
      orderBy: { ouvertLe: 'asc' },
    });

  return {
    /** The intérim acts on the absent agent's parcours until `au` (a new `au`: the same, with the new period). */
    async confierParcoursInterim(c: { absenceId: string; au: string; acteur: string }): Promise<number> {
      const absence = await db.absence.findUnique({ where: { id: c.absenceId } });
      // Its recording rolled back after the workflow started: nothing to do.
      if (!absence) return 0;
      const [titulaire, interim] = await Promise.all([
        db.agent.findUniqueOrThrow({ where: { id: absence.agentId } }),
        db.agent.findUniqueOrThrow({ where: { id: absence.interimId } }),
      ]);
      const donnees: Interim = {
        absenceId: absence.id,
        titulaireId: titulaire.id,
        agentId: interim.id,
        titulaireNom: nom(titulaire),
        agentNom: nom(interim),
        du: absence.du.toISOString(),
        au: c.au,
      };
      let confies = 0;
      for (const p of await parcoursDe(absence.agentId))
        if (
          await envoyer(p.workflowId, `absence:${absence.id}:${c.au}:${p.id}`, c.acteur, {
            absenceId: absence.id,
            interim: donnees,
          })
        )
          confies++;
      // Cancelled meanwhile (the API writes it at once): the row stays cancelled, the workflow hands back next.
      await db.absence.updateMany({
        where: { id: absence.id, statut: { in: ['prevue', 'en_cours'] } },
        data: { statut: 'en_cours', parcoursConfies: confies },
      });
      return confies;
    },

    /** The absence is over (or cancelled while under way): each parcours goes back to its référent. */
    async rendreParcoursTitulaire(c: { absenceId: string; acteur: string; statut: StatutAbsence }): Promise<void> {
      const absence = await db.absence.findUnique({ where: { id: c.absenceId } });
      if (!absence) return;
      for (const p of await parcoursDe(absence.agentId))
        await envoyer(p.workflowId, `absence:${absence.id}:fin:${p.id}`, c.acteur, {
          absenceId: absence.id,
          interim: null,
        });
      await db.absence.update({ where: { id: absence.id }, data: { statut: c.statut } });
    },

    /** A change asked by the API, applied by the absence's Update: the rules' refusals fail it for good. */
    async enregistrerModificationAbsence(c: {
      absenceId: string;
      acteur: string;
      au?: string;
      annulee?: boolean;
    }): Promise<void> {
      try {
        await enregistrerModificationAbsence(db, c);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        const issues = (err.champs ?? []).map((ch) => ({ code: 'custom', path: [ch.champ], message: ch.message }));
        throw ApplicationFailure.nonRetryable(
          err.message,
          err.status === 400 ? ECHECS.donneesInvalides : ECHECS.etapeInvalide,
          issues,
        );
      }
    },

    async projeterAbsence(c: { absenceId: string; statut: StatutAbsence }): Promise<void> {
      await db.absence.updateMany({ where: { id: c.absenceId }, data: { statut: c.statut } });
    },
  };
}
