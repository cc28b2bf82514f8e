import { PRIORITIES, TICKET_STATUSES } from '../../../domain/ticket';
import { HomeChange } from '../../../services/home-state';

/**
 * What a filter select's choice changes: `department` takes a department id, `status` a ticket
 * status, `priority` a priority; null (the "all" option) clears the filter. A value that is none
 * of these answers null, and nothing changes.
 */
export const homeFilterChange =
  (filter: 'department' | 'status' | 'priority') =>
  (value: string | null): HomeChange | null => {
    if (filter === 'department') {
      if (value === null) return { type: 'filter', filters: { departmentId: null } };
      const id = Number(value);
      return Number.isSafeInteger(id) && id > 0 ? { type: 'filter', filters: { departmentId: id } } : null;
    }
    if (filter === 'status') {
      const status = TICKET_STATUSES.find((candidate) => candidate === value);
      return value === null || status ? { type: 'filter', filters: { status: status ?? null } } : null;
    }
    const priority = PRIORITIES.find((candidate) => candidate === value);
    return value === null || priority ? { type: 'filter', filters: { priority: priority ?? null } } : null;
  };
