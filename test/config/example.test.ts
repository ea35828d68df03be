import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfigFile, parseConfigText, POOL_SCHEMA, type PoolConfig } from '../../lib/config';
import type { SchemaNode } from '../../lib/config/schema';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLE = path.join(ROOT, 'config.example.yml');
const DATA = path.join(ROOT, 'test/data/config');

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(DATA, file), 'utf8'));
}

/** Every key path of the schema, array items written as `[]`. */
function schemaKeys(node: SchemaNode, prefix: string, out: string[]): string[] {
  if (node.type === 'object') {
    for (const [key, child] of Object.entries(node.properties)) {
      const full = prefix === '' ? key : `${prefix}.${key}`;
      out.push(full);
      schemaKeys(child, full, out);
    }
  } else if (node.type === 'array') {
    schemaKeys(node.items, `${prefix}[]`, out);
  }
  return out;
}

describe('config.example.yml', () => {
  it('is a valid config equal to the known object', () => {
    assert.deepEqual(loadConfigFile(EXAMPLE), readJson('example.expected.json'));
  });

  it('stays valid with the commented TLS section switched on, given existing files', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hashpool-config-'));
    try {
      const cert = path.join(dir, 'cert.pem');
      const key = path.join(dir, 'key.pem');
      fs.writeFileSync(cert, 'cert');
      fs.writeFileSync(key, 'key');
      const text = fs
        .readFileSync(EXAMPLE, 'utf8')
        .replace('      # tls:\n', '      tls:\n')
        .replace('      #   cert: /etc/hashpool/tls/fullchain.pem\n', `        cert: ${cert}\n`)
        .replace('      #   key: /etc/hashpool/tls/privkey.pem\n', `        key: ${key}\n`);
      const config: PoolConfig = parseConfigText(text, 'example-with-tls');
      assert.deepEqual(config.stratum.ports[1].tls, { cert, key });
      assert.equal(config.stratum.ports[0].tls, undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('mentions every key of the schema (active or commented out)', () => {
    const text = fs.readFileSync(EXAMPLE, 'utf8');
    const keys = schemaKeys(POOL_SCHEMA, '', []);
    assert.ok(keys.length > 50, `schema walk found only ${keys.length} keys`);
    const missing = keys.filter((k) => {
      const leaf = k.slice(k.lastIndexOf('.') + 1);
      return !new RegExp(`^\\s*(#\\s*)?(- )?${leaf}:`, 'm').test(text);
    });
    assert.deepEqual(missing, []);
  });
});

describe('data files', () => {
  it('minimal.yml gets every default', () => {
    const config = loadConfigFile(path.join(DATA, 'minimal.yml'));
    const expected: PoolConfig = {
      network: 'litecoin-regtest',
      instanceId: 0,
      poolTag: '/hashpool/',
      daemons: [{ url: 'http://user:pass@127.0.0.1:19443', priority: 0 }],
      pollIntervalMs: 500,
      jobRefreshSeconds: 30,
      payout: { mode: 'solo', pplns: { windowFactor: 2, feePercent: 0 } },
      shareLog: { backend: 'sqlite', dir: './data', commitIntervalMs: 5 },
      stratum: {
        host: '0.0.0.0',
        extranonce2Size: 4,
        versionMask: '1fffe000',
        maxLineBytes: 16384,
        maxConnectionsPerIp: 256,
        idleTimeoutSeconds: 600,
        unsubscribedTimeoutSeconds: 30,
        ban: { enabled: true, invalidPercent: 50, checkThreshold: 100, seconds: 600 },
        ports: [
          {
            port: 3333,
            difficulty: 1,
            vardiff: { enabled: true, targetSeconds: 15, retargetSeconds: 90, variancePercent: 30, min: 1 / 64, max: 1e12, powersOfTwo: false },
          },
        ],
      },
      monitor: { enabled: true, host: '127.0.0.1', port: 8080 },
      log: { level: 'info' },
    };
    assert.deepEqual(config, expected);
  });
});
