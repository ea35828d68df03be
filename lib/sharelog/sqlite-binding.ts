// better-sqlite3 ships no type declarations and we may not add @types packages, so the small
// part of its API we use is typed here, once.
import { ERR_SHARELOG_OPEN, ShareLogError } from './errors';

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

let database: SqliteConstructor | undefined;

/**
 * better-sqlite3 is an optional dependency: its install downloads a prebuilt binary or
 * compiles, and a machine that can do neither still gets the rest of hashpool. It is
 * loaded on first use, and its absence is one clear error.
 */
function loadDatabase(): SqliteConstructor {
  if (database === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      database = require('better-sqlite3') as SqliteConstructor;
    } catch (error) {
      throw new ShareLogError(
        ERR_SHARELOG_OPEN,
        'the SQLite share log needs the optional dependency better-sqlite3, which is not installed or did not build ' +
          `(${error instanceof Error ? error.message.split('\n')[0] : String(error)}); reinstall it, or use the redis share log`,
        error,
      );
    }
  }
  return database;
}

export function openDatabase(file: string, busyTimeoutMs: number): SqliteDatabase {
  const Database = loadDatabase();
  return new Database(file, { timeout: busyTimeoutMs });
}
