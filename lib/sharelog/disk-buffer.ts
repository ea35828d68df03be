// Local disk buffer of the Redis backend: JSON lines appended and fsynced before the
// operations they hold are acknowledged, read back in order for replay, removed when drained.
// One process per directory (a pid lock file), so a live process never replays another's
// lines; a lock left by a dead process is taken over and its lines replayed.

import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { ERR_SHARELOG_BUFFER_LOCKED, ERR_SHARELOG_BUFFER_WRITE, ERR_SHARELOG_OPEN, ShareLogError, toShareLogError } from './errors';

export const BUFFER_FILE = 'shares.buffer.jsonl';
export const CORRUPT_SUFFIX = '.corrupt';
const LOCK_FILE = 'lock';
const READ_BYTES = 1 << 20;
const NEWLINE = 0x0a;

const lockedHere = new Set<string>();

export interface BufferChunk {
  lines: string[];
  /** Offset just past the last line returned; pass to consume(). */
  end: number;
}

export class DiskBuffer {
  readonly file: string;
  readonly corruptFile: string;
  private readonly lockFile: string;
  private fd: number | undefined;
  private size = 0;
  private offset = 0;
  private lines = 0;

  constructor(readonly dir: string) {
    this.file = path.join(dir, BUFFER_FILE);
    this.corruptFile = this.file + CORRUPT_SUFFIX;
    this.lockFile = path.join(dir, LOCK_FILE);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw toShareLogError(ERR_SHARELOG_OPEN, `cannot create buffer directory ${dir}`, error);
    }
    this.lock();
    try {
      if (existsSync(this.file)) this.adopt();
    } catch (error) {
      this.unlock();
      throw toShareLogError(ERR_SHARELOG_OPEN, `cannot read buffer file ${this.file}`, error);
    }
  }

  /** Lines not yet consumed. */
  get count(): number {
    return this.lines;
  }

  get empty(): boolean {
    return this.lines === 0;
  }

  /** Appends whole lines and fsyncs; on failure the file is cut back so no torn line stays. */
  append(lines: string[]): void {
    if (lines.length === 0) return;
    const data = Buffer.from(lines.join('\n') + '\n', 'utf8');
    try {
      if (this.fd === undefined) {
        this.fd = openSync(this.file, 'a+');
        this.size = fstatSync(this.fd).size;
      }
      let written = 0;
      while (written < data.length) written += writeSync(this.fd, data, written, data.length - written, this.size + written);
      fsyncSync(this.fd);
    } catch (error) {
      this.cutBack();
      throw toShareLogError(ERR_SHARELOG_BUFFER_WRITE, `cannot write buffer file ${this.file}`, error);
    }
    this.size += data.length;
    this.lines += lines.length;
  }

  /** Up to maxLines whole lines from the replay position, in order. */
  read(maxLines: number): BufferChunk {
    const lines: string[] = [];
    let pos = this.offset;
    if (this.fd === undefined) return { lines, end: pos };
    const buf = Buffer.allocUnsafe(READ_BYTES);
    while (lines.length < maxLines && pos < this.size) {
      const n = readSync(this.fd, buf, 0, Math.min(READ_BYTES, this.size - pos), pos);
      if (n <= 0) break;
      let start = 0;
      let nl = buf.indexOf(NEWLINE, start);
      if (nl < 0 || nl >= n) {
        // No newline in a whole read: not a line this code wrote; hand it on as one
        // (corrupt) line so replay moves past it.
        lines.push(buf.toString('utf8', 0, n));
        pos += n;
        continue;
      }
      while (nl >= 0 && nl < n && lines.length < maxLines) {
        lines.push(buf.toString('utf8', start, nl));
        start = nl + 1;
        nl = buf.indexOf(NEWLINE, start);
      }
      pos += start;
    }
    return { lines, end: pos };
  }

  /** Marks lines up to `end` as replayed; a drained file is removed. */
  consume(end: number, lineCount: number): void {
    this.offset = end;
    this.lines = Math.max(0, this.lines - lineCount);
    if (this.offset >= this.size) this.removeFile();
  }

  /** Keeps a line that could not be decoded, with the reason, for an operator to look at. */
  moveAside(line: string, reason: string): void {
    const entry = JSON.stringify({ time: new Date().toISOString(), reason, line }) + '\n';
    try {
      const fd = openSync(this.corruptFile, 'a');
      try {
        writeSync(fd, entry);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      throw toShareLogError(ERR_SHARELOG_BUFFER_WRITE, `cannot write ${this.corruptFile}`, error);
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.unlock();
  }

  private adopt(): void {
    this.fd = openSync(this.file, 'a+');
    this.size = fstatSync(this.fd).size;
    const buf = Buffer.allocUnsafe(READ_BYTES);
    let last = NEWLINE;
    for (let pos = 0; pos < this.size; ) {
      const n = readSync(this.fd, buf, 0, Math.min(READ_BYTES, this.size - pos), pos);
      if (n <= 0) break;
      for (let i = 0; i < n; i++) if (buf[i] === NEWLINE) this.lines++;
      last = buf[n - 1];
      pos += n;
    }
    if (this.size > 0 && last !== NEWLINE) {
      // A write torn by a crash was never acknowledged; end it so it reads as one corrupt
      // line and the next append starts a line of its own.
      writeSync(this.fd, '\n', this.size);
      fsyncSync(this.fd);
      this.size += 1;
      this.lines++;
    }
    if (this.size === 0) this.removeFile();
  }

  private cutBack(): void {
    try {
      if (this.fd !== undefined) ftruncateSync(this.fd, this.size);
    } catch {
      // If even that fails the torn tail is ended and moved aside on the next open.
    }
  }

  private removeFile(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    try {
      unlinkSync(this.file);
    } catch {
      // Already gone.
    }
    this.size = 0;
    this.offset = 0;
    this.lines = 0;
  }

  private lock(): void {
    const key = path.resolve(this.dir);
    if (lockedHere.has(key)) throw new ShareLogError(ERR_SHARELOG_BUFFER_LOCKED, `buffer directory ${this.dir} is in use by this process`);
    if (existsSync(this.lockFile)) {
      const pid = Number(readFileSync(this.lockFile, 'utf8').trim());
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new ShareLogError(ERR_SHARELOG_BUFFER_LOCKED, `buffer directory ${this.dir} is in use by process ${pid}`);
      }
    }
    try {
      writeFileSync(this.lockFile, `${process.pid}\n`);
    } catch (error) {
      throw toShareLogError(ERR_SHARELOG_OPEN, `cannot write ${this.lockFile}`, error);
    }
    lockedHere.add(key);
  }

  private unlock(): void {
    lockedHere.delete(path.resolve(this.dir));
    try {
      unlinkSync(this.lockFile);
    } catch {
      // Already gone.
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
