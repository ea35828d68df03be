// The handlers of the stratum methods a miner may call. Every request gets exactly one
// reply, with its id echoed as sent; errors are [code, message, null]. Sockets, timers and
// admission are the server's (stratum-server.ts); this file only decides what to answer.
import { hash } from '../hash';
import type { Job } from '../mining';
import {
  decodeAuthorize,
  decodeConfigure,
  decodeSubmit,
  decodeSubscribe,
  decodeSuggestDifficulty,
  decodeSuggestTarget,
  encodeLine,
  encodeReconnect,
  encodeSetExtranonce,
  encodeSubscribeResult,
  encodeVersionMask,
  errorReply,
  MalformedRequestError,
  Method,
  notification,
  parseMessage,
  parseSubmitLine,
  parseVersionMask,
  reply,
  StratumErrorCode,
  StratumProtocolError,
  type StratumId,
  type StratumRequest,
  type SubmitParams,
} from '../stratum';
import type { AuthorizedWorker, PoolCore, RejectReason, SessionView, ShareVerdict } from './contracts';
import type { ConnectionGuard } from './connection-guard';
import { ExtranonceExhaustedError, type ExtranonceAllocator } from './extranonce-allocator';
import { floorRequestedDifficulty, type StratumServerOptions } from './server-options';
import { WorkerSessionView, type Session, type SessionInfo } from './session';

/**
 * Rejections that say nothing about a miner's honesty: work that went stale (or was
 * forgotten) while the share was on its way, and our own failures. They never count
 * towards a ban; on a busy chain (regtest) stale shares would otherwise ban everyone.
 */
const NOT_THE_MINERS_FAULT: ReadonlySet<RejectReason> = new Set<RejectReason>(['stale', 'job-not-found', 'internal']);

/** What the handlers need of the server. */
export interface MethodHost {
  readonly allocator: ExtranonceAllocator;
  readonly guard: ConnectionGuard;
  sendJob(session: Session, job: Job, clean: boolean): void;
  sendFirstJob(session: Session): void;
  pushDifficulty(session: Session): void;
  jobFor(session: Session): Job | undefined;
  internalError(error: unknown): void;
  endSession(session: Session, reason: string): void;
  protocolError(session: Session, message: string): void;
  ban(ip: string, seconds: number): void;
  submitStarted(): void;
  submitFinished(): void;
  /** True once close() stopped reading: nothing may resume a paused socket then. */
  readonly readingStopped: boolean;
  emit(event: string, ...args: unknown[]): boolean;
  listenerCount(event: string): number;
}

const EXTENSION_VERSION_ROLLING = 'version-rolling';
const EXTENSION_MINIMUM_DIFFICULTY = 'minimum-difficulty';
const EXTENSION_SUBSCRIBE_EXTRANONCE = 'subscribe-extranonce';

/**
 * Submits a connection may have unanswered before we stop reading from it (reading resumes
 * at half): memory stays bounded against a submit flood, and no share is refused for it.
 */
export const MAX_INFLIGHT_PER_SESSION = 256;

function errorLine(id: StratumId, code: StratumErrorCode, message: string): string {
  return encodeLine(errorReply(id, [code, message, null]));
}

/** The accepted-share reply, without building an object per share. */
function trueLine(id: StratumId): string {
  return `{"id":${JSON.stringify(id)},"result":true,"error":null}\n`;
}

export class StratumMethods {
  private readonly difficultyFactor: number;
  /** For promise chains: a throwing listener or core must not become an unhandled rejection. */
  private readonly onInternalError = (error: unknown): void => this.host.internalError(error);

  constructor(
    private readonly host: MethodHost,
    private readonly options: StratumServerOptions,
    private readonly core: PoolCore,
  ) {
    this.difficultyFactor = options.difficultyFactor ?? 1;
  }

  handleLine(session: Session, line: string): void {
    let id: StratumId = null;
    try {
      // Submits are nearly all of the traffic: their usual shape skips JSON.parse.
      const fast = parseSubmitLine(line);
      if (fast !== undefined) {
        id = fast.id;
        this.submit(session, id, () => fast.params);
        return;
      }
      const message = parseMessage(line);
      // Replies from the miner (to client.get_version and the like) need no answer.
      if (message.kind !== 'request') return;
      id = message.id;
      this.dispatch(session, message);
    } catch (error) {
      if (error instanceof MalformedRequestError) id = error.id;
      if (error instanceof StratumProtocolError) {
        session.send(errorLine(id, StratumErrorCode.Other, error.message));
        this.host.protocolError(session, error.message);
      } else {
        session.send(errorLine(id, StratumErrorCode.Other, 'internal error'));
        this.host.internalError(error);
      }
    }
  }

