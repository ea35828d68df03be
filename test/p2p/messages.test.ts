import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { P2PDecodeError, P2PEncodeError } from '../../lib/p2p/errors';
import { encodeFrame, encodeMessage, HEADER_SIZE } from '../../lib/p2p/framer';
import { decodePayload, encodePayload, INV, ipFromBytes, ipToBytes, type Message } from '../../lib/p2p/messages';

interface Vector {
  name: string;
  command: string;
  frame: string;
  message?: unknown;
}
interface VectorFile {
  magic: string;
  notes: Vector[];
  captured: Vector[];
  handmade: Vector[];
}

const file = JSON.parse(
  readFileSync(path.join(__dirname, '../../../test/vectors/p2p-frames.json'), 'utf8'),
) as VectorFile;
const magic = Buffer.from(file.magic, 'hex');
const all = [...file.notes, ...file.captured, ...file.handmade];

/** {"$bigint": "n"} → bigint, {"$hex": "…"} → Buffer, recursively. */
function revive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revive);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$bigint === 'string') return BigInt(o.$bigint);
    if (typeof o.$hex === 'string') return Buffer.from(o.$hex, 'hex');
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, revive(v)]));
  }
  return value;
}

function payloadOf(frameHex: string): Buffer {
  return Buffer.from(frameHex, 'hex').subarray(HEADER_SIZE);
}

function decodeError(command: string, payload: Buffer): P2PDecodeError {
  try {
    decodePayload(command, payload);
  } catch (error) {
    assert.ok(error instanceof P2PDecodeError, `expected P2PDecodeError, got ${String(error)}`);
    assert.equal(error.code, 'ERR_P2P_DECODE');
    return error;
  }
  assert.fail(`${command} ${payload.toString('hex')} decoded without error`);
}

const zero32 = Buffer.alloc(32);
const samples: Message[] = [
  { command: 'ping', nonce: 0xffffffffffffffffn },
  { command: 'pong', nonce: 0n },
  { command: 'sendcmpct', announce: true, version: 3n },
  { command: 'feefilter', feeRate: -1n },
  { command: 'block', raw: Buffer.from('00'.repeat(81), 'hex') },
  { command: 'headers', headers: [] },
  { command: 'getheaders', version: 70016, locator: [], stop: zero32 },
  { command: 'addr', addresses: [{ time: 0, services: 0n, host: '::', port: 0 }] },
  { command: 'addr', addresses: [{ time: 4294967295, services: 1n << 63n, host: 'fe80::1:2:0:0:3', port: 65535 }] },
  { command: 'addrv2', addresses: [{ time: 1, services: 2n ** 64n - 1n, networkId: 99, address: Buffer.alloc(512, 7), port: 1 }] },
  { command: 'reject', message: 'block', code: 0x10, reason: '', data: Buffer.alloc(0) },
  { command: 'unknown', name: 'cfilter', payload: Buffer.alloc(0) },
];

describe('p2p messages: golden frames', () => {
  for (const v of all) {
    it(`${v.name}: decodes and re-encodes byte-identically`, () => {
      const frame = Buffer.from(v.frame, 'hex');
      const message = decodePayload(v.command, payloadOf(v.frame));
      if (v.message !== undefined) assert.deepEqual(message, revive(v.message));
      else assert.equal(message.command, v.command);
      assert.deepEqual(encodeMessage(magic, message), frame);
      if (v.message !== undefined) assert.deepEqual(encodeMessage(magic, revive(v.message) as Message), frame);
    });
  }

  it('the empty verack frame from the notes', () => {
    assert.equal(encodeMessage(magic, { command: 'verack' }).toString('hex'), 'fabfb5da76657261636b000000000000000000005df6e0e2');
  });

  it("litecoind's own version message", () => {
    const v = file.captured.find((c) => c.command === 'version');
    assert.ok(v);
    const m = decodePayload('version', payloadOf(v.frame));
    assert.equal(m.command, 'version');
    if (m.command !== 'version') return;
    assert.equal(payloadOf(v.frame).length, 109);
    assert.equal(m.version, 70016);
    assert.equal(m.services, 0x1000409n);
    assert.equal(m.userAgent, '/LitecoinCore:0.21.2.1/');
    assert.deepEqual(m.receiver, { services: 0n, host: '::', port: 0 });
    assert.equal(m.startHeight, 1);
    assert.equal(m.relay, true);
  });

  it('INV constants are the flag combinations', () => {
    assert.equal(INV.WITNESS_BLOCK, INV.BLOCK | INV.WITNESS_FLAG);
    assert.equal(INV.MWEB_BLOCK, INV.BLOCK | INV.WITNESS_FLAG | INV.MWEB_FLAG);
    assert.equal(INV.MWEB_TX, INV.TX | INV.WITNESS_FLAG | INV.MWEB_FLAG);
  });
});

