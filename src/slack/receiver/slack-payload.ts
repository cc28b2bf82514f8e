import { parse as parseQuery } from 'node:querystring';
import { z } from 'zod';
import { wellFormed } from './well-formed-text';

/**
 * What a verified request from Slack turned out to be, decided before Bolt sees it:
 * - `ssl_check`: Slack checking the certificate of a slash command's URL;
 * - `url_verification`: Slack checking the Events API request URL, answered with its challenge;
 * - `bolt`: a payload of a kind the app handles, of a shape Bolt and the listeners can read;
 * - `unhandled`: a well-formed payload of a type the app does not handle, answered at once;
 * - `malformed`: anything else (bad JSON, no payload, a payload of the wrong shape), answered 400.
 */
export type SlackPayload =
  | { kind: 'ssl_check' }
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'bolt'; body: Record<string, unknown>; eventsApi: boolean }
  | { kind: 'unhandled'; type: string; eventsApi: boolean }
  | { kind: 'malformed'; reason: string };

const id = z.string().min(1).max(255);
const object = z.object({}).loose();
const user = z.object({ id }).loose();
const team = z.object({ id }).loose().nullish();
const enterprise = z.object({ id }).loose().nullish();
const responseUrl = z.url().optional();

/** Events API callbacks (`event_callback`): Bolt reads the event's type, its channel and item, and the authorizations. */
const eventCallback = z
  .object({
    type: z.literal('event_callback'),
    team_id: z.string().optional(),
    enterprise_id: z.string().nullish(),
    authorizations: z.array(object).optional(),
    event: z
      .object({
        type: z.string().min(1),
        channel: z.union([z.string(), z.object({ id }).loose()]).optional(),
        channel_id: z.string().optional(),
        item: object.optional(),
        user: z.string().optional(),
        ts: z.string().optional(),
        thread_ts: z.string().optional(),
      })
      .loose(),
  })
  .loose();

/** Interactivity payloads the app has listeners for, by type. Other types are answered as unhandled. */
const interactions: Record<string, z.ZodType> = {
  block_actions: z
    .object({
      user,
      team,
      enterprise,
      response_url: responseUrl,
      channel: z.object({ id }).loose().optional(),
      container: object.optional(),
      message: z.object({ ts: z.string() }).loose().optional(),
      view: z.object({ id }).loose().optional(),
      trigger_id: z.string().optional(),
      actions: z.array(z.object({ action_id: id, type: z.string(), block_id: z.string().optional() }).loose()).min(1),
    })
    .loose()
    // A click on a message comes with the response_url listeners answer the person through.
    .refine((body) => body.response_url !== undefined || (body.container?.type !== 'message' && body.message === undefined), 'a click on a message without its response_url'),
  view_submission: z
    .object({
      user,
      team,
      enterprise,
      trigger_id: z.string().optional(),
      response_urls: z.array(z.object({ response_url: z.url() }).loose()).optional(),
      view: z
        .object({
          id,
          callback_id: z.string(),
          private_metadata: z.string().optional(),
          app_installed_team_id: z.string().optional(),
          // Slack sends every submission with the state of its inputs, by block and action id.
          state: z.object({ values: z.record(z.string(), z.record(z.string(), object)) }).loose(),
        })
        .loose(),
    })
    .loose(),
  message_action: z
    .object({
      user,
      team,
      enterprise,
      callback_id: z.string(),
      trigger_id: z.string(),
      response_url: z.url(),
      channel: z.object({ id }).loose(),
      message: z.object({ ts: z.string(), text: z.string().optional() }).loose(),
    })
    .loose(),
};

/** A slash command's form fields. */
const command = z
  .object({
    command: z.string().regex(/^\/\S+$/),
    user_id: id,
    channel_id: id,
    team_id: z.string().optional(),
    text: z.string().optional(),
    trigger_id: z.string(),
    response_url: z.url(),
  })
  .loose();

/**
 * Bolt tells a request's kind by the keys it carries (`event`, then `command`, then `name`, then
 * `actions`), before its `type`: a payload must not carry the keys of another kind.
 */
const FOREIGN_KEYS = { event: ['command', 'name', 'actions'], command: ['event', 'name', 'actions', 'payload'], interaction: ['event', 'command', 'name'] } as const;

