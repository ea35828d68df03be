import assert from 'node:assert/strict';
import {
  AddressError,
  bech32Decode,
  bech32Encode,
  convertBits,
  decodeSegwitAddress,
  encodeSegwitAddress,
  type Bech32Encoding,
} from '../../lib/address';
import { bech32Vectors } from './vectors';

const vectors = bech32Vectors();
const printable = (s: string): string => JSON.stringify(s);

function assertCode(fn: () => unknown, code: string, what: string): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AddressError, `${what}: expected AddressError, got ${String(error)}`);
    assert.equal(error.code, code, `${what}: ${error.message}`);
    return true;
  });
}

describe('bech32 / bech32m strings (BIP173, BIP350 vectors)', () => {
  const cases: [Bech32Encoding, string[], { string: string; reason: string; code: string }[]][] = [
    ['bech32', vectors.bech32_valid, vectors.bech32_invalid],
    ['bech32m', vectors.bech32m_valid, vectors.bech32m_invalid],
  ];
  for (const [encoding, valid, invalid] of cases) {
    for (const text of valid) {
      it(`${encoding} valid ${printable(text)} decodes as ${encoding} and re-encodes`, () => {
        const parts = bech32Decode(text);
        assert.equal(parts.encoding, encoding);
        assert.equal(bech32Encode(parts.hrp, parts.words, encoding), text.toLowerCase());
      });
    }
    for (const v of invalid) {
      it(`${encoding} invalid ${printable(v.string)} (${v.reason})`, () => {
        assertCode(() => bech32Decode(v.string), v.code, v.string);
      });
    }
  }

  it('a valid string of one variant is not valid as the other', () => {
    for (const text of vectors.bech32_valid) assert.equal(bech32Decode(text).encoding, 'bech32');
    for (const text of vectors.bech32m_valid) assert.equal(bech32Decode(text).encoding, 'bech32m');
  });

  it('the 0..31 data vector carries the values 0..31', () => {
    const parts = bech32Decode('abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw');
    assert.deepEqual(parts.words, [...Array(32).keys()]);
  });
});

describe('segwit addresses (BIP173, BIP350 vectors)', () => {
  for (const v of vectors.segwit_valid) {
    it(`valid ${v.address} -> ${v.script_hex}`, () => {
      const decoded = decodeSegwitAddress(v.address);
      const script = Buffer.from(v.script_hex, 'hex');
      const version = script[0] === 0 ? 0 : script[0] - 0x50;
      assert.equal(decoded.version, version);
      assert.equal(decoded.program.toString('hex'), v.script_hex.slice(4));
      assert.equal(encodeSegwitAddress(decoded.hrp, decoded.version, decoded.program), v.address.toLowerCase());
    });
  }

  // The network check is address.ts's; here only the network-free decoding is exercised.
  for (const v of vectors.segwit_invalid.filter((x) => x.code !== 'ERR_ADDRESS_NETWORK')) {
    it(`invalid ${v.address} (${v.reason}) -> ${v.code}`, () => {
      assertCode(() => decodeSegwitAddress(v.address), v.code, v.address);
    });
  }

  it('encodeSegwitAddress refuses what decode would refuse', () => {
    assertCode(() => encodeSegwitAddress('bc', 17, Buffer.alloc(20)), 'ERR_ADDRESS_WITNESS_VERSION', 'v17');
    assertCode(() => encodeSegwitAddress('bc', 0, Buffer.alloc(21)), 'ERR_ADDRESS_PROGRAM_LENGTH', 'v0 21 bytes');
    assertCode(() => encodeSegwitAddress('bc', 1, Buffer.alloc(1)), 'ERR_ADDRESS_PROGRAM_LENGTH', 'v1 1 byte');
    assertCode(() => encodeSegwitAddress('bc', 1, Buffer.alloc(41)), 'ERR_ADDRESS_PROGRAM_LENGTH', 'v1 41 bytes');
  });

  it('convertBits pads 8-to-5 and refuses bad 5-to-8 padding', () => {
    assert.deepEqual(convertBits([0xff], 8, 5, true), [31, 28]);
    assert.deepEqual(convertBits([31, 28], 5, 8, false), [0xff]);
    assert.equal(convertBits([31, 29], 5, 8, false), undefined);
    assert.equal(convertBits([31, 28, 0], 5, 8, false), undefined);
  });
});
