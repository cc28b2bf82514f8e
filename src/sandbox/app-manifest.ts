import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * What the sandbox's Slack learns from manifest.yml, as real Slack does when the app is
 * installed: which slash commands and message shortcuts reach the app, which events it gets.
 */
export interface AppManifest {
  readonly name: string;
  readonly description: string;
  readonly homeTab: boolean;
  readonly commands: string[];
  readonly messageShortcuts: { callbackId: string; name: string }[];
  readonly botEvents: string[];
}

const manifestSchema = z.object({
  display_information: z.object({ name: z.string(), long_description: z.string().optional(), description: z.string().optional() }),
  features: z
    .object({
      app_home: z.object({ home_tab_enabled: z.boolean().default(false) }).optional(),
      slash_commands: z.array(z.object({ command: z.string().startsWith('/') })).default([]),
      shortcuts: z.array(z.object({ name: z.string(), type: z.enum(['message', 'global']), callback_id: z.string() })).default([]),
    })
    .default({ slash_commands: [], shortcuts: [] }),
  settings: z.object({ event_subscriptions: z.object({ bot_events: z.array(z.string()).default([]) }).optional() }).default({}),
});

export const parseAppManifest = (text: string): AppManifest => {
  const manifest = manifestSchema.parse(parse(text));
  return {
    name: manifest.display_information.name,
    description: manifest.display_information.long_description ?? manifest.display_information.description ?? '',
    homeTab: manifest.features.app_home?.home_tab_enabled ?? false,
    commands: manifest.features.slash_commands.map((command) => command.command),
    messageShortcuts: manifest.features.shortcuts.filter((shortcut) => shortcut.type === 'message').map((shortcut) => ({ callbackId: shortcut.callback_id, name: shortcut.name })),
    botEvents: manifest.settings.event_subscriptions?.bot_events ?? [],
  };
};

export const readAppManifest = (path: string): AppManifest => parseAppManifest(readFileSync(path, 'utf8'));
