// better-sqlite3 ships no type declarations and we may not add @types packages, so the small
// part of its API we use is typed here, once.

export interface SqliteRunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface SqliteStatement<Row = unknown> {
  run(...params: unknown[]): SqliteRunResult;
  get(...params: unknown[]): Row | undefined;
  all(...params: unknown[]): Row[];
  iterate(...params: unknown[]): IterableIterator<Row>;
}

export interface SqliteDatabase {
  prepare<Row = unknown>(sql: string): SqliteStatement<Row>;
  exec(sql: string): SqliteDatabase;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  close(): SqliteDatabase;
  readonly open: boolean;
}

type SqliteConstructor = new (path: string, options?: { timeout?: number }) => SqliteDatabase;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as SqliteConstructor;

export function openDatabase(file: string, busyTimeoutMs: number): SqliteDatabase {
  return new Database(file, { timeout: busyTimeoutMs });
}
