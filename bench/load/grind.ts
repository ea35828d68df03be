// Shares for the C load generator: from each connection's handshake (extranonce1 and the
// first mining.notify) to submit lines in a file, one per share, "<conn>\t<tail>" where the
// tail is the JSON after the id. Real shares are ground here (one extranonce2 per share, the
// first nonce that meets the difficulty); fake ones (for the echo server) are not hashed.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { hash, type PowSpec } from '../../lib/hash';
import { serializeHeader } from '../../lib/mining';
import { decodeNotify, hex32, type NotifyParams } from '../../lib/stratum';
import type { GrindSpec } from './ipc';

export const WORKER = 'bench.rig';
export const VALIDATE_BATCH = 512;
/** Lines buffered before a write to the file. */
const WRITE_CHUNK = 4096;

export interface Handshake {
  index: number;
  extranonce1: Buffer;
  extranonce2Size: number;
  notify: NotifyParams;
  /** The notify as sent (job id and ntime exactly as the server wrote them). */
  jobId: string;
  ntimeHex: string;
}

/** Reads the handshake file the C client wrote: "<index> <extranonce1> <size> <notify line>". */
export function readHandshakes(file: string): Handshake[] {
  const out: Handshake[] = [];
  for (const line of readFileSync(file, 'latin1').split('\n')) {
    if (line.length === 0) continue;
    const [index, extranonce1, size] = line.split(' ', 3);
    const json = line.slice(index.length + extranonce1.length + size.length + 3);
    const params = (JSON.parse(json) as { params: unknown[] }).params;
    out.push({
      index: Number(index),
      extranonce1: Buffer.from(extranonce1, 'hex'),
      extranonce2Size: Number(size),
      notify: decodeNotify(params),
      jobId: String(params[0]),
      ntimeHex: String(params[7]),
    });
  }
  return out;
}

function tail(jobId: string, extranonce2: string, ntime: string, nonce: string): string {
  return `,"method":"mining.submit","params":["${WORKER}","${jobId}","${extranonce2}","${ntime}","${nonce}"]}\n`;
}

class LineFile {
  private readonly fd: number;
  private pending: string[] = [];

  constructor(file: string) {
    this.fd = openSync(file, 'w');
  }

  add(line: string): void {
    this.pending.push(line);
    if (this.pending.length >= WRITE_CHUNK) this.flush();
  }

  flush(): void {
    if (this.pending.length > 0) writeSync(this.fd, this.pending.join(''));
    this.pending = [];
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** Same line shape, no hashing: the echo server answers true to anything. */
export function writeFakeShares(handshakes: readonly Handshake[], perConnection: number, file: string): number {
  const out = new LineFile(file);
  for (const h of handshakes) {
    for (let i = 0; i < perConnection; i++) {
      out.add(`${h.index}\t${tail(h.jobId, i.toString(16).padStart(h.extranonce2Size * 2, '0'), h.ntimeHex, hex32(i))}`);
    }
  }
  out.close();
  return handshakes.length * perConnection;
}

interface Todo {
  h: Handshake;
  extranonce2: string;
  header: Buffer;
  nonce: number;
}

function headerOf(h: Handshake, extranonce2: string): Buffer {
  const n = h.notify;
  const coinbase = Buffer.concat([n.coinb1, h.extranonce1, Buffer.from(extranonce2, 'hex'), n.coinb2]);
  const merkleRoot = hash.merkleFoldBranch(hash.sha256d(coinbase), n.merkleBranch, 0);
  return serializeHeader({ version: n.version, previousBlockHash: n.prevHash, merkleRoot, time: n.time, bits: n.bits, nonce: 0 });
}

/**
 * For each header, the first nonce from its current one whose PoW meets `target`: hashed in
 * batches through hash.validateHeaders (off the event loop), the misses retried at nonce + 1.
 */
export async function findNonces<T extends { header: Buffer; nonce: number }>(
  work: T[],
  pow: PowSpec,
  target: bigint,
  found: (item: T) => void,
): Promise<void> {
  let todo = work;
  while (todo.length > 0) {
    const retry: T[] = [];
    const batches: Promise<void>[] = [];
    for (let start = 0; start < todo.length; start += VALIDATE_BATCH) {
      const batch = todo.slice(start, start + VALIDATE_BATCH);
      const checked = hash.validateHeaders(pow, batch.map((t) => t.header), batch.map(() => target));
      batches.push(
        checked.then((result) => {
          batch.forEach((t, i) => {
            if (result.valid[i]) {
              found(t);
            } else {
              t.nonce += 1;
              t.header.writeUInt32LE(t.nonce, 76);
              retry.push(t);
            }
          });
        }),
      );
    }
    await Promise.all(batches);
    todo = retry;
  }
}

/** Real shares, `perConnection` each, written to `file`; resolves with how many. */
export async function grindShares(handshakes: readonly Handshake[], perConnection: number, spec: GrindSpec, file: string): Promise<number> {
  const target = hash.difficultyToTarget(spec.difficulty, spec.difficultyFactor);
  const out = new LineFile(file);
  let made = 0;
  const perChunk = Math.max(1, Math.floor((VALIDATE_BATCH * 8) / Math.max(1, perConnection)));
  for (let first = 0; first < handshakes.length; first += perChunk) {
    const todo: Todo[] = [];
    for (const h of handshakes.slice(first, first + perChunk)) {
      for (let i = 0; i < perConnection; i++) {
        const extranonce2 = i.toString(16).padStart(h.extranonce2Size * 2, '0');
        todo.push({ h, extranonce2, header: headerOf(h, extranonce2), nonce: 0 });
      }
    }
    await findNonces(todo, spec.pow, target, (t) => {
      out.add(`${t.h.index}\t${tail(t.h.jobId, t.extranonce2, t.h.ntimeHex, hex32(t.nonce))}`);
      made += 1;
    });
  }
  out.close();
  return made;
}
