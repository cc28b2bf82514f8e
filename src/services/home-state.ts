import { z } from 'zod';
import { PRIORITIES, TICKET_STATUSES } from '../domain/ticket';

/** The lists of a Home that page, each with its own place: the requester's open and recent tickets, the agent's queue and the unassigned tickets. */
export const HOME_LISTS = ['open', 'recent', 'mine', 'unassigned'] as const;
export type HomeList = (typeof HOME_LISTS)[number];

/** What an agent narrows their queue to: a department, a status, a priority (null: all). */
export const homeFiltersSchema = z.object({
  departmentId: z.number().int().positive().nullable().default(null),
  status: z.enum(TICKET_STATUSES).nullable().default(null),
  priority: z.enum(PRIORITIES).nullable().default(null),
});
export type HomeFilters = z.infer<typeof homeFiltersSchema>;

/**
 * What a person chose on their Home, kept per person so a refresh after a ticket change shows the
 * Home as they left it: the filters and, per list, the first row shown (0-based).
 */
export const homeStateSchema = z.object({
  filters: homeFiltersSchema.default({ departmentId: null, status: null, priority: null }),
  offsets: z.partialRecord(z.enum(HOME_LISTS), z.number().int().min(0)).default({}),
});
export type HomeState = z.infer<typeof homeStateSchema>;

export const NO_FILTERS: HomeFilters = { departmentId: null, status: null, priority: null };
export const FRESH_HOME_STATE: HomeState = { filters: NO_FILTERS, offsets: {} };

/** A stored state read back: whatever does not parse (an older shape, a broken row) gives the fresh state. */
export const readHomeState = (json: string | null): HomeState => {
  if (json === null) return FRESH_HOME_STATE;
  try {
    const parsed = homeStateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : FRESH_HOME_STATE;
  } catch {
    return FRESH_HOME_STATE;
  }
};

/** A change a person makes on their Home: a filter, or the page of one list. A new filter starts the agent's lists from their first row. */
export type HomeChange = { readonly type: 'filter'; readonly filters: Partial<HomeFilters> } | { readonly type: 'page'; readonly list: HomeList; readonly offset: number };

export const applyHomeChange = (state: HomeState, change: HomeChange): HomeState => {
  if (change.type === 'page') return { ...state, offsets: { ...state.offsets, [change.list]: change.offset } };
  return { filters: { ...state.filters, ...change.filters }, offsets: { ...state.offsets, mine: 0, unassigned: 0 } };
};
