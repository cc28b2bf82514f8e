import fc from 'fast-check';
import { buildReportCsv, csvField, REPORT_CSV_HEADER } from '../../src/slack/views/ticket-report-csv.view';

/** Reads CSV as RFC 4180 says: quoted fields may hold commas, quotes (doubled) and line breaks. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index += 1;
    } else field += char;
  }
  return rows;
};

const ticket = (topicName: string) => ({
  number: 1001,
  departmentId: 1,
  helpTopicId: 1,
  topicName,
  priority: 'emergency' as const,
  status: 'closed' as const,
  createdAt: new Date('2026-11-23T12:00:00Z'),
  firstResponseAt: null,
  resolvedAt: new Date('2026-11-23T13:00:00Z'),
  closedAt: new Date('2026-11-23T13:05:00Z'),
  resolvedWithinSla: false,
  firstResponseWithinSla: false,
  satisfaction: 2,
});

describe("the report's CSV", () => {
  it('has the columns the issue names, one line per ticket, times in UTC', () => {
    expect(parseCsv(buildReportCsv([ticket('Business Critical Outage')]))).toEqual([
      [...REPORT_CSV_HEADER],
      ['1001', 'Business Critical Outage', 'Emergency', '2026-11-23T12:00:00.000Z', '', 'no', '2026-11-23T13:00:00.000Z', '2026-11-23T13:05:00.000Z', 'no', '2'],
    ]);
  });

  it('reads back any text as written, and never starts a field with what a spreadsheet runs as a formula', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const [, row] = parseCsv(buildReportCsv([ticket(text)]));
        const field = row?.[1] ?? '';
        expect(field.replace(/^'(?='*[=+\-@\t\r])/, '')).toBe(text);
        expect(/^[=+\-@\t\r]/.test(field)).toBe(false);
        expect(row).toHaveLength(REPORT_CSV_HEADER.length);
      }),
    );
  });

  it('quotes only what needs it', () => {
    expect(csvField('Report a Problem')).toBe('Report a Problem');
    expect(csvField('Mail, calendar')).toBe('"Mail, calendar"');
    expect(csvField('=1+1')).toBe("'=1+1");
    // What only looks escaped is escaped too (a 50-fold property run found `'-` read back as `-`).
    expect(csvField("'-")).toBe("''-");
    expect(csvField("''=1")).toBe("'''=1");
    expect(csvField("'s Team")).toBe("'s Team");
  });
});
