import { Clock } from './clock';
import { PacedCall, SlackPacing } from './slack-pacing';

/**
 * Thrown by `pace` when a delivery's next call may not be made for longer than a delivery should
 * hold its lease: the dispatcher puts the message back, ready at `until`, its slot held for it.
 */
export class PacingDeferral extends Error {
  constructor(
    readonly call: PacedCall,
    readonly until: Date,
  ) {
    super(`paced: ${call.method}${call.target ? ` to ${call.target}` : ''} waits until ${until.toISOString()}`);
    this.name = 'PacingDeferral';
  }
}

/** Asks for the slot of a Web API call before making it: resolves when the call may go, or throws a PacingDeferral. */
export type Pace = (call: PacedCall) => Promise<void>;

/** No pacing: every call goes at once. */
export const UNPACED: Pace = () => Promise.resolve();

/** How one delivery's calls were paced, for the dispatcher to settle it by. */
export interface PacedDelivery {
  readonly pace: Pace;
  /** The last call given its slot: the one a 429 answered, if the delivery ends in one. */
  readonly lastCall: () => PacedCall | null;
  /** Whether a message was posted (a chat.postMessage given its slot): a deferred retry must then read back what is in Slack already. */
  readonly posted: () => boolean;
}

/**
 * The dispatcher's side of pacing (see `slack-pacing.ts`): each delivery asks for the slot of each
 * Web API call before it makes it. A slot within `inlineWaitMs` is waited for; a later one defers
 * the message to it, so no lease is held while waiting and the waiting message stays coalescable.
 */
export class OutboxPacing {
  constructor(
    private readonly pacing: SlackPacing,
    private readonly clock: Clock,
    private readonly inlineWaitMs: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** The pacing of one delivery of outbox message `outboxId`. */
  delivery(outboxId: number): PacedDelivery {
    let last: PacedCall | null = null;
    let posted = false;
    const pace: Pace = async (call) => {
      const now = this.clock().getTime();
      const at = this.pacing.next(call, now, outboxId);
      if (at - now > this.inlineWaitMs) {
        this.pacing.hold(call, outboxId, at);
        throw new PacingDeferral(call, new Date(at));
      }
      if (at > now) await this.sleep(at - now);
      last = call;
      if (call.method === 'chat.postMessage') posted = true;
    };
    return { pace, lastCall: () => last, posted: () => posted };
  }

  /** Slack answered 429 to `call`: its bucket waits `retryAfterMs` before another call. */
  rateLimited(call: PacedCall, retryAfterMs: number): void {
    this.pacing.rateLimited(call, retryAfterMs, this.clock().getTime());
  }
}
