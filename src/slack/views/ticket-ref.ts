import { z } from 'zod';

/** The value a card button carries: which ticket, and the version the card showed. */
export const ticketRefSchema = z.object({ t: z.number().int().positive(), v: z.number().int().positive() });
export type TicketRef = z.infer<typeof ticketRefSchema>;

export const encodeTicketRef = (ref: TicketRef): string => JSON.stringify(ref);

export const decodeTicketRef = (value: string | undefined): TicketRef | null => {
  try {
    const parsed = ticketRefSchema.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};
