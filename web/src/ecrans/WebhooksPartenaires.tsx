import { useState } from 'react';
import { api } from '../api/client';
import type {
  AbonnementWebhook,
  AbonnementWebhookCree,
  AbonnementsWebhook,
  JournalWebhooks,
  LivraisonWebhook,
  NouvelAbonnementWebhook,
} from '../api/contrat';
import { Donnees, useDonnees } from '../composants/Donnees';
import { Formulaire, useEnvoi } from '../composants/Formulaire';
import { Alerte, Badge, Bouton, CasesACocher, ChampTexte, Tableau } from '../composants/ui';
import { dateHeure, libelleEvenement } from '../libelles';
import { CHEMINS, type Organisation } from '../api/organisation';
import { TYPES_EVENEMENT_WEBHOOK } from '../../../domain/webhooks/evenements';

const STATUTS: Record<
  LivraisonWebhook['statut'],
  { libelle: string; type: 'succes' | 'info' | 'erreur' | 'avertissement' }
> = {
  livree: { libelle: 'Livrée', type: 'succes' },
  en_attente: { libelle: 'En attente', type: 'info' },
  echec: { libelle: 'En échec', type: 'erreur' },
  annulee: { libelle: 'Annulée', type: 'avertissement' },
};

/** A button that posts one action (one Idempotency-Key per intention), then reloads what it changed. */
function Action({
  chemin,
  libelle,
  nom,
  fait,
  variante = 'secondaire',
}: {
  chemin: string;
  libelle: string;
  /** What the button acts on, for screen readers (several rows have the same button). */
  nom: string;
  fait: () => void;
  variante?: 'secondaire' | 'discret';
}) {
  const envoi = useEnvoi((cle) => api.post<unknown>(chemin, undefined, { 'Idempotency-Key': cle }), fait);
  return (
    <>
      <Bouton variante={variante} petit onPress={() => envoi.soumettre()} isDisabled={envoi.envoi} aria-label={nom}>
        {libelle}
      </Bouton>
      {envoi.erreur && (
        <span className="message-erreur" role="alert">
          {envoi.erreur.message}
        </span>
      )}
    </>
  );
}

type Territoires = Organisation['territoires'];

/** Where a subscription's events come from, as agents say it (territoires still loading: null). */
const perimetre = (ids: string[], territoires: Territoires | null) =>
  !ids.length
    ? 'Tout le département'
    : territoires
      ? ids.map((id) => territoires.find((t) => t.id === id)?.nom ?? 'Territoire supprimé').join(', ')
      : '…';

function Creation({ cree, territoires }: { cree: (a: AbonnementWebhookCree) => void; territoires: Territoires }) {
  const [partenaire, setPartenaire] = useState('');
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [territoireIds, setTerritoires] = useState<string[]>([]);
  const envoi = useEnvoi(
    (cle) =>
      api.post<AbonnementWebhookCree>(
        '/webhooks/abonnements',
        { partenaire, url, types: types as NouvelAbonnementWebhook['types'], territoireIds },
        {
          'Idempotency-Key': cle,
        },
      ),
    (a) => {
      setPartenaire('');
      setUrl('');
      setTypes([]);
      setTerritoires([]);
      cree(a);
    },
  );
  return (
    <Formulaire
      titre="Nouvel abonnement"
      libelleEnvoi="Abonner le partenaire"
      libelles={{
        partenaire: 'Partenaire',
        url: 'Adresse de réception',
        types: 'Événements',
        territoireIds: 'Territoires',
      }}
      {...envoi}
    >
      <ChampTexte
        {...envoi.champ('partenaire')}
        label="Partenaire"
        aide="Le système qui reçoit, tel que les agents le nomment (« CAF du Loiret »)."
        obligatoire
        valeur={partenaire}
        changer={(v) => {
          setPartenaire(v);
          envoi.effacer('partenaire');
        }}
      />
      <ChampTexte
        {...envoi.champ('url')}
        label="Adresse de réception"
        aide="Adresse web du partenaire (https://…) à laquelle chaque événement est envoyé."
        obligatoire
        valeur={url}
        changer={(v) => {
          setUrl(v);
          envoi.effacer('url');
        }}
      />
      <CasesACocher
        {...envoi.champ('types')}
        label="Événements"
        aide="Seulement ceux que la vue restreinte des partenaires montre."
        obligatoire
        valeurs={types}
        changer={(v) => {
          setTypes(v);
          envoi.effacer('types');
        }}
        options={TYPES_EVENEMENT_WEBHOOK.map((t) => ({ valeur: t, libelle: libelleEvenement(t) }))}
      />
      <CasesACocher
        {...envoi.champ('territoireIds')}
        label="Territoires"
        aide="Un CCAS ne suit que les parcours de son territoire. Aucun coché : tout le département."
        valeurs={territoireIds}
        changer={(v) => {
          setTerritoires(v);
          envoi.effacer('territoireIds');
        }}
        options={territoires.map((t) => ({ valeur: t.id, libelle: t.nom }))}
      />
    </Formulaire>
  );
}

