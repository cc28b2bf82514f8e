import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ids } from '../src/slack/ids';

/** The bot scope each Web API method the app calls needs (Slack's method reference). */
const SCOPE_OF_METHOD: Record<string, string | string[] | null> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  // A bot token deletes only the bot's own messages, with chat:write (https://docs.slack.dev/reference/methods/chat.delete/).
  'chat.delete': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.getPermalink': null,
  'conversations.open': 'im:write',
  // Reading back what a retried delivery already posted, in public and private channels and DMs.
  'conversations.history': ['channels:history', 'groups:history', 'im:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history'],
  // Names behind mentions and channel links in text a ticket is filed from.
  'users.info': 'users:read',
  'users.list': 'users:read',
  // Checking at start-up that each help desk channel exists, is not archived, and has the app; channel names in text.
  'conversations.info': ['channels:read', 'groups:read'],
  'views.open': null,
  'views.update': null,
  'views.push': null,
  'views.publish': null,
  // Copying files between the requester's thread and the card thread, and uploading the report's CSV (Slack's upload flow).
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};

const root = join(__dirname, '..');
/** The parts of Slack's app manifest (https://docs.slack.dev/reference/app-manifest) these tests read. */
interface Manifest {
  display_information: { name: string; description: string; long_description: string };
  features: { bot_user: { display_name: string }; slash_commands: { command: string }[]; shortcuts: unknown[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
}
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as Manifest;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
const source = sourceFiles(join(root, 'src'))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

describe('manifest.yml', () => {
  it('declares the bot scopes the code needs, and no others', () => {
    const methods = [...new Set([...source.matchAll(/client\.(?:chat|views|conversations|users|files)\s*\.\s*(\w+)/g)].map((match) => match[0].replace(/^client\.|\s/g, '')))];
    const unknown = methods.filter((method) => !(method in SCOPE_OF_METHOD));
    expect(unknown).toEqual([]);
    // The SDK's filesUploadV2 calls files.getUploadURLExternal and files.completeUploadExternal.
    if (/client\.filesUploadV2\(/.test(source)) methods.push('files.getUploadURLExternal', 'files.completeUploadExternal');
    const needed = new Set(methods.flatMap((method) => SCOPE_OF_METHOD[method] ?? []));
    if (source.includes('app.command(')) needed.add('commands');
    // Reading a file's url_private with the bot token needs files:read.
    if (source.includes('url_private')) needed.add('files:read');
    // The message.im event is delivered only with im:history.
    if (source.includes("app.event('message'")) needed.add('im:history');
    // member_joined_channel is delivered with channels:read (public) and groups:read (private channels).
    if (source.includes("app.event('member_joined_channel'")) ['channels:read', 'groups:read'].forEach((scope) => needed.add(scope));
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });

  it('declares the /ticket command and the Create ticket shortcut the app listens for', () => {
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual([ids.command]);
    expect(manifest.features.shortcuts).toEqual([expect.objectContaining({ type: 'message', callback_id: ids.shortcut.createFromMessage, name: 'Create ticket' })]);
  });

  it('subscribes to the DM messages and the Home tab openings the app listens for, with the scope they need', () => {
    const listened = [...source.matchAll(/app\.event\('(\w+)'/g)].map((match) => match[1]);
    expect(listened).toEqual(['message', 'member_joined_channel', 'app_home_opened']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'member_joined_channel', 'message.im']);
    // The Home tab the app publishes with views.publish must be turned on, or Slack answers not_enabled.
    expect((manifest.features as unknown as { app_home: { home_tab_enabled: boolean } }).app_home.home_tab_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot).toContain('im:history');
  });

  it('keeps the texts within Slack limits', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(175);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
  });
});
