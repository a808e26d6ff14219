import type { Parcours, ParcoursEvenement, Usager } from '../generated/prisma/client';
import type { VueParcours } from '../domain/parcours/etat';
import type { Echeance, Objectif } from '../domain/parcours/etat';
import type { z } from 'zod';
import type { evenementVue, parcoursDetail, parcoursLigne, parcoursVue } from './contrat/parcours';
import type { usagerVue } from './contrat/usagers';
import type { Noms } from '../lecture/noms';
import { filtrerEvenements, filtrerParcours, vueComplete, type AgentConnecte } from './acces';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function usagerDto(u: Usager): z.infer<typeof usagerVue> {
  return {
    id: u.id,
    nom: u.nom,
    prenom: u.prenom,
    dateNaissance: u.dateNaissance?.toISOString().slice(0, 10),
    communeCode: u.communeCode ?? undefined,
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

export function evenementDto(e: ParcoursEvenement, noms: Noms): z.infer<typeof evenementVue> {
  return {
    seq: e.seq,
    type: e.type,
    acteur: e.acteur,
    acteurNom: noms.agent(e.acteur),
    survenuLe: e.survenuLe.toISOString(),
    donnees: e.donnees as Record<string, unknown>,
  };
}

/** A parcours in a list, as this agent may see it, with the names a person reads. */
export function ligneParcours(agent: AgentConnecte, p: Parcours, noms: Noms): z.infer<typeof parcoursLigne> {
  return {
    ...filtrerParcours(vueComplete(agent, p), parcoursDto(p)),
    noms: {
      usager: noms.usager(p.usagerId),
      territoire: noms.territoire(p.territoireId),
      equipe: noms.equipe(p.equipeId),
      referent: noms.agent(p.referentId),
    },
  };
}

/** A parcours and its timeline, in the view this agent may have (partners and accueil: restricted). */
export function detailParcours(
  agent: AgentConnecte,
  p: Parcours & { evenements: ParcoursEvenement[] },
  noms: Noms,
): z.infer<typeof parcoursDetail> {
  const evenements = p.evenements.map((e) => evenementDto(e, noms));
  return { ...ligneParcours(agent, p, noms), evenements: filtrerEvenements(vueComplete(agent, p), evenements) };
}
