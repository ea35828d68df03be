import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  LineDecoder,
  LineTooLongError,
  MalformedRequestError,
  StratumProtocolError,
  decodeAuthorize,
  decodeConfigure,
  decodeNotify,
  decodeReconnect,
  decodeSetExtranonce,
  decodeSubmit,
  decodeSubscribe,
  decodeSubscribeResult,
  decodeSuggestDifficulty,
  decodeSuggestTarget,
  encodeNotify,
  encodeReconnect,
  encodeSetExtranonce,
  encodeSubmit,
  encodeSubscribeResult,
  parseMessage,
} from '../../lib/stratum';
import { buildJob, decodeTemplate, notifyParams } from '../../lib/mining';

const DATA = path.join(__dirname, '..', '..', '..', 'test', 'data');

interface LineCase {
  line: string;
  kind?: 'request' | 'response';
  id?: string | number | null;
  method?: string;
  params?: unknown[];
  result?: unknown;
  error?: unknown;
  errorId?: string | number;
}

describe('stratum wire: parseMessage', () => {
  const { cases } = JSON.parse(fs.readFileSync(path.join(DATA, 'stratum', 'wire-lines.json'), 'utf8')) as { cases: LineCase[] };
  for (const c of cases) {
    it(c.line.slice(0, 70), () => {
      if (c.kind === undefined) {
        assert.throws(
          () => parseMessage(c.line),
          (error: unknown) => {
            assert.ok(error instanceof StratumProtocolError);
            assert.equal(error.message, c.error);
            if (c.errorId !== undefined) {
              assert.ok(error instanceof MalformedRequestError);
              assert.equal(error.id, c.errorId);
            }
            return true;
          },
        );
        return;
      }
      const message = parseMessage(c.line);
      assert.equal(message.kind, c.kind);
      assert.equal(message.id, c.id);
      if (message.kind === 'request') {
        assert.equal(message.method, c.method);
        assert.deepEqual(message.params, c.params);
      } else {
        assert.deepEqual(message.result, c.result);
        assert.deepEqual(message.error, c.error);
      }
    });
  }
});

describe('stratum wire: LineDecoder', () => {
  it('splits lines across chunk boundaries, drops CR and empty lines', () => {
    const decoder = new LineDecoder(64);
    assert.deepEqual(decoder.push(Buffer.from('{"a":1}\r\n\n{"b"')), ['{"a":1}']);
    assert.equal(decoder.buffered, 4);
    assert.deepEqual(decoder.push(Buffer.from(':2}\n{"c":3}\n')), ['{"b":2}', '{"c":3}']);
    assert.equal(decoder.buffered, 0);
  });

  it('keeps a multi-byte UTF-8 character split between chunks intact', () => {
    const decoder = new LineDecoder(64);
    const bytes = Buffer.from('"é"\n');
    assert.deepEqual(decoder.push(bytes.subarray(0, 2)), []);
    assert.deepEqual(decoder.push(bytes.subarray(2)), ['"é"']);
  });

  it('refuses a line over the limit whether or not its newline has arrived', () => {
    assert.throws(() => new LineDecoder(16).push(Buffer.from(`${'x'.repeat(17)}\n`)), LineTooLongError);
    const decoder = new LineDecoder(16);
    decoder.push(Buffer.from('x'.repeat(10)));
    assert.throws(() => decoder.push(Buffer.from('x'.repeat(7))), LineTooLongError);
    assert.deepEqual(new LineDecoder(16).push(Buffer.from(`${'x'.repeat(16)}\n`)), ['x'.repeat(16)]);
  });
});

