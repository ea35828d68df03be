// Child process of the crash tests: appends shares as fast as it can and prints the hash of
// each one on stdout once append() has resolved. The test kills it with SIGKILL mid-run.
// Usage: node crash-child.js sqlite <db path> | redis <url> <buffer dir> <key prefix>

import { openRedisShareLog, openSqliteShareLog, type ShareLog } from '../../lib/sharelog';
import { makeShare } from './fixtures';

const IN_FLIGHT = 500;

async function main(): Promise<void> {
  const [kind, target, bufferDir, keyPrefix] = process.argv.slice(2);
  const log: ShareLog =
    kind === 'sqlite'
      ? openSqliteShareLog({ path: target })
      : await openRedisShareLog({ url: target, bufferDir, keyPrefix });
  let n = 0;
  let out: string[] = [];
  const flushOut = (): void => {
    if (out.length) process.stdout.write(out.join('\n') + '\n');
    out = [];
  };
  setInterval(flushOut, 2).unref();
  const worker = async (): Promise<void> => {
    for (;;) {
      const share = makeShare(n++, { hash: `crash-${process.pid}-${n}` });
      await log.append(share);
      out.push(share.hash);
    }
  };
  process.stdout.write('ready\n');
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
