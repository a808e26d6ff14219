import net from 'node:net';
import * as grpc from '@grpc/grpc-js';

/**
 * The standard gRPC health check (grpc.health.v1.Health/Check), which Temporal's frontend, history and matching
 * answer. The two messages are one field each, encoded here rather than loading the proto file.
 * Resolves true when the service is SERVING; false otherwise.
 */
export async function grpcServing(address: string, service: string, timeoutMs = 2000): Promise<boolean> {
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  const name = Buffer.from(service);
  const request = service ? Buffer.concat([Buffer.from([0x0a, name.length]), name]) : Buffer.alloc(0);
  try {
    return await new Promise<boolean>((resolve) => {
      client.makeUnaryRequest(
        '/grpc.health.v1.Health/Check',
        (b: Buffer) => b,
        (b: Buffer) => b,
        request,
        new grpc.Metadata(),
        { deadline: Date.now() + timeoutMs },
        (err, response) => {
          if (err) resolve(false);
          // Field 1 (status), varint: 1 = SERVING.
          else resolve(response?.[0] === 0x08 && response[1] === 1);
        },
      );
    });
  } finally {
    client.close();
  }
}

/** Whether something accepts TCP connections at host:port (Temporal's internal worker serves no gRPC). */
export async function tcpOuvert(address: string, timeoutMs = 2000): Promise<boolean> {
  const [host, port] = [
    address.slice(0, address.lastIndexOf(':')),
    Number(address.slice(address.lastIndexOf(':') + 1)),
  ];
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    const fin = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => fin(true));
    socket.once('error', () => fin(false));
    socket.once('timeout', () => fin(false));
  });
}
