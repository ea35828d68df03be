// Prometheus text exposition format 0.0.4, the wire side of /metrics: escaping, number
// rendering and one HELP/TYPE block per metric family. No knowledge of pool stats here.

import type { HistogramSnapshot } from './histogram';

export type MetricType = 'counter' | 'gauge' | 'histogram';
export type Labels = Readonly<Record<string, string>>;

export interface Sample {
  labels?: Labels;
  value: number;
}

/** Label values: backslash, double quote and newline are escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** HELP text: only backslash and newline are escaped. */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function formatLabels(labels: Labels | undefined): string {
  if (labels === undefined) return '';
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}="${escapeLabelValue(labels[k])}"`).join(',')}}`;
}

export class ExpositionWriter {
  private readonly lines: string[] = [];

  family(name: string, type: MetricType, help: string, samples: readonly Sample[]): void {
    this.header(name, type, help);
    for (const s of samples) this.lines.push(`${name}${formatLabels(s.labels)} ${formatValue(s.value)}`);
  }

  histogram(name: string, help: string, h: HistogramSnapshot, labels: Labels = {}): void {
    this.header(name, 'histogram', help);
    h.bounds.forEach((bound, i) => {
      this.lines.push(`${name}_bucket${formatLabels({ ...labels, le: formatValue(bound) })} ${h.counts[i]}`);
    });
    this.lines.push(`${name}_bucket${formatLabels({ ...labels, le: '+Inf' })} ${h.count}`);
    this.lines.push(`${name}_sum${formatLabels(labels)} ${formatValue(h.sum)}`);
    this.lines.push(`${name}_count${formatLabels(labels)} ${h.count}`);
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }

  private header(name: string, type: MetricType, help: string): void {
    this.lines.push(`# HELP ${name} ${escapeHelp(help)}`);
    this.lines.push(`# TYPE ${name} ${type}`);
  }
}
