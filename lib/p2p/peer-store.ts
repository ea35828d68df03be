// Known peers persisted as a JSON array of {host, port, banned, lastSeen, score}. A banned
// flag in the file is honoured: the manager never connects to that address.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { P2PPeerStoreError } from './peer-errors';

export interface PeerRecord {
  host: string;
  port: number;
  banned: boolean;
  /** Unix ms of the last completed handshake; 0 when never. */
  lastSeen: number;
  /** Last misbehaviour score. */
  score: number;
}

export function peerKey(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Pure: validates the file's JSON text. Throws P2PPeerStoreError naming the bad entry. */
export function parsePeerRecords(text: string): PeerRecord[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new P2PPeerStoreError(`peer file is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new P2PPeerStoreError('peer file must hold a JSON array');
  return data.map((entry: unknown, i: number): PeerRecord => {
    if (typeof entry !== 'object' || entry === null) throw new P2PPeerStoreError(`peer #${i} is not an object`);
    const e = entry as Record<string, unknown>;
    if (typeof e.host !== 'string' || e.host === '') throw new P2PPeerStoreError(`peer #${i}: host must be a non-empty string`);
    if (typeof e.port !== 'number' || !Number.isInteger(e.port) || e.port < 1 || e.port > 65535) {
      throw new P2PPeerStoreError(`peer #${i}: port must be an integer 1..65535`);
    }
    const optionalNumber = (name: string): number => {
      const v = e[name];
      if (v === undefined) return 0;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new P2PPeerStoreError(`peer #${i}: ${name} must be a number`);
      return v;
    };
    if (e.banned !== undefined && typeof e.banned !== 'boolean') throw new P2PPeerStoreError(`peer #${i}: banned must be a boolean`);
    return { host: e.host, port: e.port, banned: e.banned === true, lastSeen: optionalNumber('lastSeen'), score: optionalNumber('score') };
  });
}

export class PeerStore {
  private readonly records = new Map<string, PeerRecord>();
  private saving: Promise<void> = Promise.resolve();

  /** Without a file the store lives in memory only. */
  constructor(readonly file?: string) {}

  /** Reads the file; a missing file is an empty store, a malformed one a P2PPeerStoreError. */
  async load(): Promise<void> {
    if (!this.file) return;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new P2PPeerStoreError(`cannot read ${this.file}: ${(error as Error).message}`);
    }
    for (const record of parsePeerRecords(text)) this.records.set(peerKey(record.host, record.port), record);
  }

  /** Writes via a temporary file and rename, so a crash never leaves half a file. Serialised. */
  save(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    const text = `${JSON.stringify(this.list(), null, 2)}\n`;
    this.saving = this.saving
      .catch(() => undefined)
      .then(async () => {
        await mkdir(path.dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        await writeFile(tmp, text);
        await rename(tmp, file);
      });
    return this.saving;
  }

  list(): PeerRecord[] {
    return [...this.records.values()].map((r) => ({ ...r }));
  }

  get(host: string, port: number): PeerRecord | undefined {
    const r = this.records.get(peerKey(host, port));
    return r ? { ...r } : undefined;
  }

  /** Adds the address if unknown; returns the stored record. */
  add(host: string, port: number): PeerRecord {
    const key = peerKey(host, port);
    let r = this.records.get(key);
    if (!r) {
      r = { host, port, banned: false, lastSeen: 0, score: 0 };
      this.records.set(key, r);
    }
    return { ...r };
  }

  update(host: string, port: number, change: Partial<Omit<PeerRecord, 'host' | 'port'>>): PeerRecord {
    this.add(host, port);
    const r = this.records.get(peerKey(host, port)) as PeerRecord;
    Object.assign(r, change);
    return { ...r };
  }

  isBanned(host: string, port: number): boolean {
    return this.records.get(peerKey(host, port))?.banned === true;
  }
}
