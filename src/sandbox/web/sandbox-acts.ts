import { z } from 'zod';
import { escapeMrkdwn } from '../../slack/views/mrkdwn';
import { isJsonObject, Json, parseJson } from '../json';
import type { RunningSandbox } from '../sandbox';
import { AppResponse } from '../local-slack/slack-requests';
import { APP_MESSAGES } from './sandbox-screen';
import { modalActionEnvelope } from '../local-slack/interaction-payloads';
import { statesByValue } from '../local-slack/slack-payloads';

/** What a person in the sandbox page can do; the sandbox turns each into what Slack would send the app. */
const person = z.string().min(1);
const ts = z.string().regex(/^\d+\.\d+$/);

export const sandboxActSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('compose'),
    as: person,
    conversation: z.string().min(1),
    thread: ts.nullable().default(null),
    text: z.string().max(40_000, 'A message can be at most 40,000 characters, as in Slack; nothing was sent.'),
  }),
  z.object({ kind: z.literal('click'), as: person, channel: z.string().min(1), ts, blockId: z.string(), actionId: z.string(), choice: z.string().optional() }),
  z.object({ kind: z.literal('shortcut'), as: person, channel: z.string().min(1), ts, callbackId: z.string().min(1) }),
  z.object({
    kind: z.literal('submit'),
    as: person,
    viewId: z.string().min(1),
    values: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])),
    /** The files picked in the modal's file inputs, by block id: names and bytes in base64 (Slack uploads them as the person's files). */
    files: z.record(z.string(), z.array(z.object({ name: z.string().min(1).max(255), content: z.base64() }))).default({}),
  }),
  /** A choice in a modal's input that dispatches it (dispatch_action), sent before Submit with what the modal holds. */
  z.object({
    kind: z.literal('modal_choice'),
    as: person,
    viewId: z.string().min(1),
    blockId: z.string(),
    values: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()])),
  }),
  z.object({ kind: z.literal('close'), as: person, viewId: z.string().min(1) }),
  z.object({ kind: z.literal('edit'), as: person, channel: z.string().min(1), ts, text: z.string().max(40_000, 'A message can be at most 40,000 characters, as in Slack; nothing was changed.') }),
  z.object({ kind: z.literal('delete'), as: person, channel: z.string().min(1), ts }),
  z.object({ kind: z.literal('open_home'), as: person }),
  z.object({ kind: z.literal('home_click'), as: person, blockId: z.string(), actionId: z.string(), choice: z.string().optional() }),
  z.object({ kind: z.literal('reset') }),
  /** A person shares a file from their device; `content` is its bytes in base64 (the page's body limit keeps it under about 700 KB). */
  z.object({ kind: z.literal('share_file'), as: person, conversation: z.string().min(1), thread: ts.nullable().default(null), name: z.string().min(1).max(255), content: z.base64() }),
]);

export type SandboxAct = z.infer<typeof sandboxActSchema>;
export type ActOutcome = { ok: true } | { ok: false; error: string };

const OK: ActOutcome = { ok: true };

const answered = (response: AppResponse, what: string): ActOutcome =>
  response.status === 200 ? OK : { ok: false, error: `The app answered ${what} with HTTP ${response.status}; Slack would show the person an error.` };

const findElement = (blocks: readonly Json[], blockId: string, actionId: string): Json | null => {
  for (const block of blocks) {
    if (block.block_id !== blockId) continue;
    const candidates = [...(Array.isArray(block.elements) ? (block.elements as Json[]) : []), ...(block.accessory ? [block.accessory as Json] : [])];
    const element = candidates.find((candidate) => candidate.action_id === actionId);
    if (element) return element;
  }
  return null;
};

