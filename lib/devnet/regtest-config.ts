// litecoin.conf for a private regtest daemon on loopback: every port given, nothing
// discovered or listened for beyond them (facts in notes/litecoind-regtest.md).
export interface RegtestConfigOptions {
  p2pPort: number;
  rpcPort: number;
  /** Without its own onion port the daemon also binds the default 127.0.0.1:19444. */
  onionPort: number;
  /** rpcuser/rpcpassword; without them the daemon writes a .cookie file. */
  auth?: { user: string; password: string };
  /** connect= this P2P port (then it is the only outbound peer); default none. */
  connectToPort?: number;
  blocknotify?: string;
}

export function regtestConfig(o: RegtestConfigOptions): string {
  const lines = [
    'regtest=1',
    'server=1',
    'printtoconsole=0',
    'fallbackfee=0.0001',
    ...(o.auth === undefined ? [] : [`rpcuser=${o.auth.user}`, `rpcpassword=${o.auth.password}`]),
    // Network options only take effect (and only start at all) inside [regtest].
    '[regtest]',
    `port=${o.p2pPort}`,
    `rpcport=${o.rpcPort}`,
    'rpcbind=127.0.0.1',
    'rpcallowip=127.0.0.1',
    'listen=1',
    'bind=127.0.0.1',
    `bind=127.0.0.1:${o.onionPort}=onion`,
    o.connectToPort === undefined ? 'connect=0' : `connect=127.0.0.1:${o.connectToPort}`,
    'dnsseed=0',
    'discover=0',
    'listenonion=0',
    'upnp=0',
    // A 1000-key pool makes createwallet take ~1.8 s; keys are still made on demand.
    'keypool=1',
    // Shutdown waits for every idle keep-alive RPC connection but one to time out (seen:
    // stop with two clients connected hit the 10 s SIGKILL); 1 s bounds that wait.
    'rpcservertimeout=1',
    ...(o.blocknotify === undefined ? [] : [`blocknotify=${o.blocknotify}`]),
  ];
  return `${lines.join('\n')}\n`;
}
