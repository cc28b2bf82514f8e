import { IncomingMessage } from 'node:http';
import { hostname as machineName, networkInterfaces } from 'node:os';

/**
 * What the local Slack and the sandbox page check before they look at a request: that it was
 * addressed to this server by one of its own names (no DNS rebinding), how big its body may be,
 * and what media type it declares. A web page the developer visits can send simple requests to
 * localhost; these checks are what keep it out.
 */

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** `host` as it appears in a Host header: lower case, IPv6 in brackets. */
const asHostName = (host: string): string => {
  const lower = host.toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
};

/**
 * The Host header values this server answers to: `localhost`, `127.0.0.1`, `[::1]` and the
 * address it listens on, each with its port; when it listens on every interface (`0.0.0.0`,
 * `::`) also the machine's name and its interfaces' addresses.
 */
export const allowedHosts = (listenHost: string, port: number): Set<string> => {
  const names = new Set(['localhost', '127.0.0.1', '[::1]', asHostName(listenHost)]);
  if (WILDCARDS.has(listenHost)) {
    names.add(machineName().toLowerCase());
    for (const addresses of Object.values(networkInterfaces())) for (const address of addresses ?? []) names.add(asHostName(address.address.split('%')[0] ?? ''));
  }
  const withPort = [...names].map((name) => `${name}:${port}`);
  return new Set(port === 80 ? [...withPort, ...names] : withPort);
};

/** True when the request's Host header is one of `allowed` (see {@link allowedHosts}). */
export const hostIsAllowed = (request: IncomingMessage, allowed: ReadonlySet<string>): boolean => {
  const host = request.headers.host;
  return typeof host === 'string' && allowed.has(host.toLowerCase());
};

/**
 * The media type of a Content-Type header, lower case and without parameters, or null when the
 * header is missing or malformed (RFC 9110 §8.3.1: `type "/" subtype *( OWS ";" OWS parameter )`).
 * `text/plain; x=application/json` is `text/plain`.
 */
export const mediaTypeOf = (contentType: string | undefined): { type: string; parameters: Map<string, string> } | null => {
  if (!contentType) return null;
  const [essence = '', ...rest] = contentType.split(';');
  const type = essence.trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) return null;
  const parameters = new Map<string, string>();
  for (const parameter of rest) {
    const match = /^\s*([a-z0-9!#$&^_.+-]+)=("(?:[^"\\]|\\.)*"|[^\s"]*)\s*$/i.exec(parameter);
    if (!match) return null;
    const [, name = '', value = ''] = match;
    parameters.set(name.toLowerCase(), value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value);
  }
  return { type, parameters };
};

export type BodyResult = { ok: true; text: string; bytes?: Buffer } | { ok: false; status: 400 | 413; error: string };

/**
 * Reads a request body of at most `maxBytes` bytes as UTF-8. A larger `Content-Length` is refused
 * before anything is read; a body that grows past the cap is refused as soon as it does.
 */
export const readLimitedBody = (request: IncomingMessage, maxBytes: number): Promise<BodyResult> => {
  const tooLarge: BodyResult = { ok: false, status: 413, error: `the body is larger than ${maxBytes} bytes` };
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    request.resume();
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.removeAllListeners('data');
        request.resume();
        return resolve(tooLarge);
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      const bytes = Buffer.concat(chunks);
      resolve({ ok: true, text: bytes.toString('utf8'), bytes });
    });
    request.on('error', () => resolve({ ok: false, status: 400, error: 'the body could not be read' }));
  });
};
