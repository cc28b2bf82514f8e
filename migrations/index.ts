import { InitialSchema1763800000000 } from './1763800000000-initial-schema';
import { Workflow1763900000000 } from './1763900000000-workflow';
import { SlaEngine1764000000000 } from './1764000000000-sla-engine';
import { PostgresTicketSequence1764100000000 } from './1764100000000-postgres-ticket-sequence';
import { OutboxReadyIndex1764200000000 } from './1764200000000-outbox-ready-index';
import { OutboxPendingByTicket1764300000000 } from './1764300000000-outbox-pending-by-ticket';
import { RequesterMessages1764500000000 } from './1764500000000-requester-messages';
import { SlaPausesAndPrompt1764600000000 } from './1764600000000-sla-pauses-and-prompt';
import { TicketSearch1764700000000 } from './1764700000000-ticket-search';
import { ServiceMeasures1764800000000 } from './1764800000000-service-measures';
import { DepartmentNotify1764900000000 } from './1764900000000-department-notify';
import { HomeStates1765000000000 } from './1765000000000-home-states';
import { TicketQueueIndex1765100000000 } from './1765100000000-ticket-queue-index';
import { TopicFields1765200000000 } from './1765200000000-topic-fields';
import { CloseReason1765300000000 } from './1765300000000-close-reason';
import { TicketWatchers1765400000000 } from './1765400000000-ticket-watchers';
import { TicketLinks1765500000000 } from './1765500000000-ticket-links';
import { SearchDepartmentLexeme1765600000000 } from './1765600000000-search-department-lexeme';
import { FollowUps1765700000000 } from './1765700000000-follow-ups';
import { SatisfactionAndDigest1765800000000 } from './1765800000000-satisfaction-and-digest';
import { DigestTimezoneAndWaitingSince1766400000000 } from './1766400000000-digest-timezone-and-waiting-since';

/** Every migration, in the order it runs. New ones go at the end. */
export const migrations = [
  InitialSchema1763800000000,
  Workflow1763900000000,
  SlaEngine1764000000000,
  PostgresTicketSequence1764100000000,
  OutboxReadyIndex1764200000000,
  OutboxPendingByTicket1764300000000,
  RequesterMessages1764500000000,
  SlaPausesAndPrompt1764600000000,
  TicketSearch1764700000000,
  ServiceMeasures1764800000000,
  DepartmentNotify1764900000000,
  HomeStates1765000000000,
  TicketQueueIndex1765100000000,
  TopicFields1765200000000,
  CloseReason1765300000000,
  TicketWatchers1765400000000,
  TicketLinks1765500000000,
  SearchDepartmentLexeme1765600000000,
  FollowUps1765700000000,
  SatisfactionAndDigest1765800000000,
  DigestTimezoneAndWaitingSince1766400000000,
];
