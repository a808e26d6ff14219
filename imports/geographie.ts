import fs from 'node:fs';
import { z } from 'zod';
import type { Db } from '../infra/prisma';
import { communeSourceSchema, franceServicesSourceSchema, type CommuneSource } from '../domain/geo/sources';
import { lieuDeFranceServices } from '../domain/organisation/listes-lieux';

/** COG entries of @etalab/decoupage-administratif (pinned): the source of old and delegated commune codes. */
const cogSchema = z.array(
  z.object({
    code: z.string(),
    nom: z.string(),
    type: z.string(),
    chefLieu: z.string().optional(),
    anciensCodes: z.array(z.string()).optional(),
  }),
);
type Cog = z.infer<typeof cogSchema>;

function lireCog(): Cog {
  return cogSchema.parse(
    JSON.parse(fs.readFileSync(require.resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8')),
  );
}

/**
 * Old codes that resolve to a current commune: communes déléguées and associées (→ their chef-lieu) and the
 * codes of communes merged away (`anciensCodes`). A delegated commune that kept the chef-lieu's code is the
 * current commune itself, not an alias.
 */
export function anciensCodes(actuelles: Set<string>, cog: Cog = lireCog()) {
  const alias = new Map<string, { code: string; nom: string | null; nature: string; communeCode: string }>();
  for (const c of cog) {
    if (
      (c.type === 'commune-deleguee' || c.type === 'commune-associee') &&
      c.chefLieu &&
      actuelles.has(c.chefLieu) &&
      !actuelles.has(c.code)
    ) {
      alias.set(c.code, { code: c.code, nom: c.nom, nature: c.type, communeCode: c.chefLieu });
    }
  }
  for (const c of cog) {
    if (c.type !== 'commune-actuelle' || !actuelles.has(c.code)) continue;
    for (const ancien of c.anciensCodes ?? []) {
      if (!actuelles.has(ancien) && !alias.has(ancien))
        alias.set(ancien, { code: ancien, nom: null, nature: 'ancienne', communeCode: c.code });
    }
  }
  return [...alias.values()];
}

export interface BilanImport {
  communes: number;
  anciensCodes: number;
  franceServices: number;
}

/**
 * Loads communes (and their old codes) and France services sites. Idempotent: rows are replaced by code/id,
 * so a département can re-import a newer official file at any time.
 */
export async function importerGeographie(
  db: Db,
  source: { communes: unknown; franceServices?: unknown },
): Promise<BilanImport> {
  const communes: CommuneSource[] = z.array(communeSourceSchema).parse(source.communes);
  const sites = z.array(franceServicesSourceSchema).parse(source.franceServices ?? []);
  const codes = new Set(communes.map((c) => c.code));
  const alias = anciensCodes(codes);
  await db.$transaction(
    async (tx) => {
      for (const c of communes) {
        const data = {
          nom: c.nom,
          departement: c.departement,
          codesPostaux: c.codesPostaux,
          population: c.population ?? null,
          epciSiren: c.epci?.siren ?? null,
          epciNom: c.epci?.nom ?? null,
          latitude: c.point.lat,
          longitude: c.point.lng,
          sourcePoint: c.point.source ?? null,
        };
        await tx.commune.upsert({ where: { code: c.code }, create: { code: c.code, ...data }, update: data });
      }
      await tx.communeAncienCode.deleteMany({ where: { communeCode: { in: [...codes] } } });
      await tx.communeAncienCode.createMany({ data: alias, skipDuplicates: true });
      for (const s of sites) {
        const { id, ...lieu } = lieuDeFranceServices(s);
        const data = { ...lieu, partenaire: true, source: 'anct-france-services' };
        await tx.lieuAccueil.upsert({ where: { id }, create: { id, ...data }, update: data });
      }
    },
    { timeout: 120_000 },
  );
  return { communes: communes.length, anciensCodes: alias.length, franceServices: sites.length };
}
