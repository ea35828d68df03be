// X11 in TypeScript, the twin of native/core/x11/x11.cpp, in the stage order of X11_STAGES.
import { X11_STAGES, type X11Stage } from '../../api';
import { blake512 } from './blake512';
import { bmw512 } from './bmw512';
import { cubehash512 } from './cubehash512';
import { echo512 } from './echo512';
import { groestl512 } from './groestl512';
import { jh512 } from './jh512';
import { keccak512 } from './keccak512';
import { luffa512 } from './luffa512';
import { shavite512 } from './shavite512';
import { simd512 } from './simd512';
import { skein512 } from './skein512';

export const X11_STAGE_FUNCTIONS: Readonly<Record<X11Stage, (data: Uint8Array) => Buffer>> = {
  blake512,
  bmw512,
  groestl512,
  skein512,
  jh512,
  keccak512,
  luffa512,
  cubehash512,
  shavite512,
  simd512,
  echo512,
};

const CHAIN = X11_STAGES.map((stage) => X11_STAGE_FUNCTIONS[stage]);

/** First 32 bytes of echo512(simd512(...blake512(data))). */
export function x11(data: Uint8Array): Buffer {
  let h: Uint8Array = data;
  for (const stage of CHAIN) h = stage(h);
  return Buffer.from(h.subarray(0, 32));
}
