import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ids } from '../../../src/slack/ids';
import { ACTION_IDS, HOME_ACTION_IDS } from '../../../src/slack/listeners/actions';
import { VIEW_IDS } from '../../../src/slack/listeners/views';

/**
 * Each kind's `register` ends with one listener for the ids the app does not know, which matches
 * every id outside the kind's list. An id registered but not listed reaches both its own listener
 * and that one: acked twice and logged as unknown. Bolt cannot be asked which ids were registered,
 * so the registrations are read from the source, as `test/clock-reads.test.ts` reads clock reads.
 */
const listenersDir = join(__dirname, '..', '..', '..', 'src', 'slack', 'listeners');

/** The `ids.…` paths passed as the first argument of `app.<method>(…)` in a kind's index.ts. */
const registeredIds = (kind: string, method: 'action' | 'view'): string[] => {
  const source = readFileSync(join(listenersDir, kind, 'index.ts'), 'utf8');
  return [...source.matchAll(new RegExp(`app\\.${method}\\(\\s*ids\\.([A-Za-z.]+)\\s*,`, 'g'))].map(([, path]) => {
    const value = path!.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], ids);
    if (typeof value !== 'string') throw new Error(`ids.${path} is not an id`);
    return value;
  });
};

describe('every id a listener is registered for is listed, so the unknown-id listener leaves it alone', () => {
  it('block actions: the ids of app.action(ids.…) are exactly ACTION_IDS and HOME_ACTION_IDS', () => {
    const registered = registeredIds('actions', 'action');
    expect(registered.length).toBeGreaterThan(0);
    expect([...registered].sort()).toEqual([...ACTION_IDS, ...HOME_ACTION_IDS].sort());
  });

  it('view submissions: the ids of app.view(ids.…) are exactly VIEW_IDS', () => {
    const registered = registeredIds('views', 'view');
    expect(registered.length).toBeGreaterThan(0);
    expect([...registered].sort()).toEqual([...VIEW_IDS].sort());
  });
});
