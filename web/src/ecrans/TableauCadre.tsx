import { useState } from 'react';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ACTIONS } from '../../../domain/parcours/actions';
import { agir, requete } from '../api/client';
import type { ListeParcours, Parcours } from '../api/contrat';
import { Donnees, useDonnees } from '../composants/Donnees';
import { Formulaire, idChamp, useEnvoi } from '../composants/Formulaire';
import { ageEtape, Echeance, EtapeBadge, NomUsager } from '../composants/Parcours';
import { GraphiqueAttente } from '../composants/GraphiqueAttente';
import { ETAPES, LIBELLE_ETAPE, libelleEtape } from '../libelles';
import { CHEMINS, nomAgent, nomEquipe, nomTerritoire, type ChargeAgent, type Organisation } from '../api/organisation';

export interface Indicateurs {
  genereLe: string;
  parEtape: {
    etape: string;
    enCours: number;
    enRetard: number;
    ageMoyenJours: number | null;
    ageMaxJours: number | null;
    passages: number;
    delaiMoyenJours: number | null;
    partDansDelai: number | null;
  }[];
  evolution: {
    mois: string;
    ouverts: number;
    clos: number;
    passages: number;
    delaiMoyenJours: number | null;
    partDansDelai: number | null;
  }[];
}

interface Filtres {
  territoireId: string;
  equipeId: string;
  etape: string;
  referentId: string;
  enRetard: boolean;
}

