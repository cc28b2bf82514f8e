import { err, ok, Result } from './result';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;
const DURATION = /^(\d+)\s*([smhd])$/;

/** Parses durations written as `90s`, `15m`, `4h` or `2d` into seconds. */
export const parseDuration = (text: string): Result<number, string> => {
  const match = DURATION.exec(text.trim());
  if (!match) return err(`"${text}" is not a duration; write it like 90s, 15m, 4h or 2d`);
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds <= 0) return err(`"${text}" must be longer than zero`);
  return ok(seconds);
};
