import type { Server } from 'node:net';

/**
 * Keeps a listening server serving through an error in accepting a connection. Node reports
 * such an error (EMFILE once libuv's spare descriptor is gone, ENFILE, ENOBUFS, ENOMEM) as the
 * server's `'error'` event, and without a listener that event ends the process: the port would
 * then refuse every connection. The listening socket stays open after the error (only the
 * connection being accepted is lost), so each error is reported and the server goes on. Call it
 * once the server listens, so an error in `listen` (EADDRINUSE) still fails the start.
 */
export const keepListeningThroughAcceptErrors = (server: Server, report: (error: Error) => void): void => {
  server.on('error', report);
};
