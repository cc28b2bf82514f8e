import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Requests a connection may send ahead of its answers; Slack sends one at a time. */
export const MAX_PIPELINED_REQUESTS = 4;

/** Where a connection is: waiting for a request, receiving one's body, or waiting for the app's answer. */
type Stage = 'idle' | 'receiving' | 'answering';

interface Tracked {
  stage: Stage;
  /** Requests received whose answers are not finished. */
  inFlight: number;
}

/**
 * Caps the connections open at once without letting one client keep everyone else out. Node's
 * `maxConnections` closes each connection beyond the cap as it comes, so a client that holds the
 * cap's worth of silent connections (reopening each as it is closed) shuts Slack out. Here a new
 * connection beyond `maxConnections` takes the place of the oldest one that is idle (no request
 * yet, or kept alive after its answer), else of the oldest still receiving its body; a connection
 * whose request the app is answering is never closed for room, and when every connection is
 * answering, the new one is closed. A connection that sends more than
 * {@link MAX_PIPELINED_REQUESTS} requests ahead of its answers is closed, so answers a client
 * does not read cannot pile up in memory. Slack opens a connection and sends its request at once,
 * so under this pressure its requests still get through.
 */
export const relieveConnectionPressure = (server: Server, maxConnections: number): void => {
  // Insertion order is age order: the first evictable entry is the oldest.
  const open = new Map<Socket, Tracked>();
  const victim = (): Socket | null => {
    for (const wanted of ['idle', 'receiving'] as const) for (const [socket, tracked] of open) if (tracked.stage === wanted) return socket;
    return null;
  };
  server.on('connection', (socket: Socket) => {
    socket.once('close', () => open.delete(socket));
    if (open.size >= maxConnections) {
      const making = victim();
      if (!making) return void socket.destroy();
      open.delete(making);
      making.destroy();
    }
    open.set(socket, { stage: 'idle', inFlight: 0 });
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    const tracked = open.get(socket);
    if (!tracked) return;
    tracked.inFlight += 1;
    if (tracked.inFlight > MAX_PIPELINED_REQUESTS) return void socket.destroy();
    // The oldest request's stage is the connection's; Node answers pipelined requests in order.
    if (tracked.inFlight === 1) tracked.stage = request.complete ? 'answering' : 'receiving';
    request.once('end', () => tracked.inFlight >= 1 && tracked.stage === 'receiving' && (tracked.stage = 'answering'));
    response.once('close', () => {
      tracked.inFlight = Math.max(0, tracked.inFlight - 1);
      tracked.stage = tracked.inFlight === 0 ? 'idle' : 'answering';
    });
  });
};
