import { CannedValues, fillCannedText } from '../domain/canned-text';
import { formatTicketNumber } from '../domain/ticket';
import { DepartmentRow, TicketRow } from './ports/records';

/** One canned response of helpdesk.yml: offered to one department's agents, or to every department's (`departmentName` null). */
export interface CannedResponse {
  readonly title: string;
  /** The text with its variables (see canned-text.ts), already checked when helpdesk.yml was read. */
  readonly text: string;
  readonly departmentName: string | null;
}

/** The people a response names, as the Slack layer looked them up (a name, or a mention where the lookup failed). */
export interface CannedPeople {
  readonly requesterName: string;
  readonly agentName: string;
}

/**
 * The canned responses agents insert in Reply to requester and Internal note, from this
 * instance's helpdesk.yml (every instance reads the same file; they are not stored in the
 * database). A department's agents are offered its own responses and those for every department,
 * in the order the file lists them; a response is named by its title, unique among those.
 */
export class CannedResponses {
  constructor(private readonly responses: readonly CannedResponse[]) {}

  /** The responses offered on a ticket of `department`, in the file's order. */
  offeredTo(department: Pick<DepartmentRow, 'name'>): CannedResponse[] {
    return this.responses.filter((response) => response.departmentName === null || response.departmentName === department.name);
  }

  /**
   * The response titled `title` with its variables filled in for `ticket`, or null when no such
   * response is offered to its department (a forged choice, or one removed since the modal opened).
   */
  fill(title: string, ticket: Pick<TicketRow, 'number' | 'summary'>, department: Pick<DepartmentRow, 'name'>, people: CannedPeople, fields: CannedValues['fields'] = {}): string | null {
    const response = this.offeredTo(department).find((candidate) => candidate.title === title);
    if (!response) return null;
    return fillCannedText(response.text, {
      variables: {
        'ticket.number': formatTicketNumber(ticket.number),
        'ticket.summary': ticket.summary,
        'requester.name': people.requesterName,
        'agent.name': people.agentName,
        department: department.name,
      },
      fields,
    });
  }
}
