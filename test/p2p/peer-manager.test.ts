// PeerManager and PeerStore: reconnects across a real litecoind restart, the banned flag of
// the JSON file, backoff against a dead address, bans persisted after misbehaviour.

import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { getNetwork } from '../../lib/protocol';
import type { Peer } from '../../lib/p2p/peer';
import { PeerManager } from '../../lib/p2p/peer-manager';
import { P2PPeerStoreError } from '../../lib/p2p/peer-errors';
import { PeerStore, parsePeerRecords, type PeerRecord } from '../../lib/p2p/peer-store';
import { freePort, sleep, startLitecoind, stopAllLitecoind, waitFor, type LitecoindNode } from '../util/litecoind';

const network = getNetwork('litecoin-regtest');

interface PeerInfo {
  subver: string;
}

describe('p2p PeerStore', function () {
  let dir: string;
  before(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'hashpool-peers-'))));
  after(async () => rm(dir, { recursive: true, force: true }));

  it('rejects malformed files with P2PPeerStoreError naming the entry', function () {
    const bad = ['{', '{}', '[1]', '[{"host":"","port":1}]', '[{"host":"a","port":70000}]', '[{"host":"a","port":1,"banned":"yes"}]'];
    for (const text of bad) assert.throws(() => parsePeerRecords(text), (e: unknown) => e instanceof P2PPeerStoreError && e.code === 'ERR_P2P_PEER_STORE', text);
    assert.deepEqual(parsePeerRecords('[{"host":"::1","port":9}]'), [{ host: '::1', port: 9, banned: false, lastSeen: 0, score: 0 }]);
  });

  it('round-trips through the file; a missing file is an empty store', async function () {
    const file = path.join(dir, 'sub', 'peers.json');
    const store = new PeerStore(file);
    await store.load();
    assert.deepEqual(store.list(), []);
    store.add('127.0.0.1', 1);
    store.update('127.0.0.1', 2, { banned: true, score: 100, lastSeen: 5 });
    await store.save();
    const again = new PeerStore(file);
    await again.load();
    assert.deepEqual(again.list(), store.list());
    assert.equal(again.isBanned('127.0.0.1', 2), true);
    assert.equal(again.isBanned('127.0.0.1', 1), false);
  });
});

describe('p2p PeerManager (litecoind regtest)', function () {
  this.timeout(90_000);
  let node: LitecoindNode;
  let dir: string;
  const managers: PeerManager[] = [];

  before(async function () {
    dir = await mkdtemp(path.join(os.tmpdir(), 'hashpool-peers-'));
    node = await startLitecoind();
    await node.mine(1);
  });

  afterEach(async function () {
    await Promise.all(managers.splice(0).map((m) => m.stop()));
  });

  after(async function () {
    await stopAllLitecoind();
    await rm(dir, { recursive: true, force: true });
  });

  async function ourConnections(): Promise<number> {
    const info = await node.rpc<PeerInfo[]>('getpeerinfo');
    return info.filter((p) => p.subver.startsWith('/hashpool')).length;
  }

  it('keeps `concurrency` connections, round-robins them, and reconnects after the daemon restarts', async function () {
    const storePath = path.join(dir, 'restart.json');
    const manager = new PeerManager({
      network,
      storePath,
      concurrency: 2,
      peers: [{ host: '127.0.0.1', port: node.p2pPort }],
      reconnect: { initialDelayMs: 100, maxDelayMs: 1000 },
    });
    managers.push(manager);
    await manager.start();
    await waitFor(() => manager.readyPeers().length === 2, 'two connections');
    assert.equal(await ourConnections(), 2);
    const first = manager.nextAvailablePeer();
    const second = manager.nextAvailablePeer();
    assert.ok(first && second && first !== second);

    const closes: Peer[] = [];
    manager.on('peer-close', (peer: Peer) => closes.push(peer));
    node.kill();
    await waitFor(() => manager.readyPeers().length === 0, 'the connections to drop');
    assert.ok(closes.length >= 2);
    assert.equal(manager.nextAvailablePeer(), undefined);
    // Refused reconnects in the meantime grow the backoff, without an exception.
    await sleep(700);
    assert.ok(manager.backoff('127.0.0.1', node.p2pPort).every((d) => d > 100));

    await node.restart();
    await waitFor(() => manager.readyPeers().length === 2, 'two connections after the restart', 30_000);
    assert.ok(manager.readyPeers().every((p) => p !== first && p !== second));
    await manager.stop();
    const saved = JSON.parse(await readFile(storePath, 'utf8')) as PeerRecord[];
    assert.equal(saved.length, 1);
    assert.equal(saved[0].port, node.p2pPort);
    assert.equal(saved[0].banned, false);
    assert.ok(saved[0].lastSeen > Date.now() - 60_000);
  });

  it('honours the banned flag of the peer file and never connects to that address', async function () {
    const storePath = path.join(dir, 'banned.json');
    const dead = await freePort();
    const records: PeerRecord[] = [
      { host: '127.0.0.1', port: node.p2pPort, banned: true, lastSeen: 0, score: 100 },
      { host: '127.0.0.1', port: dead, banned: false, lastSeen: 0, score: 0 },
    ];
    await writeFile(storePath, JSON.stringify(records));
    const manager = new PeerManager({ network, storePath, reconnect: { initialDelayMs: 50, maxDelayMs: 400 } });
    managers.push(manager);
    await manager.start();
    await sleep(1500);
    assert.equal(manager.readyPeers().length, 0);
    assert.equal(await ourConnections(), 0);
    await assert.rejects(manager.waitForPeer(200), (e: unknown) => (e as { code?: string }).code === 'ERR_P2P_TIMEOUT');
    // Adding it again at runtime does not lift the ban.
    manager.addPeer('127.0.0.1', node.p2pPort);
    await sleep(300);
    assert.equal(await ourConnections(), 0);
    assert.deepEqual(manager.backoff('127.0.0.1', dead), [400]);
  });

  it('bans a misbehaving peer, persists the flag and stops reconnecting to it', async function () {
    let connections = 0;
    const server = net.createServer((socket) => {
      connections++;
      socket.on('error', () => undefined);
      socket.write(Buffer.alloc(64, 0x41));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const storePath = path.join(dir, 'misbehave.json');
      // One malformed stream scores 20; a threshold of 20 bans at the first.
      const manager = new PeerManager({
        network,
        storePath,
        peers: [{ host: '127.0.0.1', port }],
        reconnect: { initialDelayMs: 50 },
        peerOptions: { banThreshold: 20 },
      });
      managers.push(manager);
      const banned = new Promise<string>((resolve) => manager.once('ban', (_peer: Peer, reason: string) => resolve(reason)));
      await manager.start();
      await banned;
      await sleep(500);
      assert.equal(connections, 1);
      await manager.stop();
      const saved = JSON.parse(await readFile(storePath, 'utf8')) as PeerRecord[];
      assert.equal(saved[0].banned, true);
      assert.equal(saved[0].score, 20);
    } finally {
      server.close();
    }
  });
});
