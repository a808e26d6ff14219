import { useState } from 'react';
import { api } from '../api/client';
import type { ListeSessions, SessionDetail } from '../api/contrat';
import { Donnees, useDonnees } from '../composants/Donnees';
import { Formulaire, useEnvoi } from '../composants/Formulaire';
import { ChampTexte, Lien, Tableau } from '../composants/ui';
import { ChampsDateHeure, useDateHeure } from '../composants/DateHeure';
import { dateHeure, nombre } from '../libelles';
import { naviguer } from '../navigation';
import type { Session } from '../session';
import { LIBELLE_STATUT_SESSION } from '../../../domain/equipe/session';

const LIBELLES = { le: 'Date et heure', lieu: 'Lieu', equipeId: 'Équipe', membres: 'Membres' };

/** A cadre of an équipe schedules its next session; the members are its cadres, évaluateurs and référents. */
function Planifier({ equipeId }: { equipeId: string }) {
  const d = useDateHeure();
  const [lieu, setLieu] = useState('');
  const f = useEnvoi(
    (cle) => api.post<SessionDetail>('/sessions', { equipeId, le: d.instant(), lieu }, { 'Idempotency-Key': cle }),
    (s) => naviguer(`/agenda-equipe/${s.id}`),
  );
  return (
    <section aria-labelledby="titre-planifier">
      <h2 id="titre-planifier">Planifier une session</h2>
      <p className="discret">
        Les personnes des dossiers inscrits sont convoquées automatiquement au délai du département avant la séance
        (courrier, courriel, SMS si elles l’ont accepté).
      </p>
      <Formulaire titre="Planifier une session" {...f} libelleEnvoi="Planifier la session" libelles={LIBELLES}>
        <ChampsDateHeure f={f} champ="le" d={d} />
        <ChampTexte
          {...f.champ('lieu')}
          label="Lieu"
          obligatoire
          valeur={lieu}
          changer={(v) => {
            setLieu(v);
            f.effacer('lieu');
          }}
        />
      </Formulaire>
    </section>
  );
}

/** The agenda of the équipe pluridisciplinaire: the coming sessions and those whose decisions are on their way. */
export default function AgendaEquipe({ session }: { session: Session }) {
  const sessions = useDonnees<ListeSessions>('/sessions?a_venir=true');
  return (
    <>
      <h1>Sessions de l’équipe pluridisciplinaire</h1>
      <section aria-labelledby="titre-agenda">
        <h2 id="titre-agenda">Agenda</h2>
        <Donnees
          etat={sessions}
          vide={(d) => d.items.length === 0}
          messageVide="Aucune session à venir."
          libelleChargement="Chargement de l’agenda…"
        >
          {(d) => (
            <Tableau
              legende="Sessions à venir et en cours"
              legendeCachee
              entetes={['Date', 'Équipe', 'Lieu', 'Dossiers', 'État']}
              lignes={d.items.map((s) => ({
                cle: s.id,
                cellules: [
                  <Lien key="l" vers={`/agenda-equipe/${s.id}`}>
                    Session du {dateHeure(s.le)}
                  </Lien>,
                  s.equipe,
                  s.lieu,
                  nombre(s.dossiers, 'dossier', 'dossiers'),
                  LIBELLE_STATUT_SESSION[s.statut],
                ],
              }))}
            />
          )}
        </Donnees>
      </section>
      {session.roles.includes('cadre') && session.equipeId && <Planifier equipeId={session.equipeId} />}
    </>
  );
}
