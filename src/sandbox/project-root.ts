import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The checkout the sandbox runs from: manifest.yml and the page's files are read from there, both
 * when it runs compiled (dist/src/sandbox) and from source under the tests (src/sandbox).
 */
export const projectRoot = (from: string = __dirname): string => {
  let directory = from;
  while (!existsSync(join(directory, 'manifest.yml')) || !existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`no manifest.yml and package.json above ${from}`);
    directory = parent;
  }
  return directory;
};
