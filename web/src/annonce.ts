/** A confirmation to show on the next screen ("Évaluation enregistrée."), read once. */
let annonce: string | null = null;

export function annoncer(message: string): void {
  annonce = message;
}

export function prendreAnnonce(): string | null {
  const a = annonce;
  annonce = null;
  return a;
}
