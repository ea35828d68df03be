// One codec per Bitcoin/Litecoin P2P message: payload bytes <-> a typed Message. Framing
// (magic, command, length, checksum) lives in framer.ts/parser.ts; this file only knows
// payloads. Limits follow Bitcoin Core so a hostile peer cannot make us allocate or loop
// beyond what a real node would accept.
import { isIPv4, isIPv6 } from 'node:net';
import { BufferReader, BufferWriter, DecodeError, EncodeError } from '../encoding';
import { P2PDecodeError, P2PEncodeError } from './errors';

export interface NetAddress {
  services: bigint;
  /** IPv4 dotted or IPv6 */
  host: string;
  port: number;
}
export interface TimedNetAddress extends NetAddress {
  time: number;
}
export interface AddrV2Entry {
  time: number;
  services: bigint;
  networkId: number;
  address: Buffer;
  port: number;
}
export interface InvItem {
  type: number;
  /** 32 bytes, internal order */
  hash: Buffer;
}

export const INV = {
  TX: 1,
  BLOCK: 2,
  CMPCT_BLOCK: 4,
  WTX: 5,
  WITNESS_FLAG: 1 << 30,
  MWEB_FLAG: 1 << 29,
  WITNESS_BLOCK: 0x40000002,
  MWEB_BLOCK: 0x60000002,
  MWEB_TX: 0x60000001,
} as const;

export type Message =
  | {
      command: 'version';
      version: number;
      services: bigint;
      timestamp: bigint;
      receiver: NetAddress;
      sender: NetAddress;
      nonce: bigint;
      userAgent: string;
      startHeight: number;
      relay: boolean;
    }
  | { command: 'verack' }
  | { command: 'getaddr' }
  | { command: 'mempool' }
  | { command: 'sendheaders' }
  | { command: 'sendaddrv2' }
  | { command: 'wtxidrelay' }
  | { command: 'ping'; nonce: bigint }
  | { command: 'pong'; nonce: bigint }
  | { command: 'addr'; addresses: TimedNetAddress[] }
  | { command: 'addrv2'; addresses: AddrV2Entry[] }
  | { command: 'inv' | 'getdata' | 'notfound'; items: InvItem[] }
  | { command: 'getheaders' | 'getblocks'; version: number; locator: Buffer[]; stop: Buffer }
  /** 80 bytes each; the tx-count varint after each header is written as 0 and ignored when read. */
  | { command: 'headers'; headers: Buffer[] }
  | { command: 'block'; raw: Buffer }
  | { command: 'tx'; raw: Buffer }
  | { command: 'reject'; message: string; code: number; reason: string; data: Buffer }
  | { command: 'sendcmpct'; announce: boolean; version: bigint }
  | { command: 'feefilter'; feeRate: bigint }
  | { command: 'unknown'; name: string; payload: Buffer };

export type Command = Message['command'];

// Bitcoin Core's limits (net_processing.cpp, protocol.h).
export const MAX_INV_ITEMS = 50_000;
export const MAX_HEADERS = 2_000;
export const MAX_ADDR = 1_000;
export const MAX_LOCATOR = 101;
export const MAX_USER_AGENT = 256;
export const MAX_ADDRV2_ADDRESS = 512;
const MAX_REJECT_MESSAGE = 12;
const MAX_REJECT_REASON = 111;

/** BIP155 network ids whose address length is fixed. */
const ADDRV2_LENGTHS: Readonly<Record<number, number>> = { 1: 4, 2: 16, 3: 10, 4: 32, 5: 32, 6: 16 };

const EMPTY_COMMANDS = new Set(['verack', 'getaddr', 'mempool', 'sendheaders', 'sendaddrv2', 'wtxidrelay']);

// ---- decoding ---------------------------------------------------------------------------

class PayloadReader extends BufferReader {
  constructor(
    readonly command: string,
    data: Buffer,
  ) {
    super(data);
  }

