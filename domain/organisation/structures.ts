/**
 * Structures référentes: organisations outside the département's équipes to which people are oriented (France
 * Travail for a professional orientation, associations and CCAS under convention). Their own référents follow
 * the people oriented to them.
 */
export const TYPES_STRUCTURE = ['france_travail', 'association', 'ccas', 'autre'] as const;
export type TypeStructure = (typeof TYPES_STRUCTURE)[number];

export const LIBELLE_TYPE_STRUCTURE: Record<TypeStructure, string> = {
  france_travail: 'France Travail',
  association: 'Association conventionnée',
  ccas: 'CCAS',
  autre: 'Autre structure',
};

/** Whether a person can be oriented to the structure on that day: active, and within its convention if dated. */
export function conventionEnVigueur(
  s: { actif: boolean; conventionDebut: Date | null; conventionFin: Date | null },
  jour: Date,
): boolean {
  const j = jour.toISOString().slice(0, 10);
  return (
    s.actif &&
    (!s.conventionDebut || s.conventionDebut.toISOString().slice(0, 10) <= j) &&
    (!s.conventionFin || s.conventionFin.toISOString().slice(0, 10) >= j)
  );
}
