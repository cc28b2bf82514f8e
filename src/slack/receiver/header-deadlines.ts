import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Closes connections that do not deliver a request's headers in time. Node's own `headersTimeout`
 * leaves a connection open that sends nothing, or trickles its headers, so each connection must
 * have its headers in within `headersMs` of opening, and within `idleMs + headersMs` of its
 * previous answer (kept-alive connections wait for their next request that long).
 */
export const closeSlowConnections = (server: Server, headersMs: number, idleMs: number): void => {
  const deadlines = new WeakMap<Socket, NodeJS.Timeout>();
  const expect = (socket: Socket, withinMs: number) => {
    clearTimeout(deadlines.get(socket));
    const timer = setTimeout(() => socket.destroy(), withinMs);
    timer.unref();
    deadlines.set(socket, timer);
  };
  server.on('connection', (socket: Socket) => {
    expect(socket, headersMs);
    socket.once('close', () => clearTimeout(deadlines.get(socket)));
  });
  server.on('request', (request, response) => {
    const { socket } = request as { socket: Socket };
    clearTimeout(deadlines.get(socket));
    response.once('finish', () => !socket.destroyed && expect(socket, idleMs + headersMs));
  });
};
