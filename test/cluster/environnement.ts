/**
 * Run before each test file of the cluster project: the shared test support (test/support/stack.ts) reads
 * TEST_DATABASE_URL, TEST_TEMPORAL_ADDRESS and TEST_WORKFLOW_BUNDLE; here they point at the cluster's.
 */
for (const nom of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'WORKFLOW_BUNDLE']) {
  const valeur = process.env[`TEST_CLUSTER_${nom}`];
  if (valeur) process.env[`TEST_${nom}`] = valeur;
}
