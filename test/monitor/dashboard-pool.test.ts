// The dashboard end to end, as a user sees it: a pool node on a real litecoind regtest with
// the stratum CPU miner running, the page in Debian's chromium. The page must load clean,
// show a non-zero hashrate in the cards and the chart, and list a block litecoind just
// accepted within seconds, without a reload. Screenshot: test-artifacts/dashboard-live-pool.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { Miner } from '../../lib/miner/miner';
import { PoolNode } from '../../lib/pool/pool-node';
import { launchChromium, until, watchedPage } from '../util/chromium';
import { startLitecoind, stopAllLitecoind } from '../util/litecoind';
import { regtestPoolConfig } from '../util/pool-config';

const ARTIFACTS = path.resolve(__dirname, '..', '..', '..', 'test-artifacts');

describe('dashboard on a live pool (litecoind regtest + miner + chromium)', function () {
  this.timeout(240_000);
  let browser: Browser | undefined;
  let pool: PoolNode | undefined;
  let miner: Miner | undefined;
  let dir: string;

  after(async () => {
    await browser?.close();
    await miner?.stop();
    await pool?.stop();
    await stopAllLitecoind();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads clean, charts a non-zero hashrate and lists a block found seconds ago', async () => {
    const node = await startLitecoind();
    await node.mine(1);
    const address = await node.newAddress('bech32');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-dashboard-e2e-'));
    const config = await regtestPoolConfig(node, dir, { difficulty: 0.05 });
    pool = await PoolNode.start(config);
    const origin = pool.monitorUrl;
    assert.ok(origin !== undefined);
    miner = new Miner({ urls: [`stratum+tcp://127.0.0.1:${pool.stratumPorts[0]?.port ?? 0}`], user: `${address}.rig1`, password: 'x', algorithm: 'scrypt', threads: 1 });
    miner.start();

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, watch } = await watchedPage(context, origin);
    await page.goto(`${origin}/`);
    await until(page, `Number(document.querySelector('[data-testid="pool-hashrate"]')?.getAttribute('data-value')) > 0`, 30_000);
    await until(page, `Number(document.querySelector('[data-testid="network-height"]')?.textContent?.replace(/[^0-9]/g, '')) > 1`, 10_000);

    // A block litecoind accepted from now on must show up in the list without a reload.
    const startHeight = await node.rpc<number>('getblockcount');
    let newest = '';
    const deadline = Date.now() + 60_000;
    while (newest === '' && Date.now() < deadline) {
      const height = await node.rpc<number>('getblockcount');
      if (height > startHeight) newest = await node.rpc<string>('getblockhash', height);
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.notEqual(newest, '', 'the miner found a block');
    await page.click('a[data-nav="blocks"]');
    await until(page, `document.querySelector('[data-testid="block-row"][data-hash="${newest}"]') !== null`, 5_000);
    await page.click('a[data-nav="overview"]');

    // The hour chart plots complete minutes only: the first one ends within about a minute.
    await until(page, `Number(document.querySelector('[data-testid="hashrate-chart"]')?.getAttribute('data-max')) > 0`, 90_000);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard-live-pool.png'), fullPage: true });
    assert.deepEqual(watch.problems, []);
  });
});
