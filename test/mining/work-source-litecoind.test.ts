// WorkSource against real litecoind regtest daemons: new tips give clean jobs, a dead
// primary fails over to the second daemon with no template lost, and a -blocknotify push
// through `hashpool notify` yields new work within 50 ms of reaching the pool.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addressToScript } from '../../lib/address';
import { listenForBlockNotify } from '../../lib/mining/notify-channel';
import { WorkSource, type WorkUpdate } from '../../lib/mining/work-source';
import { getNetwork } from '../../lib/protocol';
import { DaemonClient, DaemonPool } from '../../lib/rpc';
import { connectPair, startLitecoind, stopAllLitecoind, waitFor, type LitecoindNode } from '../util/litecoind';

const NETWORK = getNetwork('litecoin-regtest');
const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'hashpool.js');

function nextWork(source: WorkSource, accept: (w: WorkUpdate) => boolean, timeoutMs = 10_000): Promise<WorkUpdate> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      source.off('work', onWork);
      reject(new Error('no matching work in time'));
    }, timeoutMs);
    const onWork = (work: WorkUpdate): void => {
      if (!accept(work)) return;
      clearTimeout(timer);
      source.off('work', onWork);
      resolve(work);
    };
    source.on('work', onWork);
  });
}

/**
 * Mines with `mine` and resolves with the first work on the mined tip. Listening starts
 * before mining: the work can arrive before the mining RPC has answered.
 */
async function workOnMinedTip(source: WorkSource, mine: () => Promise<string[]>, timeoutMs = 10_000): Promise<WorkUpdate & { mined: string }> {
  const seen: WorkUpdate[] = [];
  const onWork = (work: WorkUpdate): void => void seen.push(work);
  source.on('work', onWork);
  try {
    const [mined] = await mine();
    if (mined === undefined) throw new Error('nothing mined');
    const already = seen.find((w) => w.template.previousBlockHashHex === mined);
    const work = already ?? (await nextWork(source, (w) => w.template.previousBlockHashHex === mined, timeoutMs));
    return Object.assign(work, { mined });
  } finally {
    source.off('work', onWork);
  }
}

