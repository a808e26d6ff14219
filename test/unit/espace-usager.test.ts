/** The person's side, pure parts: the link's token, the milestones' messages, the SMS texts and numbers. */
import { randomUUID } from 'node:crypto';
import { lireJeton, signerJeton } from '../../infra/jeton-lien';
import { courriersUsager, messagesUsager } from '../../domain/espace/jalons';
import { reponseSchema } from '../../domain/espace/satisfaction';
import { redigerSms } from '../../domain/parcours/courriels';
import { numeroInternational } from '../../infra/sms';
import { accueillir, decider, type Contexte } from '../../domain/parcours/transitions';
import { chargerPolitiqueDelais } from '../../config/delais';
import { chargerConfigUsager } from '../../config/usager';

const SECRET = 'un-secret-de-test-de-trente-deux-caracteres';

describe('Jeton du lien de la personne', () => {
  const lien = { id: randomUUID(), expireLe: new Date('2027-05-01T10:00:00Z') };
  const jeton = signerJeton(lien, SECRET);

  it('tient dans un SMS et désigne le lien et son expiration', () => {
    expect(jeton).toMatch(/^[A-Za-z0-9_-]{48}$/);
    expect(lireJeton(jeton, SECRET)).toEqual(lien);
  });

  it('refuse une signature altérée, un autre secret, un jeton tronqué ou quelconque', () => {
    for (let i = 0; i < jeton.length; i += 7) {
      const altere = `${jeton.slice(0, i)}${jeton[i] === 'A' ? 'B' : 'A'}${jeton.slice(i + 1)}`;
      expect(lireJeton(altere, SECRET)).toBeNull();
    }
    expect(lireJeton(jeton, `${SECRET}x`)).toBeNull();
    expect(lireJeton(jeton.slice(1), SECRET)).toBeNull();
    expect(lireJeton('', SECRET)).toBeNull();
    expect(lireJeton('../../etc/passwd', SECRET)).toBeNull();
  });
});

describe('Messages à la personne aux jalons du parcours', () => {
  const politique = chargerPolitiqueDelais('loiret');
  const ctx = (seq: number): Contexte => ({ maintenant: new Date('2026-11-02T09:00:00Z'), politique, seq });
  const base = { parcoursId: 'p', workflowId: 'parcours-p', usagerId: 'u', departement: 'loiret' };
  const routage = { territoireId: 't', equipeId: 'e', mode: 'automatique' as const };
  const ouvert = accueillir(
    base,
    routage,
    { besoins: [{ domaine: 'logement' }], urgence: false, consentement: true },
    ctx(1),
  ).etat;
  const evalue = decider(
    ouvert,
    {
      type: 'evaluer',
      donnees: {
        diagnostic: [{ domaine: 'logement', constat: 'c', besoinAccompagnement: true }],
        synthese: 's',
        conclusion: 'orientation',
      },
    },
    ctx(2),
  ).etat;
  const oriente = decider(
    evalue,
    { type: 'orienter', donnees: { decision: 'accompagnement', typeAccompagnement: 'social' } },
    ctx(3),
  ).etat;
  const clos = decider(oriente, { type: 'cloturer', donnees: { motif: 'refus' } }, ctx(4)).etat;
  const modeles = (
    jalons: Parameters<typeof messagesUsager>[2]['jalonsSatisfaction'],
    avant: typeof ouvert | null,
    apres: typeof ouvert,
  ) => messagesUsager(avant, apres, { jalonsSatisfaction: jalons }).map((n) => [n.modele, n.donnees.jalon ?? null]);

  it('envoie le lien à l’accueil, et le questionnaire aux seuls jalons choisis', () => {
    expect(modeles([], null, ouvert)).toEqual([['lien_parcours', null]]);
    expect(modeles(['accueil'], null, ouvert)).toEqual([
      ['lien_parcours', null],
      ['questionnaire', 'accueil'],
    ]);
    expect(modeles(['orientation', 'cloture'], ouvert, evalue)).toEqual([]);
    expect(modeles(['orientation', 'cloture'], evalue, oriente)).toEqual([['questionnaire', 'orientation']]);
    expect(modeles(['cloture'], evalue, oriente)).toEqual([]);
    expect(modeles(['orientation', 'cloture'], oriente, clos)).toEqual([['questionnaire', 'cloture']]);
  });

  it('adresse chaque message à la personne, avec son territoire pour les résultats', () => {
    const [q] = messagesUsager(evalue, oriente, { jalonsSatisfaction: ['orientation'] });
    expect(q).toEqual({
      modele: 'questionnaire',
      destinataire: { role: 'usager', usagerId: 'u' },
      donnees: { parcoursId: 'p', jalon: 'orientation', territoireId: 't', etape: 'designation' },
    });
  });

  it('envoie la lettre de désignation à chaque nouveau référent, le contrat à chaque plan établi ou révisé', () => {
    const le = new Date('2026-11-03T10:00:00Z');
    const courriers = (avant: typeof ouvert | null, apres: typeof ouvert) =>
      courriersUsager(avant, apres, le).map((n) => n.modele);
    const designe = { ...oriente, etape: 'accompagnement' as const, referentId: 'r1' };
    const objectifs = [{ id: 'o1', libelle: 'Trouver un logement', domaine: 'logement' }] as typeof ouvert.objectifs;
    const plan = { ...designe, objectifs };
    expect(courriers(null, ouvert)).toEqual([]);
    expect(courriers(oriente, designe)).toEqual(['designation_referent']);
    expect(courriers(designe, designe)).toEqual([]);
    expect(courriers(designe, plan)).toEqual(['contrat_engagement']);
    expect(courriers(plan, { ...plan, enRetard: true } as typeof plan)).toEqual([]);
    expect(courriers(plan, { ...plan, objectifs: [...objectifs, { ...objectifs[0]!, id: 'o2' }] })).toEqual([
      'contrat_engagement',
    ]);
    expect(courriers(plan, { ...plan, referentId: 'r2' })).toEqual(['designation_referent']);
    // A plan without a référent gives no contract (the contract names them).
    expect(courriers(oriente, { ...oriente, objectifs })).toEqual([]);
    expect(courriersUsager(oriente, designe, le)[0]).toEqual({
      modele: 'designation_referent',
      destinataire: { role: 'usager', usagerId: 'u' },
      donnees: { parcoursId: 'p', le: le.toISOString() },
    });
  });

  it('lit la configuration de chaque département', () => {
    expect(chargerConfigUsager('loiret').jalonsSatisfaction).toEqual(['orientation', 'cloture']);
    expect(chargerConfigUsager('eure').jalonsSatisfaction).toEqual(['accueil', 'orientation', 'cloture']);
  });
});

