/**
 * The person's page, opened from the link of their SMS or email (no account): where their parcours is, what
 * comes next, their next appointment (to add to their calendar), who follows them and how to reach them, what
 * to bring, and the satisfaction questionnaire when one waits. The token stays in the address's fragment (never
 * sent to the server in the address) and travels in a header. Plain French, for a phone first.
 */
import { useEffect, useState } from 'react';
import { api, ErreurApi } from '../api/client';
import type { EspaceUsager as Espace } from '../api/contrat';
import { Alerte, BoutonsRadio, Bouton, ChampTexte } from '../composants/ui';
import { Chargement } from '../composants/Donnees';

const jeton = () => window.location.hash.slice(1);
const entetes = () => ({ 'X-Lien-Usager': jeton() });

const quand = (iso: string) =>
  new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' });

export default function EspaceUsager() {
  const [etat, setEtat] = useState<{ espace?: Espace; erreur?: ErreurApi }>({});
  useEffect(() => {
    api.get<Espace>('/espace', entetes()).then(
      (espace) => setEtat({ espace }),
      (erreur: unknown) =>
        setEtat({ erreur: erreur instanceof ErreurApi ? erreur : new ErreurApi(0, 'inconnue', 'Erreur inattendue.') }),
    );
  }, []);
  if (etat.erreur)
    return (
      <div className="espace">
        <h1>Votre accompagnement</h1>
        <Alerte type={etat.erreur.status === 404 ? 'avertissement' : 'erreur'} titre="Page indisponible">
          <p>{etat.erreur.message}</p>
        </Alerte>
      </div>
    );
  if (!etat.espace) return <Chargement libelle="Chargement de votre page…" />;
  const e = etat.espace;
  if (e.portee === 'questionnaire')
    return (
      <div className="espace">
        <h1>Votre avis sur votre accompagnement</h1>
        {e.questionnaire ? <Questionnaire questionnaire={e.questionnaire} /> : <DejaRepondu />}
      </div>
    );
  return (
    <div className="espace">
      <h1>{e.prenom ? `Bonjour ${e.prenom}` : 'Votre accompagnement'}</h1>
      {e.situation && (
        <section aria-labelledby="titre-ou">
          <h2 id="titre-ou">Où en est votre accompagnement</h2>
          <p className="espace-fort">{e.situation.ou}</p>
          <h3>Et ensuite ?</h3>
          <p>{e.situation.ensuite}</p>
        </section>
      )}
      <section aria-labelledby="titre-rdv">
        <h2 id="titre-rdv">Votre prochain rendez-vous</h2>
        {e.rendezVous ? (
          <>
            <p className="espace-fort">{quand(e.rendezVous.le)}</p>
            <p>
              {e.rendezVous.lieu}
              <br />
              {e.rendezVous.objet}
            </p>
            <AjouterAgenda />
          </>
        ) : (
          <p>Aucun rendez-vous n’est prévu pour le moment.</p>
        )}
      </section>
      <section aria-labelledby="titre-referent">
        <h2 id="titre-referent">La personne qui vous suit</h2>
        {e.referent ? (
          <>
            <p className="espace-fort">
              {e.referent.prenom} {e.referent.nom}
            </p>
            <p>
              Pour la joindre : <a href={`mailto:${e.referent.email}`}>{e.referent.email}</a>
            </p>
          </>
        ) : (
          <p>Elle n’est pas encore choisie. {e.equipe ? `Votre dossier est suivi par : ${e.equipe}.` : ''}</p>
        )}
      </section>
      {e.aApporter.length > 0 && (
        <section aria-labelledby="titre-apporter">
          <h2 id="titre-apporter">À apporter</h2>
          <ul>
            {e.aApporter.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </section>
      )}
      {e.questionnaire && (
        <section aria-labelledby="titre-avis">
          <h2 id="titre-avis">Votre avis</h2>
          <Questionnaire questionnaire={e.questionnaire} />
        </section>
      )}
      <p className="discret">Ce lien est personnel : ne le partagez pas.</p>
    </div>
  );
}

/** The appointment as an .ics file, fetched with the link's header and handed to the phone's calendar. */
function AjouterAgenda() {
  const [erreur, setErreur] = useState<string | null>(null);
  return (
    <>
      <Bouton
        variante="secondaire"
        onPress={() => {
          setErreur(null);
          fetch('/espace/rendez-vous.ics', { headers: entetes() })
            .then(async (r) => {
              if (!r.ok) throw new Error('indisponible');
              const url = URL.createObjectURL(await r.blob());
              const a = document.createElement('a');
              a.href = url;
              a.download = 'rendez-vous.ics';
              a.click();
              URL.revokeObjectURL(url);
            })
            .catch(() => setErreur('Le rendez-vous n’a pas pu être téléchargé. Réessayez.'));
        }}
      >
        Ajouter à mon agenda
      </Bouton>
      {erreur && (
        <p className="message-erreur" role="alert">
          {erreur}
        </p>
      )}
    </>
  );
}

function DejaRepondu() {
  return (
    <Alerte type="succes" titre="Merci !">
      <p>Votre réponse est enregistrée. Elle nous aide à améliorer l’accompagnement.</p>
    </Alerte>
  );
}

function Questionnaire({ questionnaire: q }: { questionnaire: NonNullable<Espace['questionnaire']> }) {
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [commentaire, setCommentaire] = useState('');
  const [envoi, setEnvoi] = useState(false);
  const [fait, setFait] = useState(false);
  const [erreur, setErreur] = useState<ErreurApi | null>(null);
  if (fait) return <DejaRepondu />;
  const options = q.echelle.map((x) => ({ valeur: String(x.valeur), libelle: x.libelle }));
  return (
    <form
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        setEnvoi(true);
        setErreur(null);
        const choisies = Object.fromEntries(Object.entries(notes).map(([k, v]) => [k, Number(v)]));
        api
          .post('/espace/questionnaire', { notes: choisies, ...(commentaire.trim() ? { commentaire } : {}) }, entetes())
          .then(
            () => setFait(true),
            (e: ErreurApi) => {
              setEnvoi(false);
              if (e.status === 409) setFait(true);
              else setErreur(e);
            },
          );
      }}
    >
      <p>Quelques questions, une minute. Vos réponses sont anonymes : personne ne les lira avec votre nom.</p>
      {q.questions.map((question) => (
        <BoutonsRadio
          key={question.code}
          id={`question-${question.code}`}
          label={question.texte}
          valeur={notes[question.code] ?? ''}
          changer={(v) => setNotes((n) => ({ ...n, [question.code]: v }))}
          options={options}
        />
      ))}
      <ChampTexte
        id="commentaire"
        label="Voulez-vous ajouter quelque chose ? (facultatif)"
        aide="N’écrivez pas votre nom ni d’information sur votre situation."
        valeur={commentaire}
        changer={setCommentaire}
        lignes={3}
        maxLength={1000}
      />
      {erreur && (
        <Alerte type="erreur" titre="Votre réponse n’a pas pu être envoyée">
          <p>{erreur.champs[0]?.message ?? erreur.message}</p>
        </Alerte>
      )}
      <Bouton type="submit" isDisabled={envoi}>
        Envoyer mon avis
      </Bouton>
    </form>
  );
}
