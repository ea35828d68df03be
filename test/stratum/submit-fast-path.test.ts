import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { decodeSubmit, parseMessage, parseSubmitLine } from '../../lib/stratum';

const CASES = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'test', 'data', 'stratum', 'submit-lines.json'), 'utf8')) as {
  fast: string[];
  fallback: string[];
};

describe('parseSubmitLine (mining.submit fast path)', () => {
  for (const line of CASES.fast) {
    it(`takes ${line} exactly as JSON.parse + decodeSubmit would`, () => {
      const fast = parseSubmitLine(line);
      assert.ok(fast !== undefined, 'the fast path should take this line');
      const message = parseMessage(line);
      assert.equal(message.kind, 'request');
      if (message.kind !== 'request') return;
      assert.deepEqual(fast, { id: message.id, params: decodeSubmit(message.params) });
    });
  }

  for (const line of CASES.fallback) {
    it(`leaves ${line} to the general path`, () => {
      assert.equal(parseSubmitLine(line), undefined);
    });
  }
});
