import { err, ok, Result } from '../domain/result';
import { Catalog } from './catalog';
import { TicketSearch, TicketSearchPage } from './ports/ticket-search';
import { readSearchText, SearchTerms } from './search-text';

/** How many hits a search answers at most. */
export const SEARCH_PAGE_SIZE = 10;

/** Why a search was not run: the asker is no agent or manager, or typed nothing to search for. */
export type SearchRefusal = 'not_staff' | 'nothing_to_search';

/** A search's answer: what was searched for, and the best hits of the asker's departments. */
export interface SearchAnswer {
  readonly terms: SearchTerms;
  readonly page: TicketSearchPage;
  /** The names of the departments searched, by id. */
  readonly departments: ReadonlyMap<number, string>;
}

/**
 * Searches tickets for agents and managers, in the departments they work in (osTicket's agent
 * search likewise covers only the departments an agent may access); anyone else is refused.
 */
export class TicketSearchService {
  constructor(
    private readonly search: TicketSearch,
    private readonly catalog: Catalog,
  ) {}

  /**
   * Searches for `text` as `userId` typed it (Slack's escaping undone), the best `limit` first;
   * `requesterId`, when given (a person picked in the Search modal), names the requester instead
   * of any the text names.
   */
  async searchAs(userId: string, text: string, options: { requesterId?: string | null; limit?: number } = {}): Promise<Result<SearchAnswer, SearchRefusal>> {
    const departments = [...(await this.catalog.listDepartments()).values()].filter((department) => department.agentIds.includes(userId) || department.managerIds.includes(userId));
    if (departments.length === 0) return err('not_staff');
    const read = readSearchText(text);
    const terms = options.requesterId ? { ...read, requesterId: options.requesterId } : read;
    if (terms.words.length === 0 && terms.number === null && terms.requesterId === null) return err('nothing_to_search');
    const page = await this.search.searchTickets({ ...terms, departmentIds: departments.map((department) => department.id), limit: options.limit ?? SEARCH_PAGE_SIZE });
    return ok({ terms, page, departments: new Map(departments.map((department) => [department.id, department.name])) });
  }
}
