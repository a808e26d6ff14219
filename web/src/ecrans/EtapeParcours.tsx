import { useState } from 'react';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { api } from '../api/client';
import type { DomaineBesoin, Objectif, Parcours } from '../api/types';
import { Donnees, useDonnees } from '../composants/Donnees';
import { Formulaire, idChamp, useEnvoi } from '../composants/Formulaire';
import { ageEtape, Echeance, NomUsager } from '../composants/Parcours';
import { DOMAINES_BESOIN, LIBELLE_DOMAINE, libelleEtape, MOTIFS_CLOTURE } from '../libelles';
import { naviguer } from '../navigation';
import { CHEMINS, nomAgent, type ChargeAgent, type PropositionReferent } from '../api/organisation';
import { requete } from '../api/client';

type Props = { parcours: Parcours };

const TITRES: Record<string, string> = {
  evaluation: 'Évaluation globale',
  orientation: 'Orientation',
  referent: 'Désignation du référent de parcours',
  plan: 'Plan d’accompagnement',
  revue: 'Revue de parcours',
  suspension: 'Suspendre le parcours',
  reprise: 'Reprendre le parcours',
  cloture: 'Clore le parcours',
  'changement-referent': 'Changer de référent',
};

/** Objectives of the plan, wherever the API puts them (detail fields or the plan event). */
function objectifsDe(p: Parcours): Objectif[] {
  const direct = p.objectifs ?? p.plan?.objectifs;
  if (direct?.length) return direct;
  const plan = [...(p.evenements ?? [])].reverse().find((e) => e.type === 'plan');
  const o = plan?.donnees.objectifs;
  return Array.isArray(o) ? (o as Objectif[]).filter((x) => typeof x.id === 'string') : [];
}

/** One step of a parcours: the parcours in brief, then the form of the requested action. */
export function EtapeParcours({ parcoursId, action }: { parcoursId: string; action: string }) {
  const lu = useDonnees<Parcours>(`/parcours/${parcoursId}`);
  return (
    <Donnees etat={lu} libelleChargement="Chargement du parcours…">
      {(p) => {
        const a =
          action === 'accompagnement'
            ? objectifsDe(p).length || (p.evenements ?? []).some((e) => e.type === 'plan')
              ? 'revue'
              : 'plan'
            : action;
        const titre = TITRES[a] ?? 'Action inconnue';
        return (
          <>
            <Breadcrumb
              currentPageLabel={titre}
              segments={[
                {
                  label: 'Dossier social',
                  linkProps: {
                    href: `/dossiers/${p.usagerId}`,
                    onClick: (e) => {
                      e.preventDefault();
                      naviguer(`/dossiers/${p.usagerId}`);
                    },
                  },
                },
              ]}
            />
            <h1>{titre}</h1>
            <p>
              Usager : <NomUsager parcours={p} /> — étape : <strong>{libelleEtape(p.etape)}</strong> depuis{' '}
              {ageEtape(p)} — échéance : <Echeance parcours={p} />
            </p>
            <FormulaireAction action={a} parcours={p} />
          </>
        );
      }}
    </Donnees>
  );
}

function FormulaireAction({ action, parcours }: { action: string } & Props) {
  switch (action) {
    case 'evaluation':
      return <FormulaireEvaluation parcours={parcours} />;
    case 'orientation':
      return <FormulaireOrientation parcours={parcours} />;
    case 'referent':
      return <FormulaireReferent parcours={parcours} />;
    case 'changement-referent':
      return <FormulaireReferent parcours={parcours} changement />;
    case 'plan':
      return <FormulairePlan parcours={parcours} />;
    case 'revue':
      return <FormulaireRevue parcours={parcours} />;
    case 'suspension':
      return <FormulaireMotif parcours={parcours} action="suspension" libelle="Suspendre" />;
    case 'reprise':
      return (
        <FormulaireMotif parcours={parcours} action="reprise" libelle="Reprendre le parcours" sansMotif commentaire />
      );
    case 'cloture':
      return <FormulaireMotif parcours={parcours} action="cloture" libelle="Clore le parcours" commentaire />;
    default:
      return <p>Cette action n’existe pas.</p>;
  }
}

