import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_CONFIG } from './demo-workspace';

/** A fresh temporary folder (named from `prefix`) holding the demo workspace's helpdesk.yml, to run the built app in; the caller removes it. */
export const demoAppFolder = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'helpdesk.yml'), DEMO_CONFIG);
  return dir;
};
