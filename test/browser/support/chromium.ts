/**
 * Real headless Chromium for browser tests: Debian's /usr/bin/chromium driven by
 * playwright-core, never a downloaded browser. Playwright gives every launch a
 * fresh temporary profile (it refuses a --user-data-dir argument and removes the
 * profile on close). The background-networking switches keep Chromium from
 * calling home on a closed network.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** What a page did that a static, script-free page never should: dialogs, console errors, page errors. */
export interface PageIncidents {
  dialogs: string[];
  consoleErrors: string[];
  pageErrors: string[];
  /** Every URL the page asked for, in order. */
  requests: string[];
}

export function watchPage(page: Page): PageIncidents {
  const incidents: PageIncidents = { dialogs: [], consoleErrors: [], pageErrors: [], requests: [] };
  page.on('dialog', (dialog) => {
    incidents.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') incidents.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => incidents.pageErrors.push(error.message));
  page.on('request', (request) => incidents.requests.push(request.url()));
  return incidents;
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (
    bytes.length < 24 ||
    !bytes.subarray(0, 8).equals(signature) ||
    bytes.toString('latin1', 12, 16) !== 'IHDR'
  ) {
    throw new Error('not a PNG file');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
