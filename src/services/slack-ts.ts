/**
 * Orders two Slack message timestamps (`"1764500000.000123"`: seconds, then a per-channel
 * sequence), answering a negative number, zero or a positive number. Compared as two integers:
 * as one float the sixteen digits lose their last place.
 */
export const compareSlackTs = (a: string, b: string): number => {
  const [aSeconds = 0, aSequence = 0] = a.split('.').map(Number);
  const [bSeconds = 0, bSequence = 0] = b.split('.').map(Number);
  return aSeconds - bSeconds || aSequence - bSequence;
};
