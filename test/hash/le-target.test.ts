// Little-endian 256-bit integers <-> bytes, which the pool runs for every share: checked
// against a plain byte-by-byte reference on edge and random values.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { bytesLEToTarget, targetToBytesLE } from '../../lib/hash';

function referenceValue(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] ?? 0);
  return value;
}

describe('little-endian target bytes', () => {
  const cases = [Buffer.alloc(32), Buffer.alloc(32, 0xff), Buffer.from([1, ...Array<number>(31).fill(0)]), Buffer.from([...Array<number>(31).fill(0), 0x80])];
  for (let i = 0; i < 200; i++) cases.push(randomBytes(32));

  it('bytesLEToTarget equals the byte-by-byte reading and round-trips through targetToBytesLE', () => {
    for (const bytes of cases) {
      assert.equal(bytesLEToTarget(bytes), referenceValue(bytes), bytes.toString('hex'));
      assert.deepEqual(targetToBytesLE(bytesLEToTarget(bytes)), bytes);
    }
    assert.equal(bytesLEToTarget(new Uint8Array(0)), 0n);
  });

  it('leaves the bytes it reads untouched', () => {
    const bytes = Buffer.from('0102030405060708091011121314151617181920212223242526272829303132', 'hex');
    const copy = Buffer.from(bytes);
    assert.equal(bytesLEToTarget(bytes), 0x3231302928272625242322212019181716151413121110090807060504030201n);
    assert.deepEqual(bytes, copy);
  });
});
