// HeaderSync against a real litecoind regtest: a 2,100-header sync checked against
// getblockhash at every height, new tips by headers announcements, reorgs made with
// invalidateblock/reconsiderblock (including the return to a branch already known), and a
// restart of the store that resumes without downloading again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HeaderSync, PeerHeaderSource } from '../../lib/p2p/header-sync';
import { HeadersStore, type Reorg } from '../../lib/p2p/headers-store';
import { Peer } from '../../lib/p2p/peer';
import { getNetwork } from '../../lib/protocol';
import { startLitecoind, stopAllLitecoind, waitFor, type LitecoindNode } from '../util/litecoind';

const NETWORK = getNetwork('litecoin-regtest');

async function connect(node: LitecoindNode): Promise<Peer> {
  const peer = new Peer({ host: '127.0.0.1', port: node.p2pPort, network: NETWORK, relay: false, pingIntervalMs: 0 });
  await peer.connect();
  return peer;
}

/** Asserts our active chain equals the node's, height by height. */
async function assertSameChain(store: HeadersStore, node: LitecoindNode): Promise<void> {
  const height = await node.rpc<number>('getblockcount');
  assert.equal(store.height, height);
  for (let start = 0; start <= height; start += 500) {
    const heights = Array.from({ length: Math.min(500, height - start + 1) }, (_, i) => start + i);
    const hashes = await Promise.all(heights.map((h) => node.rpc<string>('getblockhash', h)));
    heights.forEach((h, i) => assert.equal(store.hashAt(h), hashes[i], `height ${h}`));
  }
}

describe('p2p/header-sync against litecoind regtest', function () {
  this.timeout(180_000);
  let node: LitecoindNode;
  let dir: string;
  let store: HeadersStore;
  let peer: Peer;
  let sync: HeaderSync;
  const reorgs: Reorg[] = [];

  before(async () => {
    // MWEB never activates: a plain chain can be mined past 431 without a peg-in (shared/notes/litecoind-regtest.md).
    node = await startLitecoind({ args: ['-vbparams=mweb:-2:0'] });
    for (let mined = 0; mined < 2100; mined += 700) await node.mine(700);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-sync-'));
  });

  after(async () => {
    sync?.stop();
    peer?.close();
    await store?.close();
    await stopAllLitecoind();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('syncs 2,100 headers in two getheaders rounds, matching getblockhash at every height', async () => {
    store = HeadersStore.open({ network: NETWORK, dir });
    store.on('reorg', (reorg) => reorgs.push(reorg));
    peer = await connect(node);
    sync = new HeaderSync(store, new PeerHeaderSource(peer, NETWORK));
    const batches: number[] = [];
    sync.on('progress', (p) => batches.push(p.height));
    const tip = await sync.sync();
    assert.deepEqual(tip, { height: 2100, hash: await node.rpc<string>('getbestblockhash') });
    assert.deepEqual(batches, [2000, 2100]);
    await assertSameChain(store, node);
  });

  it('follows new tips announced by the node', async () => {
    sync.on('error', (error) => assert.fail(error));
    sync.follow();
    const tips: string[] = [];
    store.on('tip', (t) => tips.push(t.hash));
    const mined = await node.mine(2);
    await waitFor(() => store.tip.hash === mined[1], 'the new tip');
    assert.deepEqual(tips.at(-1), mined[1]);
    assert.equal(store.height, 2102);
  });

  it('reports reorgs from invalidateblock/reconsiderblock, including the return to the known branch', async () => {
    const h = store.height; // 2102
    const [a1, a2] = [store.hashAt(h - 1) as string, store.hashAt(h) as string];
    const ancestor = { height: h - 2, hash: store.hashAt(h - 2) as string };

    await node.rpc('invalidateblock', a1);
    const b = await node.mine(3);
    await waitFor(() => store.tip.hash === b[2], 'the switch to branch B');
    assert.deepEqual(reorgs, [{ commonAncestor: ancestor, oldBranch: [a1, a2], newBranch: b }]);
    await assertSameChain(store, node);

    // Make A valid again (B stays active, it is longer), then leave B: the node goes back to
    // A's tip, which we know already, and mines on it until A has more work than B.
    await node.rpc('reconsiderblock', a1);
    await node.rpc('invalidateblock', b[0]);
    assert.equal(await node.rpc<string>('getbestblockhash'), a2);
    const a = await node.mine(2);
    await waitFor(() => store.tip.hash === a[1], 'the return to branch A');
    assert.equal(reorgs.length, 2);
    assert.deepEqual(reorgs[1], { commonAncestor: ancestor, oldBranch: b, newBranch: [a1, a2, ...a] });
    await assertSameChain(store, node);
    assert.equal(store.get(b[2])?.active, false, 'branch B stays known as a side branch');
  });

  it('resumes from the store after a restart without downloading the chain again', async () => {
    sync.stop();
    peer.close();
    await store.close();
    const tipBefore = store.tip;

    store = HeadersStore.open({ network: NETWORK, dir });
    assert.deepEqual(store.tip, tipBefore);
    assert.equal(store.loadReport.droppedBytes, 0);
    assert.equal(store.loadReport.records, 1 + 2102 + 3 + 2, 'genesis, A to 2102, B, A again');
    peer = await connect(node);
    const source = new PeerHeaderSource(peer, NETWORK);
    const replies: number[] = [];
    const getHeaders = source.getHeaders.bind(source);
    source.getHeaders = async (locator, stop) => {
      const headers = await getHeaders(locator, stop);
      replies.push(headers.length);
      return headers;
    };
    sync = new HeaderSync(store, source);
    await sync.sync();
    assert.deepEqual(replies, [0], 'one empty reply: nothing to download');

    // And it still follows from there.
    sync.follow();
    const [next] = await node.mine(1);
    await waitFor(() => store.tip.hash === next, 'a tip after the restart');
    await assertSameChain(store, node);
  });
});
