import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, configFromSources, parsePoolFlags, POOL_FLAGS_HELP, type ConfigIssue, type PoolFlags } from '../../lib/config';
import { issuesOf } from './issues-of';

const EXAMPLE = path.resolve(__dirname, '../../../config.example.yml');


const REQUIRED: readonly string[] = ['--network', 'litecoin-regtest', '--daemon', 'http://u:p@127.0.0.1:19443', '--stratum-port', '3333', '--payout-mode', 'solo'];

describe('parsePoolFlags', () => {
  it('reads every flag, repeatable ones in order', () => {
    const parsed = parsePoolFlags([
      '--config', 'pool.yml',
      '--network', 'litecoin-main',
      '--daemon', 'http://a:b@h1:1',
      '--daemon=http://a:b@h2:2',
      '--stratum-port', '3333',
      '--stratum-port=3334',
      '--difficulty', '0.5',
      '--payout-mode', 'pplns',
      '--address', 'Laddr',
      '--share-log', '/var/lib/hashpool',
      '--redis', 'redis://127.0.0.1:6379/2',
      '--monitor-port', '9000',
      '--instance-id', '7',
    ]); // prettier-ignore
    const flags: PoolFlags = {
      network: 'litecoin-main',
      daemon: ['http://a:b@h1:1', 'http://a:b@h2:2'],
      stratumPort: [3333, 3334],
      difficulty: 0.5,
      payoutMode: 'pplns',
      address: 'Laddr',
      shareLog: '/var/lib/hashpool',
      redis: 'redis://127.0.0.1:6379/2',
      monitorPort: 9000,
      instanceId: 7,
    };
    assert.deepEqual(parsed, { flags, configFile: 'pool.yml', help: false });
  });

  it('--flag value and --flag=value mean the same', () => {
    assert.deepEqual(parsePoolFlags(['--network', 'x', '--monitor-port', '81']), parsePoolFlags(['--network=x', '--monitor-port=81']));
  });

  it('a value may contain "=" after the first one', () => {
    assert.equal(parsePoolFlags(['--address=a=b']).flags.address, 'a=b');
  });

  it('--help and -h set help', () => {
    assert.equal(parsePoolFlags(['--help']).help, true);
    assert.equal(parsePoolFlags(['-h', '--network', 'x']).help, true);
    assert.deepEqual(parsePoolFlags([]), { flags: {}, help: false });
  });

  const BAD: Array<{ argv: string[]; issues: ConfigIssue[] }> = [
    { argv: ['--netwrk', 'litecoin-main'], issues: [{ path: '--netwrk', message: "unknown flag '--netwrk' (did you mean '--network'?)" }] },
    { argv: ['--stratum_port', '1'], issues: [{ path: '--stratum_port', message: "unknown flag '--stratum_port' (did you mean '--stratum-port'?)" }] },
    { argv: ['--frobnicate'], issues: [{ path: '--frobnicate', message: "unknown flag '--frobnicate'" }] },
    { argv: ['--stratum-port', 'abc'], issues: [{ path: '--stratum-port', message: 'expected an integer in 1..65535, got "abc"' }] },
    { argv: ['--stratum-port', '0x10'], issues: [{ path: '--stratum-port', message: 'expected an integer in 1..65535, got "0x10"' }] },
    { argv: ['--stratum-port=70000'], issues: [{ path: '--stratum-port', message: 'expected an integer in 1..65535, got "70000"' }] },
    { argv: ['--difficulty', '0'], issues: [{ path: '--difficulty', message: 'expected a number > 0, got "0"' }] },
    { argv: ['--difficulty', 'Infinity'], issues: [{ path: '--difficulty', message: 'expected a number > 0, got "Infinity"' }] },
    { argv: ['--instance-id', '1.5'], issues: [{ path: '--instance-id', message: 'expected an integer in 0..65535, got "1.5"' }] },
    { argv: ['--network'], issues: [{ path: '--network', message: '--network needs a value' }] },
    { argv: ['--network=', '--daemon', 'x'], issues: [{ path: '--network', message: '--network needs a value' }] },
    { argv: ['--network', '--daemon', 'x'], issues: [{ path: '--network', message: '--network needs a value' }] },
    { argv: ['--network', 'a', '--network', 'b'], issues: [{ path: '--network', message: '--network given more than once' }] },
    { argv: ['pool.yml'], issues: [{ path: 'pool.yml', message: "unexpected argument 'pool.yml' (flags start with --)" }] },
    {
      argv: ['--monitor-port', 'x', '--bogus', '--instance-id', '-1'],
      issues: [
        { path: '--monitor-port', message: 'expected an integer in 1..65535, got "x"' },
        { path: '--bogus', message: "unknown flag '--bogus'" },
        { path: '--instance-id', message: 'expected an integer in 0..65535, got "-1"' },
      ],
    },
  ];
  for (const c of BAD) {
    it(`rejects ${c.argv.join(' ')}`, () => {
      assert.deepEqual(issuesOf(() => parsePoolFlags(c.argv)), c.issues);
    });
  }

  it('the help text names every flag', () => {
    for (const flag of ['--config', '--network', '--daemon', '--stratum-port', '--difficulty', '--payout-mode', '--address', '--share-log', '--redis', '--monitor-port', '--instance-id', '--help']) {
      assert.ok(POOL_FLAGS_HELP.includes(flag), flag);
      if (flag !== '--help') assert.doesNotThrow(() => parsePoolFlags([flag, '1']), flag);
    }
  });
});

