import type { IncomingMessage } from 'node:http';

export type BodyRead = { ok: true; body: Buffer } | { ok: false; status: 400 | 408 | 413 | 503; reason: string };

/** Bytes of request bodies held at once by the whole process; each request takes its share and gives it back. */
export class ByteBudget {
  private used = 0;
  constructor(private readonly limit: number) {}

  /** Takes `bytes` if they fit, and says whether they did. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

export interface ReadLimits {
  readonly maxBytes: number;
  /** How long the whole body may take to arrive, in ms. */
  readonly timeoutMs: number;
  readonly budget: ByteBudget;
}

/**
 * Reads a request body of at most `maxBytes`, counted as it arrives (a chunked body has no
 * `Content-Length` to check first), holding its bytes against the shared `budget`, and gives up
 * after `timeoutMs`. A failed read leaves the rest of the body unread: the caller answers and closes
 * the connection.
 */
export const readBody = (request: IncomingMessage, limits: ReadLimits): Promise<BodyRead> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let held = 0;
    const finish = (result: BodyRead) => {
      clearTimeout(timer);
      request.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      limits.budget.give(held);
      held = 0;
      if (!result.ok) request.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limits.maxBytes) return finish({ ok: false, status: 413, reason: 'body over the size limit' });
      if (!limits.budget.take(chunk.length)) return finish({ ok: false, status: 503, reason: 'too many request bodies in memory' });
      held += chunk.length;
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks, length) });
    const onError = () => finish({ ok: false, status: 400, reason: 'the body could not be read' });
    const onAborted = () => finish({ ok: false, status: 400, reason: 'the client went away' });
    const timer = setTimeout(() => finish({ ok: false, status: 408, reason: 'the body did not arrive in time' }), limits.timeoutMs);
    request.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
