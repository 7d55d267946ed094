import { existsSync } from 'node:fs';

/** Chromium is not installed where Charter looks for it; the message says how to install it. */
export class ChromiumMissingError extends Error {}

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** The Chromium to print with: CHROMIUM_PATH when set, else the usual Linux locations. */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string {
  const path = env.CHROMIUM_PATH ?? candidates.find((candidate) => existsSync(candidate));
  if (!path || !existsSync(path)) {
    throw new ChromiumMissingError(
      `${env.CHROMIUM_PATH ? `CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which does not exist` : 'no Chromium found'}: the audit package prints its PDFs with Chromium. ` +
        'Install it (Debian/Ubuntu: apt-get install chromium) or point CHROMIUM_PATH at a Chromium or Chrome binary, then run the command again.',
    );
  }
  return path;
}

/** Prints HTML pages to PDF with headless Chromium through playwright-core, one browser for all of them. */
export async function printPdfs(pages: readonly { html: string }[], env: NodeJS.ProcessEnv = process.env): Promise<Uint8Array[]> {
  const executablePath = chromiumExecutable(env);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const pdfs: Uint8Array[] = [];
    for (const { html } of pages) {
      await tab.setContent(html, { waitUntil: 'load' });
      pdfs.push(new Uint8Array(await tab.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })));
    }
    return pdfs;
  } finally {
    await browser.close();
  }
}
