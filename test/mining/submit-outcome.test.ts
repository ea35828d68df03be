// BIP22 result strings (as recorded from litecoind 0.21.2.1) to typed outcomes.
import assert from 'node:assert/strict';
import { combineOutcomes, outcomeFromResult } from '../../lib/mining/submit-outcome';

describe('submitblock outcomes', function () {
  const table: [unknown, string, string | undefined][] = [
    [null, 'accepted', undefined],
    ['duplicate', 'duplicate', 'duplicate'],
    ['inconclusive', 'inconclusive', 'inconclusive'],
    ['high-hash', 'rejected', 'high-hash'],
    ['bad-txnmrklroot', 'rejected', 'bad-txnmrklroot'],
    ['bad-cb-height', 'rejected', 'bad-cb-height'],
    ['mweb-missing', 'rejected', 'mweb-missing'],
    ['time-too-new', 'rejected', 'time-too-new'],
    [42, 'rejected', 'unexpected result 42'],
  ];
  for (const [result, kind, reason] of table) {
    it(`${JSON.stringify(result)} is ${kind}`, function () {
      assert.deepEqual(outcomeFromResult(result), reason === undefined ? { kind } : { kind, reason });
    });
  }

  it('one acceptance among several daemons wins', function () {
    assert.equal(combineOutcomes([{ kind: 'unreachable' }, { kind: 'accepted' }, { kind: 'duplicate' }]).kind, 'accepted');
    assert.equal(combineOutcomes([]).kind, 'unreachable');
  });
});
