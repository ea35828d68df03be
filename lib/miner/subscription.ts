// What a pool told this connection: extranonce1 and the extranonce2 size (from subscribe
// or set_extranonce), the share difficulty, the worker name and the BIP310 mask. Jobs
// take a snapshot of it when created, so a later change never alters work in progress.
import { hash } from '../hash';
import type { NotifyParams } from '../stratum';
import { NotSubscribedError } from './errors';
import { Job } from './job';
import type { ResolvedPow } from './pow-registry';

export class Subscription {
  extranonce1: Buffer | undefined;
  extranonce2Size = 0;
  difficulty = 1;
  target: bigint;
  workerName = '';
  /** BIP310 mask granted by the pool; 0 when not rolling. */
  versionMask = 0;

  constructor(readonly pow: ResolvedPow) {
    this.target = hash.difficultyToTarget(1, pow.difficultyFactor);
  }

  set(extranonce1: Buffer, extranonce2Size: number): void {
    this.extranonce1 = Buffer.from(extranonce1);
    this.extranonce2Size = extranonce2Size;
  }

  setDifficulty(difficulty: number): void {
    this.target = hash.difficultyToTarget(difficulty, this.pow.difficultyFactor);
    this.difficulty = difficulty;
  }

  setWorkerName(name: string): void {
    this.workerName = name;
  }

  setVersionMask(mask: number): void {
    this.versionMask = mask >>> 0;
  }

  get subscribed(): boolean {
    return this.extranonce1 !== undefined;
  }

  createJob(notify: NotifyParams): Job {
    if (this.extranonce1 === undefined) throw new NotSubscribedError();
    return new Job(notify, {
      pow: this.pow,
      extranonce1: this.extranonce1,
      extranonce2Size: this.extranonce2Size,
      difficulty: this.difficulty,
      target: this.target,
      versionMask: this.versionMask,
    });
  }
}
