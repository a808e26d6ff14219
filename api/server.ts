import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { createApp } from './app';
import type { ApiDeps } from './context';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

export async function listen(deps: ApiDeps, port: number, host = '127.0.0.1'): Promise<RunningApi> {
  const app = createApp(deps);
  const server: http.Server = await new Promise((resolve, reject) => {
    // Express 5 hands listen errors (port taken...) to the callback.
    const s = app.listen(port, host, (err?: Error) => {
      if (err) reject(new Error(`L’API ne peut pas écouter sur ${host}:${port} : ${err.message}`, { cause: err }));
      else resolve(s);
    });
  });
  const { port: actual } = server.address() as AddressInfo;
  deps.logger.info({ url: `http://${host}:${actual}` }, 'API à l’écoute');
  return {
    url: `http://${host}:${actual}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
