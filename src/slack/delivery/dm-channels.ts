import type { WebClient } from '@slack/web-api';
import { Pace } from '../../services/outbox-pacing';

/** Enough for every person of a large workspace; past it the oldest entries make room. */
const MAX_REMEMBERED = 20_000;

/**
 * The app's DM channel with each person. conversations.open answers the same channel every
 * time for the same person, so it is asked once per person and process instead of before
 * every DM. A refused call is not remembered: the next delivery asks again.
 */
export class DmChannels {
  private readonly known = new Map<string, string>();

  constructor(private readonly client: WebClient) {}

  /** The DM channel with `userId`; `pace` is awaited before conversations.open when it must be asked. */
  async of(userId: string, pace: Pace): Promise<string | null> {
    const remembered = this.known.get(userId);
    if (remembered) return remembered;
    await pace({ method: 'conversations.open' });
    const channel = (await this.client.conversations.open({ users: userId })).channel?.id ?? null;
    if (channel) this.remember(userId, channel);
    return channel;
  }

  private remember(userId: string, channel: string): void {
    if (this.known.size >= MAX_REMEMBERED) this.known.delete(this.known.keys().next().value as string);
    this.known.set(userId, channel);
  }
}