/** Posts to /parcours/:id/<chemin>, then back to the dossier with a confirmation. */
function useAction(parcours: Parcours, chemin: string, corps: () => unknown, fait: string) {
  return useEnvoi(
    () => api.post<Parcours>(`/parcours/${parcours.id}/${chemin}`, corps()),
    () => naviguer(`/dossiers/${parcours.usagerId}?fait=${fait}`),
  );
}

function FormulaireEvaluation({ parcours }: Props) {
  const [diagnostic, setDiagnostic] = useState(() =>
    parcours.besoins.map((d) => ({ domaine: d, constat: '', besoinAccompagnement: true })),
  );
  const [conclusion, setConclusion] = useState<'repondu' | 'orientation' | ''>('');
  const [synthese, setSynthese] = useState('');
  const f = useAction(
    parcours,
    'evaluation',
    () => ({ diagnostic, conclusion: conclusion || undefined, synthese }),
    'evaluation',
  );
  const maj = (i: number, v: Partial<(typeof diagnostic)[number]>) =>
    setDiagnostic(diagnostic.map((d, j) => (i === j ? { ...d, ...v } : d)));
  return (
    <Formulaire
      titre="Évaluation globale"
      {...f}
      libelleEnvoi="Enregistrer l’évaluation"
      libelles={{ synthese: 'Synthèse', conclusion: 'Conclusion', diagnostic: 'Diagnostic' }}
    >
      <h2 className="fr-h4">Diagnostic par domaine</h2>
      {diagnostic.map((d, i) => (
        <fieldset key={i} className="fr-fieldset fr-mb-2w" aria-labelledby={`diag-${i}`}>
          <legend id={`diag-${i}`} className="fr-fieldset__legend">
            Domaine {i + 1}
          </legend>
          <div className="fr-fieldset__element">
            <Select
              label="Domaine"
              {...f.etatChamp(`diagnostic.${i}.domaine`)}
              nativeSelectProps={{
                id: idChamp(`diagnostic.${i}.domaine`),
                value: d.domaine,
                onChange: (e) => maj(i, { domaine: e.target.value }),
              }}
            >
              {DOMAINES_BESOIN.map((x) => (
                <option key={x} value={x}>
                  {LIBELLE_DOMAINE[x]}
                </option>
              ))}
            </Select>
            <Input
              label="Constat"
              textArea
              {...f.etatChamp(`diagnostic.${i}.constat`)}
              nativeTextAreaProps={{
                id: idChamp(`diagnostic.${i}.constat`),
                rows: 3,
                value: d.constat,
                onChange: (e) => maj(i, { constat: e.target.value }),
              }}
            />
            <Checkbox
              options={[
                {
                  label: 'Un accompagnement est nécessaire dans ce domaine',
                  nativeInputProps: {
                    checked: d.besoinAccompagnement,
                    onChange: (e) => maj(i, { besoinAccompagnement: e.target.checked }),
                  },
                },
              ]}
            />
            {diagnostic.length > 1 && (
              <Button
                type="button"
                priority="tertiary"
                size="small"
                onClick={() => setDiagnostic(diagnostic.filter((_, j) => j !== i))}
              >
                Retirer ce domaine
              </Button>
            )}
          </div>
        </fieldset>
      ))}
      <Button
        type="button"
        priority="secondary"
        size="small"
        iconId="fr-icon-add-line"
        onClick={() =>
          setDiagnostic([...diagnostic, { domaine: 'acces_droits', constat: '', besoinAccompagnement: false }])
        }
      >
        Ajouter un domaine
      </Button>
      <div id={idChamp('diagnostic')} />
      <RadioButtons
        className="fr-mt-3w"
        legend="Conclusion *"
        name="conclusion"
        {...f.etatChamp('conclusion')}
        options={[
          {
            label: 'Besoin répondu : le parcours se clôt',
            nativeInputProps: {
              value: 'repondu',
              checked: conclusion === 'repondu',
              onChange: () => setConclusion('repondu'),
            },
          },
          {
            label: 'Orientation vers l’équipe pluridisciplinaire',
            nativeInputProps: {
              value: 'orientation',
              checked: conclusion === 'orientation',
              onChange: () => setConclusion('orientation'),
            },
          },
        ]}
      />
      <Input
        label="Synthèse *"
        textArea
        {...f.etatChamp('synthese')}
        nativeTextAreaProps={{
          id: idChamp('synthese'),
          rows: 4,
          value: synthese,
          onChange: (e) => setSynthese(e.target.value),
        }}
      />
    </Formulaire>
  );
}

