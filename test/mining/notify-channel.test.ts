// The blocknotify channel: the pool hears `hashpool notify` at once, and nothing but the
// one fixed request is accepted.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { listenForBlockNotify, sendBlockNotify } from '../../lib/mining/notify-channel';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'hashpool.js');

function rawExchange(socketPath: string, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath, () => socket.write(payload));
    let reply = '';
    socket.on('data', (d) => (reply += d.toString()));
    socket.on('close', () => resolve(reply));
    socket.on('error', reject);
  });
}

describe('block notify channel', function () {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-notify-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('delivers `hashpool notify` to the listener and acknowledges it', async function () {
    const socketPath = path.join(dir, 'notify.sock');
    let heard = 0;
    const listener = await listenForBlockNotify(socketPath, () => heard++);
    try {
      assert.equal(fs.statSync(socketPath).mode & 0o777, 0o600);
      const code = await new Promise<number | null>((resolve) => {
        spawn(process.execPath, [BIN, 'notify', '--socket', socketPath, 'deadbeef'], { stdio: 'ignore' }).on('exit', resolve);
      });
      assert.equal(code, 0);
      assert.equal(heard, 1);
      await sendBlockNotify(socketPath);
      assert.equal(heard, 2);
    } finally {
      await listener.close();
    }
    assert.equal(fs.existsSync(socketPath), false);
  });

  it('refuses anything but the one request, and survives oversized input', async function () {
    const socketPath = path.join(dir, 'notify.sock');
    let heard = 0;
    const listener = await listenForBlockNotify(socketPath, () => heard++);
    try {
      assert.equal(await rawExchange(socketPath, 'rm -rf /\n'), 'refused\n');
      assert.equal(await rawExchange(socketPath, 'new-block\nnew-block\n'), 'refused\n');
      assert.equal(await rawExchange(socketPath, 'x'.repeat(100_000)), 'refused\n');
      assert.equal(heard, 0);
      assert.equal(await rawExchange(socketPath, 'new-block\n'), 'ok\n');
      assert.equal(heard, 1);
    } finally {
      await listener.close();
    }
  });

  it('replaces a stale socket file but never steals a live one', async function () {
    const socketPath = path.join(dir, 'notify.sock');
    fs.writeFileSync(socketPath, '');
    const first = await listenForBlockNotify(socketPath, () => undefined);
    try {
      await assert.rejects(listenForBlockNotify(socketPath, () => undefined), /another process is listening/);
    } finally {
      await first.close();
    }
  });

  it('says clearly when no pool is listening', async function () {
    await assert.rejects(sendBlockNotify(path.join(dir, 'absent.sock')), /is the pool running\?/);
    const code = await new Promise<number | null>((resolve) => {
      spawn(process.execPath, [BIN, 'notify', '--socket', path.join(dir, 'absent.sock')], { stdio: 'ignore' }).on('exit', resolve);
    });
    assert.equal(code, 2);
  });
});
