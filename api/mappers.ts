import type { Parcours, ParcoursEvenement, Usager } from '../generated/prisma/client';
import type { VueParcours } from '../domain/parcours/etat';
import type { Echeance, Objectif } from '../domain/parcours/etat';
import type { z } from 'zod';
import type { evenementVue, parcoursDetail, parcoursLigne, parcoursVue } from './contrat/parcours';
import type { usagerVue } from './contrat/usagers';
import { equipeNommee, type Noms } from '../lecture/noms';
import { actionsPermises, filtrerParcours, vueComplete, type AgentConnecte } from './acces';
import { filtrerEvenements } from '../domain/parcours/actions';
import type { PolitiqueDelais } from '../domain/delais/politique';
import type { Etape, Statut } from '../domain/parcours/etapes';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An usager as the API shows it; `communes` names its commune (lecture/noms.ts). */
export function usagerDto(u: Usager, communes: Map<string, string>): z.infer<typeof usagerVue> {
  return {
    id: u.id,
    nom: u.nom,
    prenom: u.prenom,
    dateNaissance: u.dateNaissance?.toISOString().slice(0, 10),
    communeCode: u.communeCode ?? undefined,
    communeNom: (u.communeCode && communes.get(u.communeCode)) || null,
    telephone: u.telephone ?? undefined,
    email: u.email ?? undefined,
    creeLe: u.creeLe.toISOString(),
  };
}

export function parcoursDto(p: Parcours): z.infer<typeof parcoursVue> {
  return {
    id: p.id,
    workflowId: p.workflowId,
    usagerId: p.usagerId,
    departement: p.departement,
    etape: p.etape as z.infer<typeof parcoursVue>['etape'],
    statut: p.statut as z.infer<typeof parcoursVue>['statut'],
    besoins: p.besoins,
    urgence: p.urgence,
    lieuAccueilId: p.lieuAccueilId,
    territoireId: p.territoireId,
    equipeId: p.equipeId,
    referentId: p.referentId,
    structureId: p.structureId,
    typeAccompagnement: p.typeAccompagnement,
    echeance: iso(p.echeance),
    enRetard: p.enRetard,
    etapeDepuis: p.etapeDepuis.toISOString(),
    ouvertLe: p.ouvertLe.toISOString(),
    closLe: iso(p.closLe),
    motifCloture: p.motifCloture,
    echeances: p.echeances as unknown as Echeance[],
    objectifs: p.objectifs as unknown as Objectif[],
  };
}

/** The workflow's view (returned by its updates) in the API's shape. */
export function vueDto({ parcoursId, ...reste }: VueParcours): z.infer<typeof parcoursVue> {
  return { id: parcoursId, ...reste };
}

export function evenementDto(
  e: Pick<ParcoursEvenement, 'seq' | 'type' | 'acteur' | 'survenuLe'> & { donnees: unknown },
  noms: Noms,
): z.infer<typeof evenementVue> {
  const d = e.donnees as Record<string, unknown>;
  return {
    seq: e.seq,
    type: e.type,
    acteur: e.acteur,
    acteurNom: noms.agent(e.acteur),
    survenuLe: e.survenuLe.toISOString(),
    donnees: d,
    noms: {
      referent: typeof d.referentId === 'string' ? noms.agent(d.referentId) : null,
      structure: typeof d.structureId === 'string' ? noms.structure(d.structureId) : null,
      equipe: noms.equipe(equipeNommee(d)),
    },
  };
}

const JOUR = 86_400_000;

/** Running délais with their rule's label, and the most overdue one (rule, whole days late), if any. */
function delais(politique: PolitiqueDelais, p: Parcours, maintenant = Date.now()) {
  // An urgent parcours' clock under a délai d'urgence says so (its due date follows that délai).
  const libelle = (code: Echeance['code']) =>
    p.urgence && politique.urgence?.[code] ? `${politique[code].libelle} (délai d’urgence)` : politique[code].libelle;
  const echeances = (p.echeances as unknown as Echeance[]).map((x) => ({ ...x, libelle: libelle(x.code) }));
  // A suspended parcours has its clocks stopped: it is not late while suspended.
  const depassees = p.statut === 'actif' ? echeances.filter((x) => Date.parse(x.due) < maintenant) : [];
  const pire = depassees.sort((a, b) => a.due.localeCompare(b.due))[0];
  return {
    echeances,
    retard: pire
      ? { regle: pire.libelle, jours: Math.max(1, Math.floor((maintenant - Date.parse(pire.due)) / JOUR)) }
      : null,
  };
}

/**
 * A parcours in a list, as this agent may see it: the names a person reads, its délais against their rule,
 * and the actions the agent may take on it now.
 */
export function ligneParcours(
  agent: AgentConnecte,
  p: Parcours,
  noms: Noms,
  politique: PolitiqueDelais,
): z.infer<typeof parcoursLigne> {
  return {
    ...filtrerParcours(vueComplete(agent, p), parcoursDto(p)),
    ...delais(politique, p),
    actions: actionsPermises(agent, {
      ...p,
      etape: p.etape as Etape,
      statut: p.statut as Statut,
    }),
    noms: {
      usager: noms.usager(p.usagerId),
      territoire: noms.territoire(p.territoireId),
      equipe: noms.equipe(p.equipeId),
      structure: noms.structure(p.structureId),
      referent: noms.agent(p.referentId),
      interim: noms.agent(p.interimId),
      repreneurPropose: noms.agent(p.repreneurPropose),
    },
    incident: p.incidentLe && p.incident ? { le: p.incidentLe.toISOString(), message: p.incident } : null,
  };
}

/** A parcours and its timeline, in the view this agent may have (partners and accueil: restricted). */
export function detailParcours(
  agent: AgentConnecte,
  p: Parcours & { evenements: ParcoursEvenement[] },
  noms: Noms,
  politique: PolitiqueDelais,
): z.infer<typeof parcoursDetail> {
  // Filtered before naming: a restricted view never reads the names of what it does not see.
  const evenements = filtrerEvenements(
    vueComplete(agent, p),
    p.evenements.map((e) => ({ ...e, donnees: e.donnees as Record<string, unknown> })),
  );
  return {
    ...ligneParcours(agent, p, noms, politique),
    evenements: evenements.map((e) => evenementDto(e, noms)),
  };
}
