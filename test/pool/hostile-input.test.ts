// The table of malformed and hostile input (test/data/stratum/hostile-inputs.json) against a
// real server on a loopback port: each case gets exactly the reply in the table, the
// connection stays or goes as the table says, and afterwards a normal miner is still served.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { StratumServer } from '../../lib/pool/stratum-server';
import { StratumTestClient, sleep, type ReceivedLine } from '../util/stratum-test-client';
import { grindShare, hex32, PORT_DIFFICULTY, serverOptions, TestCore } from './stratum-server-fixture';

interface LongInput {
  repeat: string;
  bytes: number;
  newline: boolean;
}

interface HostileCase {
  name: string;
  state: 'fresh' | 'subscribed' | 'authorized';
  before?: 'cleanBroadcast' | 'acceptedShare';
  configure?: boolean;
  send: string | LongInput;
  expect: Record<string, unknown> | null;
  stays: boolean;
}

const TABLE = path.join(__dirname, '..', '..', '..', 'test', 'data', 'stratum', 'hostile-inputs.json');
const cases = (JSON.parse(readFileSync(TABLE, 'utf8')) as { cases: HostileCase[] }).cases;

/** What a case's placeholders stand for on its connection. */
interface Context {
  values: Map<string, string>;
}

function substitute(text: string, context: Context): string {
  // Longest names first, so $NTIME_UC is not read as $NTIME followed by "_UC".
  const names = [...context.values.keys()].sort((a, b) => b.length - a.length);
  let out = text;
  for (const name of names) out = out.split(name).join(context.values.get(name) ?? '');
  return out;
}

function substituteDeep(value: unknown, context: Context): unknown {
  if (typeof value === 'string') return substitute(value, context);
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, context));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteDeep(v, context)]));
  }
  return value;
}