function FormulaireOrientation({ parcours }: Props) {
  const [decision, setDecision] = useState<'accompagnement' | 'externe' | ''>('');
  const [typeAccompagnement, setType] = useState('');
  const [organismeExterne, setOrganisme] = useState('');
  const [motif, setMotif] = useState('');
  const f = useAction(
    parcours,
    'orientation',
    () => ({
      decision: decision || undefined,
      ...(decision === 'accompagnement' && typeAccompagnement ? { typeAccompagnement } : {}),
      ...(decision === 'externe' && organismeExterne ? { organismeExterne } : {}),
      ...(motif.trim() ? { motif } : {}),
    }),
    'orientation',
  );
  return (
    <Formulaire
      titre="Orientation"
      {...f}
      libelleEnvoi="Enregistrer la décision"
      libelles={{
        decision: 'Décision',
        typeAccompagnement: 'Type d’accompagnement',
        organismeExterne: 'Organisme',
        motif: 'Motif',
      }}
    >
      <RadioButtons
        legend="Décision de l’équipe pluridisciplinaire *"
        name="decision"
        id={idChamp('decision')}
        {...f.etatChamp('decision')}
        options={[
          {
            label: 'Accompagnement par le département',
            nativeInputProps: {
              value: 'accompagnement',
              checked: decision === 'accompagnement',
              onChange: () => setDecision('accompagnement'),
            },
          },
          {
            label: 'Orientation vers un organisme extérieur',
            nativeInputProps: {
              value: 'externe',
              checked: decision === 'externe',
              onChange: () => setDecision('externe'),
            },
          },
        ]}
      />
      {decision === 'accompagnement' && (
        <Select
          label="Type d’accompagnement *"
          {...f.etatChamp('typeAccompagnement')}
          nativeSelectProps={{
            id: idChamp('typeAccompagnement'),
            value: typeAccompagnement,
            onChange: (e) => setType(e.target.value),
          }}
        >
          <option value="">Choisir</option>
          <option value="social">Social</option>
          <option value="professionnel">Professionnel (France Travail)</option>
          <option value="socio_professionnel">Socio-professionnel</option>
        </Select>
      )}
      {decision === 'externe' && (
        <Input
          label="Organisme extérieur *"
          {...f.etatChamp('organismeExterne')}
          nativeInputProps={{
            id: idChamp('organismeExterne'),
            value: organismeExterne,
            onChange: (e) => setOrganisme(e.target.value),
          }}
        />
      )}
      <Input
        label="Motif"
        textArea
        {...f.etatChamp('motif')}
        nativeTextAreaProps={{ id: idChamp('motif'), rows: 3, value: motif, onChange: (e) => setMotif(e.target.value) }}
      />
    </Formulaire>
  );
}