  private dispatch(session: Session, request: StratumRequest): void {
    const { id, params } = request;
    switch (request.method) {
      case Method.submit:
        this.submit(session, id, () => decodeSubmit(params));
        return;
      case Method.subscribe:
        this.subscribe(session, id, params);
        return;
      case Method.authorize:
        this.authorize(session, id, params);
        return;
      case Method.configure:
        this.configure(session, id, params);
        return;
      case Method.extranonceSubscribe:
        session.extranonceSubscribed = true;
        session.send(encodeLine(reply(id, true)));
        return;
      case Method.suggestDifficulty:
        this.suggest(session, id, decodeSuggestDifficulty(params));
        return;
      case Method.suggestTarget:
        this.suggest(session, id, hash.targetToDifficulty(decodeSuggestTarget(params), this.difficultyFactor));
        return;
      case Method.getTransactions:
        this.getTransactions(session, id, params);
        return;
      case Method.ping:
        session.send(encodeLine(reply(id, 'pong')));
        return;
      default:
        session.send(errorLine(id, StratumErrorCode.Other, `unknown method ${JSON.stringify(request.method.slice(0, 64))}`));
        this.host.protocolError(session, `unknown method ${request.method.slice(0, 64)}`);
    }
  }

  private subscribe(session: Session, id: StratumId, params: unknown[]): void {
    const decoded = decodeSubscribe(params);
    if (!session.subscribed) {
      try {
        session.extranonce1 = this.host.allocator.allocate(decoded.sessionId);
      } catch (error) {
        if (!(error instanceof ExtranonceExhaustedError)) throw error;
        session.send(errorLine(id, StratumErrorCode.Other, 'no extranonce1 free on this pool instance'));
        return;
      }
      session.subscribed = true;
      session.userAgent = decoded.userAgent;
    }
    const sid = session.extranonce1.toString('hex');
    session.send(encodeLine(reply(id, encodeSubscribeResult(sid, session.extranonce1, session.extranonce2Size))));
    this.host.sendFirstJob(session);
  }

  private authorize(session: Session, id: StratumId, params: unknown[]): void {
    const { user, password } = decodeAuthorize(params);
    if (session.workers.has(user)) {
      session.send(encodeLine(reply(id, true)));
      return;
    }
    this.core.authorize(session, user, password).then(
      (outcome) => {
        if (session.closed) return;
        if (!outcome.ok) {
          session.send(encodeLine({ id, result: false, error: [StratumErrorCode.Unauthorized, outcome.message, null] }));
          return;
        }
        const requested = outcome.worker.requestedDifficulty;
        // Decided now, sent after the reply: with the first job, or with the current job again.
        if (requested !== undefined && Number.isFinite(requested) && requested > 0) this.decideRequested(session, requested);
        const first = session.addWorker(outcome.worker);
        session.send(encodeLine(reply(id, true)));
        this.host.emit('authorize', session.info(), outcome.worker);
        if (first) this.host.sendFirstJob(session);
        else this.host.pushDifficulty(session);
      },
      (error: unknown) => {
        session.send(errorLine(id, StratumErrorCode.Other, 'authorization failed'));
        this.host.internalError(error);
      },
    ).catch(this.onInternalError);
  }

  /**
   * BIP310: each extension asked for gets an answer; unknown ones `false` (never a dropped
   * connection). Parameters of an extension we grant are checked; bad ones make it false.
   */
  private configure(session: Session, id: StratumId, params: unknown[]): void {
    const { extensions, parameters } = decodeConfigure(params);
    const result: Record<string, unknown> = {};
    let raised = false;
    for (const extension of extensions) {
      if (extension === EXTENSION_VERSION_ROLLING) {
        const minerMask = parameters['version-rolling.mask'] === undefined ? 0xffffffff : this.maskOf(parameters['version-rolling.mask']);
        const mask = minerMask === undefined ? 0 : (this.options.versionMask & minerMask) >>> 0;
        result[EXTENSION_VERSION_ROLLING] = mask !== 0;
        if (mask !== 0) {
          result['version-rolling.mask'] = encodeVersionMask(mask);
          session.versionMask = mask;
        }
      } else if (extension === EXTENSION_MINIMUM_DIFFICULTY) {
        const raw = parameters['minimum-difficulty.value'];
        const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
        const ok = typeof value === 'number' && Number.isFinite(value) && value > 0;
        result[EXTENSION_MINIMUM_DIFFICULTY] = ok;
        if (ok) {
          session.minerMinimum = floorRequestedDifficulty(session.portOptions, value);
          if (session.difficulty < session.minerMinimum) raised = session.setDifficulty(session.minerMinimum);
        }
      } else if (extension === EXTENSION_SUBSCRIBE_EXTRANONCE) {
        session.extranonceSubscribed = true;
        result[EXTENSION_SUBSCRIBE_EXTRANONCE] = true;
      } else {
        result[extension.slice(0, 64)] = false;
      }
    }
    session.send(encodeLine(reply(id, result)));
    if (raised) this.host.pushDifficulty(session);
  }

  private maskOf(value: unknown): number | undefined {
    try {
      return parseVersionMask(value, 'version-rolling.mask');
    } catch {
      return undefined;
    }
  }

