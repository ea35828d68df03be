// Leveled log lines for long-running commands: `time level [area] message key=value...`
// on stderr, or one JSON object per line when asked (for log shippers).
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  child(area: string): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  json?: boolean;
  write?: (line: string) => void;
}

function formatValue(value: string | number | boolean | null): string {
  const text = String(value);
  return /[\s"=]/.test(text) ? JSON.stringify(text) : text;
}

export function createLogger(options: LoggerOptions, area = ''): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const emit = (level: LogLevel, message: string, fields: LogFields = {}): void => {
    if (RANK[level] > RANK[options.level]) return;
    const time = new Date().toISOString();
    const present = Object.entries(fields).filter((entry): entry is [string, string | number | boolean | null] => entry[1] !== undefined);
    if (options.json) {
      write(`${JSON.stringify({ time, level, area: area || undefined, message, ...Object.fromEntries(present) })}\n`);
      return;
    }
    const tail = present.map(([key, value]) => ` ${key}=${formatValue(value)}`).join('');
    write(`${time} ${level.padEnd(5)} ${area ? `[${area}] ` : ''}${message}${tail}\n`);
  };
  return {
    error: (message, fields) => emit('error', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    info: (message, fields) => emit('info', message, fields),
    debug: (message, fields) => emit('debug', message, fields),
    child: (name) => createLogger(options, area ? `${area}/${name}` : name),
  };
}

/** A logger that drops everything (library default). */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => undefined });
