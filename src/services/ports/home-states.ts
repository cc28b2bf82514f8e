/**
 * What each person chose on their App Home (filters, pages), as services see it: a JSON text per
 * person (see `home-state.ts` for its shape). Persistence implements it (SqlHomeStates).
 */
export interface HomeStates {
  /** The person's stored state, or null when they never changed their Home. */
  find(userId: string): Promise<string | null>;
  /** Stores the person's state, replacing what was there; `at` is a wall-clock reading. */
  save(userId: string, state: string, at: Date): Promise<void>;
}
