import { err, ok, Result } from './result';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;
const DURATION = /^(\d+)\s*([smhd])$/;
/**
 * The longest duration, in seconds: ten years. Longer ones put due times past what a Date holds
 * (filing a ticket under a plan of `99999999d` failed with "Invalid time value").
 */
export const DURATION_MAX_SECONDS = 3650 * 86_400;

/** Parses durations written as `90s`, `15m`, `4h` or `2d` into seconds, from one second to DURATION_MAX_SECONDS. */
export const parseDuration = (text: string): Result<number, string> => {
  const match = DURATION.exec(text.trim());
  if (!match) return err(`"${text}" is not a duration; write it like 90s, 15m, 4h or 2d`);
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds <= 0) return err(`"${text}" must be longer than zero`);
  if (seconds > DURATION_MAX_SECONDS) return err(`"${text}" is too long; at most 3650d (ten years)`);
  return ok(seconds);
};
