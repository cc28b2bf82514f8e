import { z } from 'zod';
import { OVERFLOW_ACTIONS } from '../ids';

/** The value a card button carries: which ticket, and the version the card showed. */
export const ticketRefSchema = z.object({ t: z.number().int().positive(), v: z.number().int().positive() });
export type TicketRef = z.infer<typeof ticketRefSchema>;

/** An overflow menu option: the action as well as the ticket reference. */
export const overflowRefSchema = ticketRefSchema.extend({ a: z.enum(OVERFLOW_ACTIONS) });
export type OverflowRef = z.infer<typeof overflowRefSchema>;

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

export const decodeTicketRef = decodeWith(ticketRefSchema);
export const decodeOverflowRef = decodeWith(overflowRefSchema);

/** What a workflow modal carries: the ticket. Anything else in it (such as an older modal's message location) is ignored. */
export const workModalMetadataSchema = ticketRefSchema;
export type WorkModalMetadata = z.infer<typeof workModalMetadataSchema>;
export const decodeWorkModalMetadata = decodeWith(workModalMetadataSchema);
