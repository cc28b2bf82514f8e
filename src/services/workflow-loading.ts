import { Actor, actorFor } from '../domain/actor';
import { TicketUnit } from './ports/ticket-store';
import { Catalog } from './catalog';
import { Loaded } from './ticket-workflow.types';

/** A ticket and its department, read through `unit`; null when there is no such ticket. Throws when the department is missing from the catalog. */
export const loadTicket = async (unit: TicketUnit, catalog: Catalog, ticketId: number): Promise<Loaded | null> => {
  const ticket = await unit.tickets.findById(ticketId);
  if (!ticket) return null;
  const department = await catalog.findDepartment(ticket.departmentId);
  if (!department) throw new Error(`ticket ${ticket.number} refers to a missing department ${ticket.departmentId}`);
  return { ticket, department };
};

/** How `userId` relates to a loaded ticket: requester, agent or manager of its department, watcher (when `watcherIds` are given). */
export const actorOf = ({ ticket, department }: Loaded, userId: string, watcherIds: readonly string[] = []): Actor => actorFor(userId, ticket.requesterId, department, watcherIds);
