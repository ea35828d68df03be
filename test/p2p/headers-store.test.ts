// HeadersStore on synthetic litecoin-regtest chains mined here with the real scrypt PoW
// (bits 207fffff: about every second nonce wins), plus the chain rules and locators.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hash } from '../../lib/hash';
import { chainRules, expectedBits, retarget, workOf, type ChainLink } from '../../lib/p2p/header-rules';
import {
  HeaderInvalidError,
  HeaderOrphanError,
  HeadersStore,
  HeadersStoreError,
  displayHex,
  type BlockRef,
  type Reorg,
} from '../../lib/p2p/headers-store';
import { buildLocator, locatorHeights } from '../../lib/p2p/locator';
import { getNetwork, NETWORK_NAMES } from '../../lib/protocol';
import { VECTORS_DIR } from '../util/vectors';

interface RetargetCase {
  name: string;
  firstTime: number;
  lastTime: number;
  lastBits: string;
  expected: string;
}
const retargetVectors = JSON.parse(fs.readFileSync(path.join(VECTORS_DIR, 'bitcoin-retarget.json'), 'utf8')) as { cases: RetargetCase[] };

const NETWORK = getNetwork('litecoin-regtest');
const REGTEST_BITS = 0x207fffff;
const TARGET = hash.bitsToTarget(REGTEST_BITS);

interface Mined {
  header: Buffer;
  hash: string;
}

/** A header on `parent` (internal-order hash) whose scrypt hash meets its bits, or misses them when `failPow`. */
async function mineHeader(parent: Buffer, time: number, tag: number, options: { bits?: number; failPow?: boolean } = {}): Promise<Mined> {
  const header = Buffer.alloc(80);
  header.writeInt32LE(0x20000000, 0);
  parent.copy(header, 4);
  header.writeUInt32LE(tag, 36); // merkle root stand-in: keeps sibling branches apart
  header.writeUInt32LE(time, 68);
  header.writeUInt32LE(options.bits ?? REGTEST_BITS, 72);
  for (let nonce = 0; ; nonce++) {
    header.writeUInt32LE(nonce, 76);
    const passes = BigInt(`0x${Buffer.from(hash.powHash(NETWORK.pow, header)).reverse().toString('hex')}`) <= TARGET;
    if (passes !== (options.failPow ?? false)) return { header: Buffer.from(header), hash: displayHex(hash.sha256d(header)) };
  }
}

/** `count` headers on top of the header `from` (display hex), times one minute apart. */
async function mineChain(from: string, count: number, tag: number): Promise<Mined[]> {
  const out: Mined[] = [];
  let parent = Buffer.from(from, 'hex').reverse();
  for (let i = 0; i < count; i++) {
    const mined = await mineHeader(parent, 1_700_000_000 + i * 60, tag * 10_000 + i);
    out.push(mined);
    parent = Buffer.from(mined.hash, 'hex').reverse();
  }
  return out;
}

const headersOf = (chain: Mined[]): Buffer[] => chain.map((m) => m.header);
const hashesOf = (chain: Mined[]): string[] => chain.map((m) => m.hash);

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-headers-'));
}

function record(store: HeadersStore): { tips: BlockRef[]; reorgs: Reorg[] } {
  const seen = { tips: [] as BlockRef[], reorgs: [] as Reorg[] };
  store.on('tip', (tip) => seen.tips.push(tip));
  store.on('reorg', (reorg) => seen.reorgs.push(reorg));
  return seen;
}

