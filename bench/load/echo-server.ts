// The baseline: a stratum server that does the least a server can — split lines, read the
// id, answer. Submits get `true` at once, so a run against it shows what the load client
// itself can drive; the pool's figures are read as a ratio to it.
import net from 'node:net';

export interface EchoServer {
  port: number;
  /**
   * Writes one line to every connection, as a pool broadcasts a notify, with nothing else
   * per connection: the floor for the pool's own broadcast. Returns performance.now() after the last write.
   */
  broadcast(line: string): number;
  close(): Promise<void>;
}

/** `notifyLine` is sent after the subscribe reply so clients see the same handshake as with the pool. */
export async function startEchoServer(notifyLine: string, difficulty: number): Promise<EchoServer> {
  let nextExtranonce = 1;
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setEncoding('latin1');
    let partial = '';
    socket.on('data', (chunk: string) => {
      let text = partial + chunk;
      let out = '';
      let newline = text.indexOf('\n');
      while (newline !== -1) {
        const line = text.slice(0, newline);
        text = text.slice(newline + 1);
        newline = text.indexOf('\n');
        if (line.length === 0) continue;
        const message = JSON.parse(line) as { id: unknown; method: string };
        const id = JSON.stringify(message.id);
        if (message.method === 'mining.subscribe') {
          const extranonce1 = (nextExtranonce++).toString(16).padStart(8, '0');
          out +=
            `{"id":${id},"result":[[["mining.set_difficulty","1"],["mining.notify","1"]],"${extranonce1}",4],"error":null}\n` +
            `{"id":null,"method":"mining.set_difficulty","params":[${difficulty}]}\n` +
            notifyLine;
        } else {
          out += `{"id":${id},"result":true,"error":null}\n`;
        }
      }
      partial = text;
      if (out.length > 0) socket.write(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    broadcast: (line) => {
      const bytes = Buffer.from(line, 'latin1');
      for (const socket of sockets) socket.write(bytes);
      return performance.now();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
