// Picks the hashing backend once: HASHPOOL_BACKEND=native|js forces one; otherwise
// native when the addon loads, else the JS twins (with the reason kept for callers).
import type { HashBackend } from './api';
import { NativeUnavailableError } from './errors';
import { jsBackend } from './js';
import { createNativeBackend } from './native';

export * from './api';
export * from './errors';
export { jsBackend } from './js';
export { createNativeBackend, loadNativeAddon } from './native';
export { bytesLEToTarget, targetToBytesLE, meetsTarget, DIFF1_TARGET } from './js/target';

export type BackendChoice = 'native' | 'js' | 'auto';

export function chooseBackend(choice: BackendChoice): { backend: HashBackend; nativeError?: Error } {
  if (choice === 'js') return { backend: jsBackend };
  if (choice === 'native') return { backend: createNativeBackend() };
  try {
    return { backend: createNativeBackend() };
  } catch (error) {
    if (!(error instanceof NativeUnavailableError)) throw error;
    return { backend: jsBackend, nativeError: error };
  }
}

function choiceFromEnv(): BackendChoice {
  const value = process.env.HASHPOOL_BACKEND ?? 'auto';
  if (value === 'native' || value === 'js' || value === 'auto') return value;
  throw new Error(`HASHPOOL_BACKEND must be native, js or auto, not '${value}'`);
}

const selected = chooseBackend(choiceFromEnv());

/** The backend this process uses. */
export const hash: HashBackend = selected.backend;
/** Why the native backend is not in use, when it is not. */
export const nativeUnavailableReason: Error | undefined = selected.nativeError;
