// A proof of work loaded by path (registerPow({ module })): nightminer's MD5 example, the
// md5 of the header zero-extended to 32 bytes and read little-endian. The other exports
// are broken on purpose, for the registration and scan-thread failure tests.
import crypto from 'node:crypto';

export function hash(header: Buffer): Buffer {
  return Buffer.concat([crypto.createHash('md5').update(header).digest(), Buffer.alloc(16)]);
}

/** 16 bytes: refused at registration. */
export function hashHalf(header: Buffer): Buffer {
  return crypto.createHash('md5').update(header).digest();
}

/** Passes the registration probe (a zero header) and throws on any real work. */
export function hashFailsOnWork(header: Buffer): Buffer {
  if (header.some((byte) => byte !== 0)) throw new Error('md5-pow: deliberately broken');
  return hash(header);
}

export const notAFunction = 42;