function FormulaireReferent({ parcours, changement = false }: Props & { changement?: boolean }) {
  const propositions = useDonnees<PropositionReferent[]>(
    parcours.equipeId ? `/equipes/${parcours.equipeId}/referents${requete({ usagerId: parcours.usagerId })}` : null,
  );
  const agents = useDonnees<{ items: ChargeAgent[] }>(CHEMINS.agents);
  const [referentId, setReferent] = useState('');
  const [accord, setAccord] = useState(false);
  const [motif, setMotif] = useState('');
  const f = useAction(
    parcours,
    changement ? 'referent/changement' : 'referent',
    () => (changement ? { referentId, motif } : { referentId, accordUsager: accord }),
    changement ? 'changement-referent' : 'referent',
  );
  const noms = new Map((agents.etat === 'ok' ? agents.donnees.items : []).map((a) => [a.agentId, nomAgent(a)]));
  const props = (propositions.etat === 'ok' ? propositions.donnees : []).filter(
    (p) => p.agentId !== parcours.referentId,
  );
  const options = props.length
    ? props.map((p) => ({
        id: p.agentId,
        texte: `${noms.get(p.agentId) ?? p.agentId} — ${p.charge}/${p.capacite} parcours${p.continuite ? ' — déjà connu de la personne' : ''}${p.complet ? ' — complet' : ''}`,
      }))
    : (agents.etat === 'ok' ? agents.donnees.items : [])
        .filter((a) => a.roles.includes('referent') && a.agentId !== parcours.referentId)
        .map((a) => ({
          id: a.agentId,
          texte: `${nomAgent(a)}${a.capacite !== null ? ` — ${a.charge}/${a.capacite} parcours` : ''}`,
        }));
  return (
    <Formulaire
      titre={changement ? 'Changer de référent' : 'Désignation du référent'}
      {...f}
      libelleEnvoi={changement ? 'Changer de référent' : 'Désigner le référent'}
      libelles={{ referentId: 'Référent', accordUsager: 'Accord de la personne', motif: 'Motif' }}
    >
      {changement && parcours.referentId && (
        <p>
          Référent actuel : <strong>{parcours.referentId}</strong>
        </p>
      )}
      {options.length > 0 ? (
        <Select
          label="Référent de parcours *"
          hint={props.length ? 'Propositions classées : continuité, proximité, charge.' : undefined}
          {...f.etatChamp('referentId')}
          nativeSelectProps={{
            id: idChamp('referentId'),
            value: referentId,
            onChange: (e) => setReferent(e.target.value),
          }}
        >
          <option value="">Choisir un référent</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.texte}
            </option>
          ))}
        </Select>
      ) : (
        <Input
          label="Identifiant du référent *"
          hintText="Aucune proposition disponible : saisir l’identifiant de l’agent."
          {...f.etatChamp('referentId')}
          nativeInputProps={{
            id: idChamp('referentId'),
            value: referentId,
            onChange: (e) => setReferent(e.target.value),
          }}
        />
      )}
      {changement ? (
        <Input
          label="Motif du changement *"
          textArea
          {...f.etatChamp('motif')}
          nativeTextAreaProps={{
            id: idChamp('motif'),
            rows: 3,
            value: motif,
            onChange: (e) => setMotif(e.target.value),
          }}
        />
      ) : (
        <Checkbox
          id={idChamp('accordUsager')}
          {...f.etatChamp('accordUsager')}
          options={[
            {
              label: 'La personne a donné son accord pour ce référent *',
              nativeInputProps: { checked: accord, onChange: (e) => setAccord(e.target.checked) },
            },
          ]}
        />
      )}
    </Formulaire>
  );
}

function FormulairePlan({ parcours }: Props) {
  const [objectifs, setObjectifs] = useState<{ libelle: string; domaine: string }[]>(() => [
    { libelle: '', domaine: parcours.besoins[0] ?? 'insertion_emploi' },
  ]);
  const f = useAction(parcours, 'plan', () => ({ objectifs }), 'plan');
  const maj = (i: number, v: Partial<(typeof objectifs)[number]>) =>
    setObjectifs(objectifs.map((o, j) => (i === j ? { ...o, ...v } : o)));
  return (
    <Formulaire
      titre="Plan d’accompagnement"
      {...f}
      libelleEnvoi="Enregistrer le plan"
      libelles={{ objectifs: 'Objectifs' }}
    >
      <div id={idChamp('objectifs')} />
      {objectifs.map((o, i) => (
        <fieldset key={i} className="fr-fieldset fr-mb-2w">
          <legend className="fr-fieldset__legend">Objectif {i + 1}</legend>
          <div className="fr-fieldset__element">
            <Input
              label="Objectif *"
              {...f.etatChamp(`objectifs.${i}.libelle`)}
              nativeInputProps={{
                id: idChamp(`objectifs.${i}.libelle`),
                value: o.libelle,
                onChange: (e) => maj(i, { libelle: e.target.value }),
              }}
            />
            <Select
              label="Domaine"
              {...f.etatChamp(`objectifs.${i}.domaine`)}
              nativeSelectProps={{
                id: idChamp(`objectifs.${i}.domaine`),
                value: o.domaine,
                onChange: (e) => maj(i, { domaine: e.target.value }),
              }}
            >
              {DOMAINES_BESOIN.map((x) => (
                <option key={x} value={x}>
                  {LIBELLE_DOMAINE[x]}
                </option>
              ))}
            </Select>
            {objectifs.length > 1 && (
              <Button
                type="button"
                priority="tertiary"
                size="small"
                onClick={() => setObjectifs(objectifs.filter((_, j) => j !== i))}
              >
                Retirer cet objectif
              </Button>
            )}
          </div>
        </fieldset>
      ))}
      <Button
        type="button"
        priority="secondary"
        size="small"
        iconId="fr-icon-add-line"
        onClick={() => setObjectifs([...objectifs, { libelle: '', domaine: 'insertion_emploi' }])}
      >
        Ajouter un objectif
      </Button>
    </Formulaire>
  );
}

