// Consensus rules a headers-only client can check: the genesis header, the proof-of-work
// limit and what nBits each header must carry (Bitcoin Core's GetNextWorkRequired, with
// Litecoin's one-block-further lookback and its overflow shift). Pure functions over a
// parent-linked chain; no I/O.
//
// Facts from bitcoin/bitcoin src/pow.cpp + kernel/chainparams.cpp and
// litecoin-project/litecoin src/pow.cpp + chainparams.cpp (v0.21.2.1), read for facts only.
// Genesis headers are checked against NetworkParams.genesisHash by the store and the tests.
//
// Not checked here (a headers-only store cannot or does not): median-time-past and
// future-time limits, block version rules (BIP34/65/66/9 signalling), checkpoints and
// anything that needs the block body.
import type { NetworkParams } from '../protocol/networks';
import { HashpoolError } from '../hash/errors';

export const ERR_P2P_HEADERS_UNSUPPORTED_NETWORK = 'ERR_P2P_HEADERS_UNSUPPORTED_NETWORK';

export class HeadersUnsupportedNetworkError extends HashpoolError {
  constructor(name: string) {
    super(
      ERR_P2P_HEADERS_UNSUPPORTED_NETWORK,
      `headers store supports bitcoin and litecoin networks only (Dash's DGW and Vertcoin's PoW changes are not implemented), not '${name}'`,
    );
  }
}

export interface ChainRules {
  /** 80 bytes. */
  genesisHeader: Buffer;
  /** Compact form of the PoW limit, what min-difficulty blocks carry. */
  powLimitBits: number;
  powLimit: bigint;
  /** Blocks between retargets. */
  interval: number;
  targetTimespan: number;
  targetSpacing: number;
  /** Testnets and regtest: a block 2 spacings late may use the PoW limit. */
  allowMinDifficulty: boolean;
  /** Regtest: the retarget keeps the previous bits. */
  noRetargeting: boolean;
  /** Litecoin looks back a full interval (not interval-1) except for the first retarget, and shifts to avoid overflow. */
  litecoinRetarget: boolean;
}

/** What the rules need to know about a header already in the chain. */
export interface ChainLink {
  readonly height: number;
  readonly time: number;
  readonly bits: number;
  readonly parent: ChainLink | undefined;
}

const BITCOIN_MERKLE = '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b';
const LITECOIN_MERKLE = '97ddfbbae6be97fd6cdf3e7ca13232a3afff2353e29badfab7f73011edd4ced9';

function genesis(merkleDisplayHex: string, time: number, bits: number, nonce: number): Buffer {
  const header = Buffer.alloc(80);
  header.writeInt32LE(1, 0);
  Buffer.from(merkleDisplayHex, 'hex').reverse().copy(header, 36);
  header.writeUInt32LE(time, 68);
  header.writeUInt32LE(bits, 72);
  header.writeUInt32LE(nonce, 76);
  return header;
}

const LIMIT_BTC = (1n << 224n) - 1n; // 00000000ffff...ff
const LIMIT_LTC = (1n << 236n) - 1n; // 00000fffff...ff
const LIMIT_REGTEST = (1n << 255n) - 1n; // 7fff...ff

const TWO_WEEKS = 14 * 24 * 3600;
const THREE_AND_HALF_DAYS = 3.5 * 24 * 3600;

function rules(
  genesisHeader: Buffer,
  powLimit: bigint,
  powLimitBits: number,
  timespan: number,
  spacing: number,
  flags: { allowMinDifficulty: boolean; noRetargeting: boolean; litecoinRetarget: boolean },
): ChainRules {
  return { genesisHeader, powLimit, powLimitBits, interval: timespan / spacing, targetTimespan: timespan, targetSpacing: spacing, ...flags };
}

const MAIN = { allowMinDifficulty: false, noRetargeting: false };
const TEST = { allowMinDifficulty: true, noRetargeting: false };
const REGTEST = { allowMinDifficulty: true, noRetargeting: true };
const BTC = { litecoinRetarget: false };
const LTC = { litecoinRetarget: true };