const lireFiltres = (): Filtres => {
  const q = new URLSearchParams(window.location.search);
  return {
    territoireId: q.get('territoireId') ?? '',
    equipeId: q.get('equipeId') ?? '',
    etape: q.get('etape') ?? '',
    referentId: q.get('referentId') ?? '',
    enRetard: q.get('enRetard') === 'true',
  };
};
const jours = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('fr-FR')} j`);
const pourcent = (n: number | null) => (n === null ? '—' : `${Math.round(n * 100)} %`);
const MOIS = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The cadre's board: stalled parcours (overdue first), waiting time per step, caseload, indicators. */
export function TableauCadre() {
  const [filtres, setFiltres] = useState<Filtres>(lireFiltres);
  const [tour, setTour] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const organisation = useDonnees<Organisation>(CHEMINS.organisation);
  const o = organisation.etat === 'ok' ? organisation.donnees : undefined;
  const portee = { territoireId: filtres.territoireId, equipeId: filtres.equipeId };
  const charge = useDonnees<{ items: ChargeAgent[] }>(
    `${CHEMINS.agents}${requete({ ...portee, t: tour || undefined })}`,
  );
  const parcours = useDonnees<ListeParcours>(
    `/parcours${requete({ ...portee, etape: filtres.etape, referentId: filtres.referentId, enRetard: filtres.enRetard || undefined, statut: 'actif', limit: 50, t: tour || undefined })}`,
  );
  const indicateurs = useDonnees<Indicateurs>(
    `/pilotage/indicateurs${requete({ ...portee, referentId: filtres.referentId, t: tour || undefined })}`,
  );
  const agents = charge.etat === 'ok' ? charge.donnees.items : [];

  const changer = (f: Partial<Filtres>) => {
    const suivant = { ...filtres, ...f };
    setFiltres(suivant);
    window.history.replaceState(
      null,
      '',
      `/tableau-de-bord${requete({ ...suivant, enRetard: suivant.enRetard || undefined })}`,
    );
  };
  const equipes = (o?.territoires ?? [])
    .filter((t) => !filtres.territoireId || t.id === filtres.territoireId)
    .flatMap((t) => t.equipes);
  const fait = (m: string) => {
    setMessage(m);
    setTour((t) => t + 1);
  };

  return (
    <>
      <h1>Tableau de bord</h1>
      <form aria-label="Filtres" className="fr-grid-row fr-grid-row--gutters" onSubmit={(e) => e.preventDefault()}>
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label="Territoire"
            nativeSelectProps={{
              id: 'filtre-territoire',
              value: filtres.territoireId,
              onChange: (e) => changer({ territoireId: e.target.value, equipeId: '' }),
            }}
          >
            <option value="">Tous les territoires</option>
            {(o?.territoires ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.nom}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label="Équipe"
            nativeSelectProps={{
              id: 'filtre-equipe',
              value: filtres.equipeId,
              onChange: (e) => changer({ equipeId: e.target.value }),
            }}
          >
            <option value="">Toutes les équipes</option>
            {equipes.map((e) => (
              <option key={e.id} value={e.id}>
                {e.nom}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label="Étape"
            nativeSelectProps={{
              id: 'filtre-etape',
              value: filtres.etape,
              onChange: (e) => changer({ etape: e.target.value }),
            }}
          >
            <option value="">Toutes les étapes</option>
            {ETAPES.filter((e) => e !== 'cloture').map((e) => (
              <option key={e} value={e}>
                {LIBELLE_ETAPE[e]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label="Référent"
            nativeSelectProps={{
              id: 'filtre-referent',
              value: filtres.referentId,
              onChange: (e) => changer({ referentId: e.target.value }),
            }}
          >
            <option value="">Tous les référents</option>
            {agents
              .filter((a) => a.roles.includes('referent') || a.charge > 0)
              .map((a) => (
                <option key={a.agentId} value={a.agentId}>
                  {nomAgent(a)}
                </option>
              ))}
          </Select>
        </div>
        <div className="fr-col-12">
          <Checkbox
            small
            id="filtre-retard"
            options={[
              {
                label: 'Seulement les parcours en retard',
                nativeInputProps: {
                  checked: filtres.enRetard,
                  onChange: (e) => changer({ enRetard: e.target.checked }),
                },
              },
            ]}
          />
        </div>
      </form>

      {message && (
        <Alert
          severity="success"
          small
          description={message}
          closable
          onClose={() => setMessage(null)}
          className="fr-mb-3w"
          role="status"
        />
      )}

      <section aria-labelledby="titre-bloques" className="fr-mt-2w">
        <h2 id="titre-bloques">Parcours en attente</h2>
        <Donnees
          etat={parcours}
          vide={(d) => d.items.length === 0}
          messageVide="Aucun parcours ne correspond à ces filtres."
          libelleChargement="Chargement des parcours…"
        >
          {(d) => (
            <>
              <p className="fr-text--sm">{d.total ?? d.items.length} parcours, les délais dépassés en premier.</p>
              <Table
                caption="Parcours en attente, en retard d’abord"
                noCaption
                headers={[
                  'Usager',
                  'Étape',
                  'Dans l’étape depuis',
                  'Échéance',
                  'Territoire / équipe',
                  'Référent',
                  'Actions',
                ]}
                data={d.items.map((p) => [
                  <NomUsager key="u" parcours={p} />,
                  <EtapeBadge key="e" parcours={p} />,
                  ageEtape(p),
                  <Echeance key="d" parcours={p} />,
                  `${nomTerritoire(o, p.territoireId) ?? '—'} / ${nomEquipe(o, p.equipeId) ?? '—'}`,
                  p.referentId
                    ? agents.find((a) => a.agentId === p.referentId)
                      ? nomAgent(agents.find((a) => a.agentId === p.referentId)!)
                      : p.referentId
                    : 'Non désigné',
                  <ActionsParcours key="a" parcours={p} agents={agents} fait={fait} />,
                ])}
              />
            </>
          )}
        </Donnees>
      </section>

      <Donnees etat={indicateurs} libelleChargement="Calcul des indicateurs…">
        {(ind) => <IndicateursEtapes indicateurs={ind} />}
      </Donnees>

      <section aria-labelledby="titre-charge" className="fr-mt-4w">
        <h2 id="titre-charge">Charge des référents au regard de leur capacité</h2>
        <Donnees etat={charge} vide={(d) => d.items.length === 0} messageVide="Aucun référent dans ce périmètre.">
          {(d) => (
            <Table
              caption="Charge des référents"
              noCaption
              headers={['Référent', 'Parcours suivis', 'Capacité', 'Occupation', 'Dont en retard']}
              data={d.items
                .filter((a) => a.roles.includes('referent') || a.charge > 0)
                .map((a) => {
                  const taux = a.capacite ? a.charge / a.capacite : null;
                  return [
                    nomAgent(a),
                    a.charge,
                    a.capacite ?? '—',
                    taux === null ? (
                      '—'
                    ) : (
                      <span key="j">
                        <span className="charge-jauge" aria-hidden="true">
                          <span
                            className={taux > 1 ? 'depasse' : ''}
                            style={{ width: `${Math.min(100, taux * 100)}%` }}
                          />
                        </span>
                        {Math.round(taux * 100)} %{taux > 1 ? ' (dépassée)' : ''}
                      </span>
                    ),
                    a.enRetard,
                  ];
                })}
            />
          )}
        </Donnees>
      </section>
    </>
  );
}

function IndicateursEtapes({ indicateurs }: { indicateurs: Indicateurs }) {
  const etapes = indicateurs.parEtape.filter((e) => e.etape !== 'accueil' && e.etape !== 'cloture');
  return (
    <>
      <section aria-labelledby="titre-attente" className="fr-mt-4w">
        <h2 id="titre-attente">Attente par étape</h2>
        <GraphiqueAttente
          donnees={etapes.map((e) => ({
            libelle: libelleEtape(e.etape),
            moyenne: e.ageMoyenJours ?? 0,
            max: e.ageMaxJours ?? 0,
            enRetard: e.enRetard,
            nombre: e.enCours,
          }))}
        />
      </section>
      <section aria-labelledby="titre-indicateurs" className="fr-mt-4w">
        <h2 id="titre-indicateurs">Indicateurs par étape (12 derniers mois)</h2>
        <Table
          caption="Indicateurs par étape"
          noCaption
          headers={[
            'Étape',
            'En cours',
            'En retard',
            'Attente moyenne',
            'Étapes franchies',
            'Délai moyen',
            'Part dans les délais',
          ]}
          data={etapes.map((e) => [
            libelleEtape(e.etape),
            e.enCours,
            e.enRetard,
            jours(e.ageMoyenJours),
            e.passages,
            jours(e.delaiMoyenJours),
            pourcent(e.partDansDelai),
          ])}
        />
        <h3 className="fr-h5">Évolution mensuelle</h3>
        <Table
          caption="Évolution mensuelle"
          noCaption
          headers={[
            'Mois',
            'Parcours ouverts',
            'Parcours clos',
            'Étapes franchies',
            'Délai moyen',
            'Part dans les délais',
          ]}
          data={indicateurs.evolution.map((m) => [
            MOIS.format(new Date(`${m.mois}-01T00:00:00Z`)),
            m.ouverts,
            m.clos,
            m.passages,
            jours(m.delaiMoyenJours),
            pourcent(m.partDansDelai),
          ])}
        />
      </section>
    </>
  );
}

/** Reassign (change of référent, with a reason) and send a reminder. */
function ActionsParcours({
  parcours,
  agents,
  fait,
}: {
  parcours: Parcours;
  agents: ChargeAgent[];
  fait: (m: string) => void;
}) {
  const [ouvert, setOuvert] = useState(false);
  const [referentId, setReferent] = useState('');
  const [motif, setMotif] = useState('');
  const reassigner = useEnvoi(
    () => agir(parcours.id, 'changerReferent', { referentId, motif }),
    () => {
      setOuvert(false);
      fait('Parcours réassigné.');
    },
  );
  const relance = useEnvoi(
    () => agir(parcours.id, 'relancer', {}),
    () => fait(ACTIONS.relancer.libelles.fait),
  );
  const candidats = agents.filter((a) => a.roles.includes('referent') && a.agentId !== parcours.referentId);
  const id = parcours.id.slice(0, 8);
  return (
    <div>
      <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline">
        {parcours.referentId && parcours.etape === 'accompagnement' && (
          <li>
            <Button
              size="small"
              priority="secondary"
              aria-expanded={ouvert}
              aria-controls={`reassigner-${id}`}
              onClick={() => setOuvert(!ouvert)}
            >
              Réassigner
            </Button>
          </li>
        )}
        <li>
          <Button size="small" priority="tertiary" disabled={relance.envoi} onClick={(e) => relance.soumettre(e)}>
            Relancer
          </Button>
        </li>
      </ul>
      {relance.erreur && (
        <p className="fr-error-text" role="alert">
          {relance.erreur.message}
        </p>
      )}
      {ouvert && (
        <div id={`reassigner-${id}`} className="fr-mt-1w">
          <Formulaire
            titre="Réassigner le parcours"
            {...reassigner}
            libelleEnvoi="Confirmer la réassignation"
            libelles={{ referentId: 'Nouveau référent', motif: 'Motif' }}
          >
            {candidats.length > 0 ? (
              <Select
                label="Nouveau référent"
                {...reassigner.etatChamp('referentId')}
                nativeSelectProps={{
                  id: idChamp('referentId'),
                  value: referentId,
                  onChange: (e) => setReferent(e.target.value),
                }}
              >
                <option value="">Choisir</option>
                {candidats.map((a) => (
                  <option key={a.agentId} value={a.agentId}>
                    {nomAgent(a)}
                    {a.capacite !== null ? ` — ${a.charge}/${a.capacite}` : ''}
                  </option>
                ))}
              </Select>
            ) : (
              <Input
                label="Nouveau référent (identifiant)"
                {...reassigner.etatChamp('referentId')}
                nativeInputProps={{
                  id: idChamp('referentId'),
                  value: referentId,
                  onChange: (e) => setReferent(e.target.value),
                }}
              />
            )}
            <Input
              label="Motif"
              {...reassigner.etatChamp('motif')}
              nativeInputProps={{ id: idChamp('motif'), value: motif, onChange: (e) => setMotif(e.target.value) }}
            />
          </Formulaire>
        </div>
      )}
    </div>
  );
}
