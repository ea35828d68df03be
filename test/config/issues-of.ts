// The issues of the ConfigError that `run` throws; fails the test when it throws nothing
// or something else.
import assert from 'node:assert/strict';
import { ConfigError, type ConfigIssue } from '../../lib/config';

export function issuesOf(run: () => unknown): ConfigIssue[] {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.issues;
  }
  assert.fail('expected a ConfigError, but the config was accepted');
}