  private suggest(session: Session, id: StratumId, difficulty: number): void {
    if (!Number.isFinite(difficulty) || difficulty <= 0) {
      session.send(errorLine(id, StratumErrorCode.Other, 'difficulty must be a positive number'));
      return;
    }
    const changed = this.decideRequested(session, difficulty);
    session.send(encodeLine(reply(id, true)));
    if (changed) this.host.pushDifficulty(session);
  }

  /**
   * A difficulty the miner asked for: floored by the port minimum (capped by its maximum),
   * the new starting point for vardiff; true when it changed (the caller sends it after its reply).
   */
  private decideRequested(session: Session, requested: number): boolean {
    session.resetVardiff(Date.now());
    return session.setDifficulty(floorRequestedDifficulty(session.portOptions, requested));
  }

  private getTransactions(session: Session, id: StratumId, params: unknown[]): void {
    const jobId = params[0];
    if (typeof jobId !== 'string' && typeof jobId !== 'number') {
      session.send(errorLine(id, StratumErrorCode.Other, 'mining.get_transactions takes [job_id]'));
      return;
    }
    const transactions = this.core.transactions(String(jobId));
    if (transactions === undefined) session.send(errorLine(id, StratumErrorCode.JobNotFound, 'Job not found'));
    else session.send(encodeLine(reply(id, transactions)));
  }

  /** `decode` runs only once the session is subscribed: a submit before subscribe is 25 whatever its params. */
  private submit(session: Session, id: StratumId, decode: () => SubmitParams): void {
    if (!session.subscribed) {
      session.send(errorLine(id, StratumErrorCode.NotSubscribed, 'Not subscribed'));
      return;
    }
    let share: SubmitParams;
    try {
      share = decode();
    } catch (error) {
      this.countSubmit(session, true);
      throw error;
    }
    this.submitShare(session, id, share);
  }

  private submitShare(session: Session, id: StratumId, share: SubmitParams): void {
    const worker = session.workers.get(share.worker);
    if (worker === undefined) {
      session.send(errorLine(id, StratumErrorCode.Unauthorized, 'Unauthorized worker'));
      return;
    }
    const view: SessionView = worker === session.worker ? session : new WorkerSessionView(session, worker);
    const started = performance.now();
    session.inflight += 1;
    this.host.submitStarted();
    if (session.inflight >= MAX_INFLIGHT_PER_SESSION) session.socket.pause();
    this.core
      .submit(view, share)
      .then(
        (verdict) => this.answerShare(session, id, worker, verdict, started),
        (error: unknown) => this.submitFailed(session, id, error),
      )
      .catch(this.onInternalError);
  }

  private answerShare(session: Session, id: StratumId, worker: AuthorizedWorker, verdict: ShareVerdict, started: number): void {
    this.settled(session);
    if (verdict.ok) {
      session.send(trueLine(id));
      if (session.recordAcceptedShare(Date.now())) this.host.pushDifficulty(session);
    } else {
      session.send(errorLine(id, verdict.code, verdict.message));
    }
    if (this.host.listenerCount('share') > 0) {
      this.host.emit('share', session.info(), worker.name, verdict, performance.now() - started);
    }
    this.countSubmit(session, !verdict.ok && !NOT_THE_MINERS_FAULT.has(verdict.reason));
  }

  private submitFailed(session: Session, id: StratumId, error: unknown): void {
    this.settled(session);
    session.send(errorLine(id, StratumErrorCode.Other, 'share could not be checked'));
    this.host.internalError(error);
  }

  private settled(session: Session): void {
    session.inflight -= 1;
    if (session.inflight === MAX_INFLIGHT_PER_SESSION >> 1 && session.socket.isPaused() && !this.host.readingStopped) session.socket.resume();
    this.host.submitFinished();
  }

  private countSubmit(session: Session, invalid: boolean): void {
    if (this.host.guard.recordSubmit(session.ip, invalid)) this.host.ban(session.ip, this.options.ban.seconds);
  }

  /** See StratumServer.reassignExtranonce. */
  reassignExtranonce(session: Session): boolean {
    if (!session.extranonceSubscribed) {
      session.send(encodeLine(notification(Method.reconnect, encodeReconnect({}))));
      this.host.endSession(session, 'extranonce reassigned: reconnect');
      return true;
    }
    let next: Buffer;
    try {
      next = this.host.allocator.allocate();
    } catch {
      return false;
    }
    this.host.allocator.release(session.extranonce1);
    session.extranonce1 = next;
    // Shares of earlier jobs were hashed with the old extranonce1: they can only fail now.
    session.clearJobBindings();
    session.send(encodeLine(notification(Method.setExtranonce, encodeSetExtranonce({ extranonce1: next, extranonce2Size: session.extranonce2Size }))));
    const job = this.host.jobFor(session);
    // The NiceHash extension switches extranonce1 on the next notify.
    if (job !== undefined && session.ready) this.host.sendJob(session, job, true);
    return true;
  }
}

export type { SessionInfo };