describe('configFromSources', () => {
  it('flags alone make a valid config', () => {
    const config = configFromSources({ flags: parsePoolFlags(REQUIRED).flags });
    assert.equal(config.network, 'litecoin-regtest');
    assert.deepEqual(config.daemons, [{ url: 'http://u:p@127.0.0.1:19443', priority: 0 }]);
    assert.equal(config.stratum.ports.length, 1);
    assert.equal(config.stratum.ports[0].port, 3333);
    assert.equal(config.stratum.ports[0].difficulty, 1);
    assert.equal(config.stratum.ports[0].vardiff.min, 1 / 64);
    assert.equal(config.payout.mode, 'solo');
    assert.equal(config.shareLog.backend, 'sqlite');
    assert.equal(config.monitor.port, 8080);
  });

  it('flags alone: the required ones are reported missing with their flag names', () => {
    const issues = issuesOf(() => configFromSources({ flags: {} }));
    assert.deepEqual(issues, [
      { path: 'network', message: "missing required key 'network' (or pass --network)" },
      { path: 'daemons', message: "missing required key 'daemons' (or pass --daemon)" },
      { path: 'payout.mode', message: "missing required key 'mode' (or pass --payout-mode)" },
      { path: 'stratum.ports', message: "missing required key 'ports' (or pass --stratum-port)" },
    ]);
  });

  it('flags alone: pplns needs --address, and a bad one is checked against the network', () => {
    const flags = parsePoolFlags([...REQUIRED.slice(0, -1), 'pplns']).flags;
    assert.deepEqual(issuesOf(() => configFromSources({ flags })).map((i) => i.path), ['payout.address']);
    const withAddress = { ...flags, address: 'LVuDpNCSSj6pQ7t9Pv6d6sUkLKoqDEVUnJ' };
    assert.deepEqual(issuesOf(() => configFromSources({ flags: withAddress })), [
      { path: 'payout.address', message: "'LVuDpNCSSj6pQ7t9Pv6d6sUkLKoqDEVUnJ' is a P2PKH address of litecoin-main, not of litecoin-regtest" },
    ]);
    const good = { ...flags, address: 'rltc1qw508d6qejxtdg4y5r3zarvary0c5xw7k693xs3' };
    assert.equal(configFromSources({ flags: good }).payout.address, good.address);
  });

  it('repeated --daemon: the first gets the highest priority', () => {
    const flags = parsePoolFlags([...REQUIRED, '--daemon', 'http://u:p@10.0.0.2:19443', '--daemon', 'http://u:p@10.0.0.3:19443']).flags;
    assert.deepEqual(
      configFromSources({ flags }).daemons.map((d) => [d.url, d.priority]),
      [
        ['http://u:p@127.0.0.1:19443', 2],
        ['http://u:p@10.0.0.2:19443', 1],
        ['http://u:p@10.0.0.3:19443', 0],
      ],
    );
  });

  it('flags override the keys of the file and leave the rest', () => {
    const argv = ['--daemon', 'http://a:b@10.0.0.1:1234', '--stratum-port', '4444', '--difficulty', '2', '--payout-mode', 'solo', '--share-log', '/srv/shares', '--redis', 'redis://127.0.0.1:6379/1', '--monitor-port', '9090', '--instance-id', '7'];
    const config = configFromSources({ file: EXAMPLE, flags: parsePoolFlags(argv).flags });
    assert.equal(config.instanceId, 7);
    assert.deepEqual(config.daemons, [{ url: 'http://a:b@10.0.0.1:1234', priority: 0 }]);
    assert.deepEqual(config.stratum.ports.map((p) => [p.port, p.difficulty, p.vardiff.min]), [[4444, 2, 2 / 64]]);
    assert.equal(config.payout.mode, 'solo');
    assert.deepEqual(config.shareLog, { backend: 'redis', dir: '/srv/shares', commitIntervalMs: 5, redis: { url: 'redis://127.0.0.1:6379/1', keyPrefix: 'hashpool:' } });
    assert.equal(config.monitor.port, 9090);
    // untouched keys come from the file
    assert.equal(config.network, 'litecoin-regtest');
    assert.deepEqual(config.p2p, { host: '127.0.0.1', port: 19444 });
    assert.equal(config.payout.pplns.feePercent, 1);
    assert.equal(config.payout.address, 'rltc1qw508d6qejxtdg4y5r3zarvary0c5xw7k693xs3');
  });

  it('--difficulty without --stratum-port sets the difficulty of every port of the file', () => {
    const config = configFromSources({ file: EXAMPLE, flags: { difficulty: 0.5 } });
    assert.deepEqual(config.stratum.ports.map((p) => [p.port, p.difficulty]), [[3333, 0.5], [3334, 0.5]]);
  });

  it('--difficulty outside the file vardiff range is reported at the port', () => {
    const issues = issuesOf(() => configFromSources({ file: EXAMPLE, flags: { difficulty: 1e13 } }));
    assert.deepEqual(issues, [{ path: 'stratum.ports[0].difficulty', message: 'start difficulty 10000000000000 is outside the vardiff range 0.015625..1000000000000' }]);
  });

  it('a flag replaces a bad file value before validation', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-config-'));
    try {
      const file = path.join(dir, 'pool.yml');
      fs.writeFileSync(file, fs.readFileSync(EXAMPLE, 'utf8').replace('network: litecoin-regtest', 'network: nope'));
      assert.throws(() => configFromSources({ file, flags: {} }), ConfigError);
      assert.equal(configFromSources({ file, flags: { network: 'litecoin-regtest' } }).network, 'litecoin-regtest');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--monitor-port turns on a dashboard the file switched off', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-config-'));
    try {
      const file = path.join(dir, 'pool.yml');
      fs.writeFileSync(file, fs.readFileSync(EXAMPLE, 'utf8').replace('  enabled: true\n  # Listen address, default 127.0.0.1.', '  enabled: false\n  # Listen address, default 127.0.0.1.'));
      assert.equal(configFromSources({ file, flags: {} }).monitor.enabled, false);
      assert.deepEqual(configFromSources({ file, flags: { monitorPort: 9999 } }).monitor, { enabled: true, host: '127.0.0.1', port: 9999 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a non-mapping in the way of a flag is reported, not overwritten silently', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-config-'));
    try {
      const file = path.join(dir, 'pool.yml');
      fs.writeFileSync(file, 'shareLog: 5\n');
      const error = (() => {
        try {
          configFromSources({ file, flags: { ...parsePoolFlags(REQUIRED).flags, shareLog: '/x' } });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.issues, [{ path: 'shareLog', message: 'expected a mapping, got 5' }]);
      assert.match(error.message, /^invalid configuration in .*pool\.yml and command-line flags \(1 problem\):/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing file is a ConfigError with path ""', () => {
    const file = path.join(os.tmpdir(), `hashpool-absent-${process.pid}.yml`);
    assert.deepEqual(issuesOf(() => configFromSources({ file, flags: parsePoolFlags(REQUIRED).flags })), [{ path: '', message: `file not found: ${file}` }]);
  });
});
