// mining.authorize credentials: the table in test/data/pool/credentials-cases.json.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseCredentials } from '../../lib/pool/credentials';
import { getNetwork } from '../../lib/protocol';

const DATA = path.resolve(__dirname, '..', '..', '..', 'test', 'data', 'pool', 'credentials-cases.json');

interface CredentialsCase {
  name: string;
  mode: 'solo' | 'pool' | 'pplns';
  user: string;
  password: string;
  expect: { ok: boolean; user?: string; payoutKey?: string; requestedDifficulty?: number; message?: string };
}

describe('pool/credentials', () => {
  const network = getNetwork('litecoin-regtest');
  const table = JSON.parse(fs.readFileSync(DATA, 'utf8')) as { cases: CredentialsCase[] };
  for (const c of table.cases) {
    it(c.name, () => {
      const outcome = parseCredentials(c.user, c.password, { network, mode: c.mode });
      if (c.expect.ok) {
        assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
        assert.deepEqual(outcome.worker, {
          name: c.user,
          user: c.expect.user,
          payoutKey: c.expect.payoutKey,
          ...(c.expect.requestedDifficulty !== undefined ? { requestedDifficulty: c.expect.requestedDifficulty } : {}),
        });
      } else {
        assert.equal(outcome.ok, false);
        assert.ok(!outcome.ok && outcome.message.includes(c.expect.message ?? ''), !outcome.ok ? outcome.message : '');
      }
    });
  }

  it('never throws for non-string input', () => {
    const bad = parseCredentials(42 as unknown as string, null as unknown as string, { network, mode: 'solo' });
    assert.equal(bad.ok, false);
  });
});
