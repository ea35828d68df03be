// Chain parameters as plain data. Nothing here is selected globally: callers pass a
// NetworkParams into whatever needs one (style.md habit 4).
//
// Sources, read for facts only:
//   bitcoin   bitcoin/bitcoin src/kernel/chainparams.cpp + chainparamsbase.cpp (Bitcoin Core 22+;
//             regtest BIP34 became height 1 there, it was 500 up to 0.21)
//   litecoin  litecoin-project/litecoin src/chainparams.cpp at v0.21.2.1, and what a real
//             litecoind 0.21.2.1 regtest did (shared/notes/litecoind-regtest.md)
//   dash      dashpay/dash src/chainparams.cpp, chainparamsbase.cpp, version.h (Dash Core 20/21)
//   vertcoin  vertcoin-project/vertcoin-core src/chainparams.cpp (commit 019cb40, the 0.1x line)
//             and src/chainparamsbase.cpp (commit bf4086d)
import type { PowSpec } from '../hash/api';
import { HashpoolError } from '../hash/errors';

export type Coin = 'bitcoin' | 'litecoin' | 'dash' | 'vertcoin';
export type Chain = 'main' | 'test' | 'regtest';

export interface NetworkParams {
  /** `<coin>-<chain>`, e.g. 'litecoin-regtest'. */
  readonly name: string;
  readonly coin: Coin;
  readonly chain: Chain;
  readonly pow: PowSpec;
  /**
   * Set when scrypt's N is not fixed but follows Vertcoin's Nfactor-by-block-time schedule
   * (hash.vertcoinNFactorAt; N = 2^(Nfactor+1)); pow.scryptN is then absent.
   */
  readonly scryptNSchedule?: 'vertcoin';
  /** Present when the pool must refuse to mine this network; says why. */
  readonly miningUnsupported?: string;
  /** Stratum difficulty 1 as a multiple of the sha256d diff-1 target. */
  readonly difficultyFactor: number;
  /** The hash that names a block: sha256d of the header, or the PoW hash itself (Dash). */
  readonly blockHashAlgorithm: 'sha256d' | 'pow';
  readonly pubkeyHashVersion: number;
  /** Every P2SH version byte the node accepts; the first is the one it displays. */
  readonly scriptHashVersions: readonly number[];
  readonly bech32Hrp?: string;
  /** Litecoin's MWEB stealth-address HRP; such addresses cannot be paid by a coinbase. */
  readonly mwebHrp?: string;
  /** Hex, wire order (the first byte on the wire first). */
  readonly p2pMagic: string;
  readonly p2pPort: number;
  readonly rpcPort: number;
  /** RPC (display) byte order. */
  readonly genesisHash: string;
  /** What getblocktemplate must be asked for in "rules". */
  readonly gbtRules: readonly string[];
  /** From this height the coinbase must start with the height push (pools always push it). */
  readonly bip34Height: number;
  readonly coinbaseMaturity: number;
  readonly protocolVersion: number;
}

const SHA256D: PowSpec = { algorithm: 'sha256d' };
// Litecoin's scrypt: N=1024, r=1, p=1 over the 80-byte header.
const SCRYPT_LTC: PowSpec = { algorithm: 'scrypt', scryptN: 1024 };
const X11: PowSpec = { algorithm: 'x11' };

// Vertcoin has changed PoW four times: scrypt-N (launch, Jan 2014), Lyra2RE (Dec 2014),
// Lyra2REv2 (2015), Lyra2REv3 (2019) and Verthash since 2021. Only scrypt-N is in lib/hash, so
// the params describe that historical PoW (useful for verifying early headers) and mining is
// refused: a share hashed with scrypt-N would never be a valid Vertcoin block today.
const VERTCOIN_POW: PowSpec = { algorithm: 'scrypt' };
const VERTCOIN_UNSUPPORTED =
  'Vertcoin mines with Verthash since 2021 (after scrypt-N and Lyra2RE v1-v3); hashpool implements only the historical scrypt-N, so it cannot produce valid Vertcoin blocks';

