import { valuesList } from '../src/persistence/bulk-sql';
import { Database } from '../src/persistence/database';
import { loadWithSearchIndexInBulk } from '../src/persistence/search-index-bulk';

/** The search benchmark's ticket numbers, clear of the other benchmarks' (see seed-tickets.ts). */
export const STORY_SEED_NUMBER_BASE = 30_000_000;

/** The demo stories (Karen's outage, Michael's mail, Ken's printer, access requests…), as people word them. */
export const STORY_SUMMARIES = [
  'Entire mobile online banking is down',
  'Mail stopped syncing on my iPhone',
  'The printer on floor 3 jams on every page',
  'Need VPN access for the vendor',
  'Password reset does not send the email',
  'Laptop will not connect to the office wifi',
  'Outlook keeps asking for my password',
  'Shared drive is read only since this morning',
  'Payroll report export fails with an error',
  'New starter needs an account and a laptop',
  'Video calls drop after ten minutes',
  'Cannot open the expense app on Android',
  'Website checkout page shows a blank screen',
  'Database backups failed overnight',
  'Badge reader at the main entrance is offline',
  'Calendar invites arrive twice',
  'Monitor flickers when docked',
  'Two factor codes arrive late',
  'CRM is very slow for the sales team',
  'Access to the finance folder is denied',
];

const DETAILS = [
  'It started after the update this morning and the whole team is affected.',
  'I restarted twice and it still happens; the error says 503 service unavailable.',
  'Customers are calling the branch because they cannot log in.',
  'It worked yesterday. Michael confirmed the issue on his iPhone as well.',
  'Please treat this as urgent, we have a deadline at 5 pm.',
  'Screenshot attached in the thread. It only happens on the guest network.',
  'The load balancer logs show timeouts from the gateway.',
  'Ken says the same thing happens on the second floor.',
];

export const STORY_REPLIES = [
  'We restarted the gateway; please try again and tell us if it works.',
  'Could you send a screenshot of the error message?',
  'Internal note: certificate expired on the load balancer, renewing now.',
  'Internal note: escalated to the Sys Admins for the firewall rule.',
  'I reset your password; the new one is in your inbox.',
  'The vendor confirmed the outage on their side.',
];

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tor', 'vel', 'sa', 'qui', 'dex', 'bra', 'no', 'fi', 'zu', 'pel', 'gor', 'tan', 'wex', 'ly', 'cham', 'drin'];

/** A small deterministic PRNG (mulberry32), so every run seeds the same texts. */
export const prng = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** The `index`th of 8,000 made-up words (product names, hostnames, error codes as people type them). */
export const variedWord = (index: number): string => `${SYLLABLES[index % 20]}${SYLLABLES[Math.floor(index / 20) % 20]}${SYLLABLES[Math.floor(index / 400) % 20]}`;
export const VARIED_WORDS = 8_000;

/** A varied word drawn with a long tail: a few are common, most are rare (as words in tickets are). */
const drawWord = (random: () => number): string => variedWord(Math.floor(VARIED_WORDS * random() ** 3));

export interface StorySeedOptions {
  readonly count: number;
  /** Tickets are spread over departments 1..departments. */
  readonly departments: number;
  /** Requesters U0REQ0 … U0REQ{requesters-1}. */
  readonly requesters: number;
  readonly now: number;
}

/**
 * Inserts `count` tickets with the stories' summaries and details, each with a few varied words,
 * 1,000 to a statement; every tenth ticket then gets a reply or a note. The search index is filled
 * in bulk after the load (loadWithSearchIndexInBulk): the same rows the triggers would write.
 */
export const seedStoryTickets = (db: Database, options: StorySeedOptions): Promise<void> => loadWithSearchIndexInBulk(db, () => insertStoryTickets(db, options));

const insertStoryTickets = async (db: Database, options: StorySeedOptions): Promise<void> => {
  const columns = [
    'number',
    'status',
    'priority',
    'requester_id',
    'department_id',
    'help_topic_id',
    'sla_plan_id',
    'sla_from_topic',
    'summary',
    'details',
    'sla_started_at',
    'due_at',
    'created_at',
    'updated_at',
    'version',
    'escalation_level',
  ];
  const BATCH = 1000;
  const random = prng(42);
  const statuses = ['open', 'in_progress', 'waiting', 'resolved', 'closed'];
  for (let start = 0; start < options.count; start += BATCH) {
    const end = Math.min(start + BATCH, options.count);
    const rows: unknown[] = [];
    for (let index = start; index < end; index += 1) {
      const at = options.now - (options.count - index) * 60_000;
      const summary = `${STORY_SUMMARIES[Math.floor(random() * STORY_SUMMARIES.length)]} ${drawWord(random)}`;
      const details = `${DETAILS[Math.floor(random() * DETAILS.length)]} ${drawWord(random)} ${drawWord(random)} ${drawWord(random)} ${DETAILS[Math.floor(random() * DETAILS.length)]}`;
      rows.push(
        STORY_SEED_NUMBER_BASE + index,
        statuses[index % 5],
        'normal',
        `U0REQ${index % options.requesters}`,
        (index % options.departments) + 1,
        1,
        null,
        true,
        summary,
        details,
        at,
        at + 86_400_000,
        at,
        at,
        1,
        0,
      );
    }
    await db.transaction((manager) =>
      manager.query(
        `INSERT INTO tickets (${columns.join(', ')}) VALUES ${valuesList(
          manager,
          end - start,
          columns.map(() => null),
        )}`,
        rows,
      ),
    );
  }
  const replies = STORY_REPLIES.map((text, index) => `SELECT ${index} AS k, '${text.replace(/'/g, "''")}' AS text`).join(' UNION ALL ');
  await db.transaction((manager) =>
    manager.query(
      `INSERT INTO ticket_events (ticket_id, type, actor_id, at, "before", "after", text)
        SELECT t.id, CASE WHEN r.k >= 2 THEN 'noted' ELSE 'replied' END, 'U0JOHN', t.created_at + 60000, '{}', '{}', r.text
        FROM tickets t JOIN (${replies}) r ON r.k = (t.number / 10) % ${STORY_REPLIES.length}
        WHERE t.number >= ${STORY_SEED_NUMBER_BASE} AND t.number % 10 = 0`,
    ),
  );
};
