/**
 * The API contract as types, for the screens (web/ imports them, never a copy): each is inferred from the
 * zod schema that validates the route and writes the OpenAPI document.
 */
import type { z } from 'zod';
import type { agentsDeveloppement, auditVue, journalAcces, sessionVue } from './acces';
import type { identiteVue } from './identite';
import type { documentsParcours } from './documents';
import type { erreurSchema } from './communs';
import type {
  chargeVue,
  indicateursVue,
  ligneDelaiEtape,
  ligneEscalade,
  ligneFlux,
  ligneRespectDelai,
  ligneSatisfaction,
  ligneStock,
  statistiquesVue,
} from './pilotage';
import type {
  communesTrouvees,
  couvertureVue,
  decisionReferent,
  demandeReassignation,
  etatReassignation,
  operationReassignation,
  lieuProcheVue,
  lieuxProchesVue,
  organisationVue,
  propositionVue,
  routageVue,
} from './organisation';
import type {
  dossierSocial,
  evenementVue,
  journalLivraisons,
  listeParcours,
  parcoursDetail,
  parcoursLigne,
  parcoursVue,
} from './parcours';
import type { resultatsRecherche, usagerVue } from './usagers';
import type { espaceUsager, revocationLiens } from './espace';
import type { apercuFlux, importFluxVue, importsFlux } from './imports';
import type { dossierVue, listeSessions, sessionDetail, sessionLigne } from './sessions';
import type { agendaRendezVous, rendezVousAgenda } from './agenda';
import type {
  abonnementCree,
  abonnementVue,
  abonnementsListe,
  journalWebhooks,
  livraisonVue,
  nouvelAbonnement,
  rejeuLivraisons,
} from './webhooks';
import type {
  absenceCreation,
  absenceVue,
  absencesVue,
  agentAdministre,
  agentsAdministres,
  historiqueAdministration,
  interimsProposes,
  structureReferente,
  structuresReferentes,
  territoireAdministre,
  equipeAdministree,
  equipesAdministrees,
} from './administration';
import type {
  apercuCommunes,
  apercuLieux,
  carteCouverture,
  lieuAdministre,
  lieuxAdministres,
  resultatSimulation,
} from './lieux';
import type { demandeSimulation, simulationLigne, simulationVue, simulationsListe } from './simulation';

export type Usager = z.infer<typeof usagerVue>;
export type ResultatsRecherche = z.infer<typeof resultatsRecherche>;
/** A parcours as an update returns it. */
export type VueParcours = z.infer<typeof parcoursVue>;
/** A parcours as lists return it: with the names a person reads. */
export type Parcours = z.infer<typeof parcoursLigne>;
export type ParcoursDetail = z.infer<typeof parcoursDetail>;
export type ListeParcours = z.infer<typeof listeParcours>;
export type Evenement = z.infer<typeof evenementVue>;
export type DossierSocial = z.infer<typeof dossierSocial>;
export type JournalLivraisons = z.infer<typeof journalLivraisons>;
export type DocumentsParcours = z.infer<typeof documentsParcours>;
export type Organisation = z.infer<typeof organisationVue>;
export type Routage = z.infer<typeof routageVue>;
export type LieuProche = z.infer<typeof lieuProcheVue>;
export type LieuxProches = z.infer<typeof lieuxProchesVue>;
export type Couverture = z.infer<typeof couvertureVue>;
export type CommunesTrouvees = z.infer<typeof communesTrouvees>;
export type CommuneTrouvee = CommunesTrouvees['items'][number];
export type PropositionReferent = z.infer<typeof propositionVue>;
export type DecisionReferent = z.infer<typeof decisionReferent>;
export type EtatReassignation = z.infer<typeof etatReassignation>;
export type DemandeReassignation = z.infer<typeof demandeReassignation>;
export type OperationReassignation = z.infer<typeof operationReassignation>;
export type Indicateurs = z.infer<typeof indicateursVue>;
export type ChargeAgent = z.infer<typeof chargeVue>['items'][number];
export type DelaiEtape = z.infer<typeof ligneDelaiEtape>;
export type RespectDelai = z.infer<typeof ligneRespectDelai>;
export type FluxEtapes = z.infer<typeof ligneFlux>;
export type StockMois = z.infer<typeof ligneStock>;
export type Escalades = z.infer<typeof ligneEscalade>;
export type Satisfaction = z.infer<typeof ligneSatisfaction>;
export type EspaceUsager = z.infer<typeof espaceUsager>;
export type RevocationLiens = z.infer<typeof revocationLiens>;
export type StatistiquesPubliques = z.infer<typeof statistiquesVue>;
export type SessionAgent = z.infer<typeof sessionVue>;
export type AgentsDeveloppement = z.infer<typeof agentsDeveloppement>;
export type Identite = z.infer<typeof identiteVue>;
/** A field's error in a 400 answer. */
export type ChampErreur = NonNullable<z.infer<typeof erreurSchema>['erreur']['champs']>[number];
export type EntreeAudit = z.infer<typeof auditVue>;
export type JournalAcces = z.infer<typeof journalAcces>;

