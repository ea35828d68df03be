// The -blocknotify push path: `hashpool notify` connects to the running pool over a
// local socket and says one fixed word. The listener accepts that word and nothing else,
// so unlike PowerPool's datagram port it can never be made to run anything.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The only request the channel understands. */
const REQUEST = 'new-block\n';
const REPLY_OK = 'ok\n';
const REPLY_REFUSED = 'refused\n';
const MAX_REQUEST_BYTES = 64;

/** Where the pool listens and `hashpool notify` connects unless told otherwise. */
export const DEFAULT_NOTIFY_SOCKET = path.join(os.tmpdir(), 'hashpool-notify.sock');

export interface NotifyListener {
  readonly path: string;
  close(): Promise<void>;
}

/**
 * Listens on a unix socket (mode 0600: only this user may notify) and calls `onNotify`
 * for each well-formed request. A stale socket file from a crashed run is replaced.
 */
export async function listenForBlockNotify(socketPath: string, onNotify: () => void): Promise<NotifyListener> {
  if (fs.existsSync(socketPath)) {
    if (!(await isStaleSocket(socketPath))) throw new Error(`another process is listening on ${socketPath}`);
    fs.unlinkSync(socketPath);
  }
  const server = net.createServer((socket) => {
    let received = '';
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.length > MAX_REQUEST_BYTES) {
        socket.end(REPLY_REFUSED);
        return;
      }
      if (!received.includes('\n')) return;
      if (received === REQUEST) {
        onNotify();
        socket.end(REPLY_OK);
      } else {
        socket.end(REPLY_REFUSED);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  fs.chmodSync(socketPath, 0o600);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(socketPath, { force: true });
      }),
  };
}

/** Sends the notification; resolves when the pool acknowledged it. */
export function sendBlockNotify(socketPath: string, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from the pool on ${socketPath} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect', () => socket.write(REQUEST));
    socket.on('data', (chunk) => (reply += chunk.toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const hint = error.code === 'ENOENT' || error.code === 'ECONNREFUSED' ? ' (is the pool running?)' : '';
      reject(new Error(`cannot reach the pool on ${socketPath}: ${error.message}${hint}`));
    });
    socket.on('close', () => {
      clearTimeout(timer);
      if (reply === REPLY_OK) resolve();
      else reject(new Error(`the pool refused the notification on ${socketPath}`));
    });
  });
}

function isStaleSocket(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createConnection(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(false);
    });
    probe.once('error', () => resolve(true));
  });
}
