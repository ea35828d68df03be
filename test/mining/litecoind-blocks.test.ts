// Blocks built by our code (template decoding, coinbase, merkle branch, header, native
// scrypt grinding, serialization) submitted to a real litecoind 0.21.2.1 regtest: accepted
// before and after MWEB activation, and every reject path giving its BIP22 reason.
import assert from 'node:assert/strict';
import { addressToScript } from '../../lib/address';
import { bytesLEToTarget, hash } from '../../lib/hash';
import { BlockSubmitter } from '../../lib/mining/block-submitter';
import { outcomeFromResult } from '../../lib/mining/submit-outcome';
import { assembleShare, blockHash, serializeBlock, type AssembledShare, type ShareInput } from '../../lib/mining/block';
import { buildJob, type Job } from '../../lib/mining/job';
import { decodeTemplate, type BlockTemplate } from '../../lib/mining/template';
import { getNetwork } from '../../lib/protocol';
import { DaemonClient, DaemonPool, RpcError } from '../../lib/rpc';
import { connectPair, stopAllLitecoind, type LitecoindNode } from '../util/litecoind';

const NETWORK = getNetwork('litecoin-regtest');
const EXTRANONCE1 = Buffer.from('0000002a', 'hex');
const EXTRANONCE2 = Buffer.from('00000001', 'hex');

interface Built {
  template: BlockTemplate;
  job: Job;
  share: AssembledShare;
  block: Buffer;
  hash: string;
}

async function template(node: LitecoindNode): Promise<BlockTemplate> {
  return decodeTemplate(await node.rpc('getblocktemplate', { rules: NETWORK.gbtRules }));
}

/** The first nonce from 0 whose scrypt hash meets (or, with `miss`, misses) the target. */
async function grind(header: Buffer, target: bigint, miss = false): Promise<number> {
  if (!miss) {
    const found = await hash.scan({ pow: NETWORK.pow, header, nonceStart: 0, nonceCount: 10_000, target, maxFound: 1 });
    assert.equal(found.nonces.length, 1, 'no nonce met the regtest target');
    return found.nonces[0];
  }
  const work = Buffer.from(header);
  for (let nonce = 0; ; nonce++) {
    work.writeUInt32LE(nonce, 76);
    if (bytesLEToTarget(hash.powHash(NETWORK.pow, work)) > target) return nonce;
  }
}

async function build(
  node: LitecoindNode,
  payout: Buffer,
  tweak: { template?: (t: BlockTemplate) => BlockTemplate; share?: Partial<ShareInput>; missTarget?: boolean } = {},
): Promise<Built> {
  const fresh = await template(node);
  const t = tweak.template ? tweak.template(fresh) : fresh;
  const job = buildJob(t, { jobId: '1', outputs: { script: payout }, poolTag: Buffer.from('/hashpool/'), extranonce1Size: 4, extranonce2Size: 4 });
  const input: ShareInput = { extranonce1: EXTRANONCE1, extranonce2: EXTRANONCE2, ntime: t.curtime, nonce: 0, ...tweak.share };
  const unground = assembleShare(job, input);
  const nonce = await grind(unground.header, fresh.target, tweak.missTarget);
  const share = assembleShare(job, { ...input, nonce });
  return { template: t, job, share, block: serializeBlock(job, share), hash: blockHash(share.header).hex };
}

async function submit(node: LitecoindNode, block: Buffer): Promise<unknown> {
  return node.rpc('submitblock', block.toString('hex'));
}