describe('stratum server: hostile input table', function () {
  this.timeout(120_000);
  let core: TestCore;
  let server: StratumServer;
  let port: number;
  let crashes = 0;
  const onUncaught = (): void => {
    crashes += 1;
  };

  before(async () => {
    process.on('uncaughtException', onUncaught);
    core = new TestCore();
    server = new StratumServer(serverOptions(), core);
    [{ port }] = await server.listen();
  });

  after(async () => {
    process.off('uncaughtException', onUncaught);
    await server.close({ timeoutMs: 1000 });
  });

  async function prepare(testCase: HostileCase, client: StratumTestClient): Promise<Context> {
    const values = new Map<string, string>();
    if (testCase.state === 'fresh') return { values };
    if (testCase.configure === true) {
      const configured = await client.request('mining.configure', [['version-rolling'], { 'version-rolling.mask': '1fffe000' }]);
      assert.deepEqual(configured.result, { 'version-rolling': true, 'version-rolling.mask': '1fffe000' });
    }
    const subscribed = await client.request('mining.subscribe', ['hostile/1.0']);
    assert.ok(Array.isArray(subscribed.result), subscribed.raw);
    const extranonce1 = Buffer.from(String(subscribed.result[1]), 'hex');
    if (testCase.state === 'subscribed') return { values };
    const authorized = await client.request('mining.authorize', ['miner.rig1', 'x']);
    assert.equal(authorized.result, true, authorized.raw);
    let notify = await client.notification('mining.notify');
    let jobId = String(notify.params?.[0]);
    if (testCase.before === 'cleanBroadcast') {
      values.set('$STALE_JOB', jobId);
      core.newTemplate(true);
      server.broadcastJobs(true);
      notify = await client.notification('mining.notify');
      assert.equal(notify.params?.[8], true);
      jobId = String(notify.params?.[0]);
    }
    const job = core.job(jobId);
    values.set('$JOB', jobId);
    values.set('$NTIME', hex32(job.curtime));
    values.set('$MINTIME', String(job.mintime));
    const needs = (name: string): boolean => typeof testCase.send === 'string' && testCase.send.includes(name);
    if (needs('$LOW_NONCE')) {
      values.set('$LOW_NONCE', grindShare(job, extranonce1, { minDifficulty: 0, belowDifficulty: PORT_DIFFICULTY, extranonce2: '00000001' }).nonce);
    }
    if (testCase.before === 'acceptedShare') {
      // Letters in extranonce2, so its upper-case form really differs.
      const share = grindShare(job, extranonce1, { minDifficulty: PORT_DIFFICULTY, extranonce2: 'abcdef01' });
      const accepted = await client.request('mining.submit', ['miner.rig1', jobId, share.extranonce2, share.ntime, share.nonce]);
      assert.equal(accepted.result, true, accepted.raw);
      values.set('$EN2_UC', share.extranonce2.toUpperCase());
      values.set('$NTIME_UC', share.ntime.toUpperCase());
      values.set('$NONCE_UC', share.nonce.toUpperCase());
      // The test is void if the upper-case form is byte-for-byte the same string.
      assert.notEqual(`${share.extranonce2}${share.ntime}${share.nonce}`, `${share.extranonce2}${share.ntime}${share.nonce}`.toUpperCase());
    }
    return { values };
  }

  for (const testCase of cases) {
    it(testCase.name, async () => {
      const client = await StratumTestClient.connect(port);
      try {
        const context = await prepare(testCase, client);
        const before = client.received.length;
        if (typeof testCase.send === 'string') {
          client.sendRaw(`${substitute(testCase.send, context)}\n`);
        } else {
          const long = testCase.send;
          const body = long.repeat.repeat(Math.ceil(long.bytes / long.repeat.length)).slice(0, long.bytes);
          // In pieces, as a slow sender would: the limit must hold across chunks.
          for (let offset = 0; offset < body.length; offset += 4096) client.sendRaw(body.slice(offset, offset + 4096));
          if (long.newline) client.sendRaw('\n');
        }
        if (testCase.expect === null) {
          // Nothing may come back for this line; a ping proves the connection still works.
          const pong = await client.request('mining.ping', [], 'after');
          assert.equal(pong.result, 'pong');
          const extra = client.received.slice(before).filter((line: ReceivedLine) => line.id !== 'after' && line.isReply);
          assert.deepEqual(extra, []);
        } else {
          const expected = substituteDeep(testCase.expect, context) as Record<string, unknown>;
          const answer = await client.next((line) => line.isReply, 'the reply');
          assert.deepEqual(JSON.parse(answer.raw), expected);
          // Exactly one reply for the request.
          await sleep(50);
          assert.equal(client.received.slice(before).filter((line) => line.isReply).length, 1);
        }
        if (testCase.stays) {
          const pong = await client.request('mining.ping', [], 'still-there');
          assert.equal(pong.result, 'pong');
          assert.equal(client.isClosed, false);
        } else {
          await client.waitClosed(5000);
        }
      } finally {
        client.destroy();
      }
    });
  }

  it('still serves a normal miner afterwards, and nothing crashed', async () => {
    const client = await StratumTestClient.connect(port);
    try {
      const { extranonce1 } = await client.handshake('miner.rig1', 'x');
      const difficulty = await client.notification('mining.set_difficulty');
      assert.deepEqual(difficulty.params, [PORT_DIFFICULTY]);
      const notify = await client.notification('mining.notify');
      const jobId = String(notify.params?.[0]);
      const share = grindShare(core.job(jobId), Buffer.from(extranonce1, 'hex'), { minDifficulty: PORT_DIFFICULTY });
      const accepted = await client.request('mining.submit', ['miner.rig1', jobId, share.extranonce2, share.ntime, share.nonce]);
      assert.deepEqual(JSON.parse(accepted.raw), { id: accepted.id, result: true, error: null });
    } finally {
      client.destroy();
    }
    assert.equal(crashes, 0);
  });
});
