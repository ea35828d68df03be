// Test helper: Debian's chromium driven by playwright-core (no downloaded browser). Each
// launch gets its own temporary profile, removed when the browser closes; only the browser
// this process launched is ever closed.

import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Missing chromium fails the test: CI installs it (.ci/run), so its absence is a setup bug. */
export class ChromiumMissingError extends Error {
  constructor() {
    super(`${CHROMIUM} not found: install the Debian packages chromium and chromium-driver (apt-get install chromium chromium-driver)`);
    this.name = 'ChromiumMissingError';
  }
}

/**
 * A headless chromium. playwright's launch() already gives the browser a fresh temporary
 * profile, but its user-data-dir lives in /tmp under a name we don't control; this one is
 * ours to delete.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new ChromiumMissingError();
  const profile = await mkdtemp(path.join(os.tmpdir(), 'hashpool-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disk-cache-dir=${path.join(profile, 'cache')}`],
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
  });
  browser.on('disconnected', () => {
    void rm(profile, { recursive: true, force: true });
  });
  return browser;
}

export interface PageProblems {
  /** Console errors and warnings, page errors, failed requests, requests to other origins. */
  problems: string[];
  /** Every URL the page requested. */
  requests: string[];
}

/**
 * Opens a page that records everything a dashboard must never do: log an error or warning,
 * throw, fail a request, or talk to any origin but `origin`.
 */
export async function watchedPage(
  context: BrowserContext,
  origin: string,
): Promise<{ page: Page; watch: PageProblems }> {
  const page = await context.newPage();
  const watch: PageProblems = { problems: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') watch.problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => watch.problems.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    watch.requests.push(url);
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) watch.problems.push(`external request: ${url}`);
  });
  page.on('requestfailed', (req) => {
    // An EventSource torn down by navigation or close is not a failure of the page.
    if (req.url().endsWith('/api/events')) return;
    watch.problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) watch.problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { page, watch };
}

/**
 * Polls a page expression from Node until it is true: page.waitForFunction would evaluate
 * its predicate with eval inside the page, which the dashboard's CSP (rightly) forbids.
 */
export async function until(page: Page, expression: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await page.evaluate(expression)) === true) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
