import { useState } from 'react';
import { api } from '../api/client';
import type { ListeParcours, SessionDetail } from '../api/contrat';
import { Donnees, useDonnees } from '../composants/Donnees';
import { ExamenDossier } from '../composants/ExamenDossier';
import { Formulaire, useEnvoi } from '../composants/Formulaire';
import {
  Alerte,
  Badge,
  Bouton,
  BoutonsRadio,
  CasesACocher,
  FilAriane,
  ListeDeroulante,
  Lien,
  Proprietes,
  Tableau,
} from '../composants/ui';
import { dateHeure, jours, libelleEtape, nombre } from '../libelles';
import type { Session } from '../session';
import {
  LIBELLE_NATURE,
  LIBELLE_PRESENCE,
  LIBELLE_STATUT_SESSION,
  type IssueDossier,
} from '../../../domain/equipe/session';
import { libelleDecision } from '../../../documents/sessions';

const LIBELLE_ISSUE: Record<IssueDossier, string> = {
  appliquee: 'Appliquée au parcours',
  avis_rendu: 'Avis rendu',
  ajourne: 'Reporté',
  non_applicable: 'Non appliquée',
};

/** Queue a case: the équipe's parcours waiting for an orientation (or, for an opinion, those followed). */
function Inscrire({ s, fait }: { s: SessionDetail; fait: (d: SessionDetail) => void }) {
  const [nature, setNature] = useState<string>('orientation');
  const [parcoursId, setParcoursId] = useState('');
  const etape = nature === 'sanction' ? 'accompagnement' : 'orientation';
  const candidats = useDonnees<ListeParcours>(`/parcours?equipeId=${s.equipeId}&etape=${etape}&statut=actif&limit=200`);
  const inscrits = new Set(s.items.map((d) => d.parcoursId));
  const f = useEnvoi(
    (cle) =>
      api.post<SessionDetail>(
        `/sessions/${s.id}/dossiers`,
        { parcoursId: parcoursId || undefined, nature },
        { 'Idempotency-Key': cle },
      ),
    (d) => {
      setParcoursId('');
      fait(d);
    },
  );
  return (
    <section aria-labelledby="titre-inscrire">
      <h2 id="titre-inscrire">Inscrire un dossier</h2>
      <Formulaire
        titre="Inscrire un dossier"
        {...f}
        libelleEnvoi="Inscrire"
        libelles={{ parcoursId: 'Personne', nature: 'Nature du dossier' }}
      >
        <BoutonsRadio
          {...f.champ('nature')}
          label="Nature du dossier"
          obligatoire
          valeur={nature}
          changer={(v) => {
            setNature(v);
            setParcoursId('');
            f.effacer('nature');
          }}
          options={s.naturesPermises.map((n) => ({ valeur: n, libelle: LIBELLE_NATURE[n] }))}
        />
        <Donnees etat={candidats} libelleChargement="Recherche des parcours…">
          {(l) => (
            <ListeDeroulante
              {...f.champ('parcoursId')}
              label="Personne"
              obligatoire
              valeur={parcoursId}
              changer={(v) => {
                setParcoursId(v);
                f.effacer('parcoursId');
              }}
              invite={l.items.length ? 'Choisir une personne' : 'Aucun parcours en attente'}
              options={l.items
                .filter((p) => !inscrits.has(p.id))
                .map((p) => ({
                  valeur: p.id,
                  libelle: p.noms.usager,
                  aide: `${libelleEtape(p.etape)}${p.retard ? ` — en retard de ${jours(p.retard.jours)}` : ''}`,
                }))}
            />
          )}
        </Donnees>
      </Formulaire>
    </section>
  );
}

/** Closing: the members present (quorum), then the decisions are applied and notified by the system. */
function Clore({ s, fait }: { s: SessionDetail; fait: (d: SessionDetail) => void }) {
  const [presents, setPresents] = useState<string[]>([]);
  const f = useEnvoi(
    (cle) =>
      api.post<SessionDetail>(`/sessions/${s.id}/cloture`, { membresPresents: presents }, { 'Idempotency-Key': cle }),
    fait,
  );
  const sansDecision = s.items.filter((d) => !d.decision).length;
  return (
    <section aria-labelledby="titre-clore">
      <h2 id="titre-clore">Clore la session</h2>
      <p>
        À la clôture, chaque décision est appliquée au parcours et notifiée à la personne, et le procès-verbal est
        établi.{' '}
        {sansDecision > 0 && (
          <strong>
            {nombre(sansDecision, 'dossier sans décision sera reporté', 'dossiers sans décision seront reportés')}.
          </strong>
        )}
      </p>
      <Formulaire
        titre="Clore la session"
        {...f}
        libelleEnvoi="Clore la session"
        libelles={{ membresPresents: 'Membres présents' }}
      >
        <CasesACocher
          {...f.champ('membresPresents')}
          label={`Membres présents (${s.quorum} au moins)`}
          obligatoire
          valeurs={presents}
          changer={(v) => {
            setPresents(v);
            f.effacer('membresPresents');
          }}
          options={s.membres.map((m) => ({ valeur: m.id, libelle: m.nom }))}
        />
      </Formulaire>
    </section>
  );
}

