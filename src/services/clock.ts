/** The time source; services take it so tests can control time. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
