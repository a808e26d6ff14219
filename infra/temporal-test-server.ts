import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { projectRoot } from './env';
import { SEARCH_ATTRIBUTES } from './temporal-server';

/** Temporal's time-skipping test server is a Java program on Maven Central (io.temporal:temporal-test-server). */
export const TEST_SERVER_VERSION = '1.38.0';

/**
 * Returns an executable that the SDK's `createTimeSkipping` can run as `<path> <port>`: a wrapper that execs
 * the JVM on the jars fetched by Maven into the per-user cache. Fetches them the first time.
 */
export function ensureTimeSkippingServer(cacheDir: string): string {
  const dir = path.join(cacheDir, `temporal-test-server-${TEST_SERVER_VERSION}`);
  const lib = path.join(dir, 'lib');
  const wrapper = path.join(dir, 'temporal-test-server');
  const hasJars = fs.existsSync(lib) && fs.readdirSync(lib).some((f) => f.startsWith('temporal-test-server-'));
  if (!hasJars) {
    const res = spawnSync(
      'mvn',
      [
        '-q',
        '-B',
        '-f',
        path.join(projectRoot, 'scripts', 'temporal-test-server', 'pom.xml'),
        `-Dtemporal.testserver.version=${TEST_SERVER_VERSION}`,
        'dependency:copy-dependencies',
        `-DoutputDirectory=${lib}`,
        '-DincludeScope=runtime',
      ],
      { stdio: 'inherit' },
    );
    if (res.status !== 0) {
      throw new Error(
        'Impossible de récupérer io.temporal:temporal-test-server depuis Maven Central (mvn et java requis).',
      );
    }
  }
  // The SDK waits only 5 s for the port. A client JIT, the serial GC and above all a class-data sharing archive
  // of the server's own classes (made once, below) make the JVM answer in about a second even on a loaded machine.
  const archive = path.join(dir, 'classes.jsa');
  const jvm = `java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -cp '${lib}/*'`;
  if (!fs.existsSync(archive)) creerArchive(jvm, archive);
  const partage = fs.existsSync(archive) ? ` -XX:SharedArchiveFile='${archive}' -Xshare:auto` : '';
  const script = `#!/bin/sh\nexec ${jvm}${partage} io.temporal.testserver.TestServer "$@"\n`;
  if (!fs.existsSync(wrapper) || fs.readFileSync(wrapper, 'utf8') !== script) {
    fs.writeFileSync(wrapper, script, { mode: 0o755 });
  }
  return wrapper;
}

/**
 * Dynamic class-data sharing archive (JDK 13+): the JVM writes the classes it loaded when it exits normally.
 * The server is started once on a free port, stopped by SIGTERM when it listens; without an archive the
 * wrapper still works, only slower.
 */
function creerArchive(jvm: string, archive: string): void {
  const script = `
    port=$(( 20000 + $$ % 20000 ))
    ${jvm} -XX:ArchiveClassesAtExit='${archive}' io.temporal.testserver.TestServer $port >/dev/null 2>&1 &
    pid=$!
    for i in $(seq 1 600); do (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
    sleep 1; kill -TERM $pid; wait $pid`;
  spawnSync('bash', ['-c', script], { stdio: 'ignore', timeout: 180_000 });
}

const INDEXED_KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
const INDEXED_BOOL = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL;

/** Starts the time-skipping server (the executable from ensureTimeSkippingServer) with the workflows' search attributes. */
export async function startTimeSkippingServer(executable: string): Promise<TestWorkflowEnvironment> {
  // A development dependency: loaded only by the tests and the simulation.
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  // The JVM must answer within the SDK's 5 s; on a loaded two-core machine it sometimes does not: try again.
  let env: TestWorkflowEnvironment | undefined;
  for (let essai = 1; !env; essai++) {
    try {
      env = await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: { type: 'existing-path', path: executable } },
      });
    } catch (err) {
      if (essai >= 5) throw err;
    }
  }
  // The test server, like any Temporal server, must know the search attributes the workflows publish.
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(
      Object.entries(SEARCH_ATTRIBUTES).map(([n, t]) => [n, t === 'Bool' ? INDEXED_BOOL : INDEXED_KEYWORD]),
    ),
  });
  return env;
}
