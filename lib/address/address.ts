// Payout address <-> scriptPubKey for a given network. Pure apart from sha256d for base58check.
import type { NetworkParams } from '../protocol/networks';
import { NETWORKS } from '../protocol/networks';
import { base58CheckDecode, base58CheckEncode } from './base58';
import { decodeSegwitAddress, encodeSegwitAddress } from './bech32';
import { AddressError, ERR_ADDRESS_FORMAT, ERR_ADDRESS_MWEB, ERR_ADDRESS_NETWORK } from './errors';

export type AddressType = 'p2pkh' | 'p2sh' | 'witness';

export interface DecodedAddress {
  type: AddressType;
  /** Witness version; 0 for the base58 types. */
  version: number;
  /** hash160 for p2pkh/p2sh, the witness program otherwise. */
  program: Buffer;
  script: Buffer;
}

const OP_0 = 0x00;
const OP_1 = 0x51;
const OP_DUP = 0x76;
const OP_HASH160 = 0xa9;
const OP_EQUAL = 0x87;
const OP_EQUALVERIFY = 0x88;
const OP_CHECKSIG = 0xac;
const BASE58_CHARS = /^[1-9A-HJ-NP-Za-km-z]+$/;

export function p2pkhScript(hash160: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([OP_DUP, OP_HASH160, 20]), hash160, Buffer.from([OP_EQUALVERIFY, OP_CHECKSIG])]);
}

export function p2shScript(hash160: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([OP_HASH160, 20]), hash160, Buffer.from([OP_EQUAL])]);
}

export function witnessScript(version: number, program: Uint8Array): Buffer {
  const op = version === 0 ? OP_0 : OP_1 + version - 1;
  return Buffer.concat([Buffer.from([op, program.length]), program]);
}

function names(list: readonly NetworkParams[]): string {
  return list.map((n) => n.name).join(', ');
}

function bech32HrpOf(text: string): string | undefined {
  const sep = text.lastIndexOf('1');
  return sep > 0 ? text.slice(0, sep).toLowerCase() : undefined;
}

function refuseMweb(address: string, hrp: string, network: NetworkParams): never {
  const owners = NETWORKS.filter((n) => n.mwebHrp === hrp);
  const where = network.mwebHrp === hrp ? '' : ` (it belongs to ${names(owners)}, not ${network.name})`;
  throw new AddressError(
    ERR_ADDRESS_MWEB,
    `'${address.slice(0, 24)}...' is an MWEB address${where}: a coinbase cannot pay to an MWEB address; use a legacy, P2SH or bech32 address`,
  );
}

function decodeWitness(address: string, network: NetworkParams): DecodedAddress {
  const decoded = decodeSegwitAddress(address);
  if (network.bech32Hrp === undefined || decoded.hrp !== network.bech32Hrp) {
    const owners = NETWORKS.filter((n) => n.bech32Hrp === decoded.hrp);
    const whose = owners.length > 0 ? `belongs to ${names(owners)}` : `has prefix '${decoded.hrp}', which no known network uses`;
    const wanted = network.bech32Hrp === undefined ? `${network.name} has no segwit addresses` : `${network.name} expects '${network.bech32Hrp}1...'`;
    throw new AddressError(ERR_ADDRESS_NETWORK, `'${address}' ${whose}; ${wanted}`);
  }
  return {
    type: 'witness',
    version: decoded.version,
    program: decoded.program,
    script: witnessScript(decoded.version, decoded.program),
  };
}

function decodeBase58(address: string, network: NetworkParams): DecodedAddress {
  const payload = base58CheckDecode(address);
  if (payload.length !== 21) {
    throw new AddressError(
      ERR_ADDRESS_FORMAT,
      `'${address}' carries ${payload.length - 1} bytes after its version byte; an address carries a 20-byte hash`,
    );
  }
  const version = payload[0];
  const hash160 = payload.subarray(1);
  if (version === network.pubkeyHashVersion) {
    return { type: 'p2pkh', version: 0, program: Buffer.from(hash160), script: p2pkhScript(hash160) };
  }
  if (network.scriptHashVersions.includes(version)) {
    return { type: 'p2sh', version: 0, program: Buffer.from(hash160), script: p2shScript(hash160) };
  }
  const asPkh = NETWORKS.filter((n) => n.pubkeyHashVersion === version);
  const asSh = NETWORKS.filter((n) => n.scriptHashVersions.includes(version));
  let whose: string;
  if (asPkh.length > 0) whose = `is a P2PKH address of ${names(asPkh)}`;
  else if (asSh.length > 0) whose = `is a P2SH address of ${names(asSh)}`;
  else whose = `has version byte ${version}, which no known network uses`;
  throw new AddressError(ERR_ADDRESS_NETWORK, `'${address}' ${whose}, not of ${network.name}`);
}

/** Decodes a payout address for `network`, refusing anything a coinbase output cannot pay. */
export function decodeAddress(address: string, network: NetworkParams): DecodedAddress {
  if (typeof address !== 'string' || address.length === 0) {
    throw new AddressError(ERR_ADDRESS_FORMAT, 'the address is empty');
  }
  const trimmed = address.trim();
  if (trimmed !== address) {
    throw new AddressError(ERR_ADDRESS_FORMAT, `'${address}' has leading or trailing whitespace`);
  }
  const hrp = bech32HrpOf(address);
  if (hrp !== undefined) {
    // MWEB addresses exceed bech32's 90-character limit, so they are recognised by prefix first.
    if (NETWORKS.some((n) => n.mwebHrp === hrp)) refuseMweb(address, hrp, network);
    const knownHrp = NETWORKS.some((n) => n.bech32Hrp === hrp);
    if (knownHrp || !BASE58_CHARS.test(address)) return decodeWitness(address, network);
  }
  if (!BASE58_CHARS.test(address)) {
    throw new AddressError(ERR_ADDRESS_FORMAT, `'${address}' is neither a base58 nor a bech32 address`);
  }
  return decodeBase58(address, network);
}

export function addressToScript(address: string, network: NetworkParams): Buffer {
  return decodeAddress(address, network).script;
}

/** The address a scriptPubKey would be shown as on `network`, or undefined if it has none. */
export function scriptToAddress(script: Uint8Array, network: NetworkParams): string | undefined {
  const s = Buffer.from(script);
  if (s.length === 25 && s[0] === OP_DUP && s[1] === OP_HASH160 && s[2] === 20 && s[23] === OP_EQUALVERIFY && s[24] === OP_CHECKSIG) {
    return base58CheckEncode(Buffer.concat([Buffer.from([network.pubkeyHashVersion]), s.subarray(3, 23)]));
  }
  if (s.length === 23 && s[0] === OP_HASH160 && s[1] === 20 && s[22] === OP_EQUAL) {
    return base58CheckEncode(Buffer.concat([Buffer.from([network.scriptHashVersions[0]]), s.subarray(2, 22)]));
  }
  if (network.bech32Hrp === undefined || s.length < 4 || s.length > 42) return undefined;
  const op = s[0];
  if (op !== OP_0 && (op < OP_1 || op > OP_1 + 15)) return undefined;
  if (s[1] !== s.length - 2) return undefined;
  const version = op === OP_0 ? 0 : op - OP_1 + 1;
  if (version === 0 && s[1] !== 20 && s[1] !== 32) return undefined;
  return encodeSegwitAddress(network.bech32Hrp, version, s.subarray(2));
}
