/** The API's types, inferred from its contract (api/contrat): the screens hold no copy of them. */
export type * from '../../../api/contrat';