describe('stratum wire: client messages', () => {
  it('decodeSubmit lowercases hex, keeps version bits, and round-trips through encodeSubmit', () => {
    const submit = decodeSubmit(['w.1', 'a1', '0000ABCD', '5F5E1000', 'DEADBEEF', '1FFFE000']);
    assert.deepEqual(submit, {
      worker: 'w.1',
      jobId: 'a1',
      extranonce2: '0000abcd',
      ntime: '5f5e1000',
      nonce: 'deadbeef',
      versionBits: '1fffe000',
    });
    assert.deepEqual(decodeSubmit(encodeSubmit(submit)), submit);
  });

  const badSubmits: Array<[string, unknown[]]> = [
    ['too few params', ['w', 'j', '00', '00000000']],
    ['worker not a string', [1, 'j', '00', '00000000', '00000000']],
    ['job id an object', ['w', {}, '00', '00000000', '00000000']],
    ['odd-length hex', ['w', 'j', '000', '00000000', '00000000']],
    ['non-hex extranonce2', ['w', 'j', 'zz', '00000000', '00000000']],
    ['nonce a number', ['w', 'j', '00', '00000000', 12]],
  ];
  for (const [name, params] of badSubmits) {
    it(`decodeSubmit refuses ${name}`, () => assert.throws(() => decodeSubmit(params), StratumProtocolError));
  }

  it('decodes subscribe, authorize, configure and the difficulty suggestions', () => {
    assert.deepEqual(decodeSubscribe([]), {});
    assert.deepEqual(decodeSubscribe(['bfgminer/5', 'AB01CD02']), { userAgent: 'bfgminer/5', sessionId: 'ab01cd02' });
    assert.deepEqual(decodeAuthorize(['addr.rig']), { user: 'addr.rig', password: '' });
    assert.throws(() => decodeAuthorize(['']), StratumProtocolError);
    assert.deepEqual(decodeConfigure([['version-rolling'], { 'version-rolling.mask': 'ffffffff' }]), {
      extensions: ['version-rolling'],
      parameters: { 'version-rolling.mask': 'ffffffff' },
    });
    assert.throws(() => decodeConfigure(['version-rolling']), StratumProtocolError);
    assert.equal(decodeSuggestDifficulty([512]), 512);
    assert.equal(decodeSuggestDifficulty(['0.5']), 0.5);
    for (const bad of [[0], [-1], ['abc'], [''], [null], []]) {
      assert.throws(() => decodeSuggestDifficulty(bad), StratumProtocolError, JSON.stringify(bad));
    }
    assert.equal(decodeSuggestTarget(['00000000ffff0000000000000000000000000000000000000000000000000000']), 0xffffn << 208n);
    assert.throws(() => decodeSuggestTarget(['00']), StratumProtocolError);
  });
});

describe('stratum wire: server messages', () => {
  it('mining.notify decodes to what the job was built from (prevhash word-swapped on the wire)', () => {
    const template = decodeTemplate(
      JSON.parse(fs.readFileSync(path.join(DATA, 'litecoind-samples', 'gbt-h113-premweb-4tx.json'), 'utf8')),
    );
    const job = buildJob(template, {
      jobId: '1f',
      outputs: { script: Buffer.from('0014' + '11'.repeat(20), 'hex') },
      extranonce1Size: 4,
      extranonce2Size: 4,
    });
    const decoded = decodeNotify(notifyParams(job, true));
    assert.equal(decoded.jobId, '1f');
    assert.deepEqual(decoded.prevHash, template.previousBlockHash);
    assert.deepEqual(decoded.coinb1, job.coinb1);
    assert.deepEqual(decoded.coinb2, job.coinb2);
    assert.deepEqual(decoded.merkleBranch, job.merkleBranch);
    assert.equal(decoded.version, job.version);
    assert.equal(decoded.bits, job.bits);
    assert.equal(decoded.time, job.curtime);
    assert.equal(decoded.cleanJobs, true);
    assert.deepEqual(encodeNotify(decoded), notifyParams(job, true));
  });

  it('decodeNotify refuses short prevhash and bad branch entries', () => {
    const good = ['1', '00'.repeat(32), '', '', [], '20000000', '1d00ffff', '5f5e1000', false];
    assert.doesNotThrow(() => decodeNotify(good));
    assert.throws(() => decodeNotify(['1', '00'.repeat(31), ...good.slice(2)]), StratumProtocolError);
    assert.throws(() => decodeNotify([...good.slice(0, 4), ['00'], ...good.slice(5)]), StratumProtocolError);
    assert.throws(() => decodeNotify([...good.slice(0, 5), '2000000', ...good.slice(6)]), StratumProtocolError);
  });

  it('subscribe result, set_extranonce and reconnect round-trip', () => {
    const extranonce1 = Buffer.from('0001000a', 'hex');
    assert.deepEqual(decodeSubscribeResult(encodeSubscribeResult('0001000a', extranonce1, 8)), {
      subscriptions: [
        ['mining.set_difficulty', '0001000a'],
        ['mining.notify', '0001000a'],
      ],
      extranonce1,
      extranonce2Size: 8,
    });
    // p2pool's form: a single pair, and extranonce1 empty.
    assert.deepEqual(decodeSubscribeResult([['mining.notify', 'ae6812eb4cd7735a302a8a9dd95cf71f'], '', 8]).extranonce1, Buffer.alloc(0));
    assert.throws(() => decodeSubscribeResult([[], '00', 33]), StratumProtocolError);
    assert.deepEqual(decodeSetExtranonce(encodeSetExtranonce({ extranonce1, extranonce2Size: 4 })), { extranonce1, extranonce2Size: 4 });
    assert.deepEqual(decodeReconnect(encodeReconnect({ host: 'pool.example', port: 3334, waitSeconds: 5 })), {
      host: 'pool.example',
      port: 3334,
      waitSeconds: 5,
    });
    assert.deepEqual(decodeReconnect(encodeReconnect({})), {});
    assert.deepEqual(decodeReconnect(['h', '3333', '10']), { host: 'h', port: 3333, waitSeconds: 10 });
  });
});
