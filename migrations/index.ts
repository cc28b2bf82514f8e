import { InitialSchema1763800000000 } from './1763800000000-initial-schema';

/** Every migration, in the order it runs. New ones go at the end. */
export const migrations = [InitialSchema1763800000000];