describe('blocks built by hashpool, judged by litecoind regtest', function () {
  this.timeout(180_000);
  let a: LitecoindNode;
  let b: LitecoindNode;
  let payoutAddress: string;
  let payout: Buffer;

  before(async function () {
    [a, b] = await connectPair({ mineBlocks: 101 });
    payoutAddress = await a.newAddress('bech32');
    payout = addressToScript(payoutAddress, NETWORK);
  });
  after(() => stopAllLitecoind());

  it('accepts a pre-MWEB block carrying legacy, p2sh-segwit and bech32 wallet spends', async function () {
    for (const type of ['legacy', 'p2sh-segwit', 'bech32'] as const) {
      await a.rpc('sendtoaddress', await a.newAddress(type), 1);
    }
    const built = await build(a, payout);
    assert.ok(built.template.transactions.length >= 3);
    assert.ok(built.template.transactions.some((tx) => !tx.txid.equals(tx.hash)), 'a segwit spend has wtxid != txid');
    assert.equal(built.template.mweb, undefined);
    assert.equal(await submit(a, built.block), null);
    assert.equal(await a.rpc('getbestblockhash'), built.hash);
    const block = await a.rpc<{ tx: { vout: { value: number; scriptPubKey: { address?: string; addresses?: string[] } }[] }[] }>('getblock', built.hash, 2);
    const coinbaseOut = block.tx[0].vout[0];
    assert.equal(coinbaseOut.scriptPubKey.address ?? coinbaseOut.scriptPubKey.addresses?.[0], payoutAddress);
    assert.equal(BigInt(Math.round(coinbaseOut.value * 1e8)), built.template.coinbaseValue);
    assert.equal(block.tx.length, built.template.transactions.length + 1);
    assert.equal(await a.rpc('getblock', built.hash, 0), built.block.toString('hex'));
  });

  it('gives each reject path its BIP22 reason', async function () {
    const cases: [string, () => Promise<Built>, string][] = [
      ['high-hash', () => build(a, payout, { missTarget: true }), 'high-hash'],
      ['time-too-new', async () => build(a, payout, { share: { ntime: (await template(a)).curtime + 7201 } }), 'time-too-new'],
      ['time-too-old', async () => build(a, payout, { share: { ntime: (await template(a)).mintime - 1 } }), 'time-too-old'],
      ['bad-diffbits', () => build(a, payout, { template: (t) => ({ ...t, bits: 0x207ffffe }) }), 'bad-diffbits'],
      ['bad-cb-amount', () => build(a, payout, { template: (t) => ({ ...t, coinbaseValue: t.coinbaseValue + 1n }) }), 'bad-cb-amount'],
    ];
    for (const [name, make, reason] of cases) {
      const built = await make();
      assert.deepEqual(outcomeFromResult(await submit(a, built.block)), { kind: 'rejected', reason }, name);
    }
    // A header whose merkle root does not match its transactions.
    const good = await build(a, payout);
    const header = Buffer.from(good.share.header);
    header[40] ^= 1;
    header.writeUInt32LE(await grind(header, good.template.target), 76);
    const tampered = Buffer.concat([header, good.block.subarray(80)]);
    assert.equal(await submit(a, tampered), 'bad-txnmrklroot');
    // The good block goes in once; the second time it is a duplicate.
    assert.deepEqual(outcomeFromResult(await submit(a, good.block)), { kind: 'accepted' });
    assert.deepEqual(outcomeFromResult(await submit(a, good.block)), { kind: 'duplicate', reason: 'duplicate' });
  });

  it('submits to every daemon at once and records the outcome', async function () {
    // The pool owns (and closes) its clients, so it gets its own.
    const daemons = new DaemonPool([
      { client: new DaemonClient({ url: a.rpcUrl, name: 'a' }), priority: 2 },
      { client: new DaemonClient({ url: b.rpcUrl, name: 'b' }), priority: 1 },
    ]);
    try {
      const built = await build(a, payout);
      const submitter = new BlockSubmitter(daemons);
      const record = await submitter.submit({ height: built.template.height, hash: built.hash, hex: built.block.toString('hex') });
      assert.equal(record.outcome.kind, 'accepted');
      assert.equal(record.perDaemon.length, 2);
      assert.equal(await b.rpc('getbestblockhash'), built.hash);
    } finally {
      daemons.close();
    }
  });

  it('accepts MWEB blocks: the first one with a peg-in at 432, then ordinary ones after it', async function () {
    const height = await a.rpc<number>('getblockcount');
    await a.mine(431 - height);
    await a.rpc('sendtoaddress', await a.newAddress('mweb'), 1);
    const first = await build(a, payout);
    assert.equal(first.template.height, 432);
    assert.ok(first.template.mweb && first.template.hogEx, 'the template carries the MWEB blob and a HogEx');
    assert.equal(first.template.transactions[first.template.transactions.length - 1], first.template.hogEx);
    assert.equal(await submit(a, first.block), null);
    assert.equal(await a.rpc('getbestblockhash'), first.hash);

    for (const type of ['legacy', 'bech32', 'mweb'] as const) await a.rpc('sendtoaddress', await a.newAddress(type), 1);
    const second = await build(a, payout);
    assert.ok(second.template.mweb);
    // Without the blob the block does not decode; with a 00 presence byte the MWEB data is missing.
    const blobStart = second.block.length - second.template.mweb!.length - 1;
    await assert.rejects(submit(a, second.block.subarray(0, blobStart)), (e: unknown) => e instanceof RpcError && e.rpcCode === -22);
    const noMweb = Buffer.concat([second.block.subarray(0, blobStart), Buffer.from([0])]);
    assert.equal(await submit(a, noMweb), 'mweb-missing');
    assert.equal(await submit(a, second.block), null);
    assert.equal(await a.rpc('getblock', second.hash, 0), second.block.toString('hex'));
  });

  it('enforces the BIP34 height from 500: a wrong height push is bad-cb-height', async function () {
    const height = await a.rpc<number>('getblockcount');
    if (height < 500) await a.mine(500 - height);
    await a.rpc('sendtoaddress', await a.newAddress('mweb'), 1);
    const wrong = await build(a, payout, { template: (t) => ({ ...t, height: t.height + 1 }) });
    assert.equal(await submit(a, wrong.block), 'bad-cb-height');
    const right = await build(a, payout);
    assert.ok(right.template.height > 500);
    assert.equal(await submit(a, right.block), null);
  });
});