const AVANCEMENTS = [
  ['non_commence', 'Non commencé'],
  ['en_cours', 'En cours'],
  ['atteint', 'Atteint'],
  ['abandonne', 'Abandonné'],
] as const;

function FormulaireRevue({ parcours }: Props) {
  const objectifs = objectifsDe(parcours);
  const [synthese, setSynthese] = useState('');
  const [progres, setProgres] = useState(() =>
    objectifs.map((o) => ({ objectifId: o.id, avancement: 'en_cours', commentaire: '' })),
  );
  const [issue, setIssue] = useState<'poursuite' | 'reorientation' | 'cloture' | ''>('');
  const [motifCloture, setMotifCloture] = useState('');
  const [prolongation, setProlongation] = useState('');
  const f = useAction(
    parcours,
    'revues',
    () => ({
      synthese,
      progres: progres.map((p) => ({
        objectifId: p.objectifId,
        avancement: p.avancement,
        ...(p.commentaire.trim() ? { commentaire: p.commentaire } : {}),
      })),
      issue: issue || undefined,
      ...(issue === 'cloture' ? { motifCloture: motifCloture || undefined } : {}),
      ...(prolongation.trim() ? { prolongation: { motif: prolongation } } : {}),
    }),
    'revue',
  );
  return (
    <Formulaire
      titre="Revue de parcours"
      {...f}
      libelleEnvoi="Enregistrer la revue"
      libelles={{
        synthese: 'Synthèse',
        issue: 'Issue',
        motifCloture: 'Motif de clôture',
        progres: 'Progrès',
        'prolongation.motif': 'Prolongation',
      }}
    >
      <h2 className="fr-h4">Avancement des objectifs</h2>
      <div id={idChamp('progres')} />
      {objectifs.length === 0 && <p className="ecran-vide">Aucun objectif dans le plan.</p>}
      {objectifs.map((o, i) => (
        <fieldset key={o.id} className="fr-fieldset fr-mb-2w">
          <legend className="fr-fieldset__legend">
            {o.libelle}{' '}
            <span className="fr-text--sm">({LIBELLE_DOMAINE[o.domaine as DomaineBesoin] ?? o.domaine})</span>
          </legend>
          <div className="fr-fieldset__element">
            <Select
              label={`Avancement — ${o.libelle}`}
              {...f.etatChamp(`progres.${i}.avancement`)}
              nativeSelectProps={{
                id: idChamp(`progres.${i}.avancement`),
                value: progres[i]?.avancement,
                onChange: (e) =>
                  setProgres(progres.map((p, j) => (i === j ? { ...p, avancement: e.target.value } : p))),
              }}
            >
              {AVANCEMENTS.map(([v, t]) => (
                <option key={v} value={v}>
                  {t}
                </option>
              ))}
            </Select>
            <Input
              label={`Commentaire — ${o.libelle}`}
              nativeInputProps={{
                value: progres[i]?.commentaire ?? '',
                onChange: (e) =>
                  setProgres(progres.map((p, j) => (i === j ? { ...p, commentaire: e.target.value } : p))),
              }}
            />
          </div>
        </fieldset>
      ))}
      <Input
        label="Synthèse de la revue *"
        textArea
        {...f.etatChamp('synthese')}
        nativeTextAreaProps={{
          id: idChamp('synthese'),
          rows: 4,
          value: synthese,
          onChange: (e) => setSynthese(e.target.value),
        }}
      />
      <RadioButtons
        legend="Issue *"
        name="issue"
        id={idChamp('issue')}
        {...f.etatChamp('issue')}
        options={[
          {
            label: 'Poursuite de l’accompagnement',
            nativeInputProps: {
              value: 'poursuite',
              checked: issue === 'poursuite',
              onChange: () => setIssue('poursuite'),
            },
          },
          {
            label: 'Demande de réorientation',
            nativeInputProps: {
              value: 'reorientation',
              checked: issue === 'reorientation',
              onChange: () => setIssue('reorientation'),
            },
          },
          {
            label: 'Clôture du parcours',
            nativeInputProps: { value: 'cloture', checked: issue === 'cloture', onChange: () => setIssue('cloture') },
          },
        ]}
      />
      {issue === 'cloture' && (
        <MotifCloture
          valeur={motifCloture}
          changer={setMotifCloture}
          etat={f.etatChamp('motifCloture')}
          id={idChamp('motifCloture')}
        />
      )}
      {issue === 'poursuite' && (
        <Input
          label="Prolongation de l’échéance de revue (motif)"
          hintText="Santé, handicap, logement, famille : revue portée à 12 mois. Laisser vide sinon."
          {...f.etatChamp('prolongation.motif', 'prolongation')}
          nativeInputProps={{
            id: idChamp('prolongation.motif'),
            value: prolongation,
            onChange: (e) => setProlongation(e.target.value),
          }}
        />
      )}
    </Formulaire>
  );
}

