import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { RunningSandbox, startSandbox } from '../../src/sandbox/sandbox';
import { findChromium, launchChromium, SandboxPage } from '../support/sandbox-browser';

/**
 * Each role's App Home in the sandbox page, in headless Chromium: a requester's tickets, an
 * agent's queue (Assign to me from the Home), a manager's figures, as Slack's Home tab shows them.
 */
const chromiumPath = findChromium();
const describeInBrowser = chromiumPath ? describe : describe.skip;
if (!chromiumPath && process.env.REQUIRE_BROWSER_TESTS) throw new Error('REQUIRE_BROWSER_TESTS is set but there is no Chromium: apt-get install chromium, or set CHROMIUM_PATH.');
if (!chromiumPath) process.stdout.write('Browser tests skipped: no Chromium on this machine (apt-get install chromium, or set CHROMIUM_PATH).\n');

jest.setTimeout(60_000);

describeInBrowser("the sandbox in a browser: each role's Home tab", () => {
  let sandbox: RunningSandbox;
  let browser: Browser | null = null;
  let dataDir = '';
  const you = new SandboxPage(null as never);
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-sandbox-'));
    sandbox = await startSandbox({ dataDir, port: 0, host: '127.0.0.1' });
    browser = await launchChromium(chromiumPath as string);
    you.page = await browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/New_York' });
    await you.open(sandbox.url);
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const file = async (person: string, summary: string, topic: string, details: string, answers: Record<string, string> = {}) => {
    await you.becomes(person);
    await you.goTo('Helpdesk');
    await you.type(`/ticket ${summary}`);
    await you.modal.waitFor();
    await you.fillModal({ 'Help topic': topic, Details: details });
    // The topic's questions appear in the modal once it is picked.
    for (const label of Object.keys(answers)) await you.modal.locator('.input-label', { hasText: label }).waitFor();
    await you.fillModal(answers);
    await you.submitModal();
    await you.sees(summary, '#modal-root');
    await you.closeModal();
  };

  it("1. Karen and Michael file their tickets; Karen's Home lists hers with View", async () => {
    await file('Karen Karen', 'Entire mobile online banking is down', 'Business Critical Outage', 'No customer can log in to the mobile app since 9:05.', {
      'Affected system': 'Mobile app',
      'Started at': '2026-11-30T09:05',
    });
    await file('Michael Michael', 'No new mail on my iPhone', 'Report a Problem', 'Gmail app on an iPhone 14 Pro.');
    await you.becomes('Karen Karen');
    await you.openHomeTab();
    await you.sees('Your tickets');
    await you.sees('#1001 Entire mobile online banking is down');
    await you.sees('not assigned yet');
    expect(await you.textOf('#messages')).not.toContain('No new mail on my iPhone');
    await you.screenshot('home-requester');
    await you.clickInHome('View');
    await you.modal.waitFor();
    await you.sees('No customer can log in to the mobile app since 9:05.', '#modal-root');
    await you.closeModal();
  });

  it('2. John sees both in Unassigned, most urgent first, and takes Karen’s with Assign to me on his Home', async () => {
    await you.becomes('John Doe');
    await you.openHomeTab();
    await you.sees('Your queue');
    await you.sees('Unassigned (2)');
    const text = await you.textOf('#messages');
    expect(text.indexOf('#1001')).toBeLessThan(text.indexOf('#1002'));
    await you.screenshot('home-agent');
    await you.clickInHome('Assign to me');
    await you.sees('My queue (1)');
    await you.sees('Unassigned (1)');
  });

  it("3. Sam, Support's manager, sees the department's figures above his own tickets", async () => {
    await you.becomes('Sam Manager');
    await you.openHomeTab();
    await you.sees('Departments you manage');
    await you.sees('#1001');
    await you.screenshot('home-manager');
  });
});
