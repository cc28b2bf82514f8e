import { createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  readonly url: string;
  /** How many requests each backend received, in the order the backends were given. */
  readonly handled: number[];
  stop(): Promise<void>;
}

/**
 * A load balancer in front of several app instances: each request goes to the next backend in
 * turn, headers and body untouched, so no instance sees two requests of the same scene in a row.
 */
export const startRoundRobinProxy = async (backendPorts: readonly number[]): Promise<RoundRobinProxy> => {
  const handled = backendPorts.map(() => 0);
  let next = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const index = next++ % backendPorts.length;
    handled[index] = (handled[index] ?? 0) + 1;
    const forwarded = request({ host: '127.0.0.1', port: backendPorts[index], method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', (error) => {
      outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`backend ${index} failed: ${error.message}`);
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    handled,
    stop: () => new Promise((closed) => server.close(() => closed())),
  };
};
