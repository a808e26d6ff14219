import { useState } from 'react';
import { Donnees, useDonnees } from '../composants/Donnees';
import { Formulaire, useEnvoi } from '../composants/Formulaire';
import { Alerte, Badge, Bouton, ChampTexte, ListeDeroulante, Tableau } from '../composants/ui';
import { api } from '../api/client';
import { CHEMINS, nomAgent } from '../api/organisation';
import type {
  Absence,
  Absences as ListeAbsences,
  AgentsAdministres,
  ChargeAgent,
  InterimsProposes,
} from '../api/contrat';
import type { Session } from '../session';
import { date, options } from '../libelles';
import { LIBELLE_MOTIF_ABSENCE, type StatutAbsence } from '../../../domain/organisation/absences';

const LIBELLES_CHAMPS = {
  agentId: 'Agent absent',
  du: 'Premier jour d’absence',
  au: 'Jour du retour',
  motif: 'Motif',
  interimId: 'Intérim',
};
const STATUT: Record<StatutAbsence, [string, 'info' | 'succes' | 'avertissement']> = {
  prevue: ['Prévue', 'info'],
  en_cours: ['En cours', 'avertissement'],
  terminee: ['Terminée', 'succes'],
  annulee: ['Annulée', 'info'],
};
/** A day typed in the form, as the instant it starts where the agent is. */
const debutDuJour = (jour: string) => (jour ? new Date(`${jour}T00:00:00`).toISOString() : '');

/** The agents the caller may record an absence for: the département's (administrators), their territoire's (cadres). */
function useAgents(administrateur: boolean): { id: string; nom: string }[] | null {
  const admin = useDonnees<AgentsAdministres>(administrateur ? '/administration/agents' : null);
  const charge = useDonnees<{ items: ChargeAgent[] }>(administrateur ? null : CHEMINS.agents);
  if (administrateur)
    return admin.etat === 'ok'
      ? admin.donnees.agents.filter((a) => a.actif).map((a) => ({ id: a.id, nom: nomAgent(a) }))
      : null;
  return charge.etat === 'ok' ? charge.donnees.items.map((a) => ({ id: a.agentId, nom: nomAgent(a) })) : null;
}

function NouvelleAbsence({ agents, fini }: { agents: { id: string; nom: string }[]; fini: () => void }) {
  const [s, setS] = useState({ agentId: '', du: '', au: '', motif: '', interimId: '' });
  const interims = useDonnees<InterimsProposes>(s.agentId ? `/agents/${s.agentId}/interims` : null);
  const envoi = useEnvoi(
    () =>
      api.post<Absence>('/absences', {
        agentId: s.agentId,
        du: debutDuJour(s.du),
        au: debutDuJour(s.au),
        motif: s.motif,
        ...(s.interimId ? { interimId: s.interimId } : {}),
      }),
    () => fini(),
  );
  const changer = (k: keyof typeof s) => (v: string) => {
    envoi.effacer(k);
    setS((x) => ({ ...x, [k]: v, ...(k === 'agentId' ? { interimId: '' } : {}) }));
  };
  const proposes = interims.etat === 'ok' ? interims.donnees.interims : [];
  return (
    <section aria-labelledby="titre-nouvelle-absence" className="panneau">
      <h2 id="titre-nouvelle-absence">Enregistrer une absence</h2>
      <Formulaire
        titre="Enregistrer une absence"
        {...envoi}
        libelleEnvoi="Enregistrer l’absence"
        libelles={LIBELLES_CHAMPS}
      >
        <ListeDeroulante
          {...envoi.champ('agentId')}
          label="Agent absent"
          obligatoire
          valeur={s.agentId}
          changer={changer('agentId')}
          invite="Choisir un agent"
          options={agents.map((a) => ({ valeur: a.id, libelle: a.nom }))}
        />
        <ChampTexte
          {...envoi.champ('du')}
          label="Premier jour d’absence"
          type="date"
          obligatoire
          valeur={s.du}
          changer={changer('du')}
        />
        <ChampTexte
          {...envoi.champ('au')}
          label="Jour du retour"
          aide="Le premier jour où l’agent est de nouveau là."
          type="date"
          obligatoire
          valeur={s.au}
          changer={changer('au')}
        />
        <ListeDeroulante
          {...envoi.champ('motif')}
          label="Motif"
          aide="Une catégorie seulement, jamais de détail médical."
          obligatoire
          valeur={s.motif}
          changer={changer('motif')}
          invite="Choisir un motif"
          options={options(LIBELLE_MOTIF_ABSENCE)}
        />
        <ListeDeroulante
          {...envoi.champ('interimId')}
          label="Intérim"
          aide="Sans choix, le premier proposé : un référent de la même équipe qui a de la place."
          valeur={s.interimId}
          changer={changer('interimId')}
          invite="Le premier proposé"
          options={[
            { valeur: '', libelle: 'Le premier proposé' },
            ...proposes.map((p) => ({
              valeur: p.agentId,
              libelle: p.nom,
              aide: `${p.charge} parcours sur ${p.capacite}${p.complet ? ' (complet)' : ''}`,
            })),
          ]}
        />
      </Formulaire>
      <Bouton variante="secondaire" onPress={fini}>
        Annuler
      </Bouton>
    </section>
  );
}

