import { z } from 'zod';
import { OVERFLOW_ACTIONS } from '../ids';

const positive = z.number().int().positive();

/**
 * The value a card button carries: which ticket (`ticketId`), and the version of it the card
 * showed (`version`). Cards posted before the keys were spelled out carry `{ t, v }`; Slack keeps
 * those messages, so their clicks are still read, as the same reference.
 */
export const ticketRefSchema = z.union([z.object({ ticketId: positive, version: positive }), z.object({ t: positive, v: positive }).transform(({ t, v }) => ({ ticketId: t, version: v }))]);
export type TicketRef = z.output<typeof ticketRefSchema>;

/** An overflow menu option: the `action` as well as the ticket reference; older cards carry `{ t, v, a }`. */
export const overflowRefSchema = z.union([
  z.object({ ticketId: positive, version: positive, action: z.enum(OVERFLOW_ACTIONS) }),
  z.object({ t: positive, v: positive, a: z.enum(OVERFLOW_ACTIONS) }).transform(({ t, v, a }) => ({ ticketId: t, version: v, action: a })),
]);
export type OverflowRef = z.output<typeof overflowRefSchema>;

/** The JSON a button value or an overflow option carries (a few dozen characters, well under Slack's 2,000). */
export const encodeTicketRef = (ref: TicketRef | OverflowRef): string => JSON.stringify(ref);

const decodeWith =
  <T>(schema: z.ZodType<T>) =>
  (value: string | undefined): T | null => {
    try {
      const parsed = schema.safeParse(JSON.parse(value ?? ''));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };

/** A button's ticket reference, or null when the value is not one (old short keys are read too). */
export const decodeTicketRef = decodeWith(ticketRefSchema);
/** An overflow option's reference and action, or null when the value is not one (old short keys are read too). */
export const decodeOverflowRef = decodeWith(overflowRefSchema);

/**
 * What a workflow modal carries in `private_metadata`: the ticket (`{ ticketId, version }`, or
 * `{ t, v }` in a modal opened before the keys were spelled out). Anything else in it (such as an
 * older modal's message location) is ignored.
 */
export const workModalMetadataSchema = ticketRefSchema;
export type WorkModalMetadata = TicketRef;
export const decodeWorkModalMetadata = decodeWith(workModalMetadataSchema);
