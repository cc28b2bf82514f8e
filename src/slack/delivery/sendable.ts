/** A half of a surrogate pair without its other half: a broken character no encoder can send. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A Web API call that cannot leave: its arguments would make the client throw while encoding
 * (`URIError: URI malformed` on a lone surrogate). Checked here, before the call, so the outbox
 * gives it up at once whatever realm the client's own error would come from.
 */
export class NotSendableError extends Error {
  readonly code = 'helpdesk_not_sendable';
}

/** Throws NotSendableError if a string argument holds a broken character; object arguments (blocks, metadata) are sent as JSON, whose encoding escapes a lone surrogate instead of failing. */
export const assertSendable = (method: string, args: Record<string, unknown>): void => {
  for (const [name, value] of Object.entries(args)) {
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) throw new NotSendableError(`${method} ${name} holds a broken character (a lone surrogate)`);
  }
};
