import { Priority, TicketStatus } from '../../domain/ticket';

export const STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  waiting: 'Waiting on requester',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  emergency: ':rotating_light: Emergency',
};

/** How each How did we do? answer reads, best first on the buttons (5) to worst (1). */
export const SATISFACTION_LABELS: Record<number, string> = {
  5: 'Great',
  4: 'Good',
  3: 'Okay',
  2: 'Poor',
  1: 'Bad',
};

/** A rating as five stars and its word: `★★★★☆ Good`; a value outside 1 to 5 shows as given. */
export const satisfactionText = (rating: number): string => {
  const label = SATISFACTION_LABELS[rating];
  return label ? `${'★'.repeat(rating)}${'☆'.repeat(5 - rating)} ${label}` : String(rating);
};
