import { escapeMrkdwn } from '../../slack/views/mrkdwn';
import { Json } from '../json';
import { AppResponse, AppTransport, envelopeAnswer, SignOptions } from './app-transport';
import { EphemeralMessage, OpenView, PostedMessage } from './local-slack';
import { selectOptions } from './select-options';
import { findButton, statesByLabel, statesByValue, submissionPayload } from './slack-payloads';
import { ephemeralClickPayload, homeActionEnvelope, homeElements, homeViewJson, messageActionEnvelope, messageShortcutPayload, modalActionEnvelope } from './interaction-payloads';

export { signRequest } from './app-transport';
export type { AppAddress, AppResponse, SignOptions } from './app-transport';

/**
 * Sends the app what Slack sends it when people act (through `AppTransport`: HTTP or Socket
 * Mode). People act by label, as they would on screen.
 */
export class SlackRequests extends AppTransport {
  /** A person edits their message in a DM with the app; Slack sends `message_changed` (`deliveries` times). */
  editInDm(message: PostedMessage, text: string, deliveries = 1): Promise<AppResponse[]> {
    return this.deliverEvent(this.slack.editAsUser(message, text), deliveries);
  }

  /** A person deletes their message in a DM with the app; Slack sends `message_deleted` (`deliveries` times). */
  deleteInDm(message: PostedMessage, deliveries = 1): Promise<AppResponse[]> {
    return this.deliverEvent(this.slack.deleteAsUser(message), deliveries);
  }