const BITCOIN_MAIN: NetworkParams = {
  name: 'bitcoin-main',
  coin: 'bitcoin',
  chain: 'main',
  pow: SHA256D,
  difficultyFactor: 1,
  blockHashAlgorithm: 'sha256d',
  pubkeyHashVersion: 0,
  scriptHashVersions: [5],
  bech32Hrp: 'bc',
  p2pMagic: 'f9beb4d9',
  p2pPort: 8333,
  rpcPort: 8332,
  genesisHash: '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f',
  gbtRules: ['segwit'],
  bip34Height: 227931,
  coinbaseMaturity: 100,
  protocolVersion: 70016,
};

const BITCOIN_TEST: NetworkParams = {
  ...BITCOIN_MAIN,
  name: 'bitcoin-test', // testnet3
  chain: 'test',
  pubkeyHashVersion: 111,
  scriptHashVersions: [196],
  bech32Hrp: 'tb',
  p2pMagic: '0b110907',
  p2pPort: 18333,
  rpcPort: 18332,
  genesisHash: '000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943',
  bip34Height: 21111,
};

const BITCOIN_REGTEST: NetworkParams = {
  ...BITCOIN_TEST,
  name: 'bitcoin-regtest',
  chain: 'regtest',
  bech32Hrp: 'bcrt',
  p2pMagic: 'fabfb5da',
  p2pPort: 18444,
  rpcPort: 18443,
  genesisHash: '0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206',
  bip34Height: 1,
};

const LITECOIN_MAIN: NetworkParams = {
  name: 'litecoin-main',
  coin: 'litecoin',
  chain: 'main',
  pow: SCRYPT_LTC,
  difficultyFactor: 65536,
  blockHashAlgorithm: 'sha256d',
  pubkeyHashVersion: 48,
  // SCRIPT_ADDRESS2 (50, 'M...') is what Litecoin Core prints; the old 5 ('3...') still decodes.
  scriptHashVersions: [50, 5],
  bech32Hrp: 'ltc',
  mwebHrp: 'ltcmweb',
  p2pMagic: 'fbc0b6db',
  p2pPort: 9333,
  rpcPort: 9332,
  genesisHash: '12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04bfe2',
  // litecoind 0.21 refuses getblocktemplate without both rules, before and after MWEB activation.
  gbtRules: ['segwit', 'mweb'],
  bip34Height: 710000,
  coinbaseMaturity: 100,
  protocolVersion: 70016,
};

const LITECOIN_TEST: NetworkParams = {
  ...LITECOIN_MAIN,
  name: 'litecoin-test', // testnet4
  chain: 'test',
  pubkeyHashVersion: 111,
  scriptHashVersions: [58, 196],
  bech32Hrp: 'tltc',
  mwebHrp: 'tmweb',
  p2pMagic: 'fdd2c8f1',
  p2pPort: 19335,
  rpcPort: 19332,
  genesisHash: '4966625a4b2851d9fdee139e56211a0d88575f59ed816ff5e6a63deb4e3e29a0',
  bip34Height: 76,
};

const LITECOIN_REGTEST: NetworkParams = {
  ...LITECOIN_TEST,
  name: 'litecoin-regtest',
  chain: 'regtest',
  bech32Hrp: 'rltc',
  mwebHrp: 'tmweb', // the same as testnet's
  p2pMagic: 'fabfb5da', // the same as Bitcoin regtest's; only the ports tell them apart
  p2pPort: 19444,
  rpcPort: 19443,
  genesisHash: '530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9',
  bip34Height: 500,
};

// Dash has no segwit (no bech32 HRP, GBT needs no rules). Its block hash is the X11 hash.
const DASH_MAIN: NetworkParams = {
  name: 'dash-main',
  coin: 'dash',
  chain: 'main',
  pow: X11,
  difficultyFactor: 1,
  blockHashAlgorithm: 'pow',
  pubkeyHashVersion: 76,
  scriptHashVersions: [16],
  p2pMagic: 'bf0c6bbd',
  p2pPort: 9999,
  rpcPort: 9998,
  genesisHash: '00000ffd590b1485b3caadc19b22e6379c733355108f107a430458cdf3407ab6',
  gbtRules: [],
  bip34Height: 951,
  coinbaseMaturity: 100,
  protocolVersion: 70233,
};

const DASH_TEST: NetworkParams = {
  ...DASH_MAIN,
  name: 'dash-test',
  chain: 'test',
  pubkeyHashVersion: 140,
  scriptHashVersions: [19],
  p2pMagic: 'cee2caff',
  p2pPort: 19999,
  rpcPort: 19998,
  genesisHash: '00000bafbc94add76cb75e2ec92894837288a481e5c005f6563d91623bf8bc2c',
  bip34Height: 76,
};

