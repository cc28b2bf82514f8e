import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { RunningSandbox, startSandbox } from '../../src/sandbox/sandbox';
import { findChromium, launchChromium, SandboxPage } from '../support/sandbox-browser';

/**
 * The New ticket modal's help-topic form in the sandbox page, in headless Chromium: Karen picks
 * Business Critical Outage, the modal grows its questions in place keeping what she typed, a
 * missing answer is refused beside its input, and the card shows her answers. Then she drops a
 * screenshot into her ticket thread, and John opens it in the card's thread; John's runbook,
 * attached to his Reply to requester, reaches Karen's thread.
 */
const chromiumPath = findChromium();
const describeInBrowser = chromiumPath ? describe : describe.skip;
if (!chromiumPath && process.env.REQUIRE_BROWSER_TESTS) throw new Error('REQUIRE_BROWSER_TESTS is set but there is no Chromium: apt-get install chromium, or set CHROMIUM_PATH.');

jest.setTimeout(60_000);

describeInBrowser("the sandbox in a browser: the help topic's form", () => {
  let dataDir = '';
  let sandbox: RunningSandbox;
  let browser: Browser | null = null;
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

  const labels = async (): Promise<string[]> => (await you.modal.locator('.input-label').allInnerTexts()).map((label) => label.replace(/\s*\(optional\)$/, '').trim());

  it('Karen picks Business Critical Outage: its questions appear in the same modal, and what she typed stays', async () => {
    await you.becomes('Karen Karen');
    await you.goTo('Helpdesk');
    await you.type('/ticket Entire mobile online banking is down');
    await you.modal.waitFor();
    const viewId = await you.modal.getAttribute('data-view-id');
    expect(await labels()).toEqual(['Help topic', 'Summary', 'Details']);
    await you.fillModal({ Details: 'No customer can log in to the mobile app since 9:05.' });
    await you.fillModal({ 'Help topic': 'Business Critical Outage' });
    await you.modal.locator('.input-label', { hasText: 'Started at' }).waitFor();
    expect(await labels()).toEqual(['Help topic', 'Summary', 'Details', 'Affected system', 'Customers affected', 'Started at']);
    expect(await you.modal.getAttribute('data-view-id')).toBe(viewId);
    expect(await you.modal.locator('textarea').inputValue()).toBe('No customer can log in to the mobile app since 9:05.');
    expect(await you.modal.locator('input[type=text]').first().inputValue()).toBe('Entire mobile online banking is down');
    await you.sees('A rough count is fine.', '#modal-root');
    await you.screenshot('topic-form-outage');
  });

  it('a missing answer is refused beside its input, and nothing typed is lost', async () => {
    await you.fillModal({ 'Customers affected': '12000', 'Started at': '2026-11-30T09:05' });
    await you.submitModal();
    await you.sees('Please choose Affected system.', '#modal-root');
    expect(await you.modal.locator('.has-error .input-label').allInnerTexts()).toEqual(['Affected system']);
    expect(await you.modal.locator('input[type=number]').inputValue()).toBe('12000');
    expect(await you.modal.locator('textarea').inputValue()).toBe('No customer can log in to the mobile app since 9:05.');
    await you.fillModal({ 'Affected system': 'Online banking' });
    await you.submitModal();
    await you.sees('#1001 Entire mobile online banking is down', '#modal-root');
    await you.closeModal();
  });

  it("John sees Karen's answers on the card in #support", async () => {
    await you.becomes('John Doe');
    await you.goTo('# support');
    await you.sees('#1001 Entire mobile online banking is down');
    const card = await you.textOf('#messages');
    expect(card).toContain('Affected system Online banking');
    expect(card).toContain('Customers affected 12,000');
    expect(card).toMatch(/Started at [^\n]*9:05/);
    await you.screenshot('topic-form-card');
  });

  it("Karen's screenshot dropped into her ticket thread reaches the card's thread, where John sees it", async () => {
    await you.becomes('Karen Karen');
    await you.goTo('Helpdesk');
    await you.openThread('We got your ticket #1001');
    const screenshot = Buffer.from('PNG…the app answering 404 on every page');
    await you.page.locator('#thread-file').setInputFiles({ name: 'error-screenshot.png', mimeType: 'image/png', buffer: screenshot });
    await you.sees('error-screenshot.png', '#thread-messages');
    await you.becomes('John Doe');
    await you.goTo('# support');
    await you.openThread(you.card('#1001'));
    await you.sees('attached this file.', '#thread-messages');
    const copy = you.message('attached this file.', '#thread-messages');
    expect(await copy.locator('.message-file .file-name').allInnerTexts()).toEqual(['error-screenshot.png']);
    expect(await copy.locator('.message-file .file-size').innerText()).toBe(`png · ${screenshot.length} bytes`);
    await you.screenshot('topic-form-file-in-card-thread');
    // John opens it: its name downloads the bytes Karen shared.
    const [download] = await Promise.all([you.page.waitForEvent('download'), copy.locator('.file-name').click()]);
    expect(download.suggestedFilename()).toBe('error-screenshot.png');
    expect(readFileSync((await download.path()) ?? '').toString()).toBe(screenshot.toString());
  });

  it("John's runbook attached in Reply to requester, with a canned response inserted after it, reaches Karen's ticket thread", async () => {
    await you.clickButton(you.card('#1001'), 'Reply to requester');
    await you.modal.waitFor();
    const files = () => you.modal.locator('.modal-input', { has: you.page.locator('.input-label', { hasText: 'Files' }) }).locator('input[type=file]');
    await files().setInputFiles({ name: 'load-balancer-runbook.txt', mimeType: 'text/plain', buffer: Buffer.from('1. Reconnect pool 3') });
    // The modal is redrawn with the response's text; the file picked before stays picked.
    await you.fillModal({ 'Insert a canned response': 'Outage bridge open' });
    await you.page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>('#modal-root textarea')?.value.startsWith('The outage bridge for #1001 is open'));
    expect(await files().evaluate((input: HTMLInputElement) => [...(input.files ?? [])].map((file) => file.name))).toEqual(['load-balancer-runbook.txt']);
    await you.submitModal();
    await you.modal.waitFor({ state: 'detached' });
    await you.becomes('Karen Karen');
    await you.goTo('Helpdesk');
    await you.openThread('We got your ticket #1001');
    await you.sees('The outage bridge for #1001 is open and the Sys Admins are on it.', '#thread-messages');
    await you.sees('load-balancer-runbook.txt', '#thread-messages');
    const copy = you.message('load-balancer-runbook.txt', '#thread-messages');
    expect(await copy.innerText()).toContain('attached this file.');
    expect(await copy.locator('.message-file .file-size').innerText()).toBe('txt · 19 bytes');
    await you.screenshot('reply-file-in-requester-thread');
  });
});