/** A session: its cases with the parcours' lateness, the decision form of each, the closing and the PV. */
export default function SessionEquipe({ sessionId, session }: { sessionId: string; session: Session }) {
  const lu = useDonnees<SessionDetail>(`/sessions/${sessionId}`);
  const [examine, setExamine] = useState<string | null>(null);
  const [recu, setRecu] = useState<SessionDetail | null>(null);
  const cadre = session.roles.includes('cadre');
  return (
    <Donnees etat={lu} titre="Session de l’équipe" libelleChargement="Chargement de la session…">
      {(charge) => {
        const s = recu && recu.id === charge.id ? recu : charge;
        const ouverte = s.statut === 'planifiee' || s.statut === 'convoquee';
        const fait = (d: SessionDetail) => {
          setRecu(d);
          setExamine(null);
        };
        const dossier = s.items.find((d) => d.id === examine);
        return (
          <>
            <FilAriane
              elements={[
                { libelle: 'Sessions de l’équipe', vers: '/agenda-equipe' },
                { libelle: `Session du ${dateHeure(s.le)}` },
              ]}
            />
            <h1>Session du {dateHeure(s.le)}</h1>
            <Proprietes
              elements={[
                ['Équipe', s.equipe],
                ['Lieu', s.lieu],
                ['État', LIBELLE_STATUT_SESSION[s.statut]],
                ['Convocations', s.statut === 'planifiee' ? `envoyées le ${dateHeure(s.convocationLe)}` : 'envoyées'],
                ['Membres', s.membres.map((m) => m.nom).join(', ')],
                ...(s.membresPresents.length
                  ? [['Présents', s.membresPresents.map((m) => m.nom).join(', ')] as [string, string]]
                  : []),
              ]}
            />
            {s.pv && (
              <p>
                <a href={`/sessions/${s.id}/pv`} download className="bouton bouton-secondaire">
                  Télécharger le procès-verbal (PDF)
                </a>
              </p>
            )}
            {s.statut === 'close' && (
              <Alerte type="info" titre="Session close">
                Les décisions sont en cours d’application aux parcours et de notification aux personnes.
                <Bouton variante="discret" petit onPress={lu.recharger}>
                  Actualiser
                </Bouton>
              </Alerte>
            )}
            <section aria-labelledby="titre-dossiers">
              <h2 id="titre-dossiers">Dossiers ({s.items.length})</h2>
              {s.items.length === 0 ? (
                <p className="vide">Aucun dossier inscrit.</p>
              ) : (
                <Tableau
                  legende="Dossiers de la session, dans l’ordre d’examen"
                  legendeCachee
                  entetes={['Personne', 'Nature', 'Parcours', 'Présence', 'Décision', 'Documents']}
                  lignes={s.items.map((d) => ({
                    cle: d.id,
                    urgente: !!d.parcours.retard && !d.issue,
                    cellules: [
                      <Lien key="p" vers={`/dossiers/${d.usagerId}`}>
                        {d.personne}
                      </Lien>,
                      LIBELLE_NATURE[d.nature],
                      <span key="r">
                        {libelleEtape(d.parcours.etape)}
                        {d.parcours.retard && (
                          <>
                            {' '}
                            <Badge type="erreur">
                              En retard de {jours(d.parcours.retard.jours)} ({d.parcours.retard.regle})
                            </Badge>
                          </>
                        )}
                      </span>,
                      d.presence ? LIBELLE_PRESENCE[d.presence] : '—',
                      <span key="d">
                        {d.decision ? libelleDecision(d.decision) : '—'}
                        {d.issue && (
                          <>
                            {' '}
                            <Badge type={d.issue === 'non_applicable' ? 'avertissement' : 'succes'}>
                              {LIBELLE_ISSUE[d.issue]}
                            </Badge>
                          </>
                        )}
                        {ouverte && cadre && (
                          <>
                            {' '}
                            <Bouton variante="secondaire" petit onPress={() => setExamine(d.id)}>
                              {d.decision ? 'Modifier' : 'Décider'}
                              <span className="visuellement-cache"> pour {d.personne}</span>
                            </Bouton>
                          </>
                        )}
                      </span>,
                      <span key="c">
                        <a href={`/sessions/${s.id}/dossiers/${d.id}/convocation`} download>
                          Convocation<span className="visuellement-cache"> de {d.personne}</span>
                        </a>
                        {d.issue && d.issue !== 'non_applicable' && (
                          <>
                            {' · '}
                            <a href={`/sessions/${s.id}/dossiers/${d.id}/decision`} download>
                              Lettre de décision<span className="visuellement-cache"> de {d.personne}</span>
                            </a>
                          </>
                        )}
                      </span>,
                    ],
                  }))}
                />
              )}
            </section>
            {dossier && (
              <section aria-labelledby="titre-examen">
                <h2 id="titre-examen">Décision pour {dossier.personne}</h2>
                <ExamenDossier key={dossier.id} sessionId={s.id} dossier={dossier} fait={fait} />
              </section>
            )}
            {ouverte && cadre && !dossier && <Inscrire s={s} fait={fait} />}
            {ouverte && cadre && !dossier && s.items.length > 0 && <Clore s={s} fait={fait} />}
          </>
        );
      }}
    </Donnees>
  );
}
