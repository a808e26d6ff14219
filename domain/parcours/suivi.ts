/** Who followed a person, period by period, read from the parcours' timeline as the API names it. */
/** A timeline event with the names the API resolved (api/contrat: Evenement). */
export interface EvenementNomme {
  seq: number;
  type: string;
  survenuLe: string;
  donnees: Record<string, unknown>;
  noms: { referent: string | null; structure: string | null; equipe: string | null };
}

export interface Periode {
  du: string;
  au: string | null;
  suiviPar: string;
  referent: string | null;
}

/**
 * Who followed the person, period by period (équipe or structure référente, and référent), read from the
 * timeline: an orientation, a reroutage or a change of référent starts a new period; the closing ends the last.
 */
export function periodesDeSuivi(evenements: EvenementNomme[]): Periode[] {
  const periodes: Periode[] = [];
  const courante = () => periodes.at(-1);
  let equipe = 'Équipe du département';
  let enStructure = false;
  const changer = (le: string, suiviPar: string, referent: string | null) => {
    const c = courante();
    if (c?.suiviPar === suiviPar && c.referent === referent) return;
    if (c) c.au = le;
    periodes.push({ du: le, au: null, suiviPar, referent });
  };
  for (const e of [...evenements].sort((x, y) => x.seq - y.seq)) {
    const referent = courante()?.referent ?? null;
    if (e.type === 'accueil' || e.type === 'reroutage') {
      equipe = e.noms.equipe ?? equipe;
      changer(e.survenuLe, equipe, referent);
    } else if (e.type === 'orientation' && e.donnees.decision === 'accompagnement') {
      // To or from a structure, the référent changes with who follows; otherwise the accompaniment goes on.
      if (e.noms.structure) changer(e.survenuLe, e.noms.structure, null);
      else if (enStructure) changer(e.survenuLe, equipe, null);
      enStructure = !!e.noms.structure;
    } else if (e.noms.referent && (e.type === 'designation_referent' || e.type === 'changement_referent'))
      changer(e.survenuLe, courante()?.suiviPar ?? equipe, e.noms.referent);
    else if (e.type === 'cloture') {
      const c = courante();
      if (c) c.au = e.survenuLe;
    }
  }
  return periodes;
}
