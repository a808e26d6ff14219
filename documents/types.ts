/** What a letter holds, as plain data (documents/catalogue.ts writes them, documents/courrier.ts draws them). */
export type Bloc =
  | { paragraphe: string }
  | { intertitre: string }
  | { liste: string[] }
  | { proprietes: [string, string][] }
  | { signatures: string[] };

export interface Courrier {
  titre: string;
  /** Name and lines of the address block, when the letter is sent. */
  destinataire?: string[];
  /** "Orléans, le 23 novembre 2026". */
  faitLe: string;
  blocs: Bloc[];
  /** A letter ends with the département's signatory (its configuration); a minute of the séance does not. */
  sansSignataire?: true;
  /** The letter's date, also its PDF's creation date: the same letter drawn again is the same file. */
  le?: Date;
}