describe('WorkSource with litecoind regtest', function () {
  this.timeout(120_000);
  let a: LitecoindNode;
  let b: LitecoindNode;
  let payout: Buffer;
  const sources: WorkSource[] = [];
  const pools: DaemonPool[] = [];

  before(async function () {
    [a, b] = await connectPair({ mineBlocks: 101 }); // 101: one mature coinbase to spend
    payout = addressToScript(await a.newAddress('bech32'), NETWORK);
  });
  afterEach(() => {
    for (const s of sources.splice(0)) s.stop();
    for (const p of pools.splice(0)) p.close();
  });
  after(() => stopAllLitecoind());

  function makeSource(
    nodes: LitecoindNode[],
    options: { pollIntervalMs?: number; longpoll?: boolean; transactionCheckMs?: number } = {},
  ): WorkSource {
    const daemons = new DaemonPool(
      nodes.map((node, i) => ({ client: new DaemonClient({ url: node.rpcUrl, name: `node${i}`, timeoutMs: 2000 }), priority: nodes.length - i })),
      { healthIntervalMs: 200 },
    );
    daemons.start();
    pools.push(daemons);
    const source = new WorkSource({
      daemons,
      rules: NETWORK.gbtRules,
      jobOptions: () => ({ outputs: { script: payout }, extranonce1Size: 4, extranonce2Size: 4 }),
      ...options,
    });
    source.on('error', () => undefined); // expected while a daemon is down
    sources.push(source);
    return source;
  }

  it('a new tip gives a clean job; new transactions on the same tip give a refreshed one', async function () {
    const source = makeSource([a], { longpoll: false, transactionCheckMs: 1000 });
    await source.start();
    const first = source.current();
    assert.ok(first);
    const tip = await workOnMinedTip(source, () => a.mine(1));
    assert.equal(tip.cleanJobs, true);
    assert.equal(tip.reason, 'poll');
    assert.notEqual(tip.job?.jobId, first.job?.jobId);
    // The node refreshes its template for mempool changes at most every 5 s.
    await a.rpc('sendtoaddress', await a.newAddress('bech32'), 1);
    const refreshed = await nextWork(source, (w) => w.template.transactions.length > 0, 15_000);
    assert.equal(refreshed.cleanJobs, false);
    assert.equal(refreshed.reason, 'transactions');
    assert.equal(refreshed.template.previousBlockHashHex, tip.mined);
  });

  it('a getblocktemplate longpoll brings a new tip with polling switched off', async function () {
    // The harness cuts idle HTTP requests after 1 s (so daemons stop fast); a longpoll needs
    // the daemon's usual patience, so this node gets its own, longer server timeout.
    const patient = await startLitecoind({ connectTo: a, args: ['-rpcservertimeout=60'] });
    try {
      await waitFor(async () => (await patient.rpc<string>('getbestblockhash')) === (await a.rpc<string>('getbestblockhash')), 'sync');
      const source = makeSource([patient], { pollIntervalMs: 60_000, transactionCheckMs: 60_000, longpoll: true });
      await source.start();
      // Past the daemon's "returns at once after start" window and into a real wait.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const work = await workOnMinedTip(source, () => a.mine(1));
      assert.equal(work.reason, 'longpoll');
      assert.equal(work.cleanJobs, true);
    } finally {
      patient.kill(); // a daemon holding a longpoll connection is slow to stop by RPC
    }
  });

  it('fails over to the second daemon within a second when the primary dies, and loses no template', async function () {
    // getblocktemplate needs a peer: give B one that outlives A.
    const c = await startLitecoind({ connectTo: b });
    await waitFor(async () => (await b.rpc<number>('getconnectioncount')) > 1, 'B to have a second peer');
    const source = makeSource([a, b], { longpoll: false });
    await source.start();
    a.kill();
    const killedAt = Date.now();
    const work = await workOnMinedTip(source, () => b.mine(1));
    const failoverMs = Date.now() - killedAt;
    assert.ok(failoverMs < 1000, `new work from the second daemon ${failoverMs} ms after the kill`);
    assert.equal(work.cleanJobs, true);
    await a.restart();
    await waitFor(async () => (await a.rpc<string>('getbestblockhash')) === work.mined, 'the restarted primary to catch up');
    await c.stop();
  });

  it('a -blocknotify push through `hashpool notify` yields new work within 50 ms', async function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-notify-'));
    const socketPath = path.join(dir, 'notify.sock');
    // A chain of its own, so no sync spawns a `hashpool notify` per block (each is a Node
    // start, ~100 ms of CPU); one fresh peer makes getblocktemplate work.
    const notifier = await startLitecoind({ blocknotify: `${process.execPath} ${BIN} notify --socket ${socketPath}` });
    const peer = await startLitecoind({ connectTo: notifier });
    // Polling and transaction checks slowed right down, longpoll off: only the push can
    // bring the new tip in time.
    const source = makeSource([notifier], { pollIntervalMs: 60_000, transactionCheckMs: 60_000, longpoll: false });
    let pushedAt = 0;
    const listener = await listenForBlockNotify(socketPath, () => {
      pushedAt = Date.now();
      void source.refresh('notify', pushedAt);
    });
    await waitFor(async () => (await notifier.rpc<number>('getconnectioncount')) > 0, 'the peer to connect');
    await notifier.mine(1); // out of initial block download
    await waitFor(() => pushedAt > 0 && Date.now() - pushedAt > 500, 'the first notification');
    try {
      await source.start();
      const work = await workOnMinedTip(source, () => notifier.mine(1));
      const latency = Date.now() - pushedAt;
      assert.equal(work.reason, 'notify');
      assert.equal(work.cleanJobs, true);
      assert.ok(latency < 50, `new work ${latency} ms after the notification`);
    } finally {
      await listener.close();
      await peer.stop();
      await notifier.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
