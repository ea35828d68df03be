import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MONITOR_ERROR_CODES, HttpError, MonitorError, badRequest, methodNotAllowed } from '../../lib/monitor/errors';
import { HashpoolError } from '../../lib/hash/errors';

/** errors.ts after its registry array, so listing a code there doesn't count as using it. */
function afterRegistry(text: string): string {
  const start = text.indexOf('MONITOR_ERROR_CODES');
  return text.slice(text.indexOf('];', start) + 2);
}

describe('monitor errors', () => {
  it('codes are unique, ERR_MONITOR_*, and each is used by the module', () => {
    assert.equal(new Set(MONITOR_ERROR_CODES).size, MONITOR_ERROR_CODES.length);
    const dir = path.resolve(__dirname, '..', '..', '..', 'lib', 'monitor');
    const sources = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'errors.ts' && !f.startsWith('dashboard'));
    const text = afterRegistry(fs.readFileSync(path.join(dir, 'errors.ts'), 'utf8')) + sources.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    for (const code of MONITOR_ERROR_CODES) {
      assert.match(code, /^ERR_MONITOR_[A-Z_]+$/);
      const uses = text.split(code).length - 1;
      assert.ok(uses >= 1, `${code} is never used`);
    }
  });

  it('HTTP errors carry status and extend HashpoolError', () => {
    const e = badRequest('x');
    assert.ok(e instanceof HttpError && e instanceof MonitorError && e instanceof HashpoolError);
    assert.equal(e.status, 400);
    assert.equal(e.name, 'HttpError');
    assert.equal(methodNotAllowed(['GET', 'HEAD']).headers.Allow, 'GET, HEAD');
  });
});