const RULES: Readonly<Record<string, ChainRules>> = {
  'bitcoin-main': rules(genesis(BITCOIN_MERKLE, 1231006505, 0x1d00ffff, 2083236893), LIMIT_BTC, 0x1d00ffff, TWO_WEEKS, 600, { ...MAIN, ...BTC }),
  'bitcoin-test': rules(genesis(BITCOIN_MERKLE, 1296688602, 0x1d00ffff, 414098458), LIMIT_BTC, 0x1d00ffff, TWO_WEEKS, 600, { ...TEST, ...BTC }),
  'bitcoin-regtest': rules(genesis(BITCOIN_MERKLE, 1296688602, 0x207fffff, 2), LIMIT_REGTEST, 0x207fffff, TWO_WEEKS, 600, { ...REGTEST, ...BTC }),
  'litecoin-main': rules(genesis(LITECOIN_MERKLE, 1317972665, 0x1e0ffff0, 2084524493), LIMIT_LTC, 0x1e0fffff, THREE_AND_HALF_DAYS, 150, { ...MAIN, ...LTC }),
  'litecoin-test': rules(genesis(LITECOIN_MERKLE, 1486949366, 0x1e0ffff0, 293345), LIMIT_LTC, 0x1e0fffff, THREE_AND_HALF_DAYS, 150, { ...TEST, ...LTC }),
  'litecoin-regtest': rules(genesis(LITECOIN_MERKLE, 1296688602, 0x207fffff, 0), LIMIT_REGTEST, 0x207fffff, THREE_AND_HALF_DAYS, 150, { ...REGTEST, ...LTC }),
};

export function chainRules(network: NetworkParams): ChainRules {
  const found = RULES[network.name];
  if (found === undefined || network.blockHashAlgorithm !== 'sha256d') throw new HeadersUnsupportedNetworkError(network.name);
  return found;
}

/** Codec for compact targets, injected so this file stays free of the native addon. */
export interface CompactCodec {
  bitsToTarget(bits: number): bigint;
  targetToBits(target: bigint): number;
}

function ancestorAt(link: ChainLink, height: number): ChainLink {
  let at: ChainLink | undefined = link;
  while (at !== undefined && at.height > height) at = at.parent;
  if (at === undefined || at.height !== height) throw new RangeError(`no ancestor at height ${height}`);
  return at;
}

/** The nBits a child of `parent` with timestamp `time` must carry. */
export function expectedBits(rules: ChainRules, codec: CompactCodec, parent: ChainLink, time: number): number {
  const height = parent.height + 1;
  if (height % rules.interval !== 0) {
    if (!rules.allowMinDifficulty) return parent.bits;
    if (time > parent.time + rules.targetSpacing * 2) return rules.powLimitBits;
    // Otherwise the last block of this period that was not a min-difficulty one.
    let at = parent;
    while (at.parent !== undefined && at.height % rules.interval !== 0 && at.bits === rules.powLimitBits) at = at.parent;
    return at.bits;
  }
  if (rules.noRetargeting) return parent.bits;
  // Litecoin's fix for the time-warp attack: the window reaches one block further back,
  // except at the first retarget where that block would not exist.
  const back = rules.litecoinRetarget && height !== rules.interval ? rules.interval : rules.interval - 1;
  const first = ancestorAt(parent, parent.height - back);
  return retarget(rules, codec, parent.bits, parent.time - first.time);
}

/** CalculateNextWorkRequired for a retarget block. */
export function retarget(rules: ChainRules, codec: CompactCodec, lastBits: number, actualTimespan: number): number {
  const span = Math.min(Math.max(actualTimespan, rules.targetTimespan / 4), rules.targetTimespan * 4);
  let target = codec.bitsToTarget(lastBits);
  // Litecoin drops the lowest bit before multiplying so a 256-bit integer cannot overflow;
  // BigInt cannot, but the dropped bit changes the result, so it is reproduced.
  const shift = rules.litecoinRetarget && bitLength(target) > bitLength(rules.powLimit) - 1;
  if (shift) target >>= 1n;
  target = (target * BigInt(span)) / BigInt(rules.targetTimespan);
  if (shift) target <<= 1n;
  if (target > rules.powLimit) target = rules.powLimit;
  return codec.targetToBits(target);
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** Work a header with this target represents: 2^256 / (target + 1). */
export function workOf(target: bigint): bigint {
  return (1n << 256n) / (target + 1n);
}
