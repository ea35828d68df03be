// The one error type of the config layer. It carries every problem found, not just the first,
// so an operator fixes a config file in one pass instead of one restart per typo.
import { HashpoolError } from '../hash/errors';

export const ERR_CONFIG_INVALID = 'ERR_CONFIG_INVALID';

/** One problem: `path` is a dotted key path ('stratum.ports[1].vardiff.min'), a flag ('--network') or '' for the whole source. */
export interface ConfigIssue {
  path: string;
  message: string;
}

export class ConfigError extends HashpoolError {
  readonly issues: ConfigIssue[];

  constructor(sourceName: string, issues: readonly ConfigIssue[]) {
    super(ERR_CONFIG_INVALID, formatIssues(sourceName, issues));
    this.issues = issues.map((issue) => ({ ...issue }));
  }
}

/** The first line names the source and the count, so a one-line log still says where to look. */
export function formatIssues(sourceName: string, issues: readonly ConfigIssue[]): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const lines = issues.map((issue) => `  ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`);
  return [`invalid configuration in ${sourceName} (${count}):`, ...lines].join('\n');
}
