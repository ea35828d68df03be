// The dashboard in Debian's chromium against the real MonitorServer and PoolStats, with a
// MonitorSource standing in for the pool (the end-to-end test with a real pool, litecoind
// and miner is the integrator's). Screenshots go to test-artifacts/.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDashboardHandler } from '../../lib/monitor/dashboard-assets';
import { MonitorServer } from '../../lib/monitor/http-server';
import type { BlockView, MonitorSource, SessionSummary } from '../../lib/monitor/source';
import { PoolStats } from '../../lib/monitor/stats';
import { launchChromium, until, watchedPage, type PageProblems } from '../util/chromium';

const ARTIFACTS = path.resolve(__dirname, '..', '..', '..', 'test-artifacts');
const HOUR = 3_600_000;

function blockView(height: number, hash: string, worker: string, status: string, time: number): BlockView {
  return { height, hash, time, worker, reward: '1250000000', status, confirmations: status === 'confirmed' ? 101 : 0, explorerPath: `/api/blocks/${hash}` };
}

function fakeHash(n: number): string {
  return n.toString(16).padStart(8, '0').repeat(8);
}

class FakeSource implements MonitorSource {
  readonly found: BlockView[] = [];
  readonly sessionList: SessionSummary[] = [];
  readonly admin = {
    bans: () => [],
    ban: () => undefined,
    unban: () => false,
    disconnect: () => false,
    reassignExtranonce: () => false,
  };
  constructor(private readonly startedAt: number) {}
  info(): ReturnType<MonitorSource['info']> {
    return {
      name: 'Regtest pool',
      network: 'regtest',
      algorithm: 'scrypt',
      payoutMode: 'pplns',
      version: '0.1.0',
      startedAt: this.startedAt,
      ports: [{ port: 3333, tls: false, difficulty: 0.01, vardiff: true, connections: this.sessionList.length }],
    };
  }
  sessions(): SessionSummary[] {
    return this.sessionList;
  }
  async blocks(limit: number): Promise<BlockView[]> {
    return [...this.found].sort((a, b) => b.height - a.height).slice(0, limit);
  }
  async block(hash: string): Promise<BlockView | undefined> {
    return this.found.find((b) => b.hash === hash);
  }
}

/** Non-background pixels of the chart's fill colour (rgb 37,99,235 at any alpha) vs all pixels. */
function chartFill(page: Page, testid: string): Promise<{ fill: number; total: number; max: number }> {
  return page.evaluate(`(() => {
    const box = document.querySelector('[data-testid="${testid}"]');
    const canvas = box.querySelector('canvas');
    const max = Number(box.dataset.max ?? 0);
    if (canvas === null) return { fill: 0, total: 0, max };
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let fill = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i + 2] - data[i] > 80) fill++;
    return { fill, total: canvas.width * canvas.height, max };
  })()`);
}

function noHorizontalOverflow(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate('({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })');
}

function assertClean(watch: PageProblems, origin: string): void {
  assert.deepEqual(watch.problems, []);
  assert.ok(watch.requests.length > 0);
  for (const url of watch.requests) assert.ok(url.startsWith(`${origin}/`), `request to another origin: ${url}`);
}