const compose = async (sandbox: RunningSandbox, act: Extract<SandboxAct, { kind: 'compose' }>): Promise<ActOutcome> => {
  const { slack, manifest } = sandbox;
  const { requests } = sandbox.current();
  const text = act.text.trim();
  if (!text) return { ok: false, error: 'Type a message first.' };
  const inAppDm = act.conversation === APP_MESSAGES;
  const channel = inAppDm ? slack.openDm(act.as) : act.conversation;
  if (!inAppDm && !slack.channelsOf(act.as).some((joined) => joined.id === channel)) return { ok: false, error: 'You are not a member of that channel.' };

  const command = /^(\/\S+)\s*([\s\S]*)$/.exec(text);
  if (command && !act.thread) {
    const [, name = '', rest = ''] = command;
    if (!manifest.commands.includes(name)) {
      slack.addEphemeral({
        at: Date.now(),
        channel,
        user: act.as,
        text: `\`${name}\` is not a valid command. In Slack, all messages that start with "/" are interpreted as commands.`,
        blocks: [],
        via: 'ack',
        from: 'Slackbot',
      });
      return OK;
    }
    const response = await requests.slashCommand(act.as, rest, channel, undefined, name);
    const ack = response.status === 200 && response.body ? parseJson(response.body) : null;
    if (isJsonObject(ack) && typeof ack.text === 'string') {
      slack.addEphemeral({ at: Date.now(), channel, user: act.as, text: ack.text, blocks: Array.isArray(ack.blocks) ? (ack.blocks as Json[]) : [], via: 'ack' });
    }
    return answered(response, name);
  }

  // Slack escapes `&`, `<` and `>` in what people type before an app sees it.
  if (inAppDm && manifest.botEvents.includes('message.im')) {
    const { response } = await requests.writeInDm(act.as, escapeMrkdwn(text), act.thread);
    return answered(response, 'the message event');
  }
  slack.postAsUser(channel, act.as, escapeMrkdwn(text), act.thread);
  return OK;
};

/**
 * A person edits or deletes one of their own messages, as Slack allows. In their DM with the app
 * Slack tells the app (`message_changed`, `message_deleted`); elsewhere the app does not listen.
 */
const editOrDelete = async (sandbox: RunningSandbox, act: Extract<SandboxAct, { kind: 'edit' | 'delete' }>): Promise<ActOutcome> => {
  const { slack, manifest } = sandbox;
  const message = slack.messagesIn(act.channel).find((candidate) => candidate.ts === act.ts);
  if (!message) return { ok: false, error: 'That message is no longer there.' };
  if (message.user !== act.as) return { ok: false, error: 'You can edit or delete only your own messages.' };
  const text = act.kind === 'edit' ? act.text.trim() : '';
  if (act.kind === 'edit' && !text) return { ok: false, error: 'A message cannot be empty; delete it instead.' };
  const toApp = slack.dmChannelOf(act.as) === act.channel && manifest.botEvents.includes('message.im');
  const { requests } = sandbox.current();
  if (act.kind === 'delete') {
    if (!toApp) {
      slack.deleteAsUser(message);
      return OK;
    }
    return answered((await requests.deleteInDm(message))[0] as AppResponse, 'the deletion event');
  }
  // Escaped as Slack escapes what people type.
  if (!toApp) {
    slack.editAsUser(message, escapeMrkdwn(text));
    return OK;
  }
  return answered((await requests.editInDm(message, escapeMrkdwn(text)))[0] as AppResponse, 'the edit event');
};

const click = async (sandbox: RunningSandbox, act: Extract<SandboxAct, { kind: 'click' }>): Promise<ActOutcome> => {
  const message = sandbox.slack.messagesIn(act.channel).find((candidate) => candidate.ts === act.ts);
  if (!message) return { ok: false, error: 'That message is gone.' };
  const element = findElement(message.blocks, act.blockId, act.actionId);
  if (!element) return { ok: false, error: 'That button is no longer on the message.' };
  const response = await sandbox.current().requests.act(act.as, message, act.blockId, element, act.choice);
  return answered(response, 'the click');
};

/** The person opens the app's Home tab: Slack sends `app_home_opened` (when the manifest subscribes to it), and the app publishes their Home. */
const openHome = async (sandbox: RunningSandbox, act: Extract<SandboxAct, { kind: 'open_home' }>): Promise<ActOutcome> => {
  if (!sandbox.manifest.homeTab || !sandbox.manifest.botEvents.includes('app_home_opened')) return OK;
  const { requests } = sandbox.current();
  try {
    await requests.openHome(act.as, 3000);
    return OK;
  } catch {
    return { ok: false, error: 'The app did not publish a Home for you.' };
  }
};

/** The person clicks a button or picks an option on their Home tab: Slack sends block_actions from the Home view. */
const homeClick = async (sandbox: RunningSandbox, act: Extract<SandboxAct, { kind: 'home_click' }>): Promise<ActOutcome> => {
  const home = sandbox.slack.homeOf(act.as);
  const element = home ? findElement(home.view.blocks as Json[], act.blockId, act.actionId) : null;
  if (!element) return { ok: false, error: 'That button is no longer on your Home.' };
  return answered(await sandbox.current().requests.actInHome(act.as, act.blockId, element, act.choice), 'the click');
};

