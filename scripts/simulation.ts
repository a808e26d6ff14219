/**
 * `npm run simulation -- [options]`: what a staffing change does to the délais, on the real parcours workflows
 * under Temporal's time-skipping server, two scenarios side by side (the second with reinforcements).
 *
 *   --departement loiret     --jours 365          --arrivees 15 (premiers accueils par an pour 1 000 habitants)
 *   --orientes 0.8           --rsa 0.4            --urgence 0.1
 *   --echantillon 0.1        (part du volume simulée : arrivées, débits et capacités des agents)
 *   --territoires a,b        (seulement ces territoires ; à plein volume avec --echantillon 1)
 *   --renfort loiret-t05:2   (référents ajoutés au second scénario, répétable)
 *   --graine 16              --sortie resultat.json
 *   --bundle <fichier>       (workflows déjà empaquetés) ; SIMULATION_DATABASE_URL : serveur PostgreSQL où créer les
 *                            deux bases des scénarios (sinon un PostgreSQL jetable)
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { run } from '../infra/run';
import { loadEnv } from '../infra/env';
import { logger } from '../infra/logger';
import { lancerSimulation, type SortieSimulation } from '../simulation/lancement';

function afficher(r: SortieSimulation): void {
  const territoires = new Map(r.territoires.map((t) => [t.territoireId, t.nom]));
  const [a, b] = r.scenarios as [SortieSimulation['scenarios'][number], SortieSimulation['scenarios'][number]];
  const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${Math.round(x * 100)} %`);
  const col = (s: string, n = 12) => s.padStart(n);
  const portees = ['', ...Object.keys(a.stock).filter(Boolean)];
  const nom = (g: string) => (g ? (territoires.get(g) ?? g) : 'Département');
  const entete = (titre: string) =>
    console.log(
      `\n${titre.padEnd(52)}${portees.map((g) => col(nom(g).slice(0, 22), 26)).join('')}\n${''.padEnd(52)}${portees.map(() => col('A', 13) + col('B', 13)).join('')}`,
    );
  const ligne = (libelle: string, f: (s: typeof a, g: string) => string) =>
    console.log(
      `${libelle.slice(0, 50).padEnd(52)}${portees.map((g) => col(f(a, g), 13) + col(f(b, g), 13)).join('')}`,
    );

  console.log(
    `\nSimulation ${r.du} → ${r.au} : ${a.parcours} parcours par scénario, ${a.actions} / ${b.actions} actions d'agents (refusées par le parcours : ${a.actionsRefusees} / ${b.actionsRefusees}), ${r.dureeSecondes} s.`,
  );
  console.log(`A = ${a.nom} ; B = ${b.nom}.`);
  console.log(r.echelle);
  const regles = [...new Set(a.respectDelais.map((l) => l.delai))];
  entete('Part des délais tenus');
  for (const d of regles) {
    const l = a.respectDelais.find((x) => x.delai === d)!;
    ligne(l.libelleDelai, (s, g) => pct(s.respectDelais.find((x) => x.delai === d && x.groupe === g)?.partDansDelai));
  }
  entete('Durée médiane / 90e centile des étapes (jours)');
  for (const e of ['evaluation', 'orientation', 'designation', 'accompagnement']) {
    ligne(e, (s, g) => {
      const l = s.delaisEtapes.find((x) => x.etape === e && x.groupe === g);
      return l ? `${l.medianeJours ?? '—'} / ${l.p90Jours ?? '—'}` : '—';
    });
  }
  entete('Dépassements de délai (escalades)');
  for (const d of regles) {
    ligne(d, (s, g) => String(s.escalades.find((x) => x.delai === d && x.groupe === g)?.n ?? 0));
  }
  const moisFin = [...new Set(a.stock['']!.map((l) => l.mois))].filter((_, i, t) => i % 3 === 2 || i === t.length - 1);
  entete('Stock en fin de mois (désignation / accompagnement)');
  for (const m of moisFin) {
    ligne(m, (s, g) => {
      const duMois = s.stock[g]?.filter((l) => l.mois === m) ?? [];
      const n = (e: string) => duMois.find((l) => l.etape === e)?.enCours ?? 0;
      return `${n('designation')} / ${n('accompagnement')}`;
    });
  }
}

run(async () => {
  const { values } = parseArgs({
    options: {
      departement: { type: 'string', default: 'loiret' },
      jours: { type: 'string', default: '365' },
      arrivees: { type: 'string', default: '15' },
      orientes: { type: 'string', default: '0.8' },
      rsa: { type: 'string', default: '0.4' },
      urgence: { type: 'string', default: '0.1' },
      echantillon: { type: 'string', default: '0.1' },
      territoires: { type: 'string' },
      renfort: { type: 'string', multiple: true, default: [] },
      graine: { type: 'string', default: '16' },
      sortie: { type: 'string' },
      bundle: { type: 'string' },
    },
  });
  const renforts = Object.fromEntries(
    values.renfort.map((r) => {
      const [t, n] = r.split(':');
      if (!t || !Number(n)) throw new Error(`--renfort attend <territoire>:<nombre>, reçu « ${r} ».`);
      return [t, Number(n)];
    }),
  );
  const env = loadEnv();
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const resultat = await lancerSimulation(
    {
      departement: values.departement,
      jours: Number(values.jours),
      arriveesPour1000: Number(values.arrivees),
      partOrientes: Number(values.orientes),
      partRsa: Number(values.rsa),
      partUrgence: Number(values.urgence),
      echantillon: Number(values.echantillon),
      graine: Number(values.graine),
      territoires: values.territoires?.split(','),
      renforts,
    },
    {
      logger: logger.child({}, { level: 'warn' }),
      journal: (m) => console.log(m),
      postgresUrl: process.env.SIMULATION_DATABASE_URL,
      workflowBundlePath: values.bundle,
      toolsCacheDir: env.TOOLS_CACHE_DIR,
    },
  );
  // Written before the tables: whoever reads the file (the screen's activity) need not wait for them.
  if (values.sortie) fs.writeFileSync(values.sortie, JSON.stringify(resultat, null, 2));
  afficher(resultat);
});
