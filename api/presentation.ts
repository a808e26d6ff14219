/**
 * A parcours as the screens need it: the view the agent may have (api/acces.ts), the names of what it refers
 * to, its délais with their rule and lateness, the actions the agent may take on it now, and its timeline
 * with each event's label and actor's name. A page of parcours costs a fixed number of queries.
 */
import type { z } from 'zod';
import type { Parcours, ParcoursEvenement } from '../generated/prisma/client';
import type { Db } from '../infra/prisma';
import type { PolitiqueDelais } from '../domain/delais/politique';
import type { Echeance } from '../domain/parcours/etat';
import { actionsPermises, filtrerEvenements, filtrerParcours, vueComplete, type AgentConnecte } from './acces';
import { evenementDto, parcoursDto } from './mappers';
import { delais, nomsAgents, nomsParcours } from './noms';
import { LIBELLES_ACTION, LIBELLE_EVENEMENT } from './libelles-temporaires';
import type { evenementVue, parcoursPresente } from './schemas';

export type ParcoursPresente = z.infer<typeof parcoursPresente>;

export async function presenterParcours(
  db: Db,
  politique: PolitiqueDelais,
  agent: AgentConnecte,
  lignes: Array<Parcours & { evenements?: ParcoursEvenement[] }>,
): Promise<ParcoursPresente[]> {
  const [noms, acteurs] = await Promise.all([
    nomsParcours(db, lignes),
    nomsAgents(
      db,
      lignes.flatMap((p) => (p.evenements ?? []).flatMap((e) => [e.acteur, ...referentsDe(e)])),
    ),
  ]);
  return lignes.map((p) => {
    const complete = vueComplete(agent, p);
    const { echeances, retard } = delais(politique, {
      statut: p.statut,
      echeances: p.echeances as unknown as Echeance[],
    });
    return {
      ...filtrerParcours(complete, parcoursDto(p)),
      echeances,
      retard,
      noms: noms(p),
      actions: actionsPermises(agent, p).map((type) => ({ type, ...LIBELLES_ACTION[type] })),
      ...(p.evenements
        ? {
            evenements: filtrerEvenements(complete, p.evenements.map(evenementDto)).map((e) =>
              evenementPresente(e, acteurs),
            ),
          }
        : {}),
    };
  });
}

/** Référents named in an event's data (designation, change): shown by name in the timeline. */
const referentsDe = (e: ParcoursEvenement): string[] => {
  const d = e.donnees as Record<string, unknown>;
  return [d.referentId, d.ancienReferentId].filter((x): x is string => typeof x === 'string');
};

function evenementPresente(e: z.infer<typeof evenementVue>, agents: Map<string, string>) {
  const d = e.donnees;
  return {
    ...e,
    libelle: LIBELLE_EVENEMENT[e.type] ?? 'Événement',
    acteurNom: agents.get(e.acteur) ?? null,
    donnees: {
      ...d,
      ...(typeof d.referentId === 'string' ? { referentNom: agents.get(d.referentId) ?? null } : {}),
      ...(typeof d.ancienReferentId === 'string' ? { ancienReferentNom: agents.get(d.ancienReferentId) ?? null } : {}),
    },
  };
}
