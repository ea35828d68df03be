// Peer against a real litecoind 0.21.2.1 regtest node, plus local fake servers for the
// failure paths (silence, garbage, refused connections).

import assert from 'node:assert/strict';
import net from 'node:net';
import { getNetwork } from '../../lib/protocol';
import { encodeFrame } from '../../lib/p2p/framer';
import { Peer, type PeerOptions } from '../../lib/p2p/peer';
import { P2PPeerClosedError, P2PTimeoutError } from '../../lib/p2p/peer-errors';
import { freePort, startLitecoind, stopAllLitecoind, waitFor, type LitecoindNode } from '../util/litecoind';

const network = getNetwork('litecoin-regtest');
const MAGIC = Buffer.from(network.p2pMagic, 'hex');
const NODE_MWEB = 1n << 24n;

interface PeerInfo {
  subver: string;
  version: number;
  pingtime?: number;
  inbound: boolean;
}

/** A loopback server that runs `onSocket` for each connection; closed by the returned function. */
async function fakeServer(onSocket: (socket: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function closed(peer: Peer): Promise<Error | undefined> {
  return new Promise((resolve) => {
    if (peer.state === 'closed') resolve(peer.closeReason);
    else peer.once('close', resolve);
  });
}

describe('p2p Peer (litecoind regtest)', function () {
  this.timeout(60_000);
  let node: LitecoindNode;
  const peers: Peer[] = [];
  const open = (options: Partial<PeerOptions> = {}): Peer => {
    const peer = new Peer({ host: '127.0.0.1', port: node.p2pPort, network, ...options });
    peers.push(peer);
    return peer;
  };

  before(async function () {
    node = await startLitecoind();
    // A node in IBD ignores getheaders; one block takes it out.
    await node.mine(1);
    // The height a node puts in its version message is updated on the validation queue,
    // after generatetoaddress returns: wait for that queue so the version says 1.
    await node.rpc('syncwithvalidationinterfacequeue');
  });

  afterEach(function () {
    for (const p of peers.splice(0)) p.close();
  });

  after(async function () {
    await stopAllLitecoind();
  });

  it('completes the handshake and reports the node version fields', async function () {
    const peer = open({ userAgent: '/hashpool-test:1/', startHeight: 7 });
    const events: string[] = [];
    peer.on('message', (m: { command: string }) => events.push(m.command));
    await peer.connect();
    assert.equal(peer.state, 'ready');
    const remote = peer.remote!;
    assert.equal(remote.version, 70016);
    assert.equal(remote.userAgent, '/LitecoinCore:0.21.2.1/');
    assert.equal(remote.startHeight, 1);
    assert.equal(remote.services & NODE_MWEB, NODE_MWEB);
    assert.equal(remote.services & 1n, 1n);
    // As observed: wtxidrelay and sendaddrv2 come between the node's version and verack.
    assert.deepEqual(events.slice(0, 4), ['version', 'wtxidrelay', 'sendaddrv2', 'verack']);
    let info: PeerInfo | undefined;
    await waitFor(async () => {
      info = (await node.rpc<PeerInfo[]>('getpeerinfo')).find((p) => p.subver === '/hashpool-test:1/');
      return info !== undefined;
    }, 'our peer in getpeerinfo');
    assert.equal(info!.version, 70016);
    assert.equal(info!.inbound, true);
  });

  it('answers the node\'s pings and measures its own', async function () {
    const peer = open();
    await peer.connect();
    const rtt = await peer.ping(5000);
    assert.ok(rtt >= 0 && rtt < 5000);
    // RPC ping makes the node ping every peer; pingtime appears once our pong came back.
    await node.rpc('ping');
    await waitFor(async () => {
      const info = (await node.rpc<PeerInfo[]>('getpeerinfo')).find((p) => p.subver === '/hashpool:0.1.0/');
      return info?.pingtime !== undefined;
    }, 'the node to record our pong');
  });

  it('keepalive: sends pings on its own and disconnects when no pong comes in time', async function () {
    const healthy = open({ pingIntervalMs: 100, pingTimeoutMs: 2000 });
    await healthy.connect();
    await waitFor(() => healthy.latencyMs !== undefined, 'a keepalive round trip');
    // Ignoring pongs (an override replaces the built-in handler) looks like a dead peer.
    const deaf = open({ pingIntervalMs: 100, pingTimeoutMs: 300, handlers: { pong: () => undefined } });
    await deaf.connect();
    const reason = await closed(deaf);
    assert.ok(reason instanceof P2PTimeoutError, String(reason));
    assert.equal(reason.code, 'ERR_P2P_TIMEOUT');
    assert.equal(healthy.state, 'ready');
  });

  it('request() matches a reply; close() settles pending requests with P2PPeerClosedError', async function () {
    const peer = open();
    await peer.connect();
    const genesis = Buffer.from(network.genesisHash, 'hex').reverse();
    const reply = await peer.request(
      { command: 'getheaders', version: 70016, locator: [genesis], stop: Buffer.alloc(32) },
      (m) => m.command === 'headers',
      10_000,
    );
    assert.equal(reply.command, 'headers');
    if (reply.command === 'headers') assert.equal(reply.headers.length, 1);
    const never = peer.request(undefined, (m) => m.command === 'block', 10_000);
    peer.close();
    await assert.rejects(never, (e: unknown) => e instanceof P2PPeerClosedError && e.code === 'ERR_P2P_PEER_CLOSED');
    assert.equal(peer.send({ command: 'ping', nonce: 1n }), false);
  });

  it('is closed when the node shuts the socket (invalid block over P2P), without an exception', async function () {
    const peer = open();
    await peer.connect();
    // A header-only "block" with a bad merkle root: the node disconnects the sender.
    const tip = Buffer.from(await node.rpc<string>('getblockheader', await node.rpc<string>('getbestblockhash'), false), 'hex');
    const bogus = Buffer.concat([tip, Buffer.from([0])]);
    peer.send({ command: 'block', raw: bogus });
    const reason = await closed(peer);
    assert.ok(reason instanceof Error);
  });

  it('refused connection: connect() rejects with a typed error, an error event, no crash', async function () {
    const port = await freePort();
    const peer = new Peer({ host: '127.0.0.1', port, network });
    peers.push(peer);
    const errors: Error[] = [];
    peer.on('error', (e: Error) => errors.push(e));
    await assert.rejects(peer.connect(), (e: unknown) => e instanceof Error && (e as { code?: string }).code === 'ERR_P2P_CONNECT');
    assert.equal(errors[0]?.constructor.name, 'P2PConnectError');
    assert.equal(peer.state, 'closed');
  });

  it('handshake timeout when the other side never answers', async function () {
    const server = await fakeServer(() => undefined);
    try {
      const peer = new Peer({ host: '127.0.0.1', port: server.port, network, handshakeTimeoutMs: 300 });
      peers.push(peer);
      await assert.rejects(peer.connect(), (e: unknown) => e instanceof P2PTimeoutError);
    } finally {
      await server.close();
    }
  });

  it('garbage on the wire is a frame error that closes the peer; undecodable payloads score towards a ban', async function () {
    const garbage = await fakeServer((socket) => socket.write(Buffer.alloc(64, 0x41)));
    const malformed = await fakeServer((socket) => {
      // A correctly framed version message whose payload is cut short, twice.
      const frame = encodeFrame(MAGIC, 'version', Buffer.from('7111010000', 'hex'));
      socket.write(Buffer.concat([frame, frame]));
    });
    try {
      const a = new Peer({ host: '127.0.0.1', port: garbage.port, network });
      peers.push(a);
      await assert.rejects(a.connect(), (e: unknown) => (e as { code?: string }).code === 'ERR_P2P_FRAME');

      const b = new Peer({ host: '127.0.0.1', port: malformed.port, network, banThreshold: 40 });
      peers.push(b);
      const bans: string[] = [];
      b.on('ban', (reason: string) => bans.push(reason));
      await assert.rejects(b.connect(), (e: unknown) => (e as { code?: string }).code === 'ERR_P2P_BANNED');
      assert.equal(b.banned, true);
      assert.equal(b.score, 40);
      assert.equal(bans.length, 1);
    } finally {
      await garbage.close();
      await malformed.close();
    }
  });
});
