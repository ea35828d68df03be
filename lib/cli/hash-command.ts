// `hashpool hash --algo <name> <hex> [--display]`: one digest, printed as hex.
import { parseArgs } from 'node:util';
import { X11_STAGES, type HashBackend, type X11Stage } from '../hash';
import { UsageError } from './errors';
import { parsePowSpec } from './pow-spec';

export const HASH_ALGORITHMS = ['sha256', 'sha256d', 'scrypt', 'scrypt:N', 'x11', ...X11_STAGES] as const;

/** Resolves an --algo value to the function it names. */
export function digestFunction(backend: HashBackend, algo: string): (data: Uint8Array) => Buffer {
  if (algo === 'sha256') return (data) => backend.sha256(data);
  if (algo === 'sha256d') return (data) => backend.sha256d(data);
  if (algo === 'x11') return (data) => backend.x11(data);
  if ((X11_STAGES as readonly string[]).includes(algo)) return (data) => backend.x11Stage(algo as X11Stage, data);
  if (algo === 'scrypt' || algo.startsWith('scrypt:')) {
    const n = parsePowSpec(algo).scryptN ?? 1024;
    return (data) => backend.scryptPow(data, n);
  }
  throw new UsageError(`unknown algorithm '${algo}' (expected one of ${HASH_ALGORITHMS.join(', ')})`);
}

export function parseHex(text: string): Buffer {
  const clean = text.startsWith('0x') ? text.slice(2) : text;
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new UsageError(`input is not hex: '${text.length > 40 ? `${text.slice(0, 40)}...` : text}'`);
  }
  return Buffer.from(clean, 'hex');
}

export function runHashCommand(args: string[], backend: HashBackend): string {
  const { values, positionals } = parseArgs({
    args,
    options: { algo: { type: 'string' }, display: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (values.algo === undefined) throw new UsageError('hash needs --algo <name>');
  if (positionals.length !== 1) throw new UsageError('hash needs exactly one hex input (use "" for empty)');
  const digest = digestFunction(backend, values.algo)(parseHex(positionals[0]));
  return (values.display ? Buffer.from(digest).reverse() : digest).toString('hex');
}
