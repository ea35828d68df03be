// `hashpool pool [--config FILE] [flags]`: runs the pool node until SIGINT or SIGTERM,
// then stops gracefully (no new miners, client.reconnect, share log flushed).
import { configFromSources, parsePoolFlags, POOL_FLAGS_HELP } from '../config';
import { createLogger } from '../log/logger';
import { PoolNode } from '../pool/pool-node';

export async function runPoolCommand(args: readonly string[], write: (line: string) => void): Promise<void> {
  const parsed = parsePoolFlags(args);
  if (parsed.help) {
    write(POOL_FLAGS_HELP);
    return;
  }
  const config = configFromSources({ file: parsed.configFile, flags: parsed.flags });
  const log = createLogger({ level: config.log.level });

  // Installed before the start: a signal that arrives while the pool is still starting
  // stops it gracefully as soon as it is up, instead of killing it with the default action.
  let stopSignal: NodeJS.Signals | undefined;
  let wake = (): void => undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    stopSignal ??= signal;
    wake();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const node = await PoolNode.start(config, { log });
    const ports = node.stratumPorts.map((p) => `stratum+${p.tls ? 'ssl' : 'tcp'}://${config.stratum.host}:${p.port}`);
    write(`hashpool pool: ${config.network}, payout ${config.payout.mode}, ${ports.join(' ')}`);
    if (node.monitorUrl !== undefined) write(`dashboard and API: ${node.monitorUrl}`);
    if (stopSignal === undefined) await new Promise<void>((resolve) => (wake = resolve));
    log.info(`${stopSignal ?? 'signal'}: stopping`);
    await node.stop();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
