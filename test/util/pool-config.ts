// A pool config for tests on a regtest daemon: solo payout, one stratum port and the
// monitor on free ports, the share log in `dir`, and the pool's P2P link to the daemon,
// which is the peer litecoind requires before it hands out templates.
import { configFromSources, type PoolConfig } from '../../lib/config';
import { freePort, type LitecoindNode } from './litecoind';

export async function regtestPoolConfig(
  node: LitecoindNode,
  dir: string,
  options: { difficulty: number; overrides?: (config: PoolConfig) => void },
): Promise<PoolConfig> {
  const config = configFromSources({
    flags: {
      network: 'litecoin-regtest',
      daemon: [node.rpcUrl],
      stratumPort: [await freePort()],
      payoutMode: 'solo',
      shareLog: dir,
      monitorPort: await freePort(),
      difficulty: options.difficulty,
    },
  });
  config.p2p = { host: '127.0.0.1', port: node.p2pPort };
  config.log.level = 'error';
  options.overrides?.(config);
  return config;
}
