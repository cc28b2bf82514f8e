import { WebApiMethods } from './web-api-method';
import { LocalUser } from './workspace-types';

/** A person as users.info and users.list describe them: handle, real name, and their profile's names. */
const userJson = (user: LocalUser) => ({
  id: user.id,
  name: user.name,
  real_name: user.realName,
  deleted: user.deleted ?? false,
  is_bot: user.isBot ?? false,
  profile: { real_name: user.realName, display_name: user.name },
});

const CURSOR_PREFIX = 'user:';
const cursorOf = (offset: number): string => Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64');
const offsetOf = (cursor: string): number | null => {
  const decoded = Buffer.from(cursor, 'base64').toString();
  return decoded.startsWith(CURSOR_PREFIX) && /^\d+$/.test(decoded.slice(CURSOR_PREFIX.length)) ? Number(decoded.slice(CURSOR_PREFIX.length)) : null;
};

/** Who is calling (`auth.test`), who a person is (`users.info`) and everyone in the workspace (`users.list`). */
export const usersMethods: WebApiMethods = {
  'auth.test'() {
    return {
      ok: true,
      url: 'https://helpdesk-demo.slack.com/',
      team: 'Helpdesk Demo',
      team_id: this.teamId,
      user: 'helpdesk',
      user_id: this.botUserId,
      bot_id: 'B0HELPBOT',
      app_id: 'A0HELPDESK',
    };
  },
  'users.info'(args) {
    const user = this.users.get(String(args.user));
    if (!user) return this.fail('users.info', 'user_not_found');
    return { ok: true, user: userJson(user) };
  },
  /**
   * The workspace's people a page at a time, as Slack pages (https://docs.slack.dev/reference/methods/users.list):
   * `limit` of them (all without one), and `response_metadata.next_cursor` for the next page, `''`
   * after the last; a cursor it did not give answers `invalid_cursor`.
   */
  'users.list'(args) {
    const everyone = [...this.users.values()];
    const cursor = typeof args.cursor === 'string' ? args.cursor : '';
    const start = cursor === '' ? 0 : offsetOf(cursor);
    if (start === null || start > everyone.length) return this.fail('users.list', 'invalid_cursor');
    const limit = Number(args.limit ?? 0) > 0 ? Number(args.limit) : everyone.length;
    const end = Math.min(everyone.length, start + limit);
    return { ok: true, members: everyone.slice(start, end).map(userJson), response_metadata: { next_cursor: end < everyone.length ? cursorOf(end) : '' } };
  },
};
