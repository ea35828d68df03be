// A user's install: pack the package with its prebuilds, install the tarball into an
// empty project whose PATH has node and nothing else (no compiler, make or python),
// then hash there through the native backend and the CLI.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadVectors } from '../util/vectors';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function npmCliPath(): string {
  const npmBin = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
  return fs.realpathSync(npmBin);
}

function hasPrebuild(): boolean {
  const dir = path.join(ROOT, 'prebuilds', `${process.platform}-${process.arch}`);
  return fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.endsWith('.node'));
}

describe('npm pack + install with no toolchain', function () {
  this.timeout(600_000);
  let work: string;
  let toolFreePath: string;

  before(function () {
    if (process.env.HASHPOOL_BACKEND === 'js') this.skip(); // backend-independent: run once
    // Always rebuilt: a prebuild left from an older checkout would test stale code.
    execFileSync('npm', ['run', '--silent', 'prebuild'], { cwd: ROOT, stdio: 'inherit' });
    assert.ok(hasPrebuild(), 'prebuildify produced no binary for this platform');
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-pack-'));
    const bin = path.join(work, 'bin');
    fs.mkdirSync(bin);
    // npm runs lifecycle scripts through sh; nothing else from the system is reachable.
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    fs.symlinkSync('/bin/sh', path.join(bin, 'sh'));
    toolFreePath = bin;
  });

  after(function () {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('installs from the tarball and hashes with the prebuilt addon', function () {
    const packOut = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' });
    const [{ filename, files }] = JSON.parse(packOut) as { filename: string; files: { path: string }[] }[];
    const packed = files.map((f) => f.path);
    assert.ok(packed.some((p) => p.startsWith('prebuilds/') && p.endsWith('.node')), 'tarball carries a prebuild');
    assert.ok(!packed.some((p) => p.startsWith('build/')), 'tarball carries no local build');

    const project = path.join(work, 'consumer');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    const env = { ...process.env, PATH: toolFreePath };
    for (const tool of ['g++', 'cc', 'make', 'python3', 'cmake']) {
      const found = spawnSync('sh', ['-c', `command -v ${tool}`], { env }).status === 0;
      assert.equal(found, false, `${tool} must not be on the install PATH`);
    }
    execFileSync(process.execPath, [npmCliPath(), 'install', '--no-audit', '--no-fund', '--prefer-offline', path.join(work, filename)], {
      cwd: project,
      env,
      stdio: 'pipe',
    });
    assert.ok(!fs.existsSync(path.join(project, 'node_modules', 'hashpool', 'build')), 'nothing was compiled');

    const dash = loadVectors('x11.json').find((v) => v.name === 'dash_mainnet_genesis_x11');
    const ltc = loadVectors('scrypt.json').find((v) => v.name === 'ltc_mainnet_genesis_scrypt_pow');
    assert.ok(dash && ltc);
    const script = `
      const { hash, nativeUnavailableReason } = require('hashpool');
      if (nativeUnavailableReason) throw nativeUnavailableReason;
      process.stdout.write(JSON.stringify({
        kind: hash.kind,
        x11: hash.x11(Buffer.from('${dash.input_hex}', 'hex')).toString('hex'),
        scrypt: hash.scryptPow(Buffer.from('${ltc.input_hex}', 'hex'), 1024).toString('hex'),
      }));`;
    const result = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: project, env, encoding: 'utf8' })) as {
      kind: string;
      x11: string;
      scrypt: string;
    };
    assert.deepEqual(result, { kind: 'native', x11: dash.expected_hex, scrypt: ltc.expected_hex });

    const cli = execFileSync(path.join(project, 'node_modules', '.bin', 'hashpool'), ['hash', '--algo', 'x11', dash.input_hex], {
      cwd: project,
      env,
      encoding: 'utf8',
    });
    assert.equal(cli.trim(), dash.expected_hex);
  });
});
