// Newline-delimited JSON framing. Lines are cut at '\n' (a trailing '\r' is dropped for
// clients that send CRLF); a line over the limit is an error before it is buffered whole,
// so a peer cannot grow our memory by never sending a newline.
import { LineTooLongError } from './errors';

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024;

export class LineDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES) {}

  /** Complete lines in `chunk` (empty lines skipped); throws LineTooLongError. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline === -1) break;
      const lineBytes = this.pendingBytes + (newline - start);
      if (lineBytes > this.maxLineBytes) throw new LineTooLongError(this.maxLineBytes);
      let line: Buffer = chunk.subarray(start, newline);
      if (this.pendingBytes > 0) {
        line = Buffer.concat([...this.pending, line]);
        this.pending = [];
        this.pendingBytes = 0;
      }
      const text = line.toString('utf8').replace(/\r$/, '');
      if (text.trim().length > 0) lines.push(text);
      start = newline + 1;
    }
    if (start < chunk.length) {
      this.pendingBytes += chunk.length - start;
      if (this.pendingBytes > this.maxLineBytes) throw new LineTooLongError(this.maxLineBytes);
      this.pending.push(Buffer.from(chunk.subarray(start)));
    }
    return lines;
  }

  /** Bytes held waiting for a newline. */
  get buffered(): number {
    return this.pendingBytes;
  }
}

export function encodeLine(message: object): string {
  return `${JSON.stringify(message)}\n`;
}
