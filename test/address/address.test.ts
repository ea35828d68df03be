import assert from 'node:assert/strict';
import {
  ADDRESS_ERROR_CODES,
  AddressError,
  addressToScript,
  base58CheckDecode,
  base58CheckEncode,
  base58Decode,
  base58Encode,
  decodeAddress,
  scriptToAddress,
} from '../../lib/address';
import { HashpoolError } from '../../lib/hash/errors';
import { getNetwork, NETWORKS } from '../../lib/protocol';
import { addressVectors, bech32Vectors } from './vectors';

const vectors = addressVectors();

function refusal(address: string, networkName: string): AddressError {
  try {
    addressToScript(address, getNetwork(networkName));
  } catch (error) {
    assert.ok(error instanceof AddressError, `expected AddressError, got ${String(error)}`);
    assert.ok(error instanceof HashpoolError);
    return error;
  }
  assert.fail(`'${address}' was accepted on ${networkName}`);
}

describe('base58 / base58check', () => {
  it('keeps leading zero bytes as 1s and round-trips', () => {
    const data = Buffer.from('0000ff0001', 'hex');
    assert.equal(base58Encode(data).slice(0, 2), '11');
    assert.deepEqual(base58Decode(base58Encode(data)), data);
    assert.equal(base58Encode(Buffer.alloc(0)), '');
  });

  it('decodes the Bitcoin genesis address to version 0 + hash160', () => {
    const payload = base58CheckDecode('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
    assert.equal(payload.toString('hex'), '0062e907b15cbf27d5425399ebf6f0fb50ebb88f18');
    assert.equal(base58CheckEncode(payload), '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
  });

  it('refuses characters outside the alphabet and bad checksums, with codes', () => {
    assert.throws(() => base58Decode('0OIl'), { code: 'ERR_ADDRESS_FORMAT' });
    assert.throws(() => base58CheckDecode('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb'), { code: 'ERR_ADDRESS_CHECKSUM' });
    assert.throws(() => base58CheckDecode('1111'), { code: 'ERR_ADDRESS_FORMAT' });
  });
});

describe('addressToScript / scriptToAddress (test/vectors/addresses.json)', () => {
  for (const v of vectors.valid) {
    it(`${v.network}: ${v.address}`, () => {
      const network = getNetwork(v.network);
      assert.equal(addressToScript(v.address, network).toString('hex'), v.script_hex);
      if (v.roundtrip) assert.equal(scriptToAddress(Buffer.from(v.script_hex, 'hex'), network), v.address);
    });
  }

  for (const v of vectors.invalid) {
    it(`${v.network} refuses ${JSON.stringify(v.address.length > 40 ? v.address.slice(0, 40) + '...' : v.address)}: ${v.reason}`, () => {
      const error = refusal(v.address, v.network);
      assert.equal(error.code, v.code, error.message);
    });
  }
});

describe('refusal messages say why', () => {
  it('an MWEB address: a coinbase cannot pay it', () => {
    const mweb = vectors.invalid.find((v) => v.code === 'ERR_ADDRESS_MWEB' && v.network === 'litecoin-regtest');
    assert.ok(mweb);
    const error = refusal(mweb.address, 'litecoin-regtest');
    assert.match(error.message, /a coinbase cannot pay to an MWEB address/);
    // On mainnet it also says the address is not even for this network.
    assert.match(refusal(mweb.address, 'litecoin-main').message, /litecoin-test, litecoin-regtest, not litecoin-main/);
  });

  it('a Bitcoin address on Litecoin names the network it belongs to', () => {
    assert.match(refusal('1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH', 'litecoin-main').message, /P2PKH address of bitcoin-main/);
    assert.match(refusal('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'litecoin-main').message, /belongs to bitcoin-main; litecoin-main expects 'ltc1/);
  });

  it('testnet on mainnet and mainnet on testnet name both sides', () => {
    assert.match(refusal('tltc1qw508d6qejxtdg4y5r3zarvary0c5xw7klfsuq0', 'litecoin-main').message, /belongs to litecoin-test/);
    assert.match(refusal('LVuDpNCSSj6pQ7t9Pv6d6sUkLKoqDEVUnJ', 'litecoin-test').message, /of litecoin-main, not of litecoin-test/);
  });

  it('unknown prefixes and version bytes are said to be unknown', () => {
    assert.match(refusal('tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty', 'bitcoin-main').message, /no known network/);
    const odd = base58CheckEncode(Buffer.concat([Buffer.from([250]), Buffer.alloc(20)]));
    assert.match(refusal(odd, 'bitcoin-main').message, /version byte 250, which no known network uses/);
  });
});

describe('BIP173/BIP350 segwit vectors through addressToScript', () => {
  const b = bech32Vectors();
  for (const v of b.segwit_valid) {
    it(`valid ${v.address}`, () => {
      const network = getNetwork(v.address.toLowerCase().startsWith('bc1') ? 'bitcoin-main' : 'bitcoin-test');
      assert.equal(addressToScript(v.address, network).toString('hex'), v.script_hex);
      assert.equal(scriptToAddress(Buffer.from(v.script_hex, 'hex'), network), v.address.toLowerCase());
    });
  }
  for (const v of b.segwit_invalid) {
    it(`invalid ${v.address} -> ${v.code}`, () => {
      for (const name of ['bitcoin-main', 'bitcoin-test']) {
        const error = refusal(v.address, name);
        const hrp = v.address.toLowerCase().slice(0, 2);
        const matching = (hrp === 'bc' && name === 'bitcoin-main') || (hrp === 'tb' && name === 'bitcoin-test');
        // On the other network either the structural error or the network error may come first.
        if (matching || v.code === 'ERR_ADDRESS_NETWORK') assert.equal(error.code, v.code, error.message);
      }
    });
  }
});

describe('scriptToAddress', () => {
  it('gives undefined for scripts that have no address', () => {
    const ltc = getNetwork('litecoin-main');
    assert.equal(scriptToAddress(Buffer.from('6a24aa21a9ed' + '00'.repeat(32), 'hex'), ltc), undefined);
    assert.equal(scriptToAddress(Buffer.alloc(0), ltc), undefined);
    assert.equal(scriptToAddress(Buffer.from('0015' + '00'.repeat(21), 'hex'), ltc), undefined);
    assert.equal(scriptToAddress(Buffer.from('0014' + '00'.repeat(20), 'hex'), getNetwork('dash-main')), undefined);
  });

  it('every network round-trips its own P2PKH and P2SH', () => {
    const h = Buffer.alloc(20, 7);
    for (const n of NETWORKS) {
      for (const script of [Buffer.concat([Buffer.from('76a914', 'hex'), h, Buffer.from('88ac', 'hex')]), Buffer.concat([Buffer.from('a914', 'hex'), h, Buffer.from('87', 'hex')])]) {
        const address = scriptToAddress(script, n);
        assert.ok(address !== undefined, n.name);
        assert.deepEqual(decodeAddress(address, n).script, script, n.name);
      }
    }
  });
});

describe('address error codes', () => {
  it('are unique and ERR_ADDRESS_*', () => {
    assert.equal(new Set(ADDRESS_ERROR_CODES).size, ADDRESS_ERROR_CODES.length);
    for (const code of ADDRESS_ERROR_CODES) assert.match(code, /^ERR_ADDRESS_[A-Z_]+$/);
  });
});
