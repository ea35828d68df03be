import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { bytesLEToTarget } from '../../lib/hash';
import { powValue } from '../../lib/pool/share-validator';

describe('powValue (the share validator reading a PoW hash as an integer)', () => {
  it('equals the byte-by-byte little-endian reading for edge and random hashes', () => {
    const cases = [Buffer.alloc(32), Buffer.alloc(32, 0xff), Buffer.from([1, ...Array<number>(31).fill(0)]), Buffer.from([...Array<number>(31).fill(0), 0x80])];
    for (let i = 0; i < 200; i++) cases.push(randomBytes(32));
    for (const bytes of cases) assert.equal(powValue(bytes), bytesLEToTarget(bytes), bytes.toString('hex'));
  });

  it('leaves the hash it reads untouched', () => {
    const bytes = Buffer.from('0102030405060708091011121314151617181920212223242526272829303132', 'hex');
    const copy = Buffer.from(bytes);
    assert.equal(powValue(bytes), 0x3231302928272625242322212019181716151413121110090807060504030201n);
    assert.deepEqual(bytes, copy);
  });
});
