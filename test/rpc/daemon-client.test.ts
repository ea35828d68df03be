// DaemonClient against a real litecoind regtest (replies and error strings as in
// /work/shared/notes/litecoind-regtest.md) and against small local servers for the
// failures a real daemon will not produce on demand (hangs, garbage, cut-off replies).

import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { DaemonClient } from '../../lib/rpc/daemon-client';
import {
  RpcAuthError,
  RpcConnectionError,
  RpcError,
  RpcHttpError,
  RpcOptionsError,
  RpcProtocolError,
  RpcTimeoutError,
} from '../../lib/rpc/errors';
import { freePort, startLitecoind, stopAllLitecoind, type LitecoindNode } from '../util/litecoind';

interface ChainInfo {
  chain: string;
  blocks: number;
  bestblockhash: string;
  initialblockdownload: boolean;
}

const REGTEST_GENESIS = '530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9';

/** Records unhandled rejections for the duration of a suite; the suite ends by asserting none. */
function watchUnhandled(): { list: unknown[]; stop: () => void } {
  const list: unknown[] = [];
  const listener = (reason: unknown): void => {
    list.push(reason);
  };
  process.on('unhandledRejection', listener);
  return { list, stop: () => process.off('unhandledRejection', listener) };
}

/** An HTTP server whose handler the test chooses; closes its keep-alive sockets on close(). */
async function fakeDaemon(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://u:p@127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(request: http.IncomingMessage): Promise<{ id: unknown; method: string }> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => resolve(JSON.parse(text) as { id: unknown; method: string }));
  });
}

describe('rpc: DaemonClient against litecoind regtest', function () {
  this.timeout(60_000);
  let node: LitecoindNode;
  const unhandled = watchUnhandled();

  before(async () => {
    node = await startLitecoind();
  });
  after(async () => {
    await stopAllLitecoind();
    unhandled.stop();
    assert.deepEqual(unhandled.list, []);
  });

  it('getblockcount and getblockchaininfo', async () => {
    assert.equal(await node.client.call<number>('getblockcount'), 0);
    const info = await node.client.call<ChainInfo>('getblockchaininfo');
    assert.equal(info.chain, 'regtest');
    assert.equal(info.blocks, 0);
    assert.equal(info.bestblockhash, REGTEST_GENESIS);
    assert.equal(info.initialblockdownload, true);
  });

  it('params and keep-alive: many calls in parallel on one client', async () => {
    const hashes = await Promise.all(Array.from({ length: 40 }, () => node.client.call<string>('getblockhash', [0])));
    assert.ok(hashes.every((h) => h === REGTEST_GENESIS));
  });

  it('wallet calls go to /wallet/<name>', async () => {
    const info = await node.client.call<{ walletname: string }>('getwalletinfo', [], { wallet: 'pool' });
    assert.equal(info.walletname, 'pool');
    await assert.rejects(node.client.call('getwalletinfo', [], { wallet: 'nosuchwallet' }), (error: unknown) => {
      assert.ok(error instanceof RpcError);
      assert.equal(error.rpcCode, -18);
      return true;
    });
  });

  it('wrong password → RpcAuthError', async () => {
    const client = new DaemonClient({ url: `http://${node.user}:wrong@127.0.0.1:${node.rpcPort}` });
    try {
      await assert.rejects(client.call('getblockcount'), (error: unknown) => {
        assert.ok(error instanceof RpcAuthError);
        assert.equal(error.code, 'ERR_RPC_AUTH');
        assert.equal(error.method, 'getblockcount');
        return true;
      });
    } finally {
      client.close();
    }
  });

  it('unknown method → RpcError -32601', async () => {
    await assert.rejects(node.client.call('nosuchmethod'), (error: unknown) => {
      assert.ok(error instanceof RpcError);
      assert.equal(error.code, 'ERR_RPC_ERROR');
      assert.equal(error.rpcCode, -32601);
      assert.equal(error.rpcMessage, 'Method not found');
      assert.equal(error.method, 'nosuchmethod');
      return true;
    });
  });

  it('out-of-range height → RpcError -8 with the daemon message', async () => {
    await assert.rejects(node.client.call('getblockhash', [99]), (error: unknown) => {
      assert.ok(error instanceof RpcError);
      assert.equal(error.rpcCode, -8);
      assert.equal(error.rpcMessage, 'Block height out of range');
      return true;
    });
  });

  it('getblocktemplate without a peer → RpcError -9 "Litecoin Core is not connected!"', async () => {
    await assert.rejects(node.client.call('getblocktemplate', [{ rules: ['segwit', 'mweb'] }]), (error: unknown) => {
      assert.ok(error instanceof RpcError);
      assert.equal(error.rpcCode, -9);
      assert.equal(error.rpcMessage, 'Litecoin Core is not connected!');
      return true;
    });
  });

  it('cookie auth: reads .cookie, and reads it again after a restart changed it', async () => {
    const cookieNode = await startLitecoind({ cookieAuth: true });
    assert.equal(cookieNode.user, '__cookie__');
    assert.match(cookieNode.password, /^[0-9a-f]{64}$/);
    assert.equal(await cookieNode.client.call<number>('getblockcount'), 0);
    // A client given only the URL with the cookie's credentials works too.
    const byUrl = new DaemonClient({ url: cookieNode.rpcUrl });
    assert.equal(await byUrl.call<number>('getblockcount'), 0);
    const before = cookieNode.password;
    await cookieNode.restart();
    assert.notEqual(cookieNode.password, before);
    await assert.rejects(byUrl.call('getblockcount'), RpcAuthError);
    assert.equal(await cookieNode.client.call<number>('getblockcount'), 0);
    byUrl.close();
    await cookieNode.stop();
  });

  it('refused port → RpcConnectionError ECONNREFUSED', async () => {
    const port = await freePort();
    const client = new DaemonClient({ url: `http://u:p@127.0.0.1:${port}` });
    await assert.rejects(client.call('getblockcount'), (error: unknown) => {
      assert.ok(error instanceof RpcConnectionError);
      assert.equal(error.errno, 'ECONNREFUSED');
      assert.equal(error.code, 'ERR_RPC_CONNECTION');
      return true;
    });
    client.close();
  });

  it('closed client → RpcConnectionError ECLOSED, no throw', async () => {
    const client = new DaemonClient({ url: node.rpcUrl });
    client.close();
    await assert.rejects(client.call('getblockcount'), (error: unknown) => {
      assert.ok(error instanceof RpcConnectionError);
      assert.equal(error.errno, 'ECLOSED');
      return true;
    });
  });

  it('invalid options throw RpcOptionsError at construction', () => {
    assert.throws(() => new DaemonClient({ url: 'not a url' }), RpcOptionsError);
    assert.throws(() => new DaemonClient({ url: 'https://u:p@127.0.0.1:1' }), RpcOptionsError);
    assert.throws(() => new DaemonClient({ url: 'http://u:p@127.0.0.1' }), RpcOptionsError);
    assert.throws(() => new DaemonClient({ url: 'http://u:p@127.0.0.1:1', timeoutMs: 0 }), RpcOptionsError);
  });

  it('unserialisable params → RpcOptionsError (rejected, not thrown)', async () => {
    const pending = node.client.call('getblockhash', [1n]);
    await assert.rejects(pending, RpcOptionsError);
  });
});