  fail(detail: string, offset = this.offset): never {
    throw new P2PDecodeError(this.command, detail, offset);
  }

  count(max: number, what: string): number {
    const start = this.offset;
    const n = this.varintBig();
    if (n > BigInt(max)) this.fail(`${what} count ${n} above ${max}`, start);
    return Number(n);
  }

  i64le(): bigint {
    return this.bytes(8).readBigInt64LE(0);
  }

  u16be(): number {
    return this.bytes(2).readUInt16BE(0);
  }

  hash32(): Buffer {
    return Buffer.from(this.bytes(32));
  }

  varstr(max: number, what: string): string {
    const start = this.offset;
    const length = this.varint();
    if (length > max) this.fail(`${what} length ${length} above ${max}`, start);
    if (length > this.remaining) this.fail(`${what} length ${length} exceeds the ${this.remaining} bytes left`, start);
    return this.bytes(length).toString('latin1');
  }

  netAddress(): NetAddress {
    const services = this.u64le();
    const host = ipFromBytes(this.bytes(16));
    const port = this.u16be();
    return { services, host, port };
  }
}

/**
 * Decodes one payload. Unknown commands come back as { command: 'unknown' } and never
 * throw; a known command with a malformed payload throws P2PDecodeError with the offset.
 */
export function decodePayload(command: string, payload: Buffer): Message {
  const r = new PayloadReader(command, payload);
  try {
    const message = decodeKnown(command, r);
    if (message === undefined) return { command: 'unknown', name: command, payload: Buffer.from(payload) };
    // version may grow new trailing fields; everything else has a fixed layout.
    if (command !== 'version' && r.remaining !== 0) r.fail(`${r.remaining} trailing bytes`);
    return message;
  } catch (error) {
    if (error instanceof DecodeError) throw new P2PDecodeError(command, error.message.replace(/ at offset \d+$/, ''), error.offset);
    throw error;
  }
}

function decodeKnown(command: string, r: PayloadReader): Message | undefined {
  if (EMPTY_COMMANDS.has(command)) return { command } as Message;
  switch (command) {
    case 'version':
      return decodeVersion(r);
    case 'ping':
    case 'pong':
      return { command, nonce: r.u64le() };
    case 'addr': {
      const n = r.count(MAX_ADDR, 'addr');
      const addresses: TimedNetAddress[] = [];
      for (let i = 0; i < n; i++) {
        const time = r.u32le();
        addresses.push({ time, ...r.netAddress() });
      }
      return { command, addresses };
    }
    case 'addrv2':
      return { command, addresses: decodeAddrV2(r) };
    case 'inv':
    case 'getdata':
    case 'notfound': {
      const n = r.count(MAX_INV_ITEMS, command);
      const items: InvItem[] = [];
      for (let i = 0; i < n; i++) items.push({ type: r.u32le(), hash: r.hash32() });
      return { command, items };
    }
    case 'getheaders':
    case 'getblocks': {
      const version = r.u32le();
      const n = r.count(MAX_LOCATOR, 'locator');
      const locator: Buffer[] = [];
      for (let i = 0; i < n; i++) locator.push(r.hash32());
      return { command, version, locator, stop: r.hash32() };
    }
    case 'headers': {
      const n = r.count(MAX_HEADERS, 'headers');
      const headers: Buffer[] = [];
      for (let i = 0; i < n; i++) {
        headers.push(Buffer.from(r.bytes(80)));
        // Core ignores this count (it is 0 on the wire); we only insist it is a valid varint.
        r.varint();
      }
      return { command, headers };
    }
    case 'block':
    case 'tx':
      return { command, raw: Buffer.from(r.bytes(r.remaining)) };
    case 'reject': {
      const message = r.varstr(MAX_REJECT_MESSAGE, 'reject message');
      const code = r.u8();
      const reason = r.varstr(MAX_REJECT_REASON, 'reject reason');
      return { command, message, code, reason, data: Buffer.from(r.bytes(r.remaining)) };
    }
    case 'sendcmpct': {
      const start = r.offset;
      const flag = r.u8();
      if (flag > 1) r.fail(`announce flag ${flag} is not 0 or 1`, start);
      return { command, announce: flag === 1, version: r.u64le() };
    }
    case 'feefilter':
      return { command, feeRate: r.i64le() };
    default:
      return undefined;
  }
}

