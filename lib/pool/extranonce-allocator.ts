// extranonce1 values for stratum connections: 4 bytes, the pool instance id (2 bytes,
// big-endian) then a 2-byte counter. Values are handed out in counter order, skipping the
// ones in use, so two live connections of one process never share an extranonce1 and
// processes with different instance ids never collide. Random values would collide
// (birthday bound) and make two miners hash identical work.
//
// Capacity: 65,536 concurrent connections per pool process; a 65,537th subscribe gets
// ExtranonceExhaustedError until a connection closes. Run more processes (instance ids)
// for more.
import { HashpoolError } from '../hash/errors';

export const EXTRANONCE1_SIZE = 4;
const COUNTER_SPACE = 0x10000;

export const ERR_POOL_EXTRANONCE_EXHAUSTED = 'ERR_POOL_EXTRANONCE_EXHAUSTED';
export const ERR_POOL_INSTANCE_ID = 'ERR_POOL_INSTANCE_ID';

export class ExtranonceExhaustedError extends HashpoolError {
  constructor() {
    super(ERR_POOL_EXTRANONCE_EXHAUSTED, `all ${COUNTER_SPACE} extranonce1 values of this pool instance are in use`);
  }
}

export class InstanceIdError extends HashpoolError {
  constructor(value: unknown) {
    super(ERR_POOL_INSTANCE_ID, `instanceId must be an integer in [0, 65535], got ${String(value)}`);
  }
}

export class ExtranonceAllocator {
  private readonly used = new Uint8Array(COUNTER_SPACE);
  private inUse = 0;
  private next = 0;

  constructor(readonly instanceId: number) {
    if (!Number.isInteger(instanceId) || instanceId < 0 || instanceId > 0xffff) throw new InstanceIdError(instanceId);
  }

  /**
   * A free extranonce1. With `preferred` (a session id from an earlier subscribe, hex),
   * that value is returned when it carries this instance's prefix and is free (session
   * resume); otherwise the next free counter value.
   */
  allocate(preferred?: string): Buffer {
    if (this.inUse >= COUNTER_SPACE) throw new ExtranonceExhaustedError();
    const resumed = preferred === undefined ? undefined : this.resumable(preferred);
    if (resumed !== undefined) return this.take(resumed);
    while (this.used[this.next] !== 0) this.next = (this.next + 1) % COUNTER_SPACE;
    const counter = this.next;
    this.next = (this.next + 1) % COUNTER_SPACE;
    return this.take(counter);
  }

  /** Frees a value from allocate(); values of another instance or not in use are ignored. */
  release(extranonce1: Buffer): void {
    const counter = this.counterOf(extranonce1);
    if (counter === undefined || this.used[counter] === 0) return;
    this.used[counter] = 0;
    this.inUse -= 1;
  }

  isInUse(extranonce1: Buffer): boolean {
    const counter = this.counterOf(extranonce1);
    return counter !== undefined && this.used[counter] === 1;
  }

  get size(): number {
    return this.inUse;
  }

  private resumable(hex: string): number | undefined {
    if (!/^[0-9a-fA-F]{8}$/.test(hex)) return undefined;
    const counter = this.counterOf(Buffer.from(hex, 'hex'));
    return counter !== undefined && this.used[counter] === 0 ? counter : undefined;
  }

  private counterOf(extranonce1: Buffer): number | undefined {
    if (extranonce1.length !== EXTRANONCE1_SIZE || extranonce1.readUInt16BE(0) !== this.instanceId) return undefined;
    return extranonce1.readUInt16BE(2);
  }

  private take(counter: number): Buffer {
    this.used[counter] = 1;
    this.inUse += 1;
    const out = Buffer.allocUnsafe(EXTRANONCE1_SIZE);
    out.writeUInt16BE(this.instanceId, 0);
    out.writeUInt16BE(counter, 2);
    return out;
  }
}
