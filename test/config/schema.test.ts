import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultVardiffMin, parseConfigText, type PoolConfig } from '../../lib/config';
import { describeNumber, validate, type ObjectNode } from '../../lib/config/schema';
import { closestName } from '../../lib/config/suggest';

describe('config schema layer', () => {
  const SCHEMA: ObjectNode = {
    type: 'object',
    doc: 'test',
    properties: {
      name: { type: 'string', required: true, doc: '' },
      inner: {
        type: 'object',
        doc: '',
        default: {},
        properties: { n: { type: 'number', integer: true, min: 1, default: 5, doc: '' }, b: { type: 'boolean', default: false, doc: '' } },
      },
      opt: { type: 'object', doc: '', properties: { x: { type: 'string', required: true, doc: '' } } },
      list: { type: 'array', doc: '', default: [], items: { type: 'number', min: 0, doc: '' } },
    },
  };

  it('fills nested defaults and leaves optional sections out', () => {
    assert.deepEqual(validate(SCHEMA, { name: 'a' }), { value: { name: 'a', inner: { n: 5, b: false }, list: [] }, issues: [] });
  });

  it('does not share default objects between results', () => {
    const a = validate(SCHEMA, { name: 'a' }).value as { inner: { n: number } };
    a.inner.n = 99;
    assert.deepEqual((validate(SCHEMA, { name: 'b' }).value as { inner: { n: number } }).inner.n, 5);
  });

  it('keeps array positions of bad items so later paths stay right', () => {
    const { value, issues } = validate(SCHEMA, { name: 'a', list: [1, -1, 2] });
    assert.deepEqual((value as { list: unknown[] }).list, [1, undefined, 2]);
    assert.deepEqual(issues, [{ path: 'list[1]', message: 'expected a number >= 0, got -1' }]);
  });

  it('reports a required key inside an optional section only when the section is present', () => {
    assert.deepEqual(validate(SCHEMA, { name: 'a', opt: {} }).issues, [{ path: 'opt.x', message: "missing required key 'x'" }]);
  });

  it('describes number ranges', () => {
    assert.equal(describeNumber({ integer: true, min: 1, max: 8 }), 'an integer in 1..8');
    assert.equal(describeNumber({ min: 0, minExclusive: true }), 'a number > 0');
    assert.equal(describeNumber({ min: 0, minExclusive: true, max: 1 }), 'a number > 0 and <= 1');
    assert.equal(describeNumber({ max: 3 }), 'a number <= 3');
    assert.equal(describeNumber({}), 'a number');
  });

  it('suggests close names and nothing for far ones', () => {
    assert.equal(closestName('prots', ['host', 'ports', 'ban']), 'ports');
    assert.equal(closestName('pool_tag', ['poolTag', 'network']), 'poolTag');
    assert.equal(closestName('NETWORK', ['poolTag', 'network']), 'network');
    assert.equal(closestName('ntework', ['network']), 'network');
    assert.equal(closestName('zzzzzzzz', ['network', 'daemons']), undefined);
  });

  it('default vardiff.min is difficulty/64, floored at 0.0001 but never above the difficulty', () => {
    assert.equal(defaultVardiffMin(64), 1);
    assert.equal(defaultVardiffMin(0.001), 0.0001);
    assert.equal(defaultVardiffMin(0.00005), 0.00005);
  });
});

describe('a full config with every optional section', () => {
  it('is accepted and read as written', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-config-'));
    try {
      const cert = path.join(dir, 'cert.pem');
      const key = path.join(dir, 'key.pem');
      fs.writeFileSync(cert, 'c');
      fs.writeFileSync(key, 'k');
      const text = `
network: litecoin-main
instanceId: 65535
poolTag: "/my pool ✓/"
daemons:
  - { url: "http://127.0.0.1:9332", cookieFile: /var/lib/litecoin/.cookie, priority: 5 }
  - { url: "http://rpc:secret@[::1]:9332" }
p2p: { host: 127.0.0.1, port: 9333 }
blockNotifySocket: /run/hashpool/notify.sock
pollIntervalMs: 250
jobRefreshSeconds: 20
payout:
  mode: pool
  address: LVuDpNCSSj6pQ7t9Pv6d6sUkLKoqDEVUnJ
  pplns: { windowFactor: 4, feePercent: 2.5 }
shareLog:
  backend: redis
  dir: /srv/hashpool
  commitIntervalMs: 0
  redis: { url: "redis://:pw@127.0.0.1:6379/3", keyPrefix: "ltc:" }
stratum:
  host: "::"
  extranonce2Size: 8
  versionMask: "0fffe000"
  maxLineBytes: 4096
  maxConnectionsPerIp: 16
  idleTimeoutSeconds: 300
  unsubscribedTimeoutSeconds: 10
  ban: { enabled: false, invalidPercent: 25, checkThreshold: 50, seconds: 0 }
  ports:
    - port: 3333
      difficulty: 0.001
      vardiff: { powersOfTwo: true }
    - port: 3443
      difficulty: 65536
      tls: { cert: ${cert}, key: ${key} }
      vardiff: { enabled: true, targetSeconds: 10, retargetSeconds: 60, variancePercent: 20, min: 1024, max: 1048576, powersOfTwo: false }
monitor:
  enabled: true
  host: 0.0.0.0
  port: 8081
  statsd: { host: 10.0.0.5 }
log: { level: debug }
`;
      const expected: PoolConfig = {
        network: 'litecoin-main',
        instanceId: 65535,
        poolTag: '/my pool ✓/',
        daemons: [
          { url: 'http://127.0.0.1:9332', cookieFile: '/var/lib/litecoin/.cookie', priority: 5 },
          { url: 'http://rpc:secret@[::1]:9332', priority: 0 },
        ],
        p2p: { host: '127.0.0.1', port: 9333 },
        blockNotifySocket: '/run/hashpool/notify.sock',
        pollIntervalMs: 250,
        jobRefreshSeconds: 20,
        payout: { mode: 'pool', address: 'LVuDpNCSSj6pQ7t9Pv6d6sUkLKoqDEVUnJ', pplns: { windowFactor: 4, feePercent: 2.5 } },
        shareLog: { backend: 'redis', dir: '/srv/hashpool', commitIntervalMs: 0, redis: { url: 'redis://:pw@127.0.0.1:6379/3', keyPrefix: 'ltc:' } },
        stratum: {
          host: '::',
          extranonce2Size: 8,
          versionMask: '0fffe000',
          maxLineBytes: 4096,
          maxConnectionsPerIp: 16,
          idleTimeoutSeconds: 300,
          unsubscribedTimeoutSeconds: 10,
          ban: { enabled: false, invalidPercent: 25, checkThreshold: 50, seconds: 0 },
          ports: [
            { port: 3333, difficulty: 0.001, vardiff: { enabled: true, targetSeconds: 15, retargetSeconds: 90, variancePercent: 30, min: 0.0001, max: 1e12, powersOfTwo: true } },
            {
              port: 3443,
              difficulty: 65536,
              tls: { cert, key },
              vardiff: { enabled: true, targetSeconds: 10, retargetSeconds: 60, variancePercent: 20, min: 1024, max: 1048576, powersOfTwo: false },
            },
          ],
        },
        monitor: { enabled: true, host: '0.0.0.0', port: 8081, statsd: { host: '10.0.0.5', port: 8125, prefix: 'hashpool' } },
        log: { level: 'debug' },
      };
      assert.deepEqual(parseConfigText(text, 'full.yml'), expected);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