function FormulaireMotif({
  parcours,
  action,
  libelle,
  sansMotif = false,
  commentaire = false,
}: Props & { action: string; libelle: string; sansMotif?: boolean; commentaire?: boolean }) {
  const [motif, setMotif] = useState('');
  const [texte, setTexte] = useState('');
  const f = useAction(
    parcours,
    action,
    () =>
      sansMotif
        ? texte.trim()
          ? { commentaire: texte }
          : {}
        : { motif: motif || undefined, ...(commentaire && texte.trim() ? { commentaire: texte } : {}) },
    action,
  );
  return (
    <Formulaire titre={libelle} {...f} libelleEnvoi={libelle} libelles={{ motif: 'Motif', commentaire: 'Commentaire' }}>
      {!sansMotif && action === 'cloture' && (
        <MotifCloture valeur={motif} changer={setMotif} etat={f.etatChamp('motif')} id={idChamp('motif')} />
      )}
      {!sansMotif && action !== 'cloture' && (
        <Input
          label="Motif *"
          {...f.etatChamp('motif')}
          nativeInputProps={{ id: idChamp('motif'), value: motif, onChange: (e) => setMotif(e.target.value) }}
        />
      )}
      {commentaire && (
        <Input
          label="Commentaire"
          textArea
          {...f.etatChamp('commentaire')}
          nativeTextAreaProps={{
            id: idChamp('commentaire'),
            rows: 3,
            value: texte,
            onChange: (e) => setTexte(e.target.value),
          }}
        />
      )}
    </Formulaire>
  );
}

function MotifCloture({
  valeur,
  changer,
  etat,
  id,
}: {
  valeur: string;
  changer: (v: string) => void;
  etat: object;
  id: string;
}) {
  return (
    <Select
      label="Motif de clôture *"
      {...etat}
      nativeSelectProps={{ id, value: valeur, onChange: (e) => changer(e.target.value) }}
    >
      <option value="">Choisir un motif</option>
      {Object.entries(MOTIFS_CLOTURE).map(([v, t]) => (
        <option key={v} value={v}>
          {t}
        </option>
      ))}
    </Select>
  );
}
