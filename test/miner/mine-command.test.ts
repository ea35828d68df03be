// `hashpool mine` as a user runs it (a child process) against the independent stratum
// server: each algorithm with --json, -P protocol dump, plain lines without a TTY, -B, and
// the usage contract (exit 2 with the usage text).
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IndependentStratumServer } from '../util/independent-stratum-server';
import { TEST_DIFFICULTY, until } from './helpers';
import { CertificateDir } from '../util/certificates';
import { startTlsPool } from './tls-fixture';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'hashpool.js');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
}

describe('hashpool mine (CLI)', function () {
  this.timeout(90_000);
  const children: ChildProcess[] = [];
  const servers: IndependentStratumServer[] = [];

  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    for (const server of servers.splice(0)) await server.stop();
  });

  const run = (args: string[], cwd?: string): Run => {
    const child = spawn(process.execPath, [BIN, 'mine', ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    return { child, stdout: () => stdout, stderr: () => stderr };
  };
  const exited = (child: ChildProcess): Promise<number | null> =>
    child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const events = (text: string): Array<Record<string, unknown>> =>
    text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

  for (const algorithm of ['sha256d', 'scrypt', 'x11'] as const) {
    it(`${algorithm}: --json reports accepted shares, none rejected, and SIGINT stops it`, async () => {
      const server = new IndependentStratumServer({ algorithm, difficulty: TEST_DIFFICULTY[algorithm] });
      await server.start();
      servers.push(server);
      const { child, stdout } = run(['-o', server.url, '-u', 'cli', '-p', 'x', '-a', algorithm, '-t', '2', '--json']);
      await until(() => events(stdout()).filter((e) => e.event === 'share' && e.accepted === true).length >= 3, 'accepted share events');
      child.kill('SIGINT');
      assert.equal(await exited(child), 0);
      const all = events(stdout());
      assert.equal(all[0].event, 'connected');
      assert.ok(all.some((e) => e.event === 'job'));
      assert.deepEqual(all.filter((e) => e.event === 'share' && e.accepted === false), []);
      assert.deepEqual(server.rejected(), []);
      assert.equal(all.at(-1)?.event, 'stopped');
    });
  }

  it('-P dumps every JSON-RPC line; plain lines without a TTY; -O sets user and password', async () => {
    const server = new IndependentStratumServer({ algorithm: 'sha256d', difficulty: TEST_DIFFICULTY.sha256d });
    await server.start();
    servers.push(server);
    const { child, stdout } = run(['-o', server.url, '-O', 'alice:secret', '-a', 'sha256d', '-t', '1', '-P']);
    await until(() => /< \{"id":\d+,"result":true/.test(stdout()) && stdout().includes('accepted share'), 'protocol lines and a share');
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0);
    assert.match(stdout(), /> \{"id":\d+,"method":"mining.authorize","params":\["alice","secret"\]\}/);
    assert.match(stdout(), /< \{"id":null,"method":"mining.notify"/);
    assert.match(stdout(), /^\[\d{4}-\d\d-\d\dT[^\]]+\] connected to stratum\+tcp/m);
    assert.doesNotMatch(stdout(), /\x1b\[2K/);
  });

  it('-B runs detached, prints the pid and logs to hashpool-miner.log', async () => {
    const server = new IndependentStratumServer({ algorithm: 'sha256d', difficulty: TEST_DIFFICULTY.sha256d });
    await server.start();
    servers.push(server);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-mine-bg-'));
    const result = spawnSync(process.execPath, [BIN, 'mine', '-o', server.url, '-u', 'bg', '-a', 'sha256d', '-t', '1', '-B'], { cwd: dir, encoding: 'utf8' });
    assert.equal(result.status, 0);
    const pid = Number(/pid (\d+)/.exec(result.stdout)?.[1]);
    assert.ok(pid > 0);
    try {
      await until(() => fs.existsSync(path.join(dir, 'hashpool-miner.log')) && fs.readFileSync(path.join(dir, 'hashpool-miner.log'), 'utf8').includes('accepted share'), 'the log');
      assert.ok(server.accepted().length > 0);
    } finally {
      process.kill(pid, 'SIGTERM');
      await until(() => { try { process.kill(pid, 0); return false; } catch { return true; } }, 'the background miner to exit');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--cert FILE trusts a self-signed stratum+ssl pool (our TLS port); --insecure warns once; a bad --cert exits 2', async () => {
    const certs = new CertificateDir();
    const certificate = certs.make('DNS:localhost,IP:127.0.0.1');
    const pool = await startTlsPool(certificate);
    try {
      const trusted = run(['-o', pool.url, '--cert', certificate.certFile, '-u', 'miner.rig1', '-a', 'scrypt', '-t', '1', '--json']);
      await until(() => events(trusted.stdout()).some((e) => e.event === 'share' && e.accepted === true), 'an accepted share with --cert');
      trusted.child.kill('SIGINT');
      assert.equal(await exited(trusted.child), 0);
      assert.deepEqual(events(trusted.stdout()).filter((e) => e.event === 'share' && e.accepted === false), []);
      assert.equal(trusted.stderr(), '');
      const insecure = run(['-o', pool.url, '--insecure', '-u', 'miner.rig1', '-a', 'scrypt', '-t', '1', '--json']);
      await until(() => events(insecure.stdout()).some((e) => e.event === 'share' && e.accepted === true), 'an accepted share with --insecure');
      insecure.child.kill('SIGINT');
      assert.equal(await exited(insecure.child), 0);
      assert.equal(insecure.stderr().match(/warning: --insecure/g)?.length, 1);
      assert.deepEqual(pool.core.rejected, []);
      const missing = path.join(certs.dir, 'missing.pem');
      for (const [args, message] of [
        [['--cert', missing], /--cert: cannot read '.*missing\.pem'/],
        [['--cert', path.join(certs.dir, 'key-1.pem')], /--cert '.*key-1\.pem': ca: no PEM certificate/],
        [['--cert', certificate.certFile, '--insecure'], /--cert and --insecure/],
      ] as const) {
        const result = spawnSync(process.execPath, [BIN, 'mine', '-o', pool.url, '-u', 'x', ...args], { encoding: 'utf8' });
        assert.equal(result.status, 2, args.join(' '));
        assert.match(result.stderr, message);
        assert.match(result.stderr, /\nusage: hashpool mine -o URL/);
      }
    } finally {
      await pool.server.close({ timeoutMs: 1000 });
      certs.remove();
    }
  });

  it('bad flags exit 2 with the usage text; -h and -v exit 0', () => {
    for (const args of [['-o', 'stratum+tcp://127.0.0.1:1'], ['-u', 'x'], ['-o', 'nonsense', '-u', 'x'], ['-o', 'h:1', '-u', 'x', '-a', 'md6'], ['-o', 'h:1', '-u', 'x', '-t', '0'], ['--frobnicate']]) {
      const result = spawnSync(process.execPath, [BIN, 'mine', ...args], { encoding: 'utf8' });
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /^hashpool mine: .+\nusage: hashpool mine -o URL/);
    }
    const help = spawnSync(process.execPath, [BIN, 'mine', '-h'], { encoding: 'utf8' });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--no-version-rolling/);
    assert.match(help.stdout, /--cert FILE .*\n.*--insecure /);
    const version = spawnSync(process.execPath, [BIN, 'mine', '-v'], { encoding: 'utf8' });
    assert.equal(version.status, 0);
    assert.match(version.stdout, /^hashpool mine \d+\.\d+\.\d+/);
  });
});
