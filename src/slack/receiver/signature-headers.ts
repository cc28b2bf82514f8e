import type { IncomingHttpHeaders } from 'node:http';

/** Slack's rule: a request whose timestamp is more than five minutes from the local clock, either way, may be a replay. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export type SignatureHeaders = { ok: true; timestamp: number; signature: string } | { ok: false; reason: string };

const single = (value: string | string[] | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Checks, before any of the body is read, that a request carries Slack's signature headers
 * (`X-Slack-Signature: v0=<64 hex>`, `X-Slack-Request-Timestamp: <whole seconds>`) and that its
 * timestamp is within five minutes of `nowMs` in either direction. The signature itself needs the
 * body and is checked after it (Bolt's `verifySlackRequest`).
 * Source: https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
export const checkSignatureHeaders = (headers: IncomingHttpHeaders, nowMs: number): SignatureHeaders => {
  const signature = single(headers['x-slack-signature']);
  const stamp = single(headers['x-slack-request-timestamp']);
  if (signature === undefined || stamp === undefined) return { ok: false, reason: 'missing signature headers' };
  if (!/^v0=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: 'signature is not a v0 signature' };
  if (!/^\d{1,12}$/.test(stamp)) return { ok: false, reason: 'timestamp is not whole seconds' };
  const timestamp = Number(stamp);
  if (Math.abs(Math.floor(nowMs / 1000) - timestamp) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: 'timestamp is more than five minutes off' };
  return { ok: true, timestamp, signature };
};
