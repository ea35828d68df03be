// Entry points: YAML text, a file, or a file plus command-line flags -> a validated PoolConfig.
// Each either returns a complete config or throws one ConfigError listing every problem.
import fs from 'node:fs';
import { applyFlags } from './apply-flags';
import { ConfigError, type ConfigIssue } from './errors';
import { checkPoolConfig, fillDerivedDefaults } from './pool-checks';
import type { PartialDeep, PoolConfig } from './pool-config';
import type { PoolFlags } from './pool-flags';
import { POOL_SCHEMA } from './pool-schema';
import { describeValue, isMapping, validate } from './schema';
import { parseYaml } from './yaml-source';

/** YAML text -> validated config with defaults. `sourceName` only labels the error message. */
export function parseConfigText(text: string, sourceName: string): PoolConfig {
  return finish(readDocument(text, sourceName), sourceName);
}

/** Reads and validates a YAML file; unreadable files become a ConfigError with path ''. */
export function loadConfigFile(path: string): PoolConfig {
  return parseConfigText(readText(path), path);
}

/** The file (if any), then the flags over it, then validation of the result as a whole. */
export function configFromSources(options: { file?: string; flags: PoolFlags }): PoolConfig {
  const sourceName = options.file === undefined ? 'command-line flags' : `${options.file} and command-line flags`;
  const raw = options.file === undefined ? {} : readDocument(readText(options.file), options.file);
  return finish(applyFlags(raw, options.flags), sourceName);
}

function readText(path: string): string {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? String(error)})`;
    throw new ConfigError(path, [{ path: '', message: `${reason}: ${path}` }]);
  }
}

function readDocument(text: string, sourceName: string): unknown {
  const parsed = parseYaml(text);
  if (!parsed.ok) throw new ConfigError(sourceName, parsed.issues);
  // An empty file is an empty mapping: the "missing key" messages then say what to add.
  const data = parsed.data ?? {};
  if (!isMapping(data)) {
    throw new ConfigError(sourceName, [{ path: '', message: `expected a mapping of keys at the top level, got ${describeValue(data)}` }]);
  }
  return data;
}

function finish(raw: unknown, sourceName: string): PoolConfig {
  const { value, issues } = validate(POOL_SCHEMA, raw);
  const draft = (value ?? {}) as PartialDeep<PoolConfig>;
  fillDerivedDefaults(draft);
  const all: ConfigIssue[] = [...issues, ...checkPoolConfig(draft)];
  if (all.length > 0) throw new ConfigError(sourceName, all);
  // With no issues every required key is present and typed as the schema says; the schema
  // mirrors PoolConfig key for key, and the example-file test pins the two together.
  return draft as PoolConfig;
}