const shortcut = async (sandbox: RunningSandbox, act: Extract<SandboxAct, { kind: 'shortcut' }>): Promise<ActOutcome> => {
  const message = sandbox.slack.messagesIn(act.channel).find((candidate) => candidate.ts === act.ts);
  if (!message) return { ok: false, error: 'That message is gone.' };
  if (!sandbox.manifest.messageShortcuts.some((known) => known.callbackId === act.callbackId)) return { ok: false, error: 'The app has no such shortcut.' };
  return answered(await sandbox.current().requests.messageShortcut(act.as, message, act.callbackId), 'the shortcut');
};

const submit = async (sandbox: RunningSandbox, act: Extract<SandboxAct, { kind: 'submit' }>): Promise<ActOutcome> => {
  const open = sandbox.slack.currentView(act.as);
  if (!open || open.id !== act.viewId) return { ok: false, error: 'That dialog is no longer open.' };
  const { requests } = sandbox.current();
  const uploaded = Object.fromEntries(
    Object.entries(act.files).map(([blockId, files]) => [blockId, files.map((file) => sandbox.slack.files.share(file.name, Buffer.from(file.content, 'base64'), act.as).id)]),
  );
  const response = await requests.interaction(requests.viewSubmissionOf(act.as, open, { ...act.values, ...uploaded }));
  if (response.status === 200) sandbox.slack.applyViewAck(open.id, response.body);
  return answered(response, 'the submission');
};

/** The person picks an option in a modal's input that dispatches its choice: Slack sends block_actions from the modal. */
const modalChoice = async (sandbox: RunningSandbox, act: Extract<SandboxAct, { kind: 'modal_choice' }>): Promise<ActOutcome> => {
  const open = sandbox.slack.currentView(act.as);
  if (!open || open.id !== act.viewId) return { ok: false, error: 'That dialog is no longer open.' };
  const block = (open.view.blocks as Json[]).find((candidate) => candidate.type === 'input' && candidate.block_id === act.blockId && candidate.dispatch_action === true);
  if (!block) return { ok: false, error: 'That choice is not sent before Submit.' };
  const element = block.element as Json;
  const values = statesByValue(open, act.values);
  const state = values[act.blockId]?.[String(element.action_id)];
  const action: Json = { type: element.type, action_id: element.action_id, block_id: act.blockId, selected_option: state?.selected_option ?? null, action_ts: String(Date.now() / 1000) };
  return answered(await sandbox.current().requests.interaction({ ...modalActionEnvelope(sandbox.slack, act.as, open, values), actions: [action] }), 'the choice');
};

/** Does what the person did, as Slack would: builds the signed request and applies the app's answer. */
export const performAct = async (sandbox: RunningSandbox, act: SandboxAct): Promise<ActOutcome> => {
  if ('as' in act && !sandbox.slack.hasUser(act.as)) return { ok: false, error: 'Pick a person from the workspace.' };
  switch (act.kind) {
    case 'compose':
      return compose(sandbox, act);
    case 'click':
      return click(sandbox, act);
    case 'shortcut':
      return shortcut(sandbox, act);
    case 'open_home':
      return openHome(sandbox, act);
    case 'home_click':
      return homeClick(sandbox, act);
    case 'submit':
      return submit(sandbox, act);
    case 'modal_choice':
      return modalChoice(sandbox, act);
    case 'edit':
    case 'delete':
      return editOrDelete(sandbox, act);
    case 'close': {
      const open = sandbox.slack.currentView(act.as);
      if (open?.id === act.viewId) sandbox.slack.closeView(act.as);
      return OK;
    }
    case 'reset':
      await sandbox.reset();
      return OK;
    case 'share_file':
      return shareFile(sandbox, act);
  }
};

/** A person shares a file: in their DM with the app Slack sends the `file_share` message event; elsewhere the app does not listen. */
const shareFile = async (sandbox: RunningSandbox, act: Extract<SandboxAct, { kind: 'share_file' }>): Promise<ActOutcome> => {
  const { slack } = sandbox;
  const file = { name: act.name, bytes: Buffer.from(act.content, 'base64') };
  if (act.conversation === APP_MESSAGES) {
    const { response } = await sandbox.current().requests.shareFilesInDm(act.as, '', act.thread, [file]);
    return answered(response, 'the file');
  }
  if (!slack.channelsOf(act.as).some((joined) => joined.id === act.conversation)) return { ok: false, error: 'You are not a member of that channel.' };
  slack.shareFilesAsUser(act.conversation, act.as, '', act.thread, [file]);
  return OK;
};
