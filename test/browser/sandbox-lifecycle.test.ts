import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import type { Browser } from 'playwright-core';
import { RunningSandbox, startSandbox } from '../../src/sandbox/sandbox';
import { findChromium, launchChromium, SandboxPage } from '../support/sandbox-browser';

/**
 * The osTicket story of the seeds, played in the sandbox page in headless Chromium: every person
 * acts by what they see on screen, and the test reads the page as they would.
 */
const chromiumPath = findChromium();
const describeInBrowser = chromiumPath ? describe : describe.skip;
if (!chromiumPath && process.env.REQUIRE_BROWSER_TESTS) throw new Error('REQUIRE_BROWSER_TESTS is set but there is no Chromium: apt-get install chromium, or set CHROMIUM_PATH.');
if (!chromiumPath) process.stdout.write('Browser tests skipped: no Chromium on this machine (apt-get install chromium, or set CHROMIUM_PATH).\n');

jest.setTimeout(60_000);

/** A fresh sandbox and one browser page on it, for the tests of a describe block; a person at the page acts through `you`. */
const openSandboxInBrowser = () => {
  const session = { sandbox: null as unknown as RunningSandbox, you: new SandboxPage(null as never) };
  let dataDir = '';
  let browser: Browser | null = null;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'helpdesk-sandbox-'));
    session.sandbox = await startSandbox({ dataDir, port: 0, host: '127.0.0.1' });
    browser = await launchChromium(chromiumPath as string);
    session.you.page = await browser.newPage({ viewport: { width: 1280, height: 800 }, timezoneId: 'America/New_York' });
    await session.you.open(session.sandbox.url);
  });
  afterAll(async () => {
    await browser?.close();
    await session.sandbox?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return session;
};

describeInBrowser("the sandbox in a browser: Karen's outage from intake to resolution", () => {
  const { you } = openSandboxInBrowser();

  it('1. Karen files "Entire mobile online banking is down" with /ticket in her DM with the app', async () => {
    await you.becomes('Karen Karen');
    await you.goTo('Helpdesk');
    await you.type('/ticket Entire mobile online banking is down');
    await you.modal.waitFor();
    expect(await you.textOf('#modal-root .modal-title')).toContain('New ticket');
    await you.fillModal({ 'Help topic': 'Business Critical Outage', Details: 'No customer can log in to the mobile app since 9:05.' });
    // The topic's questions appear in the modal (test/browser/sandbox-topic-form.test.ts shows them in full).
    await you.modal.locator('.input-label', { hasText: 'Affected system' }).waitFor();
    await you.fillModal({ 'Affected system': 'Mobile app', 'Started at': '2026-11-30T09:05' });
    await you.screenshot('01-karen-files-a-ticket');
    await you.submitModal();
    await you.sees('#1001 Entire mobile online banking is down', '#modal-root');
    await you.closeModal();
    await you.sees('We got your ticket #1001');
    expect(await you.textOf('#messages')).toContain('Entire mobile online banking is down');
  });

  it('2. John sees the card in #support, claims it and replies to Karen', async () => {
    await you.becomes('John Doe');
    await you.goTo('# support');
    await you.sees('#1001 Entire mobile online banking is down');
    const card = await you.textOf('#messages');
    expect(card).toContain('Requester @Karen Karen');
    expect(card).toContain('Priority');
    expect(card).toContain('Emergency');
    expect(card).toContain('Unassigned');
    await you.clickButton(you.card('#1001'), 'Assign to me');
    await you.sees('Assignee @John Doe');
    await you.clickButton(you.card('#1001'), 'Reply to requester');
    await you.modal.waitFor();
    await you.fillModal({ 'Message to the requester': 'We are on it. Does the website work for you, or only the app?' });
    await you.submitModal();
    await you.modal.waitFor({ state: 'detached' });
    await you.sees('Waiting on requester');
    await you.screenshot('02-john-works-the-card');
  });

  it("3. Karen reads John's reply in her ticket thread and answers there", async () => {
    await you.becomes('Karen Karen');
    await you.goTo('Helpdesk');
    await you.openThread('We got your ticket #1001');
    await you.sees('@John Doe from the help desk replied on #1001', '#thread-messages');
    await you.sees('Does the website work for you, or only the app?', '#thread-messages');
    await you.replyInThread('Only the app; the website is fine.');
    await you.sees('Only the app; the website is fine.', '#thread-messages');
    await you.screenshot('03-karen-answers-in-her-dm');
  });

  it('4. John sees her answer on the card, escalates, and transfers the ticket to Sys Admins', async () => {
    await you.becomes('John Doe');
    await you.goTo('# support');
    await you.sees('In progress');
    await you.openThread(you.card('#1001'));
    await you.sees('Only the app; the website is fine.', '#thread-messages');
    await you.clickButton(you.card('#1001'), 'Escalate');
    await you.modal.waitFor();
    await you.fillModal({ Reason: 'Customers are calling the branch' });
    await you.submitModal();
    await you.sees('Escalation level 1');
    await you.clickButton(you.card('#1001'), 'Transfer');
    await you.modal.waitFor();
    await you.fillModal({ 'Transfer to': 'Sys Admins', Reason: 'needs the load balancer team' });
    await you.submitModal();
    await you.sees('Transferred to Sys Admins (#sysadmins)');
    const buttons = await you.card('#1001').locator('.bk-button').count();
    expect(buttons).toBe(0);
    await you.screenshot('04-john-escalates-and-transfers');
  });

  it('5. Sam, the Support manager, has the escalation alert in his DM', async () => {
    await you.becomes('Sam Manager');
    await you.goTo('Helpdesk');
    await you.sees('Escalation alert');
    expect(await you.textOf('#messages')).toContain('Customers are calling the branch');
  });

  it('6. Jerry picks it up in #sysadmins with its history, and resolves it', async () => {
    await you.becomes('Jerry Sysadmin');
    await you.goTo('# sysadmins');
    await you.sees('needs the load balancer team');
    await you.openThread(you.card('#1001'));
    await you.sees('History of #1001 so far', '#thread-messages');
    await you.clickButton(you.card('#1001'), 'Assign to me');
    await you.sees('Assignee @Jerry Sysadmin');
    await you.clickButton(you.card('#1001'), 'Resolve');
    await you.modal.waitFor();
    await you.fillModal({ Resolution: 'Found and reconnected a failed load balancer' });
    await you.submitModal();
    await you.modal.waitFor({ state: 'detached' });
    await you.sees('Resolved');
    await you.screenshot('05-jerry-resolves');
  });

  it('7. Karen gets the resolution and confirms the fix: the ticket closes', async () => {
    await you.becomes('Karen Karen');
    await you.goTo('Helpdesk');
    await you.openThread('We got your ticket #1001');
    await you.sees('Found and reconnected a failed load balancer', '#thread-messages');
    await you.clickButton('Found and reconnected', 'That fixed it', '#thread-messages');
    await you.sees('You confirmed the fix; #1001 is closed.', '#thread-messages');
    expect(await you.textOf('#thread-messages')).not.toContain('LB2');
    await you.screenshot('06-karen-confirms-the-fix');
  });

  it('7b. Karen is asked How did we do? once, and answers Good with a comment', async () => {
    await you.sees('How did we do?', '#thread-messages');
    await you.clickButton('How did we do?', 'Good', '#thread-messages');
    await you.modal.waitFor();
    await you.fillModal({ Comment: 'Fixed within the hour, thank you' });
    await you.submitModal();
    await you.sees('Thank you! You told us how we did on #1001', '#thread-messages');
    await you.screenshot('06b-karen-says-how-we-did');
  });

  it('8. the card in #sysadmins offers only Reopen once the ticket is closed, and shows how Karen rated it', async () => {
    await you.becomes('Jerry Sysadmin');
    await you.goTo('# sysadmins');
    await you.sees('Closed');
    await you.sees("Requester's satisfaction");
    const labels = await you.card('#1001').locator('.bk-actions .bk-button').allInnerTexts();
    expect(labels).toEqual(['Reopen']);
  });
});

describeInBrowser('the sandbox page, beyond the happy path', () => {
  const session = openSandboxInBrowser();
  const { you } = session;

  it("shows the app's inline errors in the modal and keeps what the person typed", async () => {
    await you.becomes('Ken Ken');
    await you.goTo('Helpdesk');
    await you.type('/ticket');
    await you.modal.waitFor();
    await you.fillModal({ Details: 'My iPhone mail stopped syncing this morning.' });
    await you.submitModal();
    await you.sees('Please choose a help topic.', '#modal-root');
    expect(await you.modal.locator('textarea').inputValue()).toBe('My iPhone mail stopped syncing this morning.');
    await you.screenshot('07-inline-errors');
    await you.closeModal();
  });

  it('answers a mistyped command only to the person who typed it, marked "Only visible to you"', async () => {
    await you.becomes('Michael Michael');
    await you.goTo('# general');
    await you.type('/tickt my mail');
    await you.sees('Only visible to you');
    await you.sees('/tickt is not a valid command');
    expect(await you.message('/tickt is not a valid command').locator('.author').innerText()).toBe('Slackbot');
    await you.becomes('Ken Ken');
    await you.goTo('# general');
    expect(await you.textOf('#messages')).not.toContain('/tickt');
  });

  it('files a ticket from any message with the Create ticket message action', async () => {
    await you.becomes('Michael Michael');
    await you.goTo('# general');
    await you.type('My mail on the iPhone has not synced since *Monday* <script>alert(1)</script>');
    await you.sees('My mail on the iPhone has not synced since');
    const message = you.message('My mail on the iPhone');
    expect(await message.locator('b').innerText()).toBe('Monday');
    expect(await message.locator('script').count()).toBe(0);
    expect(await message.innerText()).toContain('<script>alert(1)</script>');
    await message.locator('select.message-actions').selectOption({ label: 'Create ticket' });
    await you.modal.waitFor();
    await you.fillModal({ 'Help topic': 'Report a Problem' });
    await you.submitModal();
    await you.sees('#1001', '#modal-root');
    await you.closeModal();
    await you.goTo('Helpdesk');
    await you.sees('We got your ticket #1001');
  });

  it('shows a banner for every call Slack would have refused', async () => {
    // What a bad view builder would send: a section over Slack's 3,000 characters.
    const client = new WebClient(session.sandbox.current().helpdesk.app.client.token, { slackApiUrl: session.sandbox.slack.apiUrl });
    await client.chat.postMessage({ channel: 'C0SUPPORT', text: 'too long', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }] }).catch(() => undefined);
    await you.sees('Slack would have refused a call from the app', '#problems');
    await you.sees('chat.postMessage', '#problems');
    await you.sees('must be at most 3000 characters', '#problems');
    await you.screenshot('08-refused-call-banner');
    await you.page.click('#dismiss-problems');
    await you.page.locator('#problems').waitFor({ state: 'hidden' });
  });

  it('starts over with one click on Reset sandbox', async () => {
    you.page.once('dialog', (dialog) => void dialog.accept());
    await you.page.click('#reset');
    await you.becomes('Michael Michael');
    await you.goTo('Helpdesk');
    await you.sees('No messages yet.');
    await you.type('/ticket Printer on 3 is jammed');
    await you.modal.waitFor();
    await you.fillModal({ 'Help topic': 'Report a Problem' });
    await you.submitModal();
    // Numbering starts again: the database was reset with the conversations.
    await you.sees('#1001 Printer on 3 is jammed', '#modal-root');
    await you.closeModal();
  });
});
