// YAML text -> plain data, with syntax errors turned into issues that carry line and column.
import { LineCounter, parseDocument } from 'yaml';
import type { ConfigIssue } from './errors';

export type YamlResult = { ok: true; data: unknown } | { ok: false; issues: ConfigIssue[] };

export function parseYaml(text: string): YamlResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return { path: '', message: `YAML syntax error at line ${line}, column ${col}: ${error.message}` };
    });
    return { ok: false, issues };
  }
  try {
    // A low alias cap: a config file has no reason for many aliases, and it stops alias bombs.
    return { ok: true, data: doc.toJS({ maxAliasCount: 50 }) };
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: `YAML error: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
