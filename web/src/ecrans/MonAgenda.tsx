import { useState } from 'react';
import { requete } from '../api/client';
import type { AgendaRendezVous, RendezVousAgenda } from '../api/contrat';
import { Donnees, useDonnees } from '../composants/Donnees';
import { Badge, Bouton, ChampTexte, Lien, Pagination, Tableau } from '../composants/ui';
import { date, heure, jourEntier, jourParis, nombre } from '../libelles';

const LIMITE = 100;

interface Periode {
  du: string;
  au: string;
}

/** The rendez-vous of one page, by day (Paris time), in the API's order. */
function parJour(items: RendezVousAgenda[]): { jour: string; items: RendezVousAgenda[] }[] {
  const jours: { jour: string; items: RendezVousAgenda[] }[] = [];
  for (const r of items) {
    const jour = jourParis(r.le);
    const dernier = jours[jours.length - 1];
    if (dernier?.jour === jour) dernier.items.push(r);
    else jours.push({ jour, items: [r] });
  }
  return jours;
}

function Personne({ r }: { r: RendezVousAgenda }) {
  return (
    <>
      <Lien vers={`/dossiers/${r.usagerId}`}>{r.personne}</Lien>
      {r.interim && (
        <>
          {' '}
          <Badge>En intérim{r.referent ? ` de ${r.referent}` : ''}</Badge>
        </>
      )}
      {r.statut === 'clos' && (
        <>
          {' '}
          <Badge type="avertissement">Parcours clos : aucun rappel envoyé</Badge>
        </>
      )}
      {r.statut === 'suspendu' && (
        <>
          {' '}
          <Badge type="avertissement">Parcours suspendu</Badge>
        </>
      )}
    </>
  );
}

/** The period chosen: two days, or nothing (the rendez-vous to come). Errors come from the API, on their field. */
function ChoixPeriode({
  periode,
  erreurs,
  appliquer,
}: {
  periode: Periode | null;
  erreurs: { du?: string; au?: string };
  appliquer: (p: Periode | null) => void;
}) {
  const [du, setDu] = useState(periode?.du ?? '');
  const [au, setAu] = useState(periode?.au ?? '');
  // A date changed: the API's message about the period no longer applies (it is checked again on sending).
  const [modifiee, setModifiee] = useState(false);
  const changer = (f: (v: string) => void) => (v: string) => {
    f(v);
    setModifiee(true);
  };
  return (
    <form
      aria-labelledby="titre-periode"
      onSubmit={(e) => {
        e.preventDefault();
        setModifiee(false);
        appliquer(du || au ? { du, au } : null);
      }}
    >
      <h2 id="titre-periode">Période</h2>
      <p className="discret">
        Sans période, l’agenda montre les rendez-vous à venir. Choisissez des dates pour revoir les rendez-vous passés.
      </p>
      <div className="filtres">
        {(
          [
            ['du', 'Du', du, setDu],
            ['au', 'Au (inclus)', au, setAu],
          ] as const
        ).map(([cle, label, valeur, fixer]) => (
          <ChampTexte
            key={cle}
            id={`periode-${cle}`}
            label={label}
            type="date"
            valeur={valeur}
            changer={changer(fixer)}
            erreur={modifiee ? undefined : erreurs[cle]}
          />
        ))}
      </div>
      <div className="boutons">
        <Bouton type="submit">Afficher la période</Bouton>
        {periode && (
          <Bouton
            variante="secondaire"
            onPress={() => {
              setDu('');
              setAu('');
              appliquer(null);
            }}
          >
            Revenir aux rendez-vous à venir
          </Bouton>
        )}
      </div>
    </form>
  );
}

/**
 * "Mon agenda": the rendez-vous I planned and those of the people I follow as référent (or as intérim), by day,
 * with the person's name, the time, the place and the object; the past ones through a period. One request.
 */
export default function MonAgenda() {
  const [periode, setPeriode] = useState<Periode | null>(null);
  const [offset, setOffset] = useState(0);
  const filtres = { du: periode?.du, au: periode?.au };
  const agenda = useDonnees<AgendaRendezVous>(
    `/agenda/rendez-vous${requete({ ...filtres, limit: LIMITE, offset: offset || undefined })}`,
  );
  const erreur = agenda.etat === 'erreur' && agenda.erreur.status === 400 ? agenda.erreur : null;
  const maintenant = Date.now();
  return (
    <>
      <h1>Mon agenda</h1>
      <p>
        Les rendez-vous que vous avez planifiés, et ceux des personnes dont vous êtes le référent ou l’intérim, quel que
        soit l’agent qui les a planifiés.
      </p>
      <ChoixPeriode
        // A new form when the period is reset elsewhere: its fields follow.
        key={periode ? `${periode.du}-${periode.au}` : 'a-venir'}
        periode={periode}
        erreurs={{ du: erreur?.messageDe('query.du'), au: erreur?.messageDe('query.au') }}
        appliquer={(p) => {
          setPeriode(p);
          setOffset(0);
        }}
      />
      <section aria-labelledby="titre-rendez-vous">
        <h2 id="titre-rendez-vous">
          Rendez-vous {periode?.du ? `du ${date(periode.du)}` : 'à venir'}
          {periode?.au ? ` jusqu’au ${date(periode.au)} inclus` : ''}
        </h2>
        {erreur ? (
          <p className="message-erreur" role="alert">
            Période invalide : corrigez les dates.
          </p>
        ) : (
          <Donnees
            etat={agenda}
            vide={(d) => d.total === 0}
            messageVide={periode ? 'Aucun rendez-vous sur cette période.' : 'Aucun rendez-vous à venir.'}
            libelleChargement="Chargement de votre agenda…"
          >
            {(d) => (
              <>
                <p>
                  {nombre(d.total, 'rendez-vous', 'rendez-vous')}.{' '}
                  <a href={`/agenda/rendez-vous.ics${requete(filtres)}`} download="mon-agenda.ics">
                    Télécharger ces rendez-vous pour mon agenda (fichier .ics)
                  </a>
                </p>
                <p className="discret">
                  Le fichier porte le nom des personnes : ne l’importez que dans l’agenda professionnel.
                </p>
                {parJour(d.items).map((j) => (
                  <section key={j.jour} aria-labelledby={`jour-${j.jour}`}>
                    <h3 id={`jour-${j.jour}`}>{jourEntier(j.items[0]!.le)}</h3>
                    <Tableau
                      legende={`Rendez-vous du ${jourEntier(j.items[0]!.le)}`}
                      legendeCachee
                      entetes={['Heure', 'Personne', 'Lieu', 'Objet', 'Planifié par']}
                      lignes={j.items.map((r) => ({
                        cle: r.id,
                        cellules: [
                          <>
                            {heure(r.le)}
                            {Date.parse(r.le) < maintenant && (
                              <>
                                {' '}
                                <Badge>Passé</Badge>
                              </>
                            )}
                          </>,
                          <Personne key="p" r={r} />,
                          r.lieu,
                          r.objet,
                          r.planifiePar ?? '—',
                        ],
                      }))}
                    />
                  </section>
                ))}
                <Pagination offset={offset} limite={LIMITE} total={d.total} aller={setOffset} libelle="Mon agenda" />
              </>
            )}
          </Donnees>
        )}
      </section>
    </>
  );
}