describe('p2p/header-rules', () => {
  it('has genesis headers that hash to each network genesis hash', () => {
    for (const name of NETWORK_NAMES.filter((n) => n.startsWith('bitcoin') || n.startsWith('litecoin'))) {
      const network = getNetwork(name);
      assert.equal(displayHex(hash.sha256d(chainRules(network).genesisHeader)), network.genesisHash, name);
    }
    assert.equal(NETWORK.genesisHash, '530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9');
  });

  it('refuses networks whose header rules it does not implement', () => {
    assert.throws(() => chainRules(getNetwork('dash-main')), { code: 'ERR_P2P_HEADERS_UNSUPPORTED_NETWORK' });
  });

  it('retargets like Bitcoin Core pow_tests.cpp', () => {
    const rules = chainRules(getNetwork('bitcoin-main'));
    for (const c of retargetVectors.cases) {
      const bits = retarget(rules, hash, parseInt(c.lastBits, 16), c.lastTime - c.firstTime);
      assert.equal(bits.toString(16), c.expected, c.name);
    }
  });

  it('asks for the parent bits between retargets, and on regtest at retargets too', () => {
    const chainOf = (n: number, bits: number, start = 0): ChainLink => {
      let link: ChainLink | undefined;
      for (let h = start; h < start + n; h++) link = { height: h, time: 1_000_000 + h * 150, bits, parent: link };
      return link as ChainLink;
    };
    const main = chainRules(getNetwork('litecoin-main'));
    assert.equal(expectedBits(main, hash, chainOf(10, 0x1c0fffff), 1_000_000 + 10 * 150 + 9999), 0x1c0fffff);
    const regtest = chainRules(NETWORK);
    assert.equal(expectedBits(regtest, hash, chainOf(2016, REGTEST_BITS), 1_000_000 + 2016 * 150), REGTEST_BITS);
    // A full litecoin-main period mined exactly on schedule keeps its bits (window of 2016 blocks).
    const onTime = chainOf(4032, 0x1c0fffff);
    assert.equal(expectedBits(main, hash, onTime, onTime.time + 150), 0x1c0fffff);
  });

  it('applies the testnet minimum-difficulty rule', () => {
    const rules = chainRules(getNetwork('litecoin-test'));
    const normal: ChainLink = { height: 2017, time: 1000, bits: 0x1c0fffff, parent: undefined };
    const easy: ChainLink = { height: 2018, time: 2000, bits: rules.powLimitBits, parent: normal };
    assert.equal(expectedBits(rules, hash, easy, 2000 + 301), rules.powLimitBits, 'late block may use the limit');
    assert.equal(expectedBits(rules, hash, easy, 2000 + 300), 0x1c0fffff, 'else the last real bits');
  });

  it('computes work as 2^256 / (target + 1)', () => {
    assert.equal(workOf(TARGET), 2n);
    assert.equal(workOf((1n << 256n) - 1n), 1n);
  });
});

describe('p2p/locator', () => {
  it('steps back 1, 2, 4, ... and ends at genesis', () => {
    assert.deepEqual(locatorHeights(0), [0]);
    assert.deepEqual(locatorHeights(1), [1, 0]);
    assert.deepEqual(locatorHeights(20), [20, 19, 17, 13, 5, 0]);
    assert.deepEqual(locatorHeights(2100).slice(0, 4), [2100, 2099, 2097, 2093]);
    assert.ok(locatorHeights(3_000_000).length <= 24);
    assert.deepEqual(buildLocator(3, (h) => Buffer.from([h])), [3, 2, 0].map((h) => Buffer.from([h])));
    assert.throws(() => locatorHeights(-1), RangeError);
  });
});