describe('SMS', () => {
  it('écrit en français, avec le moyen de dire STOP, et rien pour les agents', () => {
    const lien = 'https://social.loiret.fr/mon-parcours#' + 'x'.repeat(48);
    const texte = redigerSms('lien_parcours', { lien })!;
    expect(texte).toContain(lien);
    expect(texte).toContain('STOP');
    expect(redigerSms('rappel_rendez_vous', { le: '2026-12-03T08:30:00.000Z', lieu: 'Orléans' })).toMatch(
      /^Rappel : rendez-vous le jeudi 3 décembre 2026 à 09:30, Orléans\./,
    );
    expect(redigerSms('relance', { parcoursId: 'p' })).toBeNull();
    expect(redigerSms('escalade', {})).toBeNull();
  });

  it('met les numéros au format international', () => {
    expect(numeroInternational('06 12 34 56 78')).toBe('33612345678');
    expect(numeroInternational('06.12.34.56.78')).toBe('33612345678');
    expect(numeroInternational('+33 6 12 34 56 78')).toBe('33612345678');
    expect(numeroInternational('0033612345678')).toBe('33612345678');
    expect(numeroInternational('+262 692 12 34 56')).toBe('262692123456');
    expect(numeroInternational('12 34')).toBeNull();
    expect(numeroInternational('0012')).toBeNull();
  });
});

describe('Réponse au questionnaire', () => {
  it('accepte des notes de 1 à 5 et un commentaire, refuse le reste', () => {
    expect(reponseSchema.safeParse({ notes: { accueil: 5, ecoute: 1 } }).success).toBe(true);
    expect(reponseSchema.safeParse({ notes: {}, commentaire: 'Merci' }).success).toBe(true);
    expect(reponseSchema.safeParse({ notes: {} }).success).toBe(false);
    expect(reponseSchema.safeParse({ notes: { accueil: 6 } }).success).toBe(false);
    expect(reponseSchema.safeParse({ notes: { accueil: 2.5 } }).success).toBe(false);
    expect(reponseSchema.safeParse({ notes: { accueil: 3, inconnue: 2 } }).data?.notes).toEqual({ accueil: 3 });
  });
});
