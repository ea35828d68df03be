// `hashpool headers` as a user runs it (a child process) against a real litecoind regtest:
// --json prints the tip and reorg events, SIGINT stops it cleanly, a second run resumes from
// the store, plain output without a TTY, and the error contract for bad arguments.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { startLitecoind, stopAllLitecoind, waitFor, type LitecoindNode } from '../util/litecoind';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'hashpool.js');

interface Event {
  event: string;
  height?: number;
  hash?: string;
  commonHeight?: number;
  oldTip?: string;
  newTip?: string;
}

describe('hashpool headers (CLI) against litecoind regtest', function () {
  this.timeout(120_000);
  let node: LitecoindNode;
  let dir: string;
  const children: ChildProcess[] = [];

  before(async () => {
    node = await startLitecoind({ args: ['-vbparams=mweb:-2:0'] });
    await node.mine(120);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-headers-cli-'));
  });

  after(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await stopAllLitecoind();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]): { child: ChildProcess; events: Event[]; stderr: () => string } => {
    const child = spawn(process.execPath, [BIN, 'headers', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const events: Event[] = [];
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => events.push(JSON.parse(line) as Event));
    return { child, events, stderr: () => stderr };
  };
  const exited = (child: ChildProcess): Promise<number | null> =>
    child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

  it('prints tip and reorg events with --json and stops cleanly on SIGINT', async () => {
    const peer = `127.0.0.1:${node.p2pPort}`;
    const { child, events, stderr } = run('--network', 'litecoin-regtest', '--peer', peer, '--store', dir, '--json');
    const best = await node.rpc<string>('getbestblockhash');
    await waitFor(() => events.some((e) => e.event === 'synced'), 'the initial sync', 30_000);
    assert.deepEqual(events.at(-1), { event: 'synced', height: 120, hash: best });
    assert.deepEqual(events.at(-2), { event: 'tip', height: 120, hash: best });

    const [next] = await node.mine(1);
    await waitFor(() => events.some((e) => e.hash === next), 'the new tip event');
    assert.deepEqual(events.at(-1), { event: 'tip', height: 121, hash: next });

    // Reorg: drop the last two blocks, mine three on 119.
    await node.rpc('invalidateblock', best);
    const replacement = await node.mine(3);
    await waitFor(() => events.some((e) => e.event === 'reorg'), 'the reorg event');
    await waitFor(() => events.at(-1)?.hash === replacement[2], 'the tip after the reorg');
    const reorg = events.find((e) => e.event === 'reorg');
    assert.deepEqual(reorg, { event: 'reorg', commonHeight: 119, oldTip: next, newTip: replacement.at(-1) });
    assert.deepEqual(events.at(-1), { event: 'tip', height: 122, hash: replacement[2] });

    child.kill('SIGINT');
    assert.equal(await exited(child), 0, stderr());
  });

  it('resumes from the store on the next run, with plain lines when stdout is not a TTY', () => {
    const result = spawnSync(
      process.execPath,
      [BIN, 'headers', '--network', 'litecoin-regtest', '--peer', `127.0.0.1:${node.p2pPort}`, '--store', dir, '--once'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.trim().split('\n');
    assert.match(lines[0], /^syncing headers from height 122, peer at 122$/);
    assert.match(lines.at(-1) as string, /^synced: tip 122 [0-9a-f]{64}$/);
    assert.ok(!result.stdout.includes('\r'), 'no progress bar without a TTY');
  });

  it('reports bad arguments and unreachable peers as one line with exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [['--network', 'litecoin-regtest'], /^hashpool: usage: hashpool headers/],
      [['--network', 'nope', '--store', dir], /^hashpool: unknown network 'nope'/],
      [['--network', 'litecoin-regtest', '--store', dir, '--peer', 'nonsense'], /^hashpool: --peer must be HOST:PORT/],
      [['--network', 'litecoin-regtest', '--store', dir, '--peer', '127.0.0.1:1'], /^hashpool: 127\.0\.0\.1:1: connect ECONNREFUSED/],
      [['--network', 'litecoin-main', '--store', dir, '--peer', '127.0.0.1:1'], /^hashpool: .*describes a .* store for litecoin-regtest/],
    ];
    for (const [args, pattern] of cases) {
      const result = spawnSync(process.execPath, [BIN, 'headers', ...args], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, pattern);
      assert.equal(result.stderr.trim().split('\n').length, 1);
    }
  });
});
