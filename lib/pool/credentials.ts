// mining.authorize's username and password. The username is "ACCOUNT.rig" or "ACCOUNT_rig";
// addresses never contain '.' or '_', so the first of either ends the account. In solo and
// pplns mode the account is the payout address, so it is checked here, at authorize, and a
// miner with a bad address learns why before it hashes anything.
import { AddressError } from '../address/errors';
import { decodeAddress, scriptToAddress } from '../address/address';
import type { NetworkParams } from '../protocol/networks';
import type { AuthorizeOutcome } from './contracts';

export interface CredentialsOptions {
  network: NetworkParams;
  mode: 'solo' | 'pool' | 'pplns';
}

/** Longest username kept; names end up in logs, the dashboard and the share log. */
export const MAX_USERNAME_LENGTH = 128;
const PRINTABLE = /^[\x21-\x7e]+$/;
const OPTION_SEPARATORS = /[,;\s]+/;
const DIFFICULTY_KEYS = new Set(['d', 'diff', 'difficulty']);

function refuse(message: string): AuthorizeOutcome {
  return { ok: false, message };
}

/**
 * Password options: "x", "d=64,foo=bar", "d=64 x". Unknown words are ignored (most miners
 * need some password); a d= that is not a positive number is refused, because the miner
 * clearly meant something by it.
 */
function requestedDifficulty(password: string): { ok: true; value?: number } | { ok: false; message: string } {
  let value: number | undefined;
  for (const word of password.split(OPTION_SEPARATORS)) {
    const eq = word.indexOf('=');
    if (eq <= 0) continue;
    const key = word.slice(0, eq).toLowerCase();
    if (!DIFFICULTY_KEYS.has(key)) continue;
    const text = word.slice(eq + 1);
    const parsed = /^[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?$/i.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(parsed) || parsed <= 0) {
      return { ok: false, message: `password option ${key}=${text.slice(0, 32)} is not a positive number` };
    }
    value = parsed;
  }
  return value === undefined ? { ok: true } : { ok: true, value };
}

/** The account part of a worker name: everything before the first '.' or '_'. */
export function accountOf(worker: string): string {
  const cut = worker.search(/[._]/);
  return cut < 0 ? worker : worker.slice(0, cut);
}

/** "ADDRESS.rig" / "ADDRESS_rig"; password "x" or "d=64,foo=bar" (also "d=64 x"). */
export function parseCredentials(user: string, password: string, options: CredentialsOptions): AuthorizeOutcome {
  if (typeof user !== 'string' || user.length === 0) return refuse('the username is empty');
  if (user.length > MAX_USERNAME_LENGTH) return refuse(`the username is longer than ${MAX_USERNAME_LENGTH} characters`);
  if (!PRINTABLE.test(user)) return refuse('the username may only hold printable ASCII without spaces');
  const pass = typeof password === 'string' ? password : '';

  const account = accountOf(user);
  if (account.length === 0) return refuse(`'${user}' has no account before the worker name`);

  const difficulty = requestedDifficulty(pass);
  if (!difficulty.ok) return refuse(difficulty.message);

  let accountKey = account;
  if (options.mode !== 'pool') {
    try {
      const decoded = decodeAddress(account, options.network);
      // One canonical spelling per script, so "LTC1Q..." and "ltc1q..." are one account.
      accountKey = scriptToAddress(decoded.script, options.network) ?? account;
    } catch (error) {
      if (error instanceof AddressError) return refuse(`${options.mode} mode needs a payout address as the username: ${error.message}`);
      throw error;
    }
  }

  const worker = {
    name: user,
    user: accountKey,
    payoutKey: options.mode === 'solo' ? accountKey : '',
    ...(difficulty.value !== undefined ? { requestedDifficulty: difficulty.value } : {}),
  };
  return { ok: true, worker };
}