describe('p2p/headers-store', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  const open = (dir = tempDir()): HeadersStore => {
    dirs.push(dir);
    return HeadersStore.open({ network: NETWORK, dir });
  };
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts at the network genesis', async () => {
    const store = open();
    assert.deepEqual(store.tip, { height: 0, hash: NETWORK.genesisHash });
    assert.deepEqual(store.locator(), [Buffer.from(NETWORK.genesisHash, 'hex').reverse()]);
    assert.equal(store.size, 1);
    await store.close();
  });

  it('extends, forks, keeps ties on the first seen branch, and returns to a known branch', async () => {
    const store = open();
    const seen = record(store);
    const a = await mineChain(NETWORK.genesisHash, 10, 1);
    const r1 = await store.addHeaders(headersOf(a));
    assert.deepEqual([r1.added, r1.known, r1.reorg], [10, 0, undefined]);
    assert.deepEqual(store.tip, { height: 10, hash: a[9].hash });
    assert.deepEqual(seen.tips, [{ height: 10, hash: a[9].hash }]);
    for (let h = 1; h <= 10; h++) assert.equal(store.hashAt(h), a[h - 1].hash);
    assert.deepEqual(
      store.locator().map(displayHex),
      [10, 9, 7, 3, 0].map((h) => (h === 0 ? NETWORK.genesisHash : a[h - 1].hash)),
    );

    // Branch B from height 5: as long as A (a tie) it stays aside.
    const b = await mineChain(a[4].hash, 5, 2);
    const tie = await store.addHeaders(headersOf(b));
    assert.equal(tie.tipChanged, false);
    assert.equal(store.tip.hash, a[9].hash);
    assert.equal(store.get(b[4].hash)?.active, false);
    assert.equal(store.get(b[4].hash)?.work, store.tipWork);

    // One more on B: reorg to B with the fork point at height 5.
    const b6 = await mineChain(b[4].hash, 1, 3);
    const r2 = await store.addHeaders(headersOf(b6));
    const toB: Reorg = {
      commonAncestor: { height: 5, hash: a[4].hash },
      oldBranch: hashesOf(a.slice(5)),
      newBranch: [...hashesOf(b), b6[0].hash],
    };
    assert.deepEqual(r2.reorg, toB);
    assert.deepEqual(seen.reorgs, [toB]);
    assert.deepEqual(store.tip, { height: 11, hash: b6[0].hash });
    assert.equal(store.hashAt(6), b[0].hash);

    // Two more on A (sent with an already known one first): back to the known branch A.
    const a2 = await mineChain(a[9].hash, 2, 4);
    const r3 = await store.addHeaders([a[9].header, ...headersOf(a2)]);
    assert.equal(r3.known, 1);
    const backToA: Reorg = {
      commonAncestor: { height: 5, hash: a[4].hash },
      oldBranch: [...hashesOf(b), b6[0].hash],
      newBranch: [...hashesOf(a.slice(5)), ...hashesOf(a2)],
    };
    assert.deepEqual(r3.reorg, backToA);
    assert.deepEqual(seen.reorgs, [toB, backToA]);
    assert.deepEqual(seen.tips.at(-1), { height: 12, hash: a2[1].hash });
    assert.equal(store.size, 1 + 10 + 5 + 1 + 2);
    await store.close();
  });

  it('rejects bad proof of work, wrong bits and unknown parents', async () => {
    const store = open();
    const good = await mineChain(NETWORK.genesisHash, 3, 5);
    const parent = Buffer.from(good[2].hash, 'hex').reverse();
    const badPow = await mineHeader(parent, 1_700_001_000, 99, { failPow: true });
    await assert.rejects(store.addHeaders([...headersOf(good), badPow.header]), (error: unknown) => {
      assert.ok(error instanceof HeaderInvalidError);
      assert.equal(error.code, 'ERR_P2P_HEADERS_INVALID');
      assert.deepEqual([error.reason, error.hash, error.height, error.accepted], ['bad-pow', badPow.hash, 4, 3]);
      return true;
    });
    assert.equal(store.height, 3, 'the good headers before it are kept');

    const badBits = await mineHeader(parent, 1_700_001_000, 98, { bits: 0x207ffffe });
    await assert.rejects(store.addHeaders([badBits.header]), { code: 'ERR_P2P_HEADERS_INVALID', reason: 'bad-bits' });
    await assert.rejects(store.addHeaders([Buffer.alloc(79)]), { reason: 'bad-length' });

    const orphan = await mineHeader(Buffer.alloc(32, 7), 1_700_001_000, 97);
    await assert.rejects(store.addHeaders([orphan.header]), (error: unknown) => {
      assert.ok(error instanceof HeaderOrphanError);
      assert.deepEqual([error.code, error.hash, error.prevHash, error.accepted], ['ERR_P2P_HEADERS_ORPHAN', orphan.hash, '07'.repeat(32), 0]);
      return true;
    });
    assert.equal(store.size, 4);
    assert.equal(store.height, 3);
    await store.close();
  });

  it('takes the next batch before the previous one finished its PoW check', async () => {
    const store = open();
    const chain = await mineChain(NETWORK.genesisHash, 8, 10);
    const [first, second] = [store.addHeaders(headersOf(chain.slice(0, 4))), store.addHeaders(headersOf(chain.slice(4)))];
    assert.equal((await first).added, 4);
    assert.deepEqual((await second).tip, { height: 8, hash: chain[7].hash });

    // A batch staged on a parent that then fails PoW is refused as not connecting.
    const parent = Buffer.from(chain[7].hash, 'hex').reverse();
    const bad = await mineHeader(parent, 1_700_002_000, 11, { failPow: true });
    const child = await mineHeader(Buffer.from(bad.hash, 'hex').reverse(), 1_700_002_060, 12);
    const [a, b] = [store.addHeaders([bad.header]), store.addHeaders([child.header])];
    await assert.rejects(a, { reason: 'bad-pow' });
    await assert.rejects(b, (error: unknown) => error instanceof HeaderOrphanError && error.prevHash === bad.hash);
    assert.equal(store.height, 8);
    assert.equal(store.has(child.hash), false);
    await store.close();
    await assert.rejects(store.addHeaders(headersOf(chain)), { code: 'ERR_P2P_HEADERS_STORE' });
  });

  it('resumes from its files, side branches included, and ignores a torn or garbage tail', async () => {
    const dir = tempDir();
    const store = open(dir);
    const a = await mineChain(NETWORK.genesisHash, 6, 6);
    const b = await mineChain(a[2].hash, 2, 7);
    await store.addHeaders([...headersOf(a), ...headersOf(b)]);
    await store.close();

    const again = open(dir);
    assert.deepEqual(again.loadReport, { records: 9, droppedBytes: 0 });
    assert.deepEqual(again.tip, { height: 6, hash: a[5].hash });
    assert.equal(again.get(b[1].hash)?.active, false);
    const seen = record(again);
    await again.addHeaders(headersOf(await mineChain(b[1].hash, 2, 8)));
    assert.equal(seen.reorgs.length, 1);
    assert.equal(seen.reorgs[0].commonAncestor.height, 3);
    const tip = again.tip;
    await again.close();

    // A crash in the middle of a write: half a record, then a whole record of zeros.
    const file = path.join(dir, 'headers.dat');
    fs.appendFileSync(file, Buffer.alloc(80));
    fs.appendFileSync(file, Buffer.alloc(30, 1));
    const third = open(dir);
    assert.deepEqual(third.loadReport, { records: 11, droppedBytes: 110 });
    assert.deepEqual(third.tip, tip);
    assert.equal(fs.statSync(file).size, 11 * 80, 'the tail is cut so appends stay aligned');
    const more = await mineChain(tip.hash, 1, 9);
    await third.addHeaders(headersOf(more));
    await third.close();
    assert.deepEqual(open(dir).tip, { height: 8, hash: more[0].hash });
  });

  it('refuses a store directory of another network', async () => {
    const dir = tempDir();
    await open(dir).close();
    assert.throws(() => HeadersStore.open({ network: getNetwork('litecoin-main'), dir }), HeadersStoreError);
    assert.throws(() => HeadersStore.open({ network: getNetwork('dash-regtest'), dir }), { code: 'ERR_P2P_HEADERS_UNSUPPORTED_NETWORK' });
  });
});