function Journal({ abonnement, recharger }: { abonnement: AbonnementWebhook; recharger: () => void }) {
  const journal = useDonnees<JournalWebhooks>(`/webhooks/livraisons?abonnementId=${abonnement.id}&limit=50`);
  const apres = () => {
    journal.recharger();
    recharger();
  };
  return (
    <section aria-labelledby="titre-journal">
      <h2 id="titre-journal">Livraisons à {abonnement.partenaire}</h2>
      <Bouton variante="secondaire" petit onPress={apres}>
        Actualiser les livraisons
      </Bouton>
      <Donnees etat={journal} vide={(d) => d.items.length === 0} messageVide="Aucune livraison pour l’instant.">
        {(d) => (
          <Tableau
            legende={`Les 50 dernières livraisons (${d.total} en tout), la plus récente d’abord`}
            entetes={['Événement', 'Date', 'État', 'Tentatives', 'Dernière réponse', 'Prochain essai', 'Action']}
            lignes={d.items.map((l) => ({
              cle: l.id,
              cellules: [
                libelleEvenement(l.type),
                dateHeure(l.creeLe),
                <Badge key="statut" type={STATUTS[l.statut].type}>
                  {STATUTS[l.statut].libelle}
                </Badge>,
                l.tentatives,
                l.dernierStatutHttp ? `Réponse ${l.dernierStatutHttp}` : (l.derniereErreur ?? '—'),
                l.prochainEssaiLe ? dateHeure(l.prochainEssaiLe) : '—',
                l.statut === 'en_attente' || !abonnement.actif ? (
                  '—'
                ) : (
                  <Action
                    key="rejeu"
                    chemin={`/webhooks/livraisons/${l.id}/rejeu`}
                    libelle="Rejouer"
                    nom={`Rejouer la livraison « ${libelleEvenement(l.type)} » du ${dateHeure(l.creeLe)}`}
                    fait={apres}
                    variante="discret"
                  />
                ),
              ],
            }))}
          />
        )}
      </Donnees>
    </section>
  );
}

/** The administrators' screen of partners' webhooks: subscriptions, their secret once, deliveries and replays. */
export default function WebhooksPartenaires() {
  const abonnements = useDonnees<AbonnementsWebhook>('/webhooks/abonnements');
  const organisation = useDonnees<Organisation>(CHEMINS.organisation);
  const territoires = organisation.etat === 'ok' ? organisation.donnees.territoires : null;
  const [cree, setCree] = useState<AbonnementWebhookCree | null>(null);
  const [choisi, setChoisi] = useState<string | null>(null);
  return (
    <>
      <h1>Systèmes partenaires</h1>
      <p>
        Les systèmes des partenaires (CAF, France Travail, CCAS) reçoivent les événements des parcours qu’ils suivent,
        signés, sans rien de plus que ce que la vue restreinte des partenaires montre. Un envoi refusé est repris
        pendant trois jours ; ensuite, il peut être rejoué d’ici.
      </p>
      {cree && (
        <Alerte type="succes" titre={`${cree.partenaire} est abonné`}>
          <p>
            Secret de signature, à remettre au partenaire par un canal sûr : il ne sera plus jamais affiché.{' '}
            <code className="secret">{cree.secret}</code>
          </p>
        </Alerte>
      )}
      <Donnees etat={abonnements} vide={(d) => d.items.length === 0} messageVide="Aucun partenaire abonné.">
        {(d) => (
          <Tableau
            legende="Abonnements"
            entetes={[
              'Partenaire',
              'Adresse de réception',
              'Événements',
              'Territoires',
              'État',
              'Livraisons',
              'Actions',
            ]}
            lignes={d.items.map((a) => ({
              cle: a.id,
              cellules: [
                a.partenaire,
                a.url,
                a.types.map(libelleEvenement).join(', '),
                perimetre(a.territoireIds, territoires),
                a.actif ? (
                  <Badge key="etat" type="succes">
                    Actif
                  </Badge>
                ) : (
                  <span key="etat">
                    <Badge type="avertissement">Désactivé</Badge> {a.motifDesactivation}
                  </span>
                ),
                `${a.livraisons.livree} livrées, ${a.livraisons.en_attente} en attente, ${a.livraisons.echec} en échec`,
                <div key="actions" className="actions">
                  <Bouton
                    variante="discret"
                    petit
                    onPress={() => setChoisi(a.id)}
                    aria-label={`Voir les livraisons à ${a.partenaire}`}
                  >
                    Voir les livraisons
                  </Bouton>
                  <Action
                    chemin={`/webhooks/abonnements/${a.id}/${a.actif ? 'desactivation' : 'activation'}`}
                    libelle={a.actif ? 'Désactiver' : 'Réactiver'}
                    nom={`${a.actif ? 'Désactiver' : 'Réactiver'} l’abonnement de ${a.partenaire}`}
                    fait={abonnements.recharger}
                  />
                  {a.actif && a.livraisons.echec > 0 && (
                    <Action
                      chemin={`/webhooks/abonnements/${a.id}/rejeu`}
                      libelle={`Rejouer les échecs (${a.livraisons.echec})`}
                      nom={`Rejouer les échecs (${a.livraisons.echec}) des livraisons à ${a.partenaire}`}
                      fait={abonnements.recharger}
                    />
                  )}
                </div>,
              ],
            }))}
          />
        )}
      </Donnees>
      {abonnements.etat === 'ok' &&
        (() => {
          const a = abonnements.donnees.items.find((x) => x.id === choisi);
          return a ? <Journal key={a.id} abonnement={a} recharger={abonnements.recharger} /> : null;
        })()}
      <h2>Abonner un partenaire</h2>
      <Creation
        territoires={territoires ?? []}
        cree={(a) => {
          setCree(a);
          abonnements.recharger();
        }}
      />
    </>
  );
}
