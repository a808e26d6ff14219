/** The Temporal workflow id of a parcours: stable, derived from its id, free of personal data. */
export const workflowIdDe = (parcoursId: string) => `parcours-${parcoursId}`;
