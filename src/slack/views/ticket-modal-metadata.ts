import { z } from 'zod';

/** What the ticket modal carries between opening and submission, in `private_metadata`. */
export const ticketModalMetadataSchema = z.object({
  source: z.object({ channelId: z.string().min(1).max(32), messageTs: z.string().min(1).max(32) }).nullable(),
  /** The requester's closed ticket this one follows up (Still broken after its reopen window), linked once filed. */
  followsUp: z.object({ ticketId: z.number().int().positive() }).optional(),
});

export type TicketModalMetadata = z.infer<typeof ticketModalMetadataSchema>;

export const parseTicketModalMetadata = (text: string | undefined): TicketModalMetadata => {
  try {
    const parsed = ticketModalMetadataSchema.safeParse(JSON.parse(text || '{}'));
    return parsed.success ? parsed.data : { source: null };
  } catch {
    return { source: null };
  }
};
