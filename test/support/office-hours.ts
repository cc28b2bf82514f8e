import { DEMO_CONFIG } from './demo-workspace';

/**
 * The demo's helpdesk.yml with Support working Monday to Friday, 09:00 to 17:00 UTC ("Office
 * hours"), and `settings` (YAML lines, each indented four spaces, such as
 * `    auto_close_after: 8h`) added to the Support department: the follow-up tests' setting.
 */
export const officeHoursConfig = (settings: string): string => `schedules:
  - name: Office hours
    timezone: UTC
    hours: { mon: "09:00-17:00", tue: "09:00-17:00", wed: "09:00-17:00", thu: "09:00-17:00", fri: "09:00-17:00" }
${DEMO_CONFIG.replace('    sla: Default\n', `    sla: Default\n    schedule: Office hours\n${settings}`)}`;

/** Friday 27 November 2026, 14:00 UTC: three working hours before the weekend. */
export const FRIDAY_2PM = Date.parse('2026-11-27T14:00:00Z');
export const HOUR = 3_600_000;
/** The instant `hours` after FRIDAY_2PM (fractions allowed). */
export const at = (hours: number): Date => new Date(FRIDAY_2PM + hours * HOUR);
/** Monday 14:00 is 72 hours after Friday 14:00. */
export const MONDAY_2PM = 72;
