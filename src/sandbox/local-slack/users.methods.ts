import { WebApiMethods } from './web-api-method';

/** Who is calling (`auth.test`) and who a person is (`users.info`). */
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
    return { ok: true, user: { id: user.id, name: user.name, real_name: user.realName, profile: { real_name: user.realName, display_name: user.name } } };
  },
};
