// A small schema language: a schema is plain data describing each key, and one walker checks
// a parsed document against it, collecting every problem and filling in defaults.
import type { ConfigIssue } from './errors';
import { closestName } from './suggest';

interface NodeBase {
  /** One line for humans: what the key does. */
  readonly doc: string;
  readonly required?: boolean;
  /** Filled in when the key is absent (or null). Objects with default {} get their own defaults. */
  readonly default?: unknown;
  /** The command-line flag that can supply this key; named in the "missing" message. */
  readonly flag?: string;
}

export interface StringNode extends NodeBase {
  readonly type: 'string';
  readonly enum?: readonly string[];
  readonly pattern?: RegExp;
  /** Says what the pattern means, for the message ("8 hex characters, quoted"). */
  readonly expected?: string;
  readonly nonEmpty?: boolean;
  /** A check beyond type and pattern; returns the problem, or undefined when the value is fine. */
  readonly check?: (value: string) => string | undefined;
}

export interface NumberNode extends NodeBase {
  readonly type: 'number';
  readonly integer?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** min is exclusive: the value must be strictly greater. */
  readonly minExclusive?: boolean;
  readonly check?: (value: number) => string | undefined;
}

export interface BooleanNode extends NodeBase {
  readonly type: 'boolean';
}

export interface ObjectNode extends NodeBase {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, SchemaNode>>;
}

export interface ArrayNode extends NodeBase {
  readonly type: 'array';
  readonly items: SchemaNode;
  readonly minItems?: number;
}

export type SchemaNode = StringNode | NumberNode | BooleanNode | ObjectNode | ArrayNode;

export interface ValidationResult {
  /** The input with defaults filled in; keys that failed are left out (array slots become undefined). */
  value: unknown;
  issues: ConfigIssue[];
}

/** Checks `input` against `schema` from the root; never throws on bad input. */
export function validate(schema: SchemaNode, input: unknown): ValidationResult {
  const issues: ConfigIssue[] = [];
  const value = walk(schema, input, '', issues);
  return { value, issues };
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value is shown after "got": strings quoted, containers by kind. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (isMapping(value)) return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  return String(value);
}

export function joinPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

function walk(node: SchemaNode, input: unknown, path: string, issues: ConfigIssue[]): unknown {
  // YAML writes an empty value (`key:`) as null; treating it as absent lets defaults apply.
  if (input === undefined || input === null) {
    if (node.required === true) {
      const hint = node.flag === undefined ? '' : ` (or pass ${node.flag})`;
      issues.push({ path, message: `missing required key '${lastKey(path)}'${hint}` });
      return undefined;
    }
    if (node.default === undefined) return undefined;
    return walk(node, structuredClone(node.default), path, issues);
  }
  switch (node.type) {
    case 'string':
      return checkString(node, input, path, issues);
    case 'number':
      return checkNumber(node, input, path, issues);
    case 'boolean':
      if (typeof input === 'boolean') return input;
      issues.push({ path, message: `expected true or false, got ${describeValue(input)}` });
      return undefined;
    case 'object':
      return checkObject(node, input, path, issues);
    case 'array':
      return checkArray(node, input, path, issues);
  }
}

function checkString(node: StringNode, input: unknown, path: string, issues: ConfigIssue[]): string | undefined {
  const fail = (expected: string): undefined => {
    issues.push({ path, message: `expected ${expected}, got ${describeValue(input)}` });
    return undefined;
  };
  if (node.enum !== undefined) {
    if (typeof input === 'string' && node.enum.includes(input)) return input;
    return fail(`one of ${node.enum.map((e) => `'${e}'`).join(', ')}`);
  }
  if (typeof input !== 'string') return fail(node.expected ?? 'a string');
  if (node.nonEmpty === true && input === '') return fail(node.expected ?? 'a non-empty string');
  if (node.pattern !== undefined && !node.pattern.test(input)) return fail(node.expected ?? `a string matching ${node.pattern}`);
  return runCheck(node.check, input, path, issues);
}

function checkNumber(node: NumberNode, input: unknown, path: string, issues: ConfigIssue[]): number | undefined {
  const ok =
    typeof input === 'number' &&
    Number.isFinite(input) &&
    (node.integer !== true || Number.isInteger(input)) &&
    (node.min === undefined || (node.minExclusive === true ? input > node.min : input >= node.min)) &&
    (node.max === undefined || input <= node.max);
  if (!ok) {
    issues.push({ path, message: `expected ${describeNumber(node)}, got ${describeValue(input)}` });
    return undefined;
  }
  return runCheck(node.check, input, path, issues);
}

export function describeNumber(node: Pick<NumberNode, 'integer' | 'min' | 'max' | 'minExclusive'>): string {
  const kind = node.integer === true ? 'an integer' : 'a number';
  const { min, max } = node;
  if (min !== undefined && max !== undefined) {
    return node.minExclusive === true ? `${kind} > ${min} and <= ${max}` : `${kind} in ${min}..${max}`;
  }
  if (min !== undefined) return `${kind} ${node.minExclusive === true ? '>' : '>='} ${min}`;
  if (max !== undefined) return `${kind} <= ${max}`;
  return kind;
}

function checkObject(node: ObjectNode, input: unknown, path: string, issues: ConfigIssue[]): Record<string, unknown> | undefined {
  if (!isMapping(input)) {
    issues.push({ path, message: `expected a mapping, got ${describeValue(input)}` });
    return undefined;
  }
  const known = Object.keys(node.properties);
  const out: Record<string, unknown> = {};
  for (const key of known) {
    const value = walk(node.properties[key], Object.hasOwn(input, key) ? input[key] : undefined, joinPath(path, key), issues);
    if (value !== undefined) out[key] = value;
  }
  for (const key of Object.keys(input)) {
    if (Object.prototype.hasOwnProperty.call(node.properties, key)) continue;
    const full = joinPath(path, key);
    const guess = closestName(key, known);
    const hint = guess === undefined ? `; known keys: ${known.join(', ')}` : ` (did you mean '${guess}'?)`;
    issues.push({ path: full, message: `unknown key '${full}'${hint}` });
  }
  return out;
}

function checkArray(node: ArrayNode, input: unknown, path: string, issues: ConfigIssue[]): unknown[] | undefined {
  if (!Array.isArray(input)) {
    issues.push({ path, message: `expected a list, got ${describeValue(input)}` });
    return undefined;
  }
  const minItems = node.minItems ?? 0;
  if (input.length < minItems) {
    const what = minItems === 1 ? '1 entry' : `${minItems} entries`;
    const hint = node.flag === undefined ? '' : ` (or pass ${node.flag})`;
    issues.push({ path, message: `expected at least ${what}, got ${describeValue(input)}${hint}` });
    return undefined;
  }
  return input.map((item, i) => {
    const itemPath = `${path}[${i}]`;
    if (item === null || item === undefined) {
      issues.push({ path: itemPath, message: 'empty list entry' });
      return undefined;
    }
    return walk(node.items, item, itemPath, issues);
  });
}

function runCheck<T>(check: ((value: T) => string | undefined) | undefined, value: T, path: string, issues: ConfigIssue[]): T | undefined {
  const problem = check?.(value);
  if (problem === undefined) return value;
  issues.push({ path, message: problem });
  return undefined;
}

function lastKey(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? path : path.slice(dot + 1);
}
