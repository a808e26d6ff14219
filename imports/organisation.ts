import type { Db } from '../infra/prisma';
import type { AgentsConfig, Organisation } from '../config/organisation';
import { decouper } from '../domain/organisation/territoires';
import { ADMINISTRE, desactiver } from '../administration/agents';
import { ACTEUR_IMPORT, journaliser } from '../administration/journal';
import { verrouiller } from '../administration/territoires';

/**
 * Writes a département's organisation (config/departements/<dept>/) into PostgreSQL: agences, territoires and
 * the commune → territoire table, équipes, agents, own lieux d'accueil (placed at their commune's centre).
 * Needs the communes (geo:import) first. Refuses a configuration that leaves a commune without territoire or
 * puts one in two. Idempotent.
 */
export async function importerOrganisation(db: Db, org: Organisation, agents: AgentsConfig['agents']) {
  const dept = org.departement;
  const communes = await db.commune.findMany({
    where: { departement: org.codeInsee },
    select: { code: true, epciSiren: true, latitude: true, longitude: true },
  });
  if (!communes.length)
    throw new Error(`Aucune commune du département ${org.codeInsee} en base : lancer d’abord npm run geo:import.`);
  const { territoireDe, sansTerritoire, ambigues } = decouper(org.territoires, communes);
  if (sansTerritoire.length || ambigues.length) {
    throw new Error(
      `Organisation « ${dept} » : communes sans territoire [${sansTerritoire.join(', ')}], dans plusieurs territoires [${ambigues.map((a) => `${a.commune}: ${a.territoires.join('/')}`).join(', ')}].`,
    );
  }
  const position = new Map(communes.map((c) => [c.code, c]));
  const sitesHors = org.lieuxAccueil.filter((l) => !position.has(l.communeCode));
  if (sitesHors.length)
    throw new Error(`Lieux d’accueil dans des communes inconnues : ${sitesHors.map((l) => l.id).join(', ')}.`);
  const equipes = new Set(org.territoires.map((t) => t.equipe.id));
  const orphelins = agents.filter((a) => a.equipeId && !equipes.has(a.equipeId));
  if (orphelins.length) throw new Error(`Agents d’équipes inconnues : ${orphelins.map((a) => a.id).join(', ')}.`);

  const agentsDesactives = await db.$transaction(
    async (tx) => {
      await verrouiller(tx, dept);
      for (const a of org.agences) {
        await tx.agence.upsert({
          where: { id: a.id },
          create: { ...a, departement: dept },
          update: { nom: a.nom, departement: dept },
        });
      }
      for (const t of org.territoires) {
        const data = { departement: dept, nom: t.nom, agenceId: t.agenceId ?? null };
        await tx.territoire.upsert({ where: { id: t.id }, create: { id: t.id, ...data }, update: data });
        const e = { territoireId: t.id, nom: t.equipe.nom, poles: t.equipe.poles };
        await tx.equipe.upsert({ where: { id: t.equipe.id }, create: { id: t.equipe.id, ...e }, update: e });
      }
      await tx.territoireCommune.deleteMany({ where: { communeCode: { in: communes.map((c) => c.code) } } });
      await tx.territoireCommune.createMany({
        data: [...territoireDe].map(([communeCode, territoireId]) => ({ communeCode, territoireId })),
      });
      for (const a of agents) {
        const data = {
          departement: dept,
          equipeId: a.equipeId ?? null,
          prenom: a.prenom,
          nom: a.nom,
          email: a.email,
          roles: a.roles,
          pole: a.pole ?? null,
          capacite: a.capacite,
          origine: 'fichier',
        };
        const avant = await tx.agent.findUnique({ where: { id: a.id }, select: ADMINISTRE });
        // An agent deactivated in the product stays so: reactivating is an administrator's decision.
        const apres = await tx.agent.upsert({
          where: { id: a.id },
          create: { id: a.id, ...data, actif: true },
          update: data,
          select: ADMINISTRE,
        });
        // The file is authoritative on import: what it changes in an administered agent is journaled too.
        if (JSON.stringify(avant) !== JSON.stringify(apres))
          await journaliser(tx, { agentId: ACTEUR_IMPORT, objet: 'agent', objetId: a.id, avant, apres });
      }
      // The file governs the agents it brought: one it no longer names leaves, with its sessions.
      const partis = await tx.agent.findMany({
        where: { departement: dept, origine: 'fichier', actif: true, id: { notIn: agents.map((a) => a.id) } },
        select: { id: true },
      });
      for (const { id } of partis) await desactiver(tx, ACTEUR_IMPORT, id);
      for (const l of org.lieuxAccueil) {
        const p = position.get(l.communeCode)!;
        const data = {
          type: l.type,
          nom: l.nom,
          adresse: l.adresse ?? null,
          communeCode: l.communeCode,
          latitude: p.latitude,
          longitude: p.longitude,
          horaires: l.horaires,
          partenaire: l.type !== 'site_departemental',
          source: 'seed',
        };
        await tx.lieuAccueil.upsert({ where: { id: l.id }, create: { id: l.id, ...data }, update: data });
      }
      return partis.length;
    },
    { timeout: 120_000 },
  );
  return {
    territoires: org.territoires.length,
    communes: territoireDe.size,
    agents: agents.length,
    agentsDesactives,
    lieuxAccueil: org.lieuxAccueil.length,
  };
}
