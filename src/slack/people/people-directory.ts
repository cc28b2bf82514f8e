import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { PeopleDirectory } from '../../services/ports/people-directory';

/** How long the member list is used before it is read again: a person renamed today is found by the new name within this. */
export const DIRECTORY_TTL_MS = 10 * 60_000;
/** How long a search waits for the list being read; past it, the people read so far answer (a large workspace is paged at Tier 2). */
export const DIRECTORY_WAIT_MS = 2000;
/** users.list's page size: Slack recommends no more than 200 (https://docs.slack.dev/apis/web-api/pagination). */
const PAGE_SIZE = 200;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

const memberSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  real_name: z.string().optional(),
  deleted: z.boolean().optional(),
  is_bot: z.boolean().optional(),
  profile: z.object({ real_name: z.string().optional(), display_name: z.string().optional() }).partial().optional(),
});
const pageSchema = z.object({ members: z.array(z.unknown()).default([]), response_metadata: z.object({ next_cursor: z.string().optional() }).optional() });

/** A person's name as people read it: real name, else display name, else handle. */
export type PersonName = string;

interface Index {
  readonly byWord: Map<string, Set<string>>;
  readonly names: Map<string, PersonName>;
}

/**
 * The workspace's people by name, read with `users.list` (scope `users:read`, Tier 2) a page at a
 * time and kept for DIRECTORY_TTL_MS; deactivated accounts and bots are left out. Each word of a
 * person's real name, display name and handle names them (`Karen Smith` is found by `karen` and
 * by `smith`, `José` by `jose`: letter case and accents aside). A read that fails keeps the last list (or none) and is tried again on the next use.
 */
export class SlackPeopleDirectory implements PeopleDirectory {
  private index: Index = { byWord: new Map(), names: new Map() };
  private readAt: number | null = null;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly client: WebClient,
    private readonly now: () => Date,
    private readonly logger: Logger,
    private readonly waitMs = DIRECTORY_WAIT_MS,
  ) {}

  async peopleNamed(words: readonly string[]): Promise<ReadonlyMap<string, readonly string[]>> {
    await this.fresh();
    const found = new Map<string, string[]>();
    for (const word of words) {
      const ids = this.index.byWord.get(nameKey(word));
      if (ids && ids.size > 0) found.set(word, [...ids]);
    }
    return found;
  }

  /** The names of `userIds` as people read them, for those the list holds, waiting at most `waitMs` for a list being read. */
  async namesOf(userIds: readonly string[], waitMs = this.waitMs): Promise<ReadonlyMap<string, PersonName>> {
    await this.fresh(waitMs);
    return new Map(userIds.flatMap((id) => (this.index.names.has(id) ? [[id, this.index.names.get(id) as string] as const] : [])));
  }

  /** Waits (at most `waitMs`) for a list read within DIRECTORY_TTL_MS, starting a read when there is none. */
  private async fresh(waitMs = this.waitMs): Promise<void> {
    const stale = this.readAt === null || this.now().getTime() - this.readAt > DIRECTORY_TTL_MS;
    if (stale && !this.reading) {
      this.reading = this.read().finally(() => {
        this.reading = null;
      });
    }
    if (!this.reading) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.reading, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }

  private async read(): Promise<void> {
    const next: Index = { byWord: new Map(), names: new Map() };
    let cursor: string | undefined;
    // On the first read, searches meanwhile see the people read so far; a later read replaces the last list when done.
    if (this.readAt === null) this.index = next;
    try {
      do {
        const page = pageSchema.parse(await this.client.users.list({ limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }));
        for (const raw of page.members) {
          const member = memberSchema.safeParse(raw);
          if (member.success && !member.data.deleted && !member.data.is_bot) add(next, member.data);
        }
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
      this.index = next;
      this.readAt = this.now().getTime();
    } catch (error) {
      this.logger.warn('the workspace member list could not be read; searches match names only from the last list', { error: String(error) });
    }
  }
}

/**
 * A name word as it is looked up: lower case, accents and other marks left out (`José`, `JOSÉ`
 * and `jose` are one key), as SQLite's text search (unicode61 remove_diacritics) reads words.
 */
const nameKey = (word: string): string => {
  const bare = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().normalize('NFC');
  return bare === '' ? word.toLowerCase() : bare;
};

const add = (index: Index, member: z.infer<typeof memberSchema>): void => {
  const names = [member.profile?.real_name, member.real_name, member.profile?.display_name, member.name].filter((name): name is string => !!name && name.trim() !== '');
  index.names.set(member.id, names[0] ?? member.id);
  for (const name of names) {
    for (const [word] of name.normalize('NFC').toLowerCase().matchAll(WORD)) {
      const key = nameKey(word);
      const ids = index.byWord.get(key) ?? new Set<string>();
      ids.add(member.id);
      index.byWord.set(key, ids);
    }
  }
};