const DASH_REGTEST: NetworkParams = {
  ...DASH_TEST,
  name: 'dash-regtest',
  chain: 'regtest',
  p2pMagic: 'fcc1b7dc',
  p2pPort: 19899,
  rpcPort: 19898,
  genesisHash: '000008ca1832a4baf228eb1553c03d3a2c8e02399550dd6ea8d65cec3ef23d2e',
  bip34Height: 1,
};

// Vertcoin's block hash stays sha256d of the header whatever the PoW. BIP34 came through a
// version-bits deployment (no fixed height in chainparams), so 0 here means "always push it".
const VERTCOIN_MAIN: NetworkParams = {
  name: 'vertcoin-main',
  coin: 'vertcoin',
  chain: 'main',
  pow: VERTCOIN_POW,
  scryptNSchedule: 'vertcoin',
  miningUnsupported: VERTCOIN_UNSUPPORTED,
  difficultyFactor: 65536,
  blockHashAlgorithm: 'sha256d',
  pubkeyHashVersion: 71,
  scriptHashVersions: [5],
  bech32Hrp: 'vtc',
  p2pMagic: 'fabfb5da', // the same bytes as Bitcoin's and Litecoin's regtest
  p2pPort: 5889,
  rpcPort: 5888,
  genesisHash: '4d96a915f49d40b1e5c2844d1ee2dccb90013a990ccea12c492d22110489f0c4',
  gbtRules: ['segwit'],
  bip34Height: 0,
  coinbaseMaturity: 100,
  protocolVersion: 70015,
};

const VERTCOIN_TEST: NetworkParams = {
  ...VERTCOIN_MAIN,
  name: 'vertcoin-test',
  chain: 'test',
  pubkeyHashVersion: 74,
  scriptHashVersions: [196],
  bech32Hrp: 'tvtc',
  p2pMagic: '76657274', // ASCII "vert"
  p2pPort: 15889,
  rpcPort: 15888,
  genesisHash: 'cee8f24feb7a64c8f07916976aa4855decac79b6741a8ec2e32e2747497ad2c9',
};

const VERTCOIN_REGTEST: NetworkParams = {
  ...VERTCOIN_TEST,
  name: 'vertcoin-regtest',
  chain: 'regtest',
  bech32Hrp: 'rvct', // sic: "rvct", not "rvtc", in Vertcoin's chainparams
  p2pMagic: 'fabeb5db',
  p2pPort: 18444,
  rpcPort: 18443,
  genesisHash: '2399c0b047ebbbd1650d66867206c97317027b1a1932bc6fc17ce833dc4a85ce',
};

export const NETWORKS: readonly NetworkParams[] = Object.freeze(
  [
    BITCOIN_MAIN,
    BITCOIN_TEST,
    BITCOIN_REGTEST,
    LITECOIN_MAIN,
    LITECOIN_TEST,
    LITECOIN_REGTEST,
    DASH_MAIN,
    DASH_TEST,
    DASH_REGTEST,
    VERTCOIN_MAIN,
    VERTCOIN_TEST,
    VERTCOIN_REGTEST,
  ].map(freezeNetwork),
);

function freezeNetwork(n: NetworkParams): NetworkParams {
  Object.freeze(n.pow);
  Object.freeze(n.scriptHashVersions);
  Object.freeze(n.gbtRules);
  return Object.freeze(n);
}

export const NETWORK_NAMES: readonly string[] = Object.freeze(NETWORKS.map((n) => n.name));

export const ERR_PROTOCOL_UNKNOWN_NETWORK = 'ERR_PROTOCOL_UNKNOWN_NETWORK';

export class UnknownNetworkError extends HashpoolError {
  constructor(readonly requested: string) {
    super(ERR_PROTOCOL_UNKNOWN_NETWORK, `unknown network '${requested}'; valid names: ${NETWORK_NAMES.join(', ')}`);
  }
}

export function getNetwork(name: string): NetworkParams {
  const found = NETWORKS.find((n) => n.name === name);
  if (found === undefined) throw new UnknownNetworkError(name);
  return found;
}
