import type { ManagerReport } from '../../services/manager-digest.service';
import { PRIORITY_LABELS } from './ticket-labels';

/** The CSV's columns, in order (issue 18's list, with the first-response SLA beside the resolution's, as the digest has both). */
export const REPORT_CSV_HEADER = ['Number', 'Help topic', 'Priority', 'Created', 'First response', 'First response SLA met', 'Resolved', 'Closed', 'Resolution SLA met', 'Satisfaction'] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * A text a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return) gets a leading `'`, so opening the file runs nothing (OWASP's CSV injection advice);
 * so does one that only looks escaped (`'-`: apostrophes before such a character), so that
 * dropping the first `'` of a field that starts with apostrophes before such a character reads
 * back exactly what was written.
 */
export const csvField = (value: string): string => {
  const safe = /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const instant = (at: Date | null): string => (at ? at.toISOString() : '');
const slaMet = (within: boolean | null): string => (within === null ? '' : within ? 'yes' : 'no');

/**
 * The report's tickets as CSV: a header line, then one line per ticket by number; times in ISO
 * 8601 UTC, `Resolution SLA met` yes, no or empty (unresolved, or no SLA plan), `First response SLA
 * met` yes, no (late, or none yet and past its target) or empty (no target, or not due yet), `Satisfaction` the rating
 * from 1 to 5 or empty. Lines end with CRLF, as RFC 4180 says. Pure.
 */
export const buildReportCsv = (tickets: ManagerReport['tickets']): string => {
  const plainPriority = (label: string) => label.replace(/^:[a-z_]+: /, '');
  const lines = tickets.map((ticket) =>
    [
      String(ticket.number),
      ticket.topicName,
      plainPriority(PRIORITY_LABELS[ticket.priority]),
      instant(ticket.createdAt),
      instant(ticket.firstResponseAt),
      slaMet(ticket.firstResponseWithinSla),
      instant(ticket.resolvedAt),
      instant(ticket.closedAt),
      slaMet(ticket.resolvedWithinSla),
      ticket.satisfaction === null ? '' : String(ticket.satisfaction),
    ]
      .map(csvField)
      .join(','),
  );
  return [REPORT_CSV_HEADER.join(','), ...lines].map((line) => `${line}\r\n`).join('');
};
