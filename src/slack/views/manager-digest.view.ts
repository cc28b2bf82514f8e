import type { KnownBlock } from '@slack/types';
import { formatTicketNumber } from '../../domain/ticket';
import type { DepartmentDigest, ManagerDigest, PeriodFigures } from '../../services/manager-digest';
import { context, header, section } from './blocks';
import { formatSpan } from './manager-home.view';
import { escapeMrkdwn, slackDate } from './mrkdwn';
import { relayText } from './relay-text';
import { truncateText } from './text-cuts';
import { PRIORITY_LABELS } from './ticket-labels';
import { SlackMessage } from './ticket-card.view';

/** Departments per message: three blocks each stay within Slack's 50 blocks per message. */
const DEPARTMENTS_MAX = 14;
const SUMMARY_MAX = 80;

/** The period's name: `Last day`, `Last 7 days`. */
export const periodName = (days: number): string => (days === 1 ? 'Last day' : `Last ${days} days`);

const median = (ms: number | null): string => (ms === null ? 'none' : formatSpan(ms));

/** `first-response SLA met 3 of 4`; with nothing that had a target, says so rather than `0 of 0`. */
const slaMet = (target: string, met: number, withTarget: number): string => (withTarget === 0 ? `no ${target} target in the period` : `${target} SLA met ${met} of ${withTarget}`);

/** One period's figures on one line, in the order the issue names them. */
export const periodLine = (period: PeriodFigures): string => {
  const satisfaction = period.satisfactionAverage === null ? 'no answers' : `${period.satisfactionAverage.toFixed(1)}/5 from ${period.satisfactionCount}`;
  return [
    `*${periodName(period.days)}*: ${period.opened} opened`,
    `${period.resolved} resolved`,
    slaMet('first-response', period.firstResponsesWithinSla, period.firstResponsesWithSla),
    slaMet('resolution', period.resolvedWithinSla, period.resolvedWithSla),
    `${period.firstResponses} first responses, median ${median(period.medianFirstResponseMs)}`,
    `median resolution ${median(period.medianResolutionMs)}`,
    `satisfaction ${satisfaction}`,
  ].join(' · ');
};

const oldestLines = (department: DepartmentDigest, cardUrl: (channelId: string | null, ts: string | null) => string | null): string => {
  if (department.oldestOpen.length === 0) return '_No open tickets._';
  const lines = department.oldestOpen.map((ticket) => {
    const url = cardUrl(ticket.cardChannelId, ticket.cardTs);
    const number = formatTicketNumber(ticket.number);
    return `• ${url ? `<${url}|${number}>` : number} ${relayText(truncateText(ticket.summary, SUMMARY_MAX))} · ${PRIORITY_LABELS[ticket.priority]} · opened ${slackDate(new Date(ticket.createdAt))}`;
  });
  return `*Oldest open*\n${lines.join('\n')}`;
};

/**
 * A manager's digest or report DM (issue 18): for each department, what is overdue and
 * escalated now, each period's figures, and the oldest open tickets linked to their cards
 * (`cardUrl`, null without a link). Pure.
 */
export const buildManagerDigest = (digest: ManagerDigest, cardUrl: (channelId: string | null, ts: string | null) => string | null): SlackMessage => {
  const at = new Date(digest.at);
  const title = digest.kind === 'digest' ? 'Help desk digest' : 'Help desk report';
  const blocks: KnownBlock[] = [header(title), context(`As of ${slackDate(at)}, for the departments you manage.`)];
  for (const department of digest.departments.slice(0, DEPARTMENTS_MAX)) {
    const now = `${department.overdueNow > 0 ? `:warning: ${department.overdueNow}` : '0'} overdue now · ${department.escalatedNow} escalated and open`;
    blocks.push(section(`*${escapeMrkdwn(department.name)}*: ${now}\n${department.periods.map(periodLine).join('\n')}`), section(oldestLines(department, cardUrl)), { type: 'divider' });
  }
  const left = digest.departments.length - DEPARTMENTS_MAX;
  if (left > 0)
    blocks.push(
      context(
        `…and ${left} more departments, which did not fit in one message: ${truncateText(
          digest.departments
            .slice(DEPARTMENTS_MAX)
            .map((department) => escapeMrkdwn(department.name))
            .join(', '),
          2000,
        )}.`,
      ),
    );
  const names = digest.departments.map((department) => department.name).join(', ');
  return { text: `${title}: ${truncateText(names, 200)}`, blocks };
};
