// Header sync throughput from a real litecoind regtest, PoW checked (scrypt N=1024), and
// where the time goes: the wire (getheaders rounds alone), the native PoW check (1 thread and
// split across cores) and the store's own work (hashing, links, bits, file append) measured
// with PoW stubbed out.
// Run: npx tsc -p tsconfig.json && node dist/bench/headers.bench.js [HEADERS=10000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hash, type HashBackend } from '../lib/hash';
import { HeaderSync, PeerHeaderSource } from '../lib/p2p/header-sync';
import { HeadersStore } from '../lib/p2p/headers-store';
import { Peer } from '../lib/p2p/peer';
import { getNetwork } from '../lib/protocol';
import { startLitecoind, stopAllLitecoind, type LitecoindNode } from '../test/util/litecoind';

const NETWORK = getNetwork('litecoin-regtest');
const COUNT = Number(process.argv[2] ?? 10_000);

async function connect(node: LitecoindNode): Promise<Peer> {
  const peer = new Peer({ host: '127.0.0.1', port: node.p2pPort, network: NETWORK, relay: false, pingIntervalMs: 0 });
  await peer.connect();
  return peer;
}

/** Syncs a fresh store; returns seconds. */
async function timedSync(node: LitecoindNode, backend: HashBackend, parallelism?: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-bench-'));
  const store = HeadersStore.open({ network: NETWORK, dir, backend, parallelism });
  const peer = await connect(node);
  try {
    const started = process.hrtime.bigint();
    const tip = await new HeaderSync(store, new PeerHeaderSource(peer, NETWORK)).sync();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (tip.height !== COUNT) throw new Error(`synced to ${tip.height}, expected ${COUNT}`);
    return seconds;
  } finally {
    peer.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** getheaders rounds only (no store): the node, the socket and our decoder. */
async function timedDownload(node: LitecoindNode): Promise<{ seconds: number; headers: Buffer[] }> {
  const peer = await connect(node);
  const source = new PeerHeaderSource(peer, NETWORK);
  const all: Buffer[] = [];
  const started = process.hrtime.bigint();
  let locator: Buffer[] = [Buffer.from(NETWORK.genesisHash, 'hex').reverse()];
  for (;;) {
    const batch = await source.getHeaders(locator);
    all.push(...batch);
    if (batch.length < 2000) break;
    locator = [hash.sha256d(batch[batch.length - 1])];
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  peer.close();
  return { seconds, headers: all };
}

async function timedPow(headers: Buffer[], parts: number): Promise<number> {
  const targets = headers.map((h) => hash.bitsToTarget(h.readUInt32LE(72)));
  const started = process.hrtime.bigint();
  // Same shape as a sync: 2000-header batches, each split into `parts` concurrent calls.
  for (let i = 0; i < headers.length; i += 2000) {
    const end = Math.min(i + 2000, headers.length);
    const step = Math.ceil((end - i) / parts);
    const parallel: Promise<unknown>[] = [];
    for (let j = i; j < end; j += step) {
      const k = Math.min(j + step, end);
      parallel.push(hash.validateHeaders(NETWORK.pow, headers.slice(j, k), targets.slice(j, k)));
    }
    await Promise.all(parallel);
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main(): Promise<void> {
  console.log(`headers bench: ${COUNT} litecoin-regtest headers, scrypt ${hash.implementation('scrypt')}, ${os.availableParallelism()} CPUs`);
  const node = await startLitecoind({ args: ['-vbparams=mweb:-2:0'] });
  try {
    const mineStart = Date.now();
    for (let mined = 0; mined < COUNT; mined += 1000) await node.mine(Math.min(1000, COUNT - mined));
    console.log(`  mined ${COUNT} blocks in ${((Date.now() - mineStart) / 1000).toFixed(1)} s (setup, not measured)`);

    const rate = (seconds: number): string => `${Math.round(COUNT / seconds).toLocaleString('en')} headers/s`.padStart(18);
    const line = (label: string, seconds: number): void => console.log(`  ${label.padEnd(44)} ${rate(seconds)}  ${(seconds * 1000).toFixed(0)} ms`);

    const full: number[] = [];
    for (let i = 0; i < 3; i++) full.push(await timedSync(node, hash));
    line('sync, PoW checked (best of 3)', Math.min(...full));
    line('sync, PoW checked, one PoW thread', await timedSync(node, hash, 1));

    const noPow: HashBackend = Object.create(hash) as HashBackend;
    noPow.validateHeaders = async (_pow, headers) => ({ hashes: [], valid: headers.map(() => true) });
    line('sync, PoW stubbed (wire + store)', await timedSync(node, noPow));

    const download = await timedDownload(node);
    line('getheaders rounds only (node + wire + decode)', download.seconds);
    line('native PoW only, 1 thread', await timedPow(download.headers, 1));
    line(`native PoW only, ${os.availableParallelism()} threads`, await timedPow(download.headers, os.availableParallelism()));
  } finally {
    await stopAllLitecoind();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
