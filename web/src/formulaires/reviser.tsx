import { useState } from 'react';
import { Formulaire } from '../composants/Formulaire';
import { BoutonsRadio, ChampTexte, ListeDeroulante } from '../composants/ui';
import { LIBELLE_AVANCEMENT, LIBELLE_ISSUE_REVUE, libelleDomaine, options } from '../libelles';
import { ACTIONS } from '../../../domain/parcours/actions';
import { useAction, type Props } from './action';
import { MotifCloture } from './motifCloture';

const LIBELLES = {
  synthese: 'Synthèse',
  issue: 'Issue',
  motifCloture: 'Motif de clôture',
  progres: 'Avancement des objectifs',
  prolongation: 'Prolongation',
};

export default function FormulaireAction({ parcours }: Props) {
  const objectifs = parcours.objectifs;
  const [synthese, setSynthese] = useState('');
  const [progres, setProgres] = useState(() =>
    objectifs.map((o) => ({
      objectifId: o.id,
      avancement: o.avancement === 'non_commence' ? 'en_cours' : o.avancement,
      commentaire: '',
    })),
  );
  const [issue, setIssue] = useState('');
  const [motifCloture, setMotifCloture] = useState('');
  const [prolongation, setProlongation] = useState('');
  const f = useAction(parcours, 'reviser', () => ({
    synthese,
    progres: progres.map((p) => ({
      objectifId: p.objectifId,
      avancement: p.avancement,
      ...(p.commentaire.trim() ? { commentaire: p.commentaire } : {}),
    })),
    issue: issue || undefined,
    ...(issue === 'cloture' ? { motifCloture: motifCloture || undefined } : {}),
    ...(issue === 'poursuite' && prolongation.trim() ? { prolongation: { motif: prolongation } } : {}),
  }));
  const maj = (i: number, v: Partial<(typeof progres)[number]>) =>
    setProgres(progres.map((p, j) => (i === j ? { ...p, ...v } : p)));
  return (
    <Formulaire titre={ACTIONS.reviser.libelles.titre} {...f} libelleEnvoi="Enregistrer la revue" libelles={LIBELLES}>
      <h2>Avancement des objectifs</h2>
      {objectifs.map((o, i) => (
        <fieldset key={o.id}>
          <legend>
            {o.libelle} <span className="discret">({libelleDomaine(o.domaine)})</span>
          </legend>
          <ListeDeroulante
            {...f.champ(`progres.${i}.avancement`)}
            label={`Avancement — ${o.libelle}`}
            valeur={progres[i]?.avancement ?? ''}
            changer={(v) => maj(i, { avancement: v })}
            options={options(LIBELLE_AVANCEMENT)}
          />
          <ChampTexte
            {...f.champ(`progres.${i}.commentaire`)}
            label={`Commentaire — ${o.libelle}`}
            valeur={progres[i]?.commentaire ?? ''}
            changer={(v) => maj(i, { commentaire: v })}
          />
        </fieldset>
      ))}
      <ChampTexte
        {...f.champ('synthese')}
        label="Synthèse de la revue"
        obligatoire
        lignes={4}
        valeur={synthese}
        changer={(v) => {
          setSynthese(v);
          f.effacer('synthese');
        }}
      />
      <BoutonsRadio
        {...f.champ('issue')}
        label="Issue"
        obligatoire
        valeur={issue}
        changer={(v) => {
          setIssue(v);
          f.effacer('issue');
        }}
        options={options(LIBELLE_ISSUE_REVUE)}
      />
      {issue === 'cloture' && (
        <MotifCloture
          {...f.champ('motifCloture')}
          valeur={motifCloture}
          changer={(v) => {
            setMotifCloture(v);
            f.effacer('motifCloture');
          }}
        />
      )}
      {issue === 'poursuite' && (
        <ChampTexte
          {...f.champ('prolongation.motif')}
          label="Prolongation de l’échéance de revue (motif)"
          aide="Santé, handicap, logement, famille : prochaine revue à 12 mois. Laisser vide sinon."
          valeur={prolongation}
          changer={(v) => {
            setProlongation(v);
            f.effacer('prolongation');
          }}
        />
      )}
    </Formulaire>
  );
}