describe('p2p messages: round trips', () => {
  for (const m of samples) {
    it(`${m.command}${m.command === 'unknown' ? ` ${m.name}` : ''}`, () => {
      const name = m.command === 'unknown' ? m.name : m.command;
      assert.deepEqual(decodePayload(name, encodePayload(m)), m);
    });
  }

  it('a version without the relay byte (pre-BIP37) decodes with relay true', () => {
    const payload = payloadOf(file.handmade[0].frame);
    const m = decodePayload('version', payload.subarray(0, payload.length - 1));
    assert.equal(m.command === 'version' && m.relay, true);
  });

  it('IPv6 text forms', () => {
    for (const [text, canonical] of [
      ['2001:db8::1', '2001:db8::1'],
      ['2001:0db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['::', '::'],
      ['::1', '::1'],
      ['1::', '1::'],
      ['::ffff:10.0.0.1', '10.0.0.1'],
      ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ]) {
      assert.equal(ipFromBytes(ipToBytes(text)), canonical, text);
    }
    assert.throws(() => ipToBytes('example.com'), P2PEncodeError);
    assert.throws(() => ipToBytes('fe80::1%eth0'), P2PEncodeError);
  });
});

describe('p2p messages: unknown and malformed payloads', () => {
  it('unknown commands never throw', () => {
    for (const name of ['', 'foo', 'alert', 'cmpctblock', 'x'.repeat(12)]) {
      const m = decodePayload(name, Buffer.from([1, 2, 3]));
      assert.deepEqual(m, { command: 'unknown', name, payload: Buffer.from([1, 2, 3]) });
    }
  });

  it('counts above the limits fail before reading items, with the offset of the count', () => {
    const cases: [string, Buffer][] = [
      ['inv', Buffer.from('fd51c3', 'hex')], // 50001
      ['getdata', Buffer.from('ffffffffffffffffff', 'hex')],
      ['headers', Buffer.from('fdd107', 'hex')], // 2001
      ['addr', Buffer.from('fde903', 'hex')], // 1001
      ['addrv2', Buffer.from('fde903', 'hex')],
    ];
    for (const [command, payload] of cases) {
      const e = decodeError(command, payload);
      assert.equal(e.offset, 0, command);
      assert.match(e.message, /count/);
    }
    const locator = Buffer.concat([Buffer.from('80110100', 'hex'), Buffer.from([102])]);
    assert.equal(decodeError('getheaders', locator).offset, 4);
  });

  it('non-canonical varints are rejected at their offset', () => {
    assert.equal(decodeError('inv', Buffer.from('fd0100', 'hex')).offset, 0);
    assert.equal(decodeError('headers', Buffer.from('fe01000000', 'hex')).offset, 0);
    const header = Buffer.concat([Buffer.from([1]), Buffer.alloc(80), Buffer.from('fd0000', 'hex')]);
    assert.equal(decodeError('headers', header).offset, 81);
  });

  it('truncated payloads name the offset where data ran out', () => {
    for (const v of all) {
      const payload = payloadOf(v.frame);
      const message = decodePayload(v.command, payload);
      if (message.command === 'unknown' || message.command === 'block' || message.command === 'tx') continue;
      if (message.command === 'reject' || payload.length === 0) continue;
      const cut = payload.subarray(0, payload.length - (message.command === 'version' ? 2 : 1));
      const e = decodeError(v.command, cut);
      assert.ok(e.offset <= cut.length, `${v.name}: offset ${e.offset}`);
    }
  });

  it('trailing bytes after a fixed layout are an error; a longer version is tolerated', () => {
    assert.equal(decodeError('verack', Buffer.from([0])).offset, 0);
    assert.equal(decodeError('ping', Buffer.alloc(9)).offset, 8);
    const version = Buffer.concat([payloadOf(file.handmade[0].frame), Buffer.from([1, 2, 3])]);
    assert.equal(decodePayload('version', version).command, 'version');
  });

  it('field limits: user agent, addrv2 address lengths, sendcmpct flag', () => {
    const ua = Buffer.concat([Buffer.alloc(80), Buffer.from('fd0101', 'hex')]);
    assert.equal(decodeError('version', ua).offset, 80);
    const ipv4Wrong = Buffer.from('01' + '00000000' + '00' + '01' + '05' + '0000000000' + '0000', 'hex');
    assert.equal(decodeError('addrv2', ipv4Wrong).offset, 7);
    const tooLong = Buffer.from('01' + '00000000' + '00' + '63' + 'fd0102', 'hex');
    assert.equal(decodeError('addrv2', tooLong).offset, 7);
    assert.equal(decodeError('sendcmpct', Buffer.from('020300000000000000', 'hex')).offset, 0);
  });

  it('encoding refuses what the wire cannot carry', () => {
    const item = { type: 1, hash: zero32 };
    assert.throws(() => encodePayload({ command: 'inv', items: Array<typeof item>(50_001).fill(item) }), P2PEncodeError);
    assert.throws(() => encodePayload({ command: 'headers', headers: [Buffer.alloc(79)] }), P2PEncodeError);
    assert.throws(() => encodePayload({ command: 'getdata', items: [{ type: 1, hash: Buffer.alloc(31) }] }), P2PEncodeError);
    assert.throws(() => encodePayload({ command: 'ping', nonce: -1n }), P2PEncodeError);
    assert.throws(() => encodePayload({ command: 'feefilter', feeRate: 1n << 63n }), P2PEncodeError);
    assert.throws(() => encodeFrame(magic, 'much-too-long-command', Buffer.alloc(0)), P2PEncodeError);
    assert.throws(() => encodeFrame(magic, 'bad\ncmd', Buffer.alloc(0)), P2PEncodeError);
    assert.throws(() => encodeFrame(Buffer.alloc(3), 'ping', Buffer.alloc(0)), P2PEncodeError);
  });
});