function decodeVersion(r: PayloadReader): Message {
  const version = r.i32le();
  const services = r.u64le();
  const timestamp = r.i64le();
  const receiver = r.netAddress();
  const sender = r.netAddress();
  const nonce = r.u64le();
  const userAgent = r.varstr(MAX_USER_AGENT, 'user agent');
  const startHeight = r.i32le();
  // Pre-BIP37 peers omit the relay byte; Core then assumes relay.
  const relay = r.remaining > 0 ? r.u8() !== 0 : true;
  return { command: 'version', version, services, timestamp, receiver, sender, nonce, userAgent, startHeight, relay };
}

function decodeAddrV2(r: PayloadReader): AddrV2Entry[] {
  const n = r.count(MAX_ADDR, 'addrv2');
  const out: AddrV2Entry[] = [];
  for (let i = 0; i < n; i++) {
    const time = r.u32le();
    const services = r.varintBig();
    const networkId = r.u8();
    const start = r.offset;
    const length = r.varint();
    if (length > MAX_ADDRV2_ADDRESS) r.fail(`address length ${length} above ${MAX_ADDRV2_ADDRESS}`, start);
    const expected = ADDRV2_LENGTHS[networkId];
    if (expected !== undefined && length !== expected) {
      r.fail(`network ${networkId} address must be ${expected} bytes, not ${length}`, start);
    }
    const address = Buffer.from(r.bytes(length));
    out.push({ time, services, networkId, address, port: r.u16be() });
  }
  return out;
}

// ---- encoding ---------------------------------------------------------------------------

class PayloadWriter extends BufferWriter {
  i64le(value: bigint): this {
    if (typeof value !== 'bigint' || value < -(1n << 63n) || value >= 1n << 63n) {
      throw new P2PEncodeError(`i64 out of range: ${String(value)}`);
    }
    const b = Buffer.alloc(8);
    b.writeBigInt64LE(value);
    return this.bytes(b);
  }

  u16be(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 0xffff) throw new P2PEncodeError(`port out of range: ${value}`);
    const b = Buffer.alloc(2);
    b.writeUInt16BE(value);
    return this.bytes(b);
  }

  hash32(hash: Buffer, what: string): this {
    if (hash.length !== 32) throw new P2PEncodeError(`${what} must be 32 bytes, got ${hash.length}`);
    return this.bytes(hash);
  }

  count(n: number, max: number, what: string): this {
    if (n > max) throw new P2PEncodeError(`${what} count ${n} above ${max}`);
    return this.varint(n);
  }

  varstr(text: string, max: number, what: string): this {
    const bytes = Buffer.from(text, 'latin1');
    if (bytes.length > max || bytes.toString('latin1') !== text) {
      throw new P2PEncodeError(`${what} must be at most ${max} latin1 characters`);
    }
    return this.varbytes(bytes);
  }

  netAddress(address: NetAddress): this {
    return this.u64le(address.services).bytes(ipToBytes(address.host)).u16be(address.port);
  }
}

/** Encodes a payload; throws P2PEncodeError for values the wire format cannot carry. */
export function encodePayload(message: Message): Buffer {
  try {
    return encodeKnown(message);
  } catch (error) {
    if (error instanceof EncodeError) throw new P2PEncodeError(`${message.command}: ${error.message}`);
    throw error;
  }
}

