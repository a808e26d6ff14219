import type { Parcours, ParcoursEvenement, Usager } from '../generated/prisma/client';
import type { VueParcours } from '../domain/parcours/etat';
import type { Echeance, Objectif } from '../domain/parcours/etat';
import type { z } from 'zod';
import type { evenementVue, parcoursVue, usagerVue } from './schemas';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An usager as the API shows it; `communes` names its commune (api/noms.ts). */
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

export function evenementDto(e: ParcoursEvenement): z.infer<typeof evenementVue> {
  return {
    seq: e.seq,
    type: e.type,
    acteur: e.acteur,
    survenuLe: e.survenuLe.toISOString(),
    donnees: e.donnees as Record<string, unknown>,
  };
}