const carriesForeignKeys = (body: Record<string, unknown>, kind: keyof typeof FOREIGN_KEYS): boolean => FOREIGN_KEYS[kind].some((key) => key in body);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
};

const fromEventsApi = (text: string): SlackPayload => {
  const parsed = parseJson(text);
  return parsed.ok ? eventsApiBody(parsed.value) : { kind: 'malformed', reason: 'the body is not JSON' };
};

const eventsApiBody = (body: unknown): SlackPayload => {
  if (!isRecord(body) || typeof body.type !== 'string') return { kind: 'malformed', reason: 'the body has no type' };
  if (body.type === 'url_verification') {
    return typeof body.challenge === 'string' ? { kind: 'url_verification', challenge: body.challenge } : { kind: 'malformed', reason: 'url_verification without a challenge' };
  }
  if (body.type !== 'event_callback') return { kind: 'unhandled', type: body.type, eventsApi: true };
  if (!eventCallback.safeParse(body).success || carriesForeignKeys(body, 'event')) return { kind: 'malformed', reason: 'event_callback of an unexpected shape' };
  return { kind: 'bolt', body: wellFormed(body), eventsApi: true };
};

const fromForm = (text: string): SlackPayload => {
  const fields = parseQuery(text);
  if (fields.ssl_check === '1') return { kind: 'ssl_check' };
  if ('payload' in fields) {
    if (typeof fields.payload !== 'string') return { kind: 'malformed', reason: 'more than one payload' };
    const parsed = parseJson(fields.payload);
    return parsed.ok ? interactionBody(parsed.value) : { kind: 'malformed', reason: 'the payload is not JSON' };
  }
  if (!('command' in fields)) return { kind: 'malformed', reason: 'neither a payload nor a command' };
  return commandBody({ ...fields });
};

const interactionBody = (body: unknown): SlackPayload => {
  if (!isRecord(body) || typeof body.type !== 'string') return { kind: 'malformed', reason: 'the payload has no type' };
  const schema = interactions[body.type];
  if (!schema) return { kind: 'unhandled', type: body.type, eventsApi: false };
  if (!schema.safeParse(body).success || carriesForeignKeys(body, 'interaction')) return { kind: 'malformed', reason: `${body.type} of an unexpected shape` };
  return { kind: 'bolt', body: wellFormed(body), eventsApi: false };
};

const commandBody = (fields: unknown): SlackPayload => {
  if (!isRecord(fields)) return { kind: 'malformed', reason: 'a command that is not an object' };
  if (Object.values(fields).some((value) => typeof value !== 'string')) return { kind: 'malformed', reason: 'a command field given twice or not text' };
  if (!command.safeParse(fields).success || carriesForeignKeys(fields, 'command')) return { kind: 'malformed', reason: 'a command of an unexpected shape' };
  return { kind: 'bolt', body: wellFormed(fields), eventsApi: false };
};

/** The media type of a Content-Type header, lower-cased, without its parameters. */
export const mediaType = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/**
 * Reads a verified request body as Slack sends it: Events API requests as JSON, slash commands as
 * form fields, interactivity as a form with one `payload` field holding JSON.
 * Sources: https://docs.slack.dev/interactivity/handling-user-interaction,
 * https://docs.slack.dev/interactivity/implementing-slash-commands, https://docs.slack.dev/apis/events-api
 */
export const readSlackPayload = (text: string, contentType: string | undefined): SlackPayload => {
  const type = mediaType(contentType);
  if (type === 'application/json') return fromEventsApi(text);
  if (type === 'application/x-www-form-urlencoded') return fromForm(text);
  return { kind: 'malformed', reason: 'not JSON nor a form' };
};

/**
 * Reads the payload of a Socket Mode envelope, already JSON, as `readSlackPayload` reads the same
 * payload over HTTP: `events_api` as an Events API body, `interactive` as an interactivity
 * payload, `slash_commands` as a command's fields. Any other envelope type is unhandled.
 * Source: https://docs.slack.dev/apis/events-api/using-socket-mode
 */
export const readSocketPayload = (envelopeType: string, payload: unknown): SlackPayload => {
  if (envelopeType === 'events_api') return eventsApiBody(payload);
  if (envelopeType === 'interactive') return interactionBody(payload);
  if (envelopeType === 'slash_commands') return commandBody(payload);
  return { kind: 'unhandled', type: envelopeType, eventsApi: false };
};