function Annuler({ absence, fini }: { absence: Absence; fini: () => void }) {
  const envoi = useEnvoi(() => api.patch<Absence>(`/absences/${absence.id}`, { annulee: true }), fini);
  return (
    <>
      <Bouton
        variante="secondaire"
        onPress={() => envoi.soumettre()}
        aria-label={`${absence.statut === 'en_cours' ? 'Mettre fin à' : 'Annuler'} l’absence de ${absence.agent}`}
      >
        {absence.statut === 'en_cours' ? 'Mettre fin' : 'Annuler'}
      </Bouton>
      {envoi.erreur && <Alerte type="erreur">{envoi.erreur.message}</Alerte>}
    </>
  );
}

/**
 * Absences of agents and their intérims (administrators, cadres): at the first day, the absent référent's
 * parcours pass to the intérim (reminders included), and come back on the return.
 */
export default function Absences({ session }: { session: Session }) {
  const administrateur = session.roles.includes('administrateur');
  const absences = useDonnees<ListeAbsences>('/absences');
  const agents = useAgents(administrateur);
  const [nouvelle, setNouvelle] = useState(false);
  const fini = () => {
    setNouvelle(false);
    absences.recharger();
  };
  return (
    <>
      <h1>Absences et intérims</h1>
      <p>
        Pendant l’absence d’un référent, ses parcours passent à l’intérim : les relances lui sont adressées, il agit à
        sa place. La personne et l’équipe sont prévenues, au départ comme au retour. Chaque changement est enregistré
        avec son auteur et sa date.
      </p>
      {!nouvelle && <Bouton onPress={() => setNouvelle(true)}>Enregistrer une absence</Bouton>}
      {nouvelle && agents && <NouvelleAbsence agents={agents} fini={fini} />}
      {nouvelle && !agents && <Alerte type="info">Chargement des agents…</Alerte>}
      <Donnees etat={absences} vide={(d) => d.absences.length === 0} messageVide="Aucune absence enregistrée.">
        {(d) => (
          <Tableau
            legende={`Absences (${d.absences.length})`}
            entetes={['Agent', 'Du', 'Retour le', 'Motif', 'Intérim', 'Parcours confiés', 'État', 'Action']}
            lignes={d.absences.map((a) => ({
              cle: a.id,
              cellules: [
                a.agent,
                date(a.du),
                date(a.au),
                LIBELLE_MOTIF_ABSENCE[a.motif],
                a.interim,
                a.statut === 'prevue' ? '—' : a.parcoursConfies,
                <Badge key="etat" type={STATUT[a.statut][1]}>
                  {STATUT[a.statut][0]}
                </Badge>,
                a.statut === 'prevue' || a.statut === 'en_cours' ? (
                  <Annuler key="annuler" absence={a} fini={fini} />
                ) : (
                  '—'
                ),
              ],
            }))}
          />
        )}
      </Donnees>
    </>
  );
}
