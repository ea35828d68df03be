// `hashpool notify [--socket PATH]`: for litecoind's -blocknotify. Asks the running pool
// to fetch a fresh template now; the block hash argument the daemon appends is ignored
// because the pool re-reads the best block itself (notifications arrive out of order).
import { parseArgs } from 'node:util';
import { DEFAULT_NOTIFY_SOCKET, sendBlockNotify } from '../mining/notify-channel';

export async function runNotifyCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { socket: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  await sendBlockNotify(values.socket ?? process.env.HASHPOOL_NOTIFY_SOCKET ?? DEFAULT_NOTIFY_SOCKET);
}
