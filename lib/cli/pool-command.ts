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
  const node = await PoolNode.start(config, { log });
  const ports = node.stratumPorts.map((p) => `stratum+${p.tls ? 'ssl' : 'tcp'}://${config.stratum.host}:${p.port}`);
  write(`hashpool pool: ${config.network}, payout ${config.payout.mode}, ${ports.join(' ')}`);
  if (node.monitorUrl !== undefined) write(`dashboard and API: ${node.monitorUrl}`);

  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      log.info(`${signal}: stopping`);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      void node.stop().then(resolve, (error: unknown) => {
        log.error('stop failed', { error: String(error) });
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
