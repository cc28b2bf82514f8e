/**
 * Limits of the HTTP port that faces Slack, and so the internet. Slack's requests are small (a few
 * kilobytes; a click on a full card or a large modal's submission stays well under 1 MB), arrive
 * whole at once, and Slack gives up on an answer after 3 seconds.
 */
export interface EdgeLimits {
  /** The largest body accepted, in bytes: a bigger `Content-Length` is refused before reading. */
  readonly maxBodyBytes: number;
  /** Bytes of request bodies held in memory at once, across all requests; more wait for Slack's retry (503). */
  readonly maxBufferedBytes: number;
  /** How long a connection may take to send a request's headers, in ms; then it is closed. */
  readonly headersTimeoutMs: number;
  /** How long the body may take to arrive after the headers, in ms; then it is dropped (408). */
  readonly requestTimeoutMs: number;
  /** How long a kept-alive connection may sit idle between requests, in ms. */
  readonly keepAliveTimeoutMs: number;
  /** Connections open at once; a connection beyond it takes the place of the oldest idle one (`relieveConnectionPressure`). */
  readonly maxConnections: number;
}

export const DEFAULT_EDGE_LIMITS: EdgeLimits = {
  maxBodyBytes: 1024 * 1024,
  maxBufferedBytes: 8 * 1024 * 1024,
  headersTimeoutMs: 5000,
  requestTimeoutMs: 5000,
  keepAliveTimeoutMs: 5000,
  maxConnections: 256,
};