describe('rpc: DaemonClient failure modes (local fake servers)', function () {
  this.timeout(20_000);
  const unhandled = watchUnhandled();
  after(() => {
    unhandled.stop();
    assert.deepEqual(unhandled.list, []);
  });

  it('a server that accepts and never answers → RpcTimeoutError after timeoutMs', async () => {
    const sockets: net.Socket[] = [];
    const server = net.createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => undefined);
      // Reading lets the server notice the client's FIN.
      socket.resume();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const client = new DaemonClient({ url: `http://u:p@127.0.0.1:${port}`, timeoutMs: 5000 });
    const started = Date.now();
    await assert.rejects(client.call('getblockcount', [], { timeoutMs: 300 }), (error: unknown) => {
      assert.ok(error instanceof RpcTimeoutError);
      assert.equal(error.timeoutMs, 300);
      return true;
    });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 290 && elapsed < 2000, `timed out after ${elapsed} ms`);
    // The request was aborted: the server sees its socket closed.
    await new Promise<void>((resolve) => (sockets[0].destroyed ? resolve() : sockets[0].once('close', resolve)));
    client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('malformed JSON → RpcProtocolError; non-JSON 500 → RpcHttpError; empty 401 → RpcAuthError', async () => {
    let mode = 'garbage';
    const fake = await fakeDaemon((request, response) => {
      void readBody(request).then(() => {
        if (mode === 'garbage') response.writeHead(200).end('{"result": [1, 2');
        else if (mode === '500') response.writeHead(500).end('Internal trouble');
        else if (mode === '401') response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="jsonrpc"' }).end();
        else if (mode === 'shape') response.writeHead(200).end('[1,2,3]');
        else response.writeHead(200).end('{"result":null,"error":{"code":"x"},"id":1}');
      });
    });
    const client = new DaemonClient({ url: fake.url });
    await assert.rejects(client.call('getblockcount'), RpcProtocolError);
    mode = '500';
    await assert.rejects(client.call('getblockcount'), (error: unknown) => {
      assert.ok(error instanceof RpcHttpError);
      assert.equal(error.status, 500);
      assert.equal(error.body, 'Internal trouble');
      return true;
    });
    mode = '401';
    await assert.rejects(client.call('getblockcount'), RpcAuthError);
    mode = 'shape';
    await assert.rejects(client.call('getblockcount'), RpcProtocolError);
    mode = 'bad-error';
    await assert.rejects(client.call('getblockcount'), RpcProtocolError);
    client.close();
    await fake.close();
  });

  it('a reply whose id is not ours → RpcProtocolError', async () => {
    const fake = await fakeDaemon((request, response) => {
      void readBody(request).then((body) => {
        response.writeHead(200).end(JSON.stringify({ result: 5, error: null, id: Number(body.id) + 1000 }));
      });
    });
    const client = new DaemonClient({ url: fake.url });
    await assert.rejects(client.call('getblockcount'), (error: unknown) => {
      assert.ok(error instanceof RpcProtocolError);
      assert.match(error.message, /does not match/);
      return true;
    });
    client.close();
    await fake.close();
  });

  it('a reply cut off mid-body → RpcConnectionError', async () => {
    const fake = await fakeDaemon((request, response) => {
      void readBody(request).then(() => {
        response.writeHead(200, { 'Content-Length': '1000' });
        response.write('{"result":');
        setTimeout(() => request.socket.destroy(), 20);
      });
    });
    const client = new DaemonClient({ url: fake.url });
    await assert.rejects(client.call('getblockcount'), RpcConnectionError);
    client.close();
    await fake.close();
  });

  it('a keep-alive socket closed by the server while idle is replaced without an error', async () => {
    const fake = await fakeDaemon((request, response) => {
      void readBody(request).then((body) => {
        response.writeHead(200).end(JSON.stringify({ result: 7, error: null, id: body.id }));
        // Close right after the reply, the way a daemon's idle timeout does.
        setTimeout(() => request.socket.destroy(), 10);
      });
    });
    const client = new DaemonClient({ url: fake.url });
    for (let i = 0; i < 5; i++) {
      assert.equal(await client.call<number>('getblockcount'), 7);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    client.close();
    await fake.close();
  });
});
