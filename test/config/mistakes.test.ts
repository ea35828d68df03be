import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { ConfigError, loadConfigFile, parseConfigText, POOL_SCHEMA } from '../../lib/config';
import { HashpoolError } from '../../lib/hash/errors';
import { NETWORK_NAMES } from '../../lib/protocol';
import { issuesOf } from './issues-of';

type Doc = Record<string, unknown>;

function base(): Doc {
  return {
    network: 'litecoin-regtest',
    daemons: [{ url: 'http://user:pass@127.0.0.1:19443' }],
    payout: { mode: 'solo' },
    stratum: { ports: [{ port: 3333, difficulty: 1 }, { port: 3334, difficulty: 8, vardiff: { min: 1, max: 64 } }] },
  };
}


const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-config-'));
const missingCert = path.join(tmp, 'no-such-cert.pem');
const existingKey = path.join(tmp, 'key.pem');
fs.writeFileSync(existingKey, 'key');
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Case {
  name: string;
  /** Dotted paths as in issue paths ('stratum.ports[1].vardiff.min') to value; undefined deletes. */
  set: Record<string, unknown>;
  issues: Array<{ path: string; message: string | RegExp }>;
}

/** Sets (or with undefined, deletes) a value at an issue-style path, creating mappings on the way. */
function setPath(doc: Doc, dotted: string, value: unknown): void {
  const keys = dotted.split(/\.|(?=\[)/).map((k) => (k.startsWith('[') ? Number(k.slice(1, -1)) : k));
  let node: unknown = doc;
  for (const key of keys.slice(0, -1)) {
    const holder = node as Record<string | number, unknown>;
    holder[key] ??= {};
    node = holder[key];
  }
  const holder = node as Record<string | number, unknown>;
  const last = keys[keys.length - 1];
  if (value === undefined) delete holder[last];
  else holder[last] = value;
}

const CASES: Case[] = [
  {
    name: 'wrong type: string where a number is expected',
    set: { 'stratum.ports[1].vardiff.min': 'abc' },
    issues: [{ path: 'stratum.ports[1].vardiff.min', message: 'expected a number > 0, got "abc"' }],
  },
  { name: 'wrong type: list where a mapping is expected', set: { 'payout': ['solo'] }, issues: [{ path: 'payout', message: 'expected a mapping, got a list' }] },
  {
    name: 'wrong type: string for a boolean (YAML 1.2 has no yes/no booleans)',
    set: { 'stratum.ban': { enabled: 'yes' } },
    issues: [{ path: 'stratum.ban.enabled', message: 'expected true or false, got "yes"' }],
  },
  {
    name: 'wrong type: unquoted all-digit version mask is a number',
    set: { 'stratum.versionMask': 20000000 },
    issues: [{ path: 'stratum.versionMask', message: "expected 8 hex characters in quotes, like '1fffe000', got 20000000" }],
  },
  { name: 'missing required top-level key names its flag', set: { 'network': undefined }, issues: [{ path: 'network', message: "missing required key 'network' (or pass --network)" }] },
  { name: 'missing required nested key', set: { 'daemons[0].url': undefined }, issues: [{ path: 'daemons[0].url', message: "missing required key 'url'" }] },
  { name: 'missing port difficulty', set: { 'stratum.ports[0].difficulty': undefined }, issues: [{ path: 'stratum.ports[0].difficulty', message: "missing required key 'difficulty'" }] },
  {
    name: 'empty port list',
    set: { 'stratum.ports': [] },
    issues: [{ path: 'stratum.ports', message: 'expected at least 1 entry, got an empty list (or pass --stratum-port)' }],
  },
  {
    name: 'unknown key with a suggestion',
    set: { 'stratum.prots': [] },
    issues: [{ path: 'stratum.prots', message: "unknown key 'stratum.prots' (did you mean 'ports'?)" }],
  },
  {
    name: 'snake_case spelling of a camelCase key',
    set: { 'stratum.ports[0].vardiff': { target_seconds: 10 } },
    issues: [{ path: 'stratum.ports[0].vardiff.target_seconds', message: "unknown key 'stratum.ports[0].vardiff.target_seconds' (did you mean 'targetSeconds'?)" }],
  },
  {
    name: 'unknown key with nothing close lists the known keys',
    set: { 'zzzzzzzz': 1 },
    issues: [{ path: 'zzzzzzzz', message: `unknown key 'zzzzzzzz'; known keys: ${Object.keys(POOL_SCHEMA.properties).join(', ')}` }],
  },
  { name: 'integer out of range', set: { 'instanceId': 70000 }, issues: [{ path: 'instanceId', message: 'expected an integer in 0..65535, got 70000' }] },
  { name: 'fraction where an integer is expected', set: { 'stratum.maxLineBytes': 1.5 }, issues: [{ path: 'stratum.maxLineBytes', message: 'expected an integer >= 256, got 1.5' }] },
  { name: 'port 0', set: { 'stratum.ports[0].port': 0 }, issues: [{ path: 'stratum.ports[0].port', message: 'expected an integer in 1..65535, got 0' }] },
  { name: 'percent above 100', set: { 'payout.pplns': { feePercent: 101 } }, issues: [{ path: 'payout.pplns.feePercent', message: 'expected a number in 0..100, got 101' }] },
  { name: 'extranonce2Size 9', set: { 'stratum.extranonce2Size': 9 }, issues: [{ path: 'stratum.extranonce2Size', message: 'expected an integer in 2..8, got 9' }] },
  { name: 'YAML .inf is not a finite number', set: { 'stratum.ports[0].difficulty': Infinity }, issues: [{ path: 'stratum.ports[0].difficulty', message: 'expected a number > 0, got Infinity' }] },
  { name: 'bad enum', set: { 'payout.mode': 'prop' }, issues: [{ path: 'payout.mode', message: "expected one of 'solo', 'pool', 'pplns', got \"prop\"" }] },
  { name: 'bad log level', set: { 'log': { level: 'trace' } }, issues: [{ path: 'log.level', message: "expected one of 'error', 'warn', 'info', 'debug', got \"trace\"" }] },
  {
    name: 'duplicate port',
    set: { 'stratum.ports[1].port': 3333 },
    issues: [{ path: 'stratum.ports[1].port', message: 'duplicate port 3333 (also stratum.ports[0].port)' }],
  },
  {
    name: 'TLS file missing',
    set: { 'stratum.ports[0].tls': { cert: missingCert, key: existingKey } },
    issues: [{ path: 'stratum.ports[0].tls.cert', message: `file not found: ${missingCert}` }],
  },
  { name: 'TLS path is a directory', set: { 'stratum.ports[0].tls': { cert: existingKey, key: tmp } }, issues: [{ path: 'stratum.ports[0].tls.key', message: `not a regular file: ${tmp}` }] },
  { name: 'TLS section without key', set: { 'stratum.ports[0].tls': { cert: existingKey } }, issues: [{ path: 'stratum.ports[0].tls.key', message: "missing required key 'key'" }] },
  {
    name: 'vardiff min > max',
    set: { 'stratum.ports[1].vardiff': { min: 100, max: 10 } },
    issues: [{ path: 'stratum.ports[1].vardiff.min', message: 'vardiff.min 100 is above vardiff.max 10' }],
  },
  {
    name: 'start difficulty outside the vardiff range',
    set: { 'stratum.ports[1].difficulty': 128 },
    issues: [{ path: 'stratum.ports[1].difficulty', message: 'start difficulty 128 is outside the vardiff range 1..64' }],
  },
  { name: 'start difficulty outside the range is fine with vardiff off', set: { 'stratum.ports[1].vardiff.enabled': false, 'stratum.ports[1].difficulty': 128 }, issues: [] },
  {
    name: 'address of another network',
    set: { 'payout.address': 'ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9' },
    issues: [{ path: 'payout.address', message: "'ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9' belongs to litecoin-main; litecoin-regtest expects 'rltc1...'" }],
  },
  {
    name: 'garbled address',
    set: { 'payout.address': 'notanaddress' },
    issues: [{ path: 'payout.address', message: "'notanaddress' has a bad base58check checksum (mistyped?)" }],
  },
  {
    name: 'pplns without an address',
    set: { 'payout.mode': 'pplns' },
    issues: [{ path: 'payout.address', message: "required when payout.mode is 'pplns' (or pass --address): the pool's own address receives block rewards" }],
  },
  { name: 'unknown network', set: { 'network': 'litecoin-regtst' }, issues: [{ path: 'network', message: `unknown network 'litecoin-regtst'; known networks: ${NETWORK_NAMES.join(', ')}` }] },
  { name: 'network the pool cannot mine', set: { 'network': 'vertcoin-main' }, issues: [{ path: 'network', message: /^the pool cannot mine vertcoin-main: .+/ }] },
  {
    name: 'https daemon URL',
    set: { 'daemons[0].url': 'https://u:p@127.0.0.1:9332' },
    issues: [{ path: 'daemons[0].url', message: 'https is not supported: the daemon RPC client speaks plain http (put a TLS tunnel in front if needed)' }],
  },
  {
    name: 'daemon URL without port',
    set: { 'daemons[0].url': 'http://u:p@127.0.0.1' },
    issues: [{ path: 'daemons[0].url', message: 'the URL needs an explicit port (the daemon RPC port, e.g. 9332 for litecoin mainnet)' }],
  },
  { name: 'daemon URL not a URL, password hidden', set: { 'daemons[0].url': 'http//u:secret@host' }, issues: [{ path: 'daemons[0].url', message: 'expected a URL like http://user:pass@127.0.0.1:9332, got "http//u:***@host"' }] },
  { name: 'daemon URL of another scheme, password hidden', set: { 'daemons[0].url': 'ftp://u:secret@host:21' }, issues: [{ path: 'daemons[0].url', message: 'expected an http:// URL, got "ftp://u:***@host:21"' }] },
  {
    name: 'daemon without credentials or cookie file',
    set: { 'daemons[0].url': 'http://127.0.0.1:19443' },
    issues: [{ path: 'daemons[0].url', message: 'no user:pass in the URL and no cookieFile: the daemon refuses RPC without credentials' }],
  },
  { name: 'cookie file instead of credentials is fine', set: { 'daemons[0]': { url: 'http://127.0.0.1:19443', cookieFile: '/x/.cookie' } }, issues: [] },
  { name: 'redis backend without redis section', set: { 'shareLog': { backend: 'redis' } }, issues: [{ path: 'shareLog.redis', message: "required when shareLog.backend is 'redis' (or pass --redis URL)" }] },
  { name: 'bad redis URL', set: { 'shareLog': { backend: 'redis', redis: { url: 'http://x:1' } } }, issues: [{ path: 'shareLog.redis.url', message: 'expected a URL like redis://127.0.0.1:6379/0, got "http://x:1"' }] },
  { name: 'share retention of 0 days', set: { 'shareLog.retainDays': 0 }, issues: [{ path: 'shareLog.retainDays', message: 'expected a number > 0, got 0' }] },
  { name: 'share retention negative', set: { 'shareLog.retainDays': -3 }, issues: [{ path: 'shareLog.retainDays', message: 'expected a number > 0, got -3' }] },
  { name: 'share retention as text', set: { 'shareLog.retainDays': '30d' }, issues: [{ path: 'shareLog.retainDays', message: 'expected a number > 0, got "30d"' }] },
  { name: 'share retention of a fraction of a day is fine', set: { 'shareLog.retainDays': 0.5 }, issues: [] },
  { name: 'pool tag over 32 bytes of UTF-8', set: { 'poolTag': 'ä'.repeat(17) }, issues: [{ path: 'poolTag', message: 'expected at most 32 bytes of UTF-8, got 34 bytes' }] },
  { name: 'monitor on a stratum port', set: { 'monitor': { port: 3334 } }, issues: [{ path: 'monitor.port', message: 'port 3334 is already used by stratum.ports[1].port' }] },
  { name: 'empty list entry', set: { 'stratum.ports[2]': null }, issues: [{ path: 'stratum.ports[2]', message: 'empty list entry' }] },
  { name: 'null counts as absent (defaults apply)', set: { 'log': null, 'p2p': null }, issues: [] },
];

describe('config mistakes: each reported with its path and message', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const doc = base();
      for (const [key, value] of Object.entries(c.set)) setPath(doc, key, value);
      const text = stringify(doc);
      if (c.issues.length === 0) {
        parseConfigText(text, 'case.yml');
        return;
      }
      const got = issuesOf(() => parseConfigText(text, 'case.yml'));
      assert.equal(got.length, c.issues.length, JSON.stringify(got));
      c.issues.forEach((want, i) => {
        assert.equal(got[i].path, want.path);
        if (typeof want.message === 'string') assert.equal(got[i].message, want.message);
        else assert.match(got[i].message, want.message);
      });
    });
  }

  it('collects every problem at once, one per line in the message', () => {
    const doc = base();
    setPath(doc, 'network', 'nope');
    setPath(doc, 'stratum.prots', 1);
    setPath(doc, 'stratum.ports[0].port', 'x');
    setPath(doc, 'payout.mode', 'prop');
    let error: unknown;
    try {
      parseConfigText(stringify(doc), 'many.yml');
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof ConfigError);
    assert.ok(error instanceof HashpoolError);
    assert.equal(error.code, 'ERR_CONFIG_INVALID');
    assert.deepEqual(error.issues.map((i) => i.path).sort(), ['network', 'payout.mode', 'stratum.ports[0].port', 'stratum.prots']);
    const lines = error.message.split('\n');
    assert.equal(lines[0], 'invalid configuration in many.yml (4 problems):');
    assert.equal(lines.length, 5);
    for (const issue of error.issues) assert.ok(lines.includes(`  ${issue.path}: ${issue.message}`));
  });
});

