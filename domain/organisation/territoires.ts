/** How a territoire d'action is drawn: whole EPCI, and/or communes listed one by one (to split a large EPCI). */
export interface PerimetreTerritoire {
  id: string;
  epci?: string[];
  communes?: string[];
}

export interface CommuneEpci {
  code: string;
  epciSiren: string | null;
}

export interface Decoupage {
  /** commune code → territoire id, for the communes that belong to exactly one territoire. */
  territoireDe: Map<string, string>;
  sansTerritoire: string[];
  /** Communes claimed by several territoires: a configuration error. */
  ambigues: Array<{ commune: string; territoires: string[] }>;
}

/** Assigns each commune of a département to the territoires whose perimeter includes it. */
export function decouper(territoires: PerimetreTerritoire[], communes: CommuneEpci[]): Decoupage {
  const territoireDe = new Map<string, string>();
  const sansTerritoire: string[] = [];
  const ambigues: Decoupage['ambigues'] = [];
  for (const c of communes) {
    const t = territoires
      .filter((p) => p.communes?.includes(c.code) || (c.epciSiren !== null && p.epci?.includes(c.epciSiren)))
      .map((p) => p.id);
    if (t.length === 1) territoireDe.set(c.code, t[0]!);
    else if (t.length === 0) sansTerritoire.push(c.code);
    else ambigues.push({ commune: c.code, territoires: t });
  }
  return { territoireDe, sansTerritoire, ambigues };
}
