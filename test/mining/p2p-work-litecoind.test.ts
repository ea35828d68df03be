// The pool's P2P link to its daemon (issue 6): new tips announced over P2P bring new work
// at once, and a found block also travels over P2P, so it reaches the node even when RPC
// cannot.
import assert from 'node:assert/strict';
import { addressToScript } from '../../lib/address';
import { hash } from '../../lib/hash';
import { assembleShare, blockHash, serializeBlock } from '../../lib/mining/block';
import { BlockSubmitter } from '../../lib/mining/block-submitter';
import { buildJob } from '../../lib/mining/job';
import { decodeTemplate } from '../../lib/mining/template';
import { WorkSource, type WorkUpdate } from '../../lib/mining/work-source';
import { P2PClient } from '../../lib/p2p/client';
import { getNetwork } from '../../lib/protocol';
import { DaemonClient, DaemonPool } from '../../lib/rpc';
import { connectPair, freePort, stopAllLitecoind, waitFor, type LitecoindNode } from '../util/litecoind';

const NETWORK = getNetwork('litecoin-regtest');

describe('pool work over a P2P link to litecoind', function () {
  this.timeout(120_000);
  let a: LitecoindNode;
  let payout: Buffer;
  let p2p: P2PClient;

  before(async function () {
    [a] = await connectPair({ mineBlocks: 1 });
    payout = addressToScript(await a.newAddress('bech32'), NETWORK);
    p2p = new P2PClient({ network: NETWORK, peers: [{ host: '127.0.0.1', port: a.p2pPort }] });
    await p2p.start();
    await p2p.manager.waitForPeer(10_000);
  });
  after(async () => {
    await p2p.stop();
    await stopAllLitecoind();
  });

  it('a tip announced over P2P brings new work with polling switched off', async function () {
    const daemons = new DaemonPool([{ client: new DaemonClient({ url: a.rpcUrl, name: 'a' }), priority: 1 }]);
    const source = new WorkSource({
      daemons,
      rules: NETWORK.gbtRules,
      jobOptions: () => ({ outputs: { script: payout }, extranonce1Size: 4, extranonce2Size: 4 }),
      pollIntervalMs: 60_000,
      transactionCheckMs: 60_000,
      longpoll: false,
      tipAnnouncements: p2p.waitForNewTip(),
    });
    try {
      await source.start();
      // Listen before mining: the announcement can bring the work before generatetoaddress
      // has even answered (seen under load), and an update nobody heard is gone.
      const updates: WorkUpdate[] = [];
      source.on('work', (w: WorkUpdate) => updates.push(w));
      const [mined] = await a.mine(1);
      await waitFor(() => updates.some((w) => w.template.previousBlockHashHex === mined), 'work on the mined tip', 20_000);
      const work = updates.find((w) => w.template.previousBlockHashHex === mined);
      assert.ok(work !== undefined);
      assert.equal(work.reason, 'p2p');
      assert.equal(work.cleanJobs, true);
    } finally {
      source.stop();
      daemons.close();
    }
  });

  it('a found block reaches the node over P2P when no RPC daemon answers', async function () {
    const template = decodeTemplate(await a.rpc('getblocktemplate', { rules: NETWORK.gbtRules }));
    const job = buildJob(template, { jobId: '1', outputs: { script: payout }, extranonce1Size: 4, extranonce2Size: 4 });
    const input = { extranonce1: Buffer.alloc(4, 1), extranonce2: Buffer.alloc(4, 2), ntime: template.curtime, nonce: 0 };
    const found = await hash.scan({ pow: NETWORK.pow, header: assembleShare(job, input).header, nonceStart: 0, nonceCount: 1000, target: template.target, maxFound: 1 });
    const share = assembleShare(job, { ...input, nonce: found.nonces[0] });
    const block = serializeBlock(job, share);
    const id = blockHash(share.header).hex;

    const unreachable = new DaemonPool([{ client: new DaemonClient({ url: `http://u:p@127.0.0.1:${await freePort()}`, name: 'down', timeoutMs: 300 }), priority: 1 }]);
    try {
      const submitter = new BlockSubmitter(unreachable, { retries: 0, relay: (raw) => p2p.manager.broadcast({ command: 'block', raw }) });
      const record = await submitter.submit({ height: template.height, hash: id, hex: block.toString('hex') });
      assert.equal(record.relayedTo, 1);
      assert.equal(record.outcome.kind, 'unreachable');
      await waitFor(async () => (await a.rpc<string>('getbestblockhash')) === id, 'the node to take the relayed block', 10_000);
    } finally {
      unreachable.close();
    }
  });
});
