import fc from 'fast-check';
import { postedByThisApp } from '../../src/slack/delivery/post-once';

const maybe = <T>(values: T[]) => fc.option(fc.constantFrom(...values), { nil: undefined });

/** Issue 14 §3: who may count as the app on read-back, whatever a member, another app or a workflow puts in a message. */
describe('a message read back counts as the app’s own', () => {
  it('only when Slack names the app’s bot id, whatever the user field or app id claim, with or without an app id from auth.test (property)', () => {
    fc.assert(
      fc.property(
        fc.record({ bot_id: maybe(['B0HELPBOT', 'B0MONITOR', 'B0WORKFLOW']), app_id: maybe(['A0HELPDESK', 'A0MONITOR']), user: maybe(['U0HELPBOT', 'U0KEN']) }),
        fc.record({ botId: maybe(['B0HELPBOT']), botUserId: maybe(['U0HELPBOT']), appId: maybe(['A0HELPDESK']) }),
        (message, bot) => {
          const counted = postedByThisApp(message, bot);
          if (counted) expect(message.bot_id).toBe(bot.botId);
          if (counted) expect(bot.botId).toBeDefined();
          // The app's bot id with no claim against it always counts: the app recognises its own posts.
          if (bot.botId && message.bot_id === bot.botId && message.app_id === undefined && message.user === undefined) expect(counted).toBe(true);
          // A known app id or bot user that differs is never the app.
          if (bot.appId && message.app_id && message.app_id !== bot.appId) expect(counted).toBe(false);
          if (bot.botUserId && message.user && message.user !== bot.botUserId) expect(counted).toBe(false);
        },
      ),
    );
  });
});