describe('dashboard in chromium', function () {
  this.timeout(90_000);
  let browser: Browser;
  let context: BrowserContext;
  let server: MonitorServer;
  let stats: PoolStats;
  let source: FakeSource;
  let origin: string;

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    // The pool "started" two hours ago, so the full 10-minute window applies and the hour chart is full.
    let skew = -2 * HOUR;
    stats = new PoolStats({ difficultyFactor: 65536, now: () => Date.now() + skew });
    skew = 0;
    const now = Date.now();
    source = new FakeSource(now - 2 * HOUR);
    const workers: Array<[string, number, number]> = [
      ['alice.rig1', 0.02, 10_000],
      ['bob.s9', 0.05, 15_000],
      ['carol', 0.01, 30_000],
      ['dave.backup', 0.004, 45_000],
    ];
    for (const [name, diff, every] of workers) {
      for (let t = now - HOUR + 1000; t <= now; t += every) stats.recordShare({ worker: name, difficulty: diff, accepted: true, time: t });
    }
    for (let i = 0; i < 7; i++) stats.recordShare({ worker: 'carol', difficulty: 0, accepted: false, reason: i < 5 ? 'low difficulty' : 'stale' });
    stats.recordShare({ worker: 'bob.s9', difficulty: 0, accepted: false, reason: 'duplicate' });
    workers.forEach(([name], i) => {
      source.sessionList.push({ id: i + 1, ip: `10.0.0.${i + 10}`, port: 3333, workers: [name], difficulty: 0.01, userAgent: 'hashpool-miner/0.1.0', connectedAt: now - HOUR });
      stats.recordConnection(1);
    });
    stats.setNetwork({ height: 431, difficulty: 0.000244140625 });
    stats.setTemplate({ height: 432, receivedAt: now - 4000 });
    stats.setDaemons([{ name: 'litecoind', healthy: true }]);
    stats.setShareLog({ backend: 'sqlite', connected: true, buffered: 0 });
    source.found.push(blockView(401, fakeHash(401), 'bob.s9', 'confirmed', now - 50 * 60_000));
    source.found.push(blockView(419, fakeHash(419), 'alice.rig1', 'orphaned', now - 20 * 60_000));
    stats.recordBlock({ height: 419, hash: fakeHash(419), worker: 'alice.rig1', time: now - 20 * 60_000 });

    server = new MonitorServer({ host: '127.0.0.1', port: 0, stats, source, dashboard: createDashboardHandler(), sseIntervalMs: 300 });
    origin = (await server.listen()).url;
    browser = await launchChromium();
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });

  afterEach(async () => {
    await context.close();
  });

  it('loads the overview without errors, shows a non-zero hashrate and draws the chart', async () => {
    const { page, watch } = await watchedPage(context, origin);
    await page.goto(`${origin}/`);
    await until(page, `Number(document.querySelector('[data-testid="pool-hashrate"]')?.getAttribute('data-value')) > 0`);
    await page.waitForSelector('[data-testid="hashrate-chart"] canvas');
    await page.waitForSelector('[data-testid="connection"][data-state="live"]');

    const hashrate = await page.textContent('[data-testid="pool-hashrate"] .card-value');
    assert.match(String(hashrate), /^[1-9][\d.]* [kMGTPE]?H\/s$|^\d+\.\d*[1-9]\d* [kMGTPE]?H\/s$/);
    assert.ok(Math.abs(Number(await page.getAttribute('[data-testid="pool-hashrate"]', 'data-value')) - stats.poolHashrate()) <= stats.poolHashrate() * 0.05);
    const formula = String(await page.textContent('[data-testid="hashrate-formula"]'));
    assert.match(formula, /Σ share difficulty × 2\^32 \/ 65536 \/ window, over the last 10 minutes/);
    assert.equal(await page.textContent('[data-testid="workers-count"] .card-value'), '4');
    assert.equal((await page.textContent('[data-testid="shares-rejected"] .card-value'))?.trim(), '8');
    assert.equal(await page.getAttribute('[data-testid="reject-reasons"] li:first-child', 'data-reason'), 'low difficulty');
    assert.equal(await page.textContent('[data-testid="network-height"] .card-value'), '431');
    assert.equal(await page.textContent('[data-testid="last-block"] .card-value'), '#419');
    assert.equal(await page.textContent('[data-testid="daemon-health"] .card-value'), 'healthy');

    const chart = await chartFill(page, 'hashrate-chart');
    assert.ok(chart.max > 0, 'history has a non-zero hashrate');
    // A flat zero line would colour under 1% of the canvas; the filled area under a steady rate far more.
    assert.ok(chart.fill > chart.total * 0.15, `chart fill ${chart.fill} of ${chart.total} pixels`);

    await page.click('[data-testid="range-day"]');
    await until(page, `document.querySelector('[data-testid="hashrate-chart"]')?.getAttribute('data-points') === '144'`);
    await page.click('[data-testid="range-hour"]');
    await until(page, `document.querySelector('[data-testid="hashrate-chart"]')?.getAttribute('data-points') === '60'`);

    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-overview.png'), fullPage: true });
    assertClean(watch, origin);
  });

  it('a pool in its first minute: no complete bucket yet, and the chart still shows the current hashrate', async () => {
    const fresh = new PoolStats({ difficultyFactor: 65536 });
    for (let i = 0; i < 20; i++) fresh.recordShare({ worker: 'alice.rig1', difficulty: 0.02, accepted: true });
    assert.ok(fresh.history('hour').every((p) => p.hashrate === 0), 'the buckets are empty: the hashrate is only in the current minute');
    const young = new MonitorServer({ host: '127.0.0.1', port: 0, stats: fresh, source: new FakeSource(Date.now()), dashboard: createDashboardHandler(), sseIntervalMs: 300 });
    const youngOrigin = (await young.listen()).url;
    try {
      const { page, watch } = await watchedPage(context, youngOrigin);
      await page.goto(`${youngOrigin}/`);
      await until(page, `Number(document.querySelector('[data-testid="hashrate-chart"]')?.dataset.max) > 0`);
      const max = Number(await page.getAttribute('[data-testid="hashrate-chart"]', 'data-max'));
      const card = Number(await page.getAttribute('[data-testid="pool-hashrate"]', 'data-value'));
      assert.ok(Math.abs(max - card) <= card * 0.05, `the chart's newest point (${max}) is the card's hashrate (${card})`);
      assertClean(watch, youngOrigin);
    } finally {
      await young.close();
    }
  });

  it('updates the cards live from SSE without a reload', async () => {
    const { page, watch } = await watchedPage(context, origin);
    await page.goto(`${origin}/`);
    await until(page, `document.querySelector('[data-testid="shares-accepted"] .card-value')?.textContent !== '–'`);
    await page.evaluate('window.marker = 42');
    const before = Number(String(await page.textContent('[data-testid="shares-accepted"] .card-value')).replace(/,/g, ''));
    for (let i = 0; i < 25; i++) stats.recordShare({ worker: 'alice.rig1', difficulty: 0.02, accepted: true });
    await until(page, `Number(document.querySelector('[data-testid="shares-accepted"] .card-value')?.textContent?.replace(/,/g, '')) === ${before + 25}`);
    assert.equal(await page.evaluate('window.marker'), 42);
    assertClean(watch, origin);
  });

  it('shows a found block in the blocks list within seconds, without a reload', async () => {
    const { page, watch } = await watchedPage(context, origin);
    await page.goto(`${origin}/#/blocks`);
    await page.waitForSelector(`[data-testid="block-row"][data-hash="${fakeHash(419)}"]`);
    assert.equal(await page.locator('[data-testid="block-row"]').count(), 2);
    await page.evaluate('window.marker = 7');

    const hash = fakeHash(433);
    const block = blockView(433, hash, 'carol', 'pending', Date.now());
    source.found.push(block);
    stats.recordBlock({ height: 433, hash, worker: 'carol' });
    server.publish('block', block);

    const row = page.locator(`[data-testid="block-row"][data-hash="${hash}"]`);
    await row.waitFor({ timeout: 5000 });
    assert.equal(await page.evaluate('window.marker'), 7);
    assert.equal(await page.getAttribute('[data-testid="block-row"]:first-child', 'data-hash'), hash);
    assert.equal(await row.locator('[data-testid="block-status"]').textContent(), 'pending');
    assert.match(String(await row.textContent()), /12\.5/);

    await row.locator('a').click();
    await until(page, `document.querySelector('[data-testid="block-details"]')?.textContent?.includes('${hash}') === true`);
    assert.equal(await page.textContent('[data-testid="block-height"]'), '#433');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-block.png'), fullPage: true });
    await page.goto(`${origin}/#/blocks/${'ff'.repeat(32)}`);
    await until(page, `document.querySelector('[data-testid="block-details"]')?.textContent?.includes('No block') === true`);
    // The 404 of an unknown block is an expected answer, not a page problem.
    watch.problems = watch.problems.filter((p) => !p.startsWith(`HTTP 404: ${origin}/api/blocks/`) && !p.includes('404 (Not Found)'));
    assertClean(watch, origin);
  });

  it('sorts the workers table by the clicked header and opens a worker page with its chart', async () => {
    const { page, watch } = await watchedPage(context, origin);
    await page.goto(`${origin}/#/workers`);
    await page.waitForSelector('[data-testid="worker-row"]');
    const names = (): Promise<string[]> =>
      page.$$eval('[data-testid="workers-table"] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-name') ?? ''));
    // Default: hashrate, largest first (bob.s9 submits the most difficulty).
    assert.deepEqual(await names(), ['bob.s9', 'alice.rig1', 'carol', 'dave.backup']);
    await page.click('[data-testid="workers-table"] th[data-sort="name"] button');
    assert.deepEqual(await names(), ['alice.rig1', 'bob.s9', 'carol', 'dave.backup']);
    await page.click('[data-testid="workers-table"] th[data-sort="name"] button');
    assert.deepEqual(await names(), ['dave.backup', 'carol', 'bob.s9', 'alice.rig1']);
    await page.click('[data-testid="workers-table"] th[data-sort="rejectRate"] button');
    assert.equal((await names())[0], 'carol');
    assert.equal(await page.getAttribute('[data-testid="workers-table"] th[data-sort="rejectRate"]', 'aria-sort'), 'descending');
    const lastShare = await page.textContent('[data-testid="worker-row"][data-name="carol"] td:last-child');
    assert.match(String(lastShare), /ago|just now/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-workers.png'), fullPage: true });

    await page.click('[data-testid="worker-row"][data-name="alice.rig1"] a');
    await page.waitForSelector('[data-testid="worker-chart"] canvas');
    assert.equal(await page.textContent('[data-testid="worker-name"]'), 'alice.rig1');
    const chart = await chartFill(page, 'worker-chart');
    assert.ok(chart.max > 0 && chart.fill > chart.total * 0.1, `worker chart fill ${chart.fill} of ${chart.total}`);
    assert.equal(await page.locator('[data-testid="worker-sessions"] tbody tr').count(), 1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-worker.png'), fullPage: true });
    assertClean(watch, origin);
  });

  it('shows the stream as reconnecting when the monitor goes away and live again when it returns', async () => {
    const { page } = await watchedPage(context, origin);
    await page.goto(`${origin}/#/blocks`);
    await page.waitForSelector('[data-testid="connection"][data-state="live"]');
    await page.evaluate('window.marker = 9');
    const port = Number(new URL(origin).port);
    await server.close();
    await page.waitForSelector('[data-testid="connection"][data-state="down"]', { timeout: 10_000 });
    // A block found while the page was cut off must show up after the reconnect.
    const hash = fakeHash(434);
    source.found.push(blockView(434, hash, 'dave.backup', 'pending', Date.now()));
    server = new MonitorServer({ host: '127.0.0.1', port, stats, source, dashboard: createDashboardHandler(), sseIntervalMs: 300 });
    await server.listen();
    await page.waitForSelector('[data-testid="connection"][data-state="live"]', { timeout: 20_000 });
    await page.waitForSelector(`[data-testid="block-row"][data-hash="${hash}"]`, { timeout: 5000 });
    assert.equal(await page.evaluate('window.marker'), 9);
    assert.equal(await page.textContent('[data-testid="connection"] .live-text'), 'live');
  });

  it('fits a phone screen: no horizontal overflow on any view', async () => {
    await context.close();
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const { page, watch } = await watchedPage(context, origin);
    await page.goto(`${origin}/`);
    await page.waitForSelector('[data-testid="hashrate-chart"] canvas');
    await until(page, `Number(document.querySelector('[data-testid="pool-hashrate"]')?.getAttribute('data-value')) > 0`);
    let o = await noHorizontalOverflow(page);
    assert.ok(o.scroll <= o.client, `overview ${o.scroll} > ${o.client}`);
    const cardBoxes = await page.$$eval('#view-overview .cards .card', (cards) => cards.map((c) => c.getBoundingClientRect().width));
    assert.ok(cardBoxes.every((w) => w > 300), `one column of cards: ${cardBoxes.join(',')}`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-phone.png'), fullPage: true });
    for (const route of ['#/workers', '#/blocks', '#/workers/alice.rig1', `#/blocks/${fakeHash(401)}`]) {
      await page.goto(`${origin}/${route}`);
      await page.waitForTimeout(300);
      o = await noHorizontalOverflow(page);
      assert.ok(o.scroll <= o.client, `${route}: ${o.scroll} > ${o.client}`);
    }
    assertClean(watch, origin);
  });
});
