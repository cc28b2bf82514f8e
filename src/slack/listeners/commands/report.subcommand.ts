import { REPORT_DEFAULT_DAYS, REPORT_MAX_DAYS } from '../../../services/manager-digest.service';
import { slackErrorName } from '../../delivery/classify-slack-error';
import { messageLink } from '../../home/home-publisher';
import { context } from '../../views/blocks';
import { echo, plainAnswer } from '../../views/command-answers.view';
import { buildManagerDigest } from '../../views/manager-digest.view';
import { buildReportCsv } from '../../views/ticket-report-csv.view';
import type { Subcommand } from './subcommand';

/** `/ticket report` alone covers REPORT_DEFAULT_DAYS days; a whole number of days from 1 to REPORT_MAX_DAYS may follow. */
const readDays = (args: string): number | null => {
  if (args === '') return REPORT_DEFAULT_DAYS;
  const days = /^\d{1,3}$/.test(args) ? Number(args) : NaN;
  return Number.isInteger(days) && days >= 1 && days <= REPORT_MAX_DAYS ? days : null;
};

/**
 * `/ticket report [days]`, for managers (issue 18): the digest's figures over the last `days`
 * days for the departments they manage, answered to them and posted in their DM with the app,
 * and the period's tickets as a CSV uploaded there (files.getUploadURLExternal, then
 * files.completeUploadExternal, through the SDK's filesUploadV2). A refused upload is said in the
 * answer, with Slack's reason; the figures are answered either way.
 */
export const reportSubcommand: Subcommand = async ({ userId, args, client }, { managerDigest, home }) => {
  const days = readDays(args);
  if (days === null) {
    // A whole number out of range is a number of days all the same: say what is wrong with it.
    const why = /^\d+$/.test(args) ? `A report covers 1 to ${REPORT_MAX_DAYS} days, not ${echo(args)}.` : `“${echo(args)}” is not a number of days.`;
    return plainAnswer(`${why} Write \`/ticket report\` for the last ${REPORT_DEFAULT_DAYS} days, or \`/ticket report 30\` (1 to ${REPORT_MAX_DAYS}).`);
  }
  const report = managerDigest ? await managerDigest.reportFor(userId, days) : null;
  if (!report) return plainAnswer("The report is for a department's managers, and helpdesk.yml names you manager of none. Your own tickets: `/ticket list`.");
  const teamUrl = home?.teamUrl ?? null;
  const answer = buildManagerDigest(report.digest, (channelId, ts) => messageLink(teamUrl, channelId, ts));
  const filename = `tickets-${report.until.toISOString().slice(0, 10)}-last-${days}-days.csv`;
  const more = report.more ? ` (the first ${report.tickets.length.toLocaleString('en-US')}; narrow the days for the rest)` : '';
  let note: string;
  try {
    if (!client) throw new Error('no Web API client');
    const channel = (await client.conversations.open({ users: userId })).channel?.id;
    if (!channel) throw new Error('conversations.open answered without a channel');
    // The figures stay in the DM beside the CSV (the answer to the command is gone on a reload);
    // if Slack refuses them there, the answer still carries them.
    await client.chat.postMessage({ channel, text: answer.text, blocks: answer.blocks }).catch(() => undefined);
    await client.filesUploadV2({
      channel_id: channel,
      file: Buffer.from(buildReportCsv(report.tickets), 'utf8'),
      filename,
      title: filename,
      initial_comment: `The tickets of the last ${days} days, filed, resolved or closed: ${report.tickets.length.toLocaleString('en-US')}${more}.`,
    });
    note = `:page_facing_up: \`${filename}\`, the period's ${report.tickets.length.toLocaleString('en-US')} tickets${more}, is in your DM with the app.`;
  } catch (error) {
    note = `:warning: The CSV of the period's tickets could not be uploaded (${slackErrorName(error)}). Ask again in a moment; if it keeps failing, tell your help desk admin (the app needs the files:write scope).`;
  }
  return { text: answer.text, blocks: [...answer.blocks, context(note)] };
};
