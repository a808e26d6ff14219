import { useState } from 'react';
import { Formulaire } from '../composants/Formulaire';
import { Bouton, BoutonsRadio, CaseACocher, ChampTexte, ListeDeroulante } from '../composants/ui';
import { DOMAINES_BESOIN, LIBELLE_DOMAINE } from '../libelles';
import { ACTIONS } from '../../../domain/parcours/actions';
import { useAction, type Props } from './action';

const LIBELLES = { synthese: 'Synthèse', conclusion: 'Conclusion', diagnostic: 'Diagnostic' };

export default function FormulaireAction({ parcours }: Props) {
  const [diagnostic, setDiagnostic] = useState(() =>
    parcours.besoins.map((d) => ({ domaine: d, constat: '', besoinAccompagnement: true })),
  );
  const [conclusion, setConclusion] = useState('');
  const [synthese, setSynthese] = useState('');
  const f = useAction(parcours, 'evaluer', () => ({ diagnostic, conclusion: conclusion || undefined, synthese }));
  const maj = (i: number, v: Partial<(typeof diagnostic)[number]>) =>
    setDiagnostic(diagnostic.map((d, j) => (i === j ? { ...d, ...v } : d)));
  const libelles = {
    ...LIBELLES,
    ...Object.fromEntries(
      diagnostic.map((d, i) => [
        `diagnostic.${i}.constat`,
        `Constat — ${LIBELLE_DOMAINE[d.domaine as keyof typeof LIBELLE_DOMAINE] ?? 'domaine'}`,
      ]),
    ),
  };
  return (
    <Formulaire
      titre={ACTIONS.evaluer.libelles.titre}
      {...f}
      libelleEnvoi="Enregistrer l’évaluation"
      libelles={libelles}
    >
      <h2>Diagnostic par domaine</h2>
      {diagnostic.map((d, i) => (
        <fieldset key={i}>
          <legend>{LIBELLE_DOMAINE[d.domaine as keyof typeof LIBELLE_DOMAINE] ?? `Domaine ${i + 1}`}</legend>
          <ListeDeroulante
            {...f.champ(`diagnostic.${i}.domaine`)}
            label="Domaine"
            valeur={d.domaine}
            changer={(v) => maj(i, { domaine: v })}
            options={DOMAINES_BESOIN.map((x) => ({ valeur: x, libelle: LIBELLE_DOMAINE[x] }))}
          />
          <ChampTexte
            {...f.champ(`diagnostic.${i}.constat`)}
            label="Constat"
            obligatoire
            lignes={3}
            valeur={d.constat}
            changer={(v) => {
              maj(i, { constat: v });
              f.effacer(`diagnostic.${i}.constat`);
            }}
          />
          <CaseACocher coche={d.besoinAccompagnement} changer={(v) => maj(i, { besoinAccompagnement: v })}>
            Un accompagnement est nécessaire dans ce domaine
          </CaseACocher>
          {diagnostic.length > 1 && (
            <Bouton variante="discret" petit onPress={() => setDiagnostic(diagnostic.filter((_, j) => j !== i))}>
              Retirer ce domaine
            </Bouton>
          )}
        </fieldset>
      ))}
      <p>
        <Bouton
          variante="secondaire"
          petit
          onPress={() =>
            setDiagnostic([...diagnostic, { domaine: 'acces_droits', constat: '', besoinAccompagnement: false }])
          }
        >
          Ajouter un domaine
        </Bouton>
      </p>
      <BoutonsRadio
        {...f.champ('conclusion')}
        label="Conclusion"
        obligatoire
        valeur={conclusion}
        changer={(v) => {
          setConclusion(v);
          f.effacer('conclusion');
        }}
        options={[
          { valeur: 'repondu', libelle: 'Besoin répondu : le parcours se clôt' },
          { valeur: 'orientation', libelle: 'Orientation vers l’équipe pluridisciplinaire' },
        ]}
      />
      <ChampTexte
        {...f.champ('synthese')}
        label="Synthèse"
        obligatoire
        lignes={4}
        valeur={synthese}
        changer={(v) => {
          setSynthese(v);
          f.effacer('synthese');
        }}
      />
    </Formulaire>
  );
}