describe('config source errors', () => {
  it('YAML syntax error gives line and column', () => {
    const text = 'network: litecoin-regtest\nstratum:\n  ports: [1, 2\n  host: x\n';
    const issues = issuesOf(() => parseConfigText(text, 'bad.yml'));
    assert.equal(issues[0].path, '');
    assert.match(issues[0].message, /^YAML syntax error at line 4, column \d+: /);
  });

  it('duplicate YAML key is a syntax error at its line', () => {
    const issues = issuesOf(() => parseConfigText('network: a\npayout: {}\nnetwork: b\n', 'dup.yml'));
    assert.deepEqual(issues, [{ path: '', message: 'YAML syntax error at line 3, column 1: Map keys must be unique' }]);
  });

  it('top level must be a mapping', () => {
    assert.deepEqual(issuesOf(() => parseConfigText('- a\n- b\n', 'list.yml')), [{ path: '', message: 'expected a mapping of keys at the top level, got a list' }]);
  });

  it('empty file reports the required keys', () => {
    const paths = issuesOf(() => parseConfigText('# nothing\n', 'empty.yml')).map((i) => i.path);
    assert.deepEqual(paths, ['network', 'daemons', 'payout.mode', 'stratum.ports']);
  });

  it('unresolved alias is reported, not thrown raw', () => {
    const issues = issuesOf(() => parseConfigText('network: *nowhere\n', 'alias.yml'));
    assert.equal(issues.length, 1);
    assert.equal(issues[0].path, '');
    assert.match(issues[0].message, /alias/i);
  });

  it('missing file -> ConfigError with path ""', () => {
    const file = path.join(tmp, 'absent.yml');
    assert.deepEqual(issuesOf(() => loadConfigFile(file)), [{ path: '', message: `file not found: ${file}` }]);
  });

  it('directory instead of file -> ConfigError with path ""', () => {
    assert.deepEqual(issuesOf(() => loadConfigFile(tmp)), [{ path: '', message: `is a directory: ${tmp}` }]);
  });
});
