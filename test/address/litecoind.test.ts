// Cross-checks the address decoder against a real litecoind 0.21.2.1 regtest: every address
// type the wallet makes must map to the scriptPubKey litecoind's validateaddress reports, and
// an MWEB address (which validateaddress shows with an empty scriptPubKey) must be refused.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { AddressError, addressToScript, base58CheckEncode, ERR_ADDRESS_MWEB, scriptToAddress } from '../../lib/address';
import { getNetwork } from '../../lib/protocol';
import { LITECOIND, startLitecoind, type AddressType, type LitecoindNode } from '../util/litecoind';

interface ValidateAddressReply {
  isvalid: boolean;
  scriptPubKey?: string;
  ismweb?: boolean;
}

describe('addresses against a real litecoind (regtest)', function () {
  this.timeout(120_000);
  const network = getNetwork('litecoin-regtest');
  let node: LitecoindNode | undefined;

  before(async function () {
    if (!existsSync(LITECOIND)) this.skip();
    node = await startLitecoind();
  });

  after(async () => {
    await node?.stop();
  });

  const types: AddressType[] = ['legacy', 'p2sh-segwit', 'bech32'];
  for (const type of types) {
    it(`${type}: addressToScript equals validateaddress's scriptPubKey (5 fresh addresses)`, async () => {
      assert.ok(node);
      for (let i = 0; i < 5; i++) {
        const address: string = await node.newAddress(type);
        const reply: ValidateAddressReply = await node.rpc<ValidateAddressReply>('validateaddress', address);
        assert.equal(reply.isvalid, true);
        const script = addressToScript(address, network);
        assert.equal(script.toString('hex'), reply.scriptPubKey, address);
        assert.equal(scriptToAddress(script, network), address);
      }
    });
  }

  it('a P2SH address re-encoded with the old version byte 196 is the same script to litecoind', async () => {
    assert.ok(node);
    const address: string = await node.newAddress('p2sh-segwit');
    const script = addressToScript(address, network);
    const old = base58CheckEncode(Buffer.concat([Buffer.from([196]), script.subarray(2, 22)]));
    const reply: ValidateAddressReply = await node.rpc<ValidateAddressReply>('validateaddress', old);
    assert.equal(reply.isvalid, true);
    assert.equal(reply.scriptPubKey, script.toString('hex'));
    assert.deepEqual(addressToScript(old, network), script);
  });

  it('an MWEB address from the wallet is refused with ERR_ADDRESS_MWEB', async () => {
    assert.ok(node);
    const address: string = await node.newAddress('mweb');
    const reply: ValidateAddressReply = await node.rpc<ValidateAddressReply>('validateaddress', address);
    assert.equal(reply.ismweb, true);
    assert.equal(reply.scriptPubKey, '');
    assert.throws(
      () => addressToScript(address, network),
      (error: unknown) => error instanceof AddressError && error.code === ERR_ADDRESS_MWEB && /coinbase cannot pay/.test(error.message),
    );
  });

  it('addresses of other networks: litecoind rejects them, hashpool too', async () => {
    assert.ok(node);
    // Valid on bitcoin-regtest, litecoin-main and litecoin-main respectively.
    for (const address of [
      'bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080',
      'ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9',
      'LVuDpNCSSj6pQ7t9Pv6d6sUkLKoqDEVUnJ',
    ]) {
      const reply: ValidateAddressReply = await node.rpc<ValidateAddressReply>('validateaddress', address);
      assert.equal(reply.isvalid, false, address);
      assert.throws(() => addressToScript(address, network), AddressError, address);
    }
  });
});