export type ApercuFlux = z.infer<typeof apercuFlux>;
export type ImportFlux = z.infer<typeof importFluxVue>;
export type ImportsFlux = z.infer<typeof importsFlux>;

export type SessionEquipe = z.infer<typeof sessionLigne>;
export type SessionDetail = z.infer<typeof sessionDetail>;
export type DossierSession = z.infer<typeof dossierVue>;
export type ListeSessions = z.infer<typeof listeSessions>;
export type AgendaRendezVous = z.infer<typeof agendaRendezVous>;
export type RendezVousAgenda = z.infer<typeof rendezVousAgenda>;
export type AbonnementWebhook = z.infer<typeof abonnementVue>;
export type AbonnementWebhookCree = z.infer<typeof abonnementCree>;
export type AbonnementsWebhook = z.infer<typeof abonnementsListe>;
export type NouvelAbonnementWebhook = z.input<typeof nouvelAbonnement>;
export type LivraisonWebhook = z.infer<typeof livraisonVue>;
export type JournalWebhooks = z.infer<typeof journalWebhooks>;
export type RejeuLivraisonsWebhook = z.infer<typeof rejeuLivraisons>;
export type AgentAdministre = z.infer<typeof agentAdministre>;
export type AgentsAdministres = z.infer<typeof agentsAdministres>;
export type TerritoireAdministre = z.infer<typeof territoireAdministre>;
export type EquipeAdministree = z.infer<typeof equipeAdministree>;
export type EquipesAdministrees = z.infer<typeof equipesAdministrees>;
export type StructureReferente = z.infer<typeof structureReferente>;
export type StructuresReferentes = z.infer<typeof structuresReferentes>;
export type HistoriqueAdministration = z.infer<typeof historiqueAdministration>;
export type LieuAdministre = z.infer<typeof lieuAdministre>;
export type LieuxAdministres = z.infer<typeof lieuxAdministres>;
export type CarteCouverture = z.infer<typeof carteCouverture>;
export type ResultatSimulationCouverture = z.infer<typeof resultatSimulation>;
export type ApercuImportLieux = z.infer<typeof apercuLieux>;
export type ApercuImportCommunes = z.infer<typeof apercuCommunes>;
export type CreationAbsence = z.input<typeof absenceCreation>;
export type Absence = z.infer<typeof absenceVue>;
export type Absences = z.infer<typeof absencesVue>;
export type InterimsProposes = z.infer<typeof interimsProposes>;
export type DemandeSimulation = z.input<typeof demandeSimulation>;
export type SimulationEtSi = z.infer<typeof simulationVue>;
export type SimulationLigne = z.infer<typeof simulationLigne>;
export type SimulationsEtSi = z.infer<typeof simulationsListe>;
export type ResultatSimulationEtSi = NonNullable<SimulationEtSi['resultat']>;
