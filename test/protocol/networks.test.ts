import assert from 'node:assert/strict';
import { DEFAULT_DIFFICULTY_FACTOR } from '../../lib/hash/api';
import { HashpoolError } from '../../lib/hash/errors';
import { ERR_PROTOCOL_UNKNOWN_NETWORK, getNetwork, NETWORK_NAMES, NETWORKS, UnknownNetworkError } from '../../lib/protocol';

describe('network params', () => {
  it('cover bitcoin, litecoin, dash and vertcoin on main, test and regtest', () => {
    for (const coin of ['bitcoin', 'litecoin', 'dash', 'vertcoin']) {
      for (const chain of ['main', 'test', 'regtest']) {
        const n = getNetwork(`${coin}-${chain}`);
        assert.equal(n.coin, coin);
        assert.equal(n.chain, chain);
      }
    }
    assert.equal(NETWORKS.length, 12);
    assert.deepEqual([...NETWORK_NAMES], NETWORKS.map((n) => n.name));
  });

  for (const n of NETWORKS) {
    it(`${n.name} is sane`, () => {
      assert.match(n.p2pMagic, /^[0-9a-f]{8}$/, 'magic is 4 bytes of lower-case hex');
      assert.match(n.genesisHash, /^[0-9a-f]{64}$/);
      for (const port of [n.p2pPort, n.rpcPort]) assert.ok(Number.isInteger(port) && port > 0 && port < 65536);
      assert.notEqual(n.p2pPort, n.rpcPort);
      for (const v of [n.pubkeyHashVersion, ...n.scriptHashVersions]) assert.ok(Number.isInteger(v) && v >= 0 && v <= 255);
      assert.ok(n.scriptHashVersions.length >= 1);
      assert.ok(!n.scriptHashVersions.includes(n.pubkeyHashVersion), 'P2PKH and P2SH versions differ');
      if (n.bech32Hrp !== undefined) assert.match(n.bech32Hrp, /^[a-z]{2,6}$/);
      if (n.mwebHrp !== undefined) assert.match(n.mwebHrp, /^[a-z]+mweb$/);
      assert.ok(Number.isInteger(n.bip34Height) && n.bip34Height >= 0);
      assert.equal(n.coinbaseMaturity, 100);
      assert.ok(n.protocolVersion >= 70015);
      assert.equal(n.difficultyFactor, DEFAULT_DIFFICULTY_FACTOR[n.pow.algorithm]);
      assert.ok(Object.isFrozen(n) && Object.isFrozen(n.pow) && Object.isFrozen(n.scriptHashVersions) && Object.isFrozen(n.gbtRules));
      // Dash names blocks by their X11 hash; the others by sha256d of the header.
      assert.equal(n.blockHashAlgorithm, n.coin === 'dash' ? 'pow' : 'sha256d');
    });
  }

  it('keep (name, magic, port) distinct so two daemons on one host are told apart', () => {
    const seen = new Set(NETWORKS.map((n) => `${n.p2pMagic}:${n.p2pPort}`));
    assert.equal(seen.size, NETWORKS.length);
    const hrps = NETWORKS.flatMap((n) => (n.bech32Hrp === undefined ? [] : [n.bech32Hrp]));
    assert.equal(new Set(hrps).size, hrps.length, 'bech32 HRPs are unique');
  });

  it('litecoin regtest matches what a real litecoind 0.21.2.1 showed', () => {
    const n = getNetwork('litecoin-regtest');
    assert.equal(n.p2pMagic, 'fabfb5da');
    assert.equal(n.p2pPort, 19444);
    assert.equal(n.rpcPort, 19443);
    assert.equal(n.genesisHash, '530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9');
    assert.equal(n.bip34Height, 500);
    assert.equal(n.bech32Hrp, 'rltc');
    assert.equal(n.mwebHrp, 'tmweb');
    assert.deepEqual([...n.scriptHashVersions].sort((a, b) => a - b), [58, 196]);
    assert.deepEqual([...n.gbtRules].sort(), ['mweb', 'segwit']);
    assert.deepEqual(n.pow, { algorithm: 'scrypt', scryptN: 1024 });
    assert.equal(n.difficultyFactor, 65536);
    assert.equal(n.protocolVersion, 70016);
  });

  it('litecoin accepts both the old and the new P2SH version bytes', () => {
    assert.deepEqual(getNetwork('litecoin-main').scriptHashVersions, [50, 5]);
    assert.deepEqual(getNetwork('litecoin-test').scriptHashVersions, [58, 196]);
  });

  it('vertcoin is described but refused for mining, with the reason', () => {
    for (const chain of ['main', 'test', 'regtest']) {
      const n = getNetwork(`vertcoin-${chain}`);
      assert.match(n.miningUnsupported ?? '', /Verthash/);
      assert.equal(n.scryptNSchedule, 'vertcoin');
      assert.equal(n.pow.scryptN, undefined);
    }
    for (const n of NETWORKS.filter((x) => x.coin !== 'vertcoin')) assert.equal(n.miningUnsupported, undefined);
  });

  it('getNetwork refuses unknown names with a typed error listing the valid ones', () => {
    assert.throws(
      () => getNetwork('litecoin-testnet'),
      (error: unknown) => {
        assert.ok(error instanceof UnknownNetworkError && error instanceof HashpoolError);
        assert.equal(error.code, ERR_PROTOCOL_UNKNOWN_NETWORK);
        assert.equal(error.requested, 'litecoin-testnet');
        for (const name of NETWORK_NAMES) assert.ok(error.message.includes(name), name);
        return true;
      },
    );
  });
});
