import { Actor } from '../../src/domain/actor';
import { SlaPolicy } from '../../src/domain/sla-clock';
import { Ticket } from '../../src/domain/ticket';

/** A plan with a one-hour grace period, around the clock. */
export const ONE_HOUR: SlaPolicy = { graceSeconds: 3600, schedule: null, warnBeforeSeconds: null, escalateAfterBreachSeconds: [] };
export const EIGHT_HOURS: SlaPolicy = { ...ONE_HOUR, graceSeconds: 8 * 3600 };

export const T0 = new Date('2026-11-23T14:00:00Z');
export const LATER = new Date('2026-11-23T15:30:00Z');

export const aTicket = (overrides: Partial<Ticket> = {}): Ticket => ({
  id: 7,
  number: 1042,
  status: 'open',
  priority: 'normal',
  requesterId: 'U0KAREN',
  assigneeId: null,
  departmentId: 1,
  helpTopicId: 1,
  slaPlanId: 1,
  slaFromTopic: false,
  summary: 'Entire mobile online banking is down',
  details: '404 on every page',
  fieldAnswers: [],
  slaStartedAt: T0,
  dueAt: new Date(T0.getTime() + 3600_000),
  slaPausedAt: null,
  slaPauses: [],
  slaStage: 0,
  slaNextCheckAt: new Date(T0.getTime() + 3600_000),
  escalationLevel: 0,
  createdAt: T0,
  updatedAt: T0,
  resolvedAt: null,
  closedAt: null,
  closeReason: null,
  firstResponseAt: null,
  resolvedWithinSla: null,
  firstResponseDueAt: null,
  firstResponseStage: 0,
  followUpStage: 0,
  followUpNextCheckAt: null,
  waitingSince: null,
  version: 1,
  ...overrides,
});

const actor = (userId: string, roles: Partial<Actor> = {}): Actor => ({ userId, isRequester: false, isAgent: false, isManager: false, ...roles });

export const requester = actor('U0KAREN', { isRequester: true });
export const agent = actor('U0JOHN', { isAgent: true });
export const otherAgent = actor('U0JANE', { isAgent: true });
export const manager = actor('U0MGR', { isManager: true });
export const stranger = actor('U0KEN');
