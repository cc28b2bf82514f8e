/**
 * The global fetch, giving up after `timeoutMs` when the caller set no signal of its own. It is
 * passed as `clientOptions.fetch`, the documented place for transport settings, because Bolt's
 * `respond()` posts to `response_url` with that fetch and sets no time-out itself; the Web API
 * client sets its own signal from its `timeout` option, which this leaves alone. A time-out fails
 * with the signal's `TimeoutError` (see `networkFailure`).
 */
export const fetchWithTimeout =
  (timeoutMs: number): typeof fetch =>
  (input, init) =>
    fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
