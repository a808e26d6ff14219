export default async function globalTeardown(): Promise<void> {
  for (const stop of (globalThis.__services_cluster__ ?? []).reverse()) await stop();
}
