/**
 * A time source; services take it so tests can control time. The composition root (src/helpdesk.ts)
 * passes two: the wall clock (delivery, leases, retention) and the business clock (ticket logic and
 * SLA), the same in production and a manual one in tests.
 */
export type Clock = () => Date;
