import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningSandbox, startSandbox } from '../../src/sandbox/sandbox';
import { people } from '../support/demo-workspace';
import { startHarness } from '../support/helpdesk-harness';
import { Scenes } from '../support/helpdesk-scenes';

const scrape = async (opsPort: number): Promise<string> => {
  const response = await fetch(`http://127.0.0.1:${opsPort}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
};

/** Each metric family's `# TYPE` and `# HELP` lines: Prometheus rejects an exposition that names a family twice. */
const familiesNamedTwice = (text: string): string[] => {
  const heads = text.split('\n').filter((line) => line.startsWith('# TYPE ') || line.startsWith('# HELP '));
  const names = heads.map((line) => line.split(' ').slice(0, 3).join(' '));
  return names.filter((name, index) => names.indexOf(name) !== index);
};

/** A sample line's value, `name{labels}` as written. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('attack15c: /metrics with several apps in one process', () => {
  it('keeps each app its own figures and names every family once, process metrics included, with two apps side by side', async () => {
    const first = await startHarness();
    const second = await startHarness();
    try {
      await new Scenes(first).fileTicket(people.karen.id, 'Business Critical Outage', 'Entire mobile online banking is down');
      await first.settleHomes();
      const [one, two] = [await scrape(first.helpdesk.opsPort), await scrape(second.helpdesk.opsPort)];
      for (const text of [one, two]) {
        expect(familiesNamedTwice(text)).toEqual([]);
        expect(text.match(/^# TYPE process_cpu_seconds_total /gm)).toHaveLength(1);
        expect(text.match(/^# TYPE nodejs_eventloop_lag_seconds /gm)).toHaveLength(1);
      }
      expect(sample(one, 'helpdesk_requests_total{listener="view:ticket_new",status="200"}')).toBe(1);
      expect(sample(two, 'helpdesk_requests_total{listener="view:ticket_new",status="200"}')).toBeUndefined();
      expect(sample(one, 'helpdesk_tickets{status="open"}')).toBe(1);
      expect(sample(two, 'helpdesk_tickets{status="open"}')).toBeUndefined();
    } finally {
      await second.stop();
      await first.stop();
    }
  });

  it('serves one family of each name after 20 sandbox resets, and the new app counts from nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-attack15c-'));
    let sandbox: RunningSandbox | null = null;
    try {
      sandbox = await startSandbox({ dataDir, port: 0, host: '127.0.0.1' });
      for (let reset = 0; reset < 20; reset += 1) {
        await sandbox.current().requests.slashCommand(people.karen.id, 'Entire mobile online banking is down');
        await sandbox.reset();
      }
      const text = await scrape(sandbox.current().helpdesk.opsPort);
      expect(familiesNamedTwice(text)).toEqual([]);
      expect(text.match(/^process_resident_memory_bytes \d/gm)).toHaveLength(1);
      expect(sample(text, 'helpdesk_requests_total{listener="/ticket",status="200"}')).toBeUndefined();
    } finally {
      await sandbox?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