  /**
   * A person types `/ticket <text>` (or another `command`) in a channel. `text` is what they typed;
   * Slack sends it with `&`, `<` and `>` escaped, as all text (the command's `should_escape: false`
   * only stops Slack from turning names into `<@U…>` markup).
   */
  async slashCommand(userId: string, text: string, channelId = 'C0GENERAL', options?: SignOptions, command = '/ticket'): Promise<AppResponse & { triggerId: string }> {
    const triggerId = this.slack.issueTrigger(userId);
    const fields = {
      token: 'verification-token-unused',
      team_id: this.slack.teamId,
      team_domain: 'helpdesk-demo',
      channel_id: channelId,
      channel_name: this.slack.channel(channelId)?.name ?? 'directmessage',
      user_id: userId,
      user_name: this.slack.user(userId).name,
      command,
      text: escapeMrkdwn(text),
      api_app_id: 'A0HELPDESK',
      is_enterprise_install: 'false',
      response_url: this.slack.issueResponseUrl(userId, channelId),
      trigger_id: triggerId,
    };
    if (this.socketMode) return { ...envelopeAnswer(await this.slack.socketMode.deliver('slash_commands', fields)), triggerId };
    return { ...(await this.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options)), triggerId };
  }

  /** A person picks a message shortcut from a message's "More actions" menu. */
  messageShortcut(userId: string, message: PostedMessage, callbackId = 'create_ticket_from_message'): Promise<AppResponse> {
    return this.interaction(messageShortcutPayload(this.slack, userId, message, callbackId));
  }

  /** A person clicks the button labelled `label` on a message. */
  async clickButton(userId: string, message: PostedMessage, label: string): Promise<AppResponse> {
    const found = findButton(message, label);
    if (!found) throw new Error(`no button labelled "${label}" on message ${message.ts}`);
    return this.act(userId, message, found.blockId, found.element);
  }

  /**
   * A person uses an interactive element of a message: clicks a button, or picks `choice` (an
   * option's value, or a user id for a users_select) from an overflow menu or a select.
   */
  act(userId: string, message: PostedMessage, blockId: string, element: Json, choice?: string): Promise<AppResponse> {
    const action: Json = { type: element.type, action_id: element.action_id, block_id: blockId, action_ts: String(Date.now() / 1000) };
    if (element.type === 'button') Object.assign(action, { text: element.text, value: element.value });
    else if (element.type === 'users_select') action.selected_user = choice;
    else {
      const option = selectOptions(element).find((candidate) => candidate.value === choice);
      if (!option) throw new Error(`${String(element.action_id)} has no option ${String(choice)}`);
      action.selected_option = option;
    }
    return this.interaction({ ...messageActionEnvelope(this.slack, userId, message), actions: [action] });
  }

  /**
   * A person clicks the button labelled `label` on an ephemeral message only they see: Slack sends
   * the click with `container.is_ephemeral` and no message, and a response URL that can replace or
   * delete that ephemeral message.
   */
  async clickEphemeral(userId: string, ephemeral: EphemeralMessage, label: string): Promise<AppResponse> {
    const found = findButton(ephemeral, label);
    if (!found) throw new Error(`no button labelled "${label}" on the ephemeral message "${ephemeral.text}"`);
    return this.interaction(ephemeralClickPayload(this.slack, userId, ephemeral, found));
  }

  /** A person picks an option from an overflow menu (⋮) on a message: in an actions block, or a section's accessory. */
  async chooseOverflow(userId: string, message: PostedMessage, optionLabel: string): Promise<AppResponse> {
    for (const block of message.blocks) {
      const elements = block.type === 'actions' ? (block.elements as Json[]) : block.type === 'section' && block.accessory ? [block.accessory as Json] : [];
      for (const element of elements) {
        if (element.type !== 'overflow') continue;
        const option = (element.options as Json[]).find((candidate) => (candidate.text as Json).text === optionLabel);
        if (option) return this.act(userId, message, String(block.block_id), element, String(option.value));
      }
    }
    throw new Error(`no overflow option "${optionLabel}" on message ${message.ts}`);
  }

  /**
   * A person opens the app's Home tab: Slack sends `app_home_opened` (tab `home`, with the Home's
   * current view when one was published before; https://docs.slack.dev/reference/events/app_home_opened).
   * Answers the Home they see once the app has published it afresh.
   */
  async openHome(userId: string, timeoutMs = 5000): Promise<OpenView> {
    const publishes = () => this.slack.callsTo('views.publish').filter((call) => call.args.user_id === userId && call.response.ok === true).length;
    const before = publishes();
    const home = this.slack.homeOf(userId);
    const channel = this.slack.openDm(userId);
    const event: Json = { type: 'app_home_opened', user: userId, channel, tab: 'home', event_ts: `${Math.floor(Date.now() / 1000)}.000100`, ...(home ? { view: homeViewJson(this.slack, home) } : {}) };
    const response = await this.event(event);
    if (response.status !== 200) throw new Error(`app_home_opened answered ${response.status}`);
    await this.slack.waitFor(() => publishes() > before, timeoutMs, `the Home of ${userId}`);
    return this.slack.homeOf(userId) as OpenView;
  }

  /**
   * A person uses an element of their Home tab: clicks a button (in an actions block or a
   * section's accessory), or picks `choice` (an option's value) from a select. Slack sends
   * `block_actions` with container type `view` and the Home `view`, without a response_url.
   */
  actInHome(userId: string, blockId: string, element: Json, choice?: string): Promise<AppResponse> {
    const home = this.slack.homeOf(userId);
    if (!home) throw new Error(`${userId} has no Home`);
    const action: Json = { type: element.type, action_id: element.action_id, block_id: blockId, action_ts: String(Date.now() / 1000) };
    if (element.type === 'button') Object.assign(action, { text: element.text, value: element.value ?? '' });
    else {
      const option = selectOptions(element).find((candidate) => candidate.value === choice);
      if (!option) throw new Error(`${String(element.action_id)} has no option ${String(choice)}`);
      action.selected_option = option;
    }
    return this.interaction({ ...homeActionEnvelope(this.slack, userId, home), actions: [action] });
  }

  /** A person clicks the `nth` button labelled `label` on their Home tab (0: the first). */
  clickInHome(userId: string, label: string, nth = 0): Promise<AppResponse> {
    const found = homeElements(this.slack.homeOf(userId)).filter(({ element }) => element.type === 'button' && (element.text as Json).text === label)[nth];
    if (!found) throw new Error(`no button labelled "${label}" (#${nth}) on the Home of ${userId}`);
    return this.actInHome(userId, found.blockId, found.element);
  }

  /** A person picks the option labelled `optionLabel` in the Home's select `actionId`. */
  chooseInHome(userId: string, actionId: string, optionLabel: string): Promise<AppResponse> {
    const found = homeElements(this.slack.homeOf(userId)).find(({ element }) => element.action_id === actionId);
    if (!found) throw new Error(`no element ${actionId} on the Home of ${userId}`);
    const option = selectOptions(found.element).find((candidate) => (candidate.text as Json).text === optionLabel);
    if (!option) throw new Error(`${actionId} has no option "${optionLabel}"`);
    return this.actInHome(userId, found.blockId, found.element, String(option.value));
  }

  /** A person writes in a DM with the app (in a thread when `threadTs` is given); Slack sends the message event. */
  async writeInDm(userId: string, text: string, threadTs: string | null, extra: Json = {}, deliveries = 1): Promise<{ response: AppResponse; ts: string; message: PostedMessage }> {
    const channel = this.slack.dmChannelOf(userId);
    if (!channel) throw new Error(`${userId} has no DM with the app`);
    const message = this.slack.postAsUser(channel, userId, text, threadTs);
    const event = { type: 'message', channel, channel_type: 'im', user: userId, text, ts: message.ts, event_ts: message.ts, ...(threadTs ? { thread_ts: threadTs } : {}), ...extra };
    const responses = await this.deliverEvent(event, deliveries);
    return { response: responses.at(-1) as AppResponse, ts: message.ts, message };
  }

  /** A person shares files in their DM with the app (in a thread when `threadTs` is given): Slack sends a `file_share` message event carrying them. */
  async shareFilesInDm(
    userId: string,
    text: string,
    threadTs: string | null,
    files: readonly { name: string; bytes: Buffer; mimetype?: string }[],
  ): Promise<{ response: AppResponse; message: PostedMessage }> {
    const channel = this.slack.dmChannelOf(userId);
    if (!channel) throw new Error(`${userId} has no DM with the app`);
    const message = this.slack.shareFilesAsUser(channel, userId, text, threadTs, files);
    const event = {
      type: 'message',
      subtype: 'file_share',
      channel,
      channel_type: 'im',
      user: userId,
      text,
      ts: message.ts,
      event_ts: message.ts,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      files: message.files ?? [],
    };
    const responses = await this.deliverEvent(event, 1);
    return { response: responses.at(-1) as AppResponse, message };
  }

  /**
   * A person picks `optionLabel` in the modal's select labelled `label`, having filled other inputs
   * by label (`fills`). Slack sends `block_actions` from a select in an input block only when the
   * block has `dispatch_action: true`; otherwise nothing is sent until Submit, so this throws.
   * The payload carries the modal (`view`, with its hash and what its inputs hold) and a fresh
   * trigger id, with container type `view` and no response_url.
   */
  async chooseInModal(userId: string, label: string, optionLabel: string, fills: Record<string, string | null> = {}): Promise<AppResponse> {
    const open = this.slack.currentView(userId);
    if (!open) throw new Error(`${userId} has no modal open`);
    const block = (open.view.blocks as Json[]).find((candidate) => candidate.type === 'input' && (candidate.label as Json).text === label);
    if (!block) throw new Error(`the modal has no input labelled ${label}`);
    if (block.dispatch_action !== true) throw new Error(`"${label}" does not dispatch its choice (no dispatch_action): Slack sends nothing until Submit`);
    const element = block.element as Json;
    const values = statesByLabel(open, { ...fills, [label]: optionLabel });
    const selected = values[String(block.block_id)]?.[String(element.action_id)] as Json;
    const action: Json = { type: element.type, action_id: element.action_id, block_id: block.block_id, selected_option: selected.selected_option ?? null, action_ts: String(Date.now() / 1000) };
    return this.interaction({ ...modalActionEnvelope(this.slack, userId, open, values), actions: [action] });
  }

  /** A file the person uploaded (LocalFiles.share) as Slack describes it in a file_input's state; null for an unknown id. */
  private readonly describeFile = (id: string): Json | null => {
    const file = this.slack.files.stored.get(id);
    return file ? this.slack.files.describe(file) : null;
  };

  /**
   * The payload Slack sends when a person fills the modal by its input labels and presses Submit.
   * Inputs the person leaves alone keep what they typed before, or their initial values, as in Slack.
   */
  viewSubmission(userId: string, fills: Record<string, string | null>, view?: OpenView): { payload: Json; view: OpenView } {
    const open = view ?? this.slack.currentView(userId);
    if (!open) throw new Error(`${userId} has no modal open`);
    const values = statesByLabel(open, fills, this.describeFile);
    return { payload: submissionPayload(this.slack, userId, open, values), view: open };
  }

  /**
   * The payload Slack sends when a person presses Submit on a modal whose inputs hold `entered`:
   * by block id, the typed text, the chosen option's value, the picked user, or the ticked values.
   */
  viewSubmissionOf(userId: string, open: OpenView, entered: Record<string, string | string[] | null>): Json {
    const values = statesByValue(open, entered, this.describeFile);
    return submissionPayload(this.slack, userId, open, values);
  }

  /** A person types or picks in the modal's inputs, by label, without pressing anything: Slack sends nothing, and keeps it on the modal. */
  typeInModal(userId: string, fills: Record<string, string | null>, view?: OpenView): void {
    const open = view ?? this.slack.currentView(userId);
    if (!open) throw new Error(`${userId} has no modal open`);
    statesByLabel(open, fills);
  }

  /** A person fills the modal on their screen by its input labels and presses Submit; the app's answer is applied to the modal. */
  async submitModal(userId: string, fills: Record<string, string | null>, view?: OpenView): Promise<AppResponse> {
    const submission = this.viewSubmission(userId, fills, view);
    const response = await this.interaction(submission.payload);
    if (response.status === 200) this.slack.applyViewAck(submission.view.id, response.body);
    return response;
  }
}
