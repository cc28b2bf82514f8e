import type { WebClient } from '@slack/web-api';
import { SlackMessage } from '../../views/ticket-card.view';
import { ListenerDeps } from '../deps';

/** Who asked, and what followed the subcommand's word (decoded, trimmed). */
export interface SubcommandRequest {
  readonly userId: string;
  readonly args: string;
  /** The Web API client, for a subcommand that also sends something (the report's CSV). */
  readonly client?: WebClient;
}

/** A `/ticket` subcommand: reads what it needs through a service and answers one ephemeral message. */
export type Subcommand = (request: SubcommandRequest, deps: ListenerDeps) => Promise<SlackMessage>;
