import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';

/** Debian's chromium (CI installs it), or CHROMIUM_PATH; null when this machine has none. */
export const findChromium = (): string | null => {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((path): path is string => Boolean(path));
  return candidates.find((path) => existsSync(path)) ?? null;
};

export const launchChromium = (executablePath: string): Promise<Browser> =>
  // Root in a container has no user namespaces for Chromium's sandbox; the page is our own.
  chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });

/** Where screenshots go: docs/screenshots with `npm run screenshots`, otherwise an ignored folder. */
const SCREENSHOT_DIR = process.env.SANDBOX_SCREENSHOTS_DIR ?? join('test-output', 'screenshots');

/** A person at the sandbox page, acting by what they see: names, labels and texts. */
export class SandboxPage {
  constructor(public page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('#person option').first().waitFor({ state: 'attached' });
  }

  /** Switches the person at the keyboard ("You are: …"). */
  async becomes(name: string): Promise<void> {
    const option = this.page.locator('#person option', { hasText: name });
    const value = await option.getAttribute('value');
    if (!value) throw new Error(`nobody called ${name} in the switcher`);
    await this.page.selectOption('#person', value);
    await this.page.waitForFunction((id) => location.hash.includes(`as=${id}`), value);
  }

  /** Opens a channel or the app from the sidebar by its label ("# support", "Helpdesk"). */
  async goTo(label: string): Promise<void> {
    await this.page.locator('.sidebar a', { hasText: label }).click();
    await this.page.locator('#conversation-title', { hasText: label.replace(/^# /, '') }).waitFor();
  }

  /** Opens the app's Home tab (beside Messages), as a person clicks it in Slack. */
  async openHomeTab(): Promise<void> {
    await this.goTo('Helpdesk');
    await this.page.locator('#tabs [data-conversation="app-home"]').click();
    await this.page.locator('#messages .app-home').waitFor();
  }

  /** Clicks the `nth` button labelled `label` on the Home tab. */
  async clickInHome(label: string, nth = 0): Promise<void> {
    await this.page.locator('#messages .app-home .bk-button', { hasText: label }).nth(nth).click();
  }

  async type(text: string): Promise<void> {
    await this.page.fill('#composer-text', text);
    await this.page.press('#composer-text', 'Enter');
  }

  async replyInThread(text: string): Promise<void> {
    await this.page.fill('#thread-text', text);
    await this.page.press('#thread-text', 'Enter');
  }

  get modal(): Locator {
    return this.page.locator('#modal-root form.modal');
  }

  /** Fills the open modal by its input labels: the option's label for selects, text otherwise. */
  async fillModal(fills: Record<string, string>): Promise<void> {
    for (const [label, value] of Object.entries(fills)) {
      const input = this.modal.locator('.modal-input', { has: this.page.locator('.input-label', { hasText: label }) });
      const type = await input.getAttribute('data-type');
      if (type?.endsWith('_select')) await input.locator('select').selectOption({ label: value });
      else if (type === 'checkboxes') await input.locator('label.checkbox', { hasText: value }).locator('input').check();
      else await input.locator('input, textarea').fill(value);
    }
  }

  async submitModal(): Promise<void> {
    await this.modal.locator('button[type=submit]').click();
  }

  async closeModal(): Promise<void> {
    await this.modal.locator('.modal-footer [data-close]').click();
    await this.modal.waitFor({ state: 'detached' });
  }

  /** The latest message in the main pane (or the thread pane) that contains `text`. */
  message(text: string, pane: '#messages' | '#thread-messages' = '#messages'): Locator {
    return this.page.locator(`${pane} .message`, { hasText: text }).last();
  }

  /** A ticket card in the main pane, by the start of its header ("#1001"). */
  card(header: string): Locator {
    return this.page.locator('#messages .message', { has: this.page.locator('.bk-header', { hasText: header }) }).last();
  }

  async clickButton(message: string | Locator, label: string, pane: '#messages' | '#thread-messages' = '#messages'): Promise<void> {
    const target = typeof message === 'string' ? this.message(message, pane) : message;
    await target.locator('.bk-button', { hasText: label }).click();
  }

  async openThread(message: string | Locator): Promise<void> {
    const target = typeof message === 'string' ? this.message(message) : message;
    await target.locator('.thread-link').click();
    await this.page.locator('#thread').waitFor({ state: 'visible' });
  }

  /** Waits until `text` is shown in `where` (a selector), as the person would read it. */
  async sees(text: string, where = '#messages'): Promise<void> {
    const shown = ([selector = '', expected = '']: string[]) => {
      const element = document.querySelector<HTMLElement>(selector);
      return Boolean(element && element.getClientRects().length > 0 && element.innerText.replace(/\s+/g, ' ').includes(expected));
    };
    await this.page.waitForFunction(shown, [where, text], { timeout: 10_000 }).catch(async (error: Error) => {
      const actual = await this.page
        .locator(where)
        .innerText()
        .catch(() => '(not on the page)');
      throw new Error(`"${text}" is not shown in ${where}; it shows:\n${actual.slice(0, 3000)}\n${error.message}`);
    });
  }

  async textOf(where: string): Promise<string> {
    return (await this.page.locator(where).innerText()).replace(/\s+/g, ' ');
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    // Let live updates land before the picture is taken.
    await this.page.waitForTimeout(150);
    await this.page.screenshot({ path });
    return path;
  }
}
