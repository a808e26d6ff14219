/** Waits until `fn` returns a truthy value (effects of activities land asynchronously). Not a timer test. */
export async function attendre<T>(
  fn: () => Promise<T | null | undefined | false>,
  quoi = 'condition',
  delaiMs = 20_000,
): Promise<T> {
  const fin = Date.now() + delaiMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > fin) throw new Error(`Délai dépassé en attendant : ${quoi}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