function encodeKnown(m: Message): Buffer {
  const w = new PayloadWriter();
  switch (m.command) {
    case 'verack':
    case 'getaddr':
    case 'mempool':
    case 'sendheaders':
    case 'sendaddrv2':
    case 'wtxidrelay':
      break;
    case 'version':
      w.i32le(m.version).u64le(m.services).i64le(m.timestamp).netAddress(m.receiver).netAddress(m.sender);
      w.u64le(m.nonce).varstr(m.userAgent, MAX_USER_AGENT, 'user agent').i32le(m.startHeight).u8(m.relay ? 1 : 0);
      break;
    case 'ping':
    case 'pong':
      w.u64le(m.nonce);
      break;
    case 'addr':
      w.count(m.addresses.length, MAX_ADDR, 'addr');
      for (const a of m.addresses) w.u32le(a.time).netAddress(a);
      break;
    case 'addrv2':
      w.count(m.addresses.length, MAX_ADDR, 'addrv2');
      for (const a of m.addresses) {
        const expected = ADDRV2_LENGTHS[a.networkId];
        if (a.address.length > MAX_ADDRV2_ADDRESS || (expected !== undefined && a.address.length !== expected)) {
          throw new P2PEncodeError(`addrv2: bad ${a.address.length}-byte address for network ${a.networkId}`);
        }
        w.u32le(a.time).varint(a.services).u8(a.networkId).varbytes(a.address).u16be(a.port);
      }
      break;
    case 'inv':
    case 'getdata':
    case 'notfound':
      w.count(m.items.length, MAX_INV_ITEMS, m.command);
      for (const item of m.items) w.u32le(item.type).hash32(item.hash, 'inv hash');
      break;
    case 'getheaders':
    case 'getblocks':
      w.u32le(m.version).count(m.locator.length, MAX_LOCATOR, 'locator');
      for (const h of m.locator) w.hash32(h, 'locator hash');
      w.hash32(m.stop, 'stop hash');
      break;
    case 'headers':
      w.count(m.headers.length, MAX_HEADERS, 'headers');
      for (const h of m.headers) {
        if (h.length !== 80) throw new P2PEncodeError(`headers: a header must be 80 bytes, got ${h.length}`);
        w.bytes(h).u8(0);
      }
      break;
    case 'block':
    case 'tx':
      w.bytes(m.raw);
      break;
    case 'reject':
      w.varstr(m.message, MAX_REJECT_MESSAGE, 'reject message').u8(m.code);
      w.varstr(m.reason, MAX_REJECT_REASON, 'reject reason').bytes(m.data);
      break;
    case 'sendcmpct':
      w.u8(m.announce ? 1 : 0).u64le(m.version);
      break;
    case 'feefilter':
      w.i64le(m.feeRate);
      break;
    case 'unknown':
      w.bytes(m.payload);
      break;
  }
  return w.toBuffer();
}

// ---- addresses --------------------------------------------------------------------------

const IPV4_MAPPED_PREFIX = Buffer.from('00000000000000000000ffff', 'hex');

/** 16 wire bytes to a host string: IPv4-mapped addresses come back dotted. */
export function ipFromBytes(bytes: Buffer): string {
  if (bytes.subarray(0, 12).equals(IPV4_MAPPED_PREFIX)) return Array.from(bytes.subarray(12)).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i));
  // RFC 5952: compress the longest run (length >= 2) of zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** A host string (IPv4 dotted or IPv6) to its 16 wire bytes. */
export function ipToBytes(host: string): Buffer {
  if (isIPv4(host)) return Buffer.concat([IPV4_MAPPED_PREFIX, Buffer.from(host.split('.').map(Number))]);
  if (!isIPv6(host) || host.includes('%')) throw new P2PEncodeError(`not an IPv4 or IPv6 address: '${host}'`);
  let text = host;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    // An embedded IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
    const v4 = text.slice(lastColon + 1).split('.').map(Number);
    tail.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head, rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const fill = rest === undefined ? 0 : 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...Array<string>(fill).fill('0'), ...restGroups].map((g) => parseInt(g, 16));
  if (tail.length === 2) groups.splice(6, 2, tail[0], tail[1]);
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(g, i * 2));
  return out;
}
