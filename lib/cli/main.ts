// Entry point of the `hashpool` command: dispatches subcommands and turns every error
// into one line on stderr with a non-zero exit code.
import { hash } from '../hash';
import { ConfigError } from '../config';
import { runBenchCommand } from './bench-command';
import { UsageError } from './errors';
import { runHashCommand } from './hash-command';
import { runNotifyCommand } from './notify-command';

const USAGE = `usage: hashpool <command> [options]
  hash --algo <sha256|sha256d|scrypt|scrypt:N|x11|blake512|...|echo512> [--display] <hex>
  bench [--algo A] [--threads T] [--seconds S] [--json]
  notify [--socket PATH]     tell the running pool a new block arrived (for -blocknotify)
  headers --network N --store DIR [--peer HOST:PORT] [--json] [--once]
  demo [--seconds S]         litecoind regtest + pool + miner in a temporary folder (npm start)
  pool [--config FILE] [--network N --daemon URL --stratum-port P --payout-mode M ...]   run the pool node (pool --help)
  mine -o stratum+tcp://HOST:PORT -u USER -p PASS [-a ALGO] [-t N] [-B] [-q] [-P] [-d] [--json]   CPU miner (mine -h)`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'hash':
        process.stdout.write(`${runHashCommand(args, hash)}\n`);
        return 0;
      case 'notify':
        await runNotifyCommand(args);
        return 0;
      case 'bench':
        await runBenchCommand(args, (line) => process.stdout.write(`${line}\n`));
        return 0;
      case 'headers': // hashpool headers --network NAME --store DIR [--peer HOST:PORT] [--json] [--once]
        await (await import('./headers-command')).runHeadersCommand(args);
        return 0;
      case 'demo':
        await (await import('./demo-command')).runDemoCommand(args, (line) => process.stdout.write(`${line}\n`));
        return 0;
      case 'pool':
        await (await import('./pool-command')).runPoolCommand(args, (line) => process.stdout.write(`${line}\n`));
        return 0;
      case 'mine':
        return await (await import('./mine-command')).runMineCommand(args);
      case undefined:
      case '-h':
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'\n${USAGE}`);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A config error lists every problem, one per line; other errors keep their first line.
    process.stderr.write(`hashpool: ${error instanceof ConfigError ? message : message.split('\n')[0]}\n`);
    return 2;
  }
}
