// A small multi-connection share submitter for the durability tests: each connection grinds
// valid shares on the newest mining.notify it has seen, submits them, and records the PoW hash
// of every share the pool answered `true`. Only those count as acknowledged; a reply lost to a
// killed pool or a share rejected as stale (on regtest nearly every share is a block, so jobs
// turn over constantly) is not.
import type { PowSpec } from '../../lib/hash';
import { grindShares } from '../util/share-grinder';
import { StratumTestClient, type ReceivedLine } from '../util/stratum-test-client';

export interface LoadClientOptions {
  port: number;
  connections: number;
  /** Stratum username; each connection appends `.c<i>`. */
  user: string;
  pow: PowSpec;
  difficultyFactor: number;
  /** Nonces scanned per batch; a batch's shares are submitted together. Default 1500. */
  noncesPerBatch?: number;
  /** How long a submit may wait for its reply. Default 5000 ms. */
  replyTimeoutMs?: number;
}

export interface LoadCounts {
  acknowledged: number;
  /** Rejections by stratum error code (e.g. 21 stale). */
  rejected: Record<string, number>;
  /** Submits whose reply never came (connection gone or timed out). */
  unanswered: number;
}

const SUBMIT = 'mining.submit';
const RECONNECT = 'client.reconnect';

export class LoadClient {
  /** PoW hashes (display hex) of shares answered `true`, in reply order. */
  readonly acknowledged: string[] = [];
  private readonly rejected = new Map<string, number>();
  private unanswered = 0;
  private running = true;
  private loops: Array<Promise<void>> = [];
  private readonly failures: Error[] = [];
  private readonly closedPromises = new Map<StratumTestClient, Promise<undefined>>();

  private constructor(
    private readonly options: LoadClientOptions,
    readonly clients: StratumTestClient[],
  ) {}

  /** Connects and hands shakes every connection, waits for each one's first job, then starts submitting. */
  static async start(options: LoadClientOptions): Promise<LoadClient> {
    const clients: StratumTestClient[] = [];
    const handshakes: Array<{ extranonce1: string; extranonce2Size: number }> = [];
    for (let i = 0; i < options.connections; i++) {
      const client = await StratumTestClient.connect(options.port);
      clients.push(client);
      handshakes.push(await client.handshake(`${options.user}.c${i}`, 'x'));
    }
    const load = new LoadClient(options, clients);
    load.loops = clients.map((client, i) => load.run(client, i, handshakes[i]));
    return load;
  }

  /** Connections that received client.reconnect. */
  get reconnected(): number {
    return this.clients.filter((client) => client.notifications(RECONNECT).length > 0).length;
  }

  counts(): LoadCounts {
    return { acknowledged: this.acknowledged.length, rejected: Object.fromEntries(this.rejected), unanswered: this.unanswered };
  }

  /** Errors other than a closed connection (a broken handshake, a reply that is not a reply). */
  get errors(): readonly Error[] {
    return this.failures;
  }

  /** Stops submitting, waits for the replies already asked for, then closes the connections. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    await Promise.all(this.clients.map((client) => client.close()));
  }

  private async run(client: StratumTestClient, index: number, handshake: { extranonce1: string; extranonce2Size: number }): Promise<void> {
    const user = `${this.options.user}.c${index}`;
    // Extranonce2 counts up per batch so no two batches of one connection repeat work.
    let extranonce2 = 0n;
    try {
      await client.notification('mining.notify', 15_000);
      while (this.running && !client.isClosed && client.notifications(RECONNECT).length === 0) {
        const notify = newest(client, 'mining.notify');
        const difficulty = Number(newest(client, 'mining.set_difficulty')?.params?.[0]);
        if (notify?.params === undefined || !(difficulty > 0)) throw new Error(`no job or difficulty on connection ${index}`);
        const shares = await grindShares({
          notify: notify.params,
          extranonce1: handshake.extranonce1,
          extranonce2Size: handshake.extranonce2Size,
          extranonce2: extranonce2++,
          difficulty,
          pow: this.options.pow,
          difficultyFactor: this.options.difficultyFactor,
          nonceCount: this.options.noncesPerBatch ?? 1500,
        });
        if (client.isClosed) break;
        await Promise.all(
          shares.map((share) => this.submit(client, [user, share.jobId, share.extranonce2, share.ntime, share.nonce], share.hashHex)),
        );
      }
    } catch (error) {
      if (!client.isClosed) this.failures.push(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private async submit(client: StratumTestClient, params: string[], hashHex: string): Promise<void> {
    const reply = client.request(SUBMIT, params, undefined, this.options.replyTimeoutMs ?? 5_000).catch(() => undefined);
    // A killed pool never answers: stop waiting when the connection closes. A reply that came
    // in with the close was read before the 'close' event, so it has already settled and wins.
    const line = await Promise.race([reply, this.closed(client)]);
    if (line === undefined) {
      this.unanswered++;
      return;
    }
    if (line.result === true) {
      this.acknowledged.push(hashHex);
      return;
    }
    const code = Array.isArray(line.error) ? String(line.error[0]) : 'other';
    this.rejected.set(code, (this.rejected.get(code) ?? 0) + 1);
  }

  private closed(client: StratumTestClient): Promise<undefined> {
    let promise = this.closedPromises.get(client);
    if (promise === undefined) {
      promise = client.isClosed ? Promise.resolve(undefined) : new Promise((resolve) => client.socket.once('close', () => resolve(undefined)));
      this.closedPromises.set(client, promise);
    }
    return promise;
  }
}

function newest(client: StratumTestClient, method: string): ReceivedLine | undefined {
  for (let i = client.received.length - 1; i >= 0; i--) {
    if (client.received[i].method === method) return client.received[i];
  }
  return undefined;
}
