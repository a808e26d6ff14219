/** Partners whose lists of people open parcours (imports of flux). */
export const SOURCES_FLUX = ['caf', 'msa', 'france_travail'] as const;
export type SourceFlux = (typeof SOURCES_FLUX)[number];
export const LIBELLES_SOURCE: Record<SourceFlux, string> = {
  caf: 'CAF',
  msa: 'MSA',
  france_travail: 'France Travail',
};
