/**
 * What went wrong under a failed Web API call, as the network error's code: `ECONNREFUSED`,
 * `ENOTFOUND`, `ECONNRESET`, … from the socket, or `ETIMEDOUT` when the call's time-out fired;
 * when there is no code, the innermost error's message. The client (`@slack/web-api` 8, over the
 * global fetch) wraps what fetch threw in a `WebAPIRequestError` whose `original` is a
 * `TypeError('fetch failed')` with the socket error as its `cause`, or the `TimeoutError` of the
 * `AbortSignal.timeout` that its `timeout` option sets.
 */
export const networkFailure = (error: unknown): string => {
  let innermost: unknown = error;
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth += 1) {
    const { code, name } = cause as { code?: unknown; name?: unknown };
    if (name === 'TimeoutError') return 'ETIMEDOUT';
    if (typeof code === 'string' && !code.startsWith('slack_')) return code;
    innermost = cause;
    cause = (cause as { original?: unknown }).original ?? (cause as { cause?: unknown }).cause;
  }
  const message = (innermost as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(innermost);
};
