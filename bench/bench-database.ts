import { createPostgresDatabase } from '../test/support/test-database';

/** Runs `work` on a database of its own (named `prefix` and random hex) on the PostgreSQL server `serverUrl`, dropped afterwards. */
export const withOwnPostgresDatabase = async <T>(serverUrl: string, prefix: string, work: (url: string) => Promise<T>): Promise<T> => {
  const database = await createPostgresDatabase(serverUrl, prefix);
  try {
    return await work(database.url);
  } finally {
    await database.drop();
  }
};
