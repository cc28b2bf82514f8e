import { err, ok, Result } from '../domain/result';
import { Catalog } from './catalog';
import { PeopleDirectory } from './ports/people-directory';
import { PEOPLE_NAMED_MAX, TicketSearch, TicketSearchPage } from './ports/ticket-search';
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
  /** When words of the search named people (`karen`): those words, and the people whose tickets (as requester or assignee) were searched. */
  readonly named: { readonly words: readonly string[]; readonly personIds: readonly string[] } | null;
}

/**
 * Searches tickets for agents and managers, in the departments they work in (osTicket's agent
 * search likewise covers only the departments an agent may access); anyone else is refused.
 */
export class TicketSearchService {
  constructor(
    private readonly search: TicketSearch,
    private readonly catalog: Catalog,
    private readonly people: PeopleDirectory | null = null,
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
    const scope = { departmentIds: departments.map((department) => department.id), limit: options.limit ?? SEARCH_PAGE_SIZE };
    const names = new Map(departments.map((department) => [department.id, department.name]));
    const named = await this.namedPeople(terms, quotedWords(text));
    if (named) {
      // The named people's tickets, searched for the other words; when they have none, the words are searched as text alone.
      const page = await this.search.searchTickets({ ...terms, words: terms.words.filter((word) => !named.words.includes(word)), personIds: named.personIds, ...scope });
      if (page.total > 0) return ok({ terms, page, departments: names, named });
    }
    const page = await this.search.searchTickets({ ...terms, ...scope });
    return ok({ terms, page, departments: names, named: null });
  }

  /**
   * The people the search's words name (`karen`, `john doe`), as the directory knows them, unless
   * a requester was named already or the text is a ticket number: the people all the name words
   * name together (`john doe`: John Doe only), else anyone any of them names. A word in quotes
   * (`"will"`), or one more than PEOPLE_NAMED_MAX people share, is searched as a word only.
   */
  private async namedPeople(terms: SearchTerms, quoted: ReadonlySet<string>): Promise<SearchAnswer['named']> {
    if (!this.people || terms.requesterId !== null || terms.number !== null || terms.words.length === 0) return null;
    const candidates = terms.words.filter((word) => !quoted.has(word));
    if (candidates.length === 0) return null;
    const found = [...(await this.people.peopleNamed(candidates))].filter(([, ids]) => ids.length > 0 && ids.length <= PEOPLE_NAMED_MAX);
    if (found.length === 0) return null;
    const [first, ...others] = found.map(([, ids]) => ids);
    const together = (first ?? []).filter((id) => others.every((ids) => ids.includes(id)));
    const anyOf = [...new Set(found.flatMap(([, ids]) => ids))].slice(0, PEOPLE_NAMED_MAX);
    return { words: found.map(([word]) => word), personIds: together.length > 0 ? together : anyOf };
  }
}

/** The words a person put in double quotes (`"will"`, `“will”`): searched as words, never as a name. */
const quotedWords = (text: string): ReadonlySet<string> => new Set(readSearchText([...text.matchAll(/["“”]([^"“”]*)["“”]/gu)].map((match) => match[1] ?? '').join(' ')).words);
