// The pool's configuration schema as data. Keys are camelCase in YAML and in PoolConfig alike;
// this file is the single place that names a default (config.example.yml documents them).
import type { ArrayNode, NumberNode, ObjectNode, SchemaNode, StringNode } from './schema';
import { daemonUrlProblem, redisUrlProblem } from './url-checks';

/** The tag is pushed into the coinbase scriptSig, which consensus caps at 100 bytes in total. */
export const MAX_POOL_TAG_BYTES = 32;

const port = (doc: string, extra: Partial<NumberNode> = {}): NumberNode => ({ type: 'number', integer: true, min: 1, max: 65535, doc, ...extra });
const host = (doc: string, extra: Partial<StringNode> = {}): StringNode => ({ type: 'string', nonEmpty: true, expected: 'a host name or IP address', doc, ...extra });
const positiveInt = (doc: string, dflt: number, min = 1): NumberNode => ({ type: 'number', integer: true, min, default: dflt, doc });
const percent = (doc: string, dflt: number): NumberNode => ({ type: 'number', min: 0, max: 100, default: dflt, doc });
const path = (doc: string, extra: Partial<StringNode> = {}): StringNode => ({ type: 'string', nonEmpty: true, expected: 'a file path', doc, ...extra });
const obj = (doc: string, properties: Record<string, SchemaNode>, extra: Partial<ObjectNode> = {}): ObjectNode => ({ type: 'object', doc, properties, ...extra });

const daemon = obj('one coin daemon', {
  url: { type: 'string', required: true, check: daemonUrlProblem, doc: 'RPC endpoint http://[user:pass@]host:port' },
  cookieFile: path('the daemon .cookie file, used when the URL carries no credentials'),
  priority: { type: 'number', integer: true, default: 0, doc: 'larger is preferred while healthy' },
});

const vardiff = obj(
  'variable difficulty per connection',
  {
    enabled: { type: 'boolean', default: true, doc: 'retarget each connection toward targetSeconds per share' },
    targetSeconds: { type: 'number', min: 0, minExclusive: true, default: 15, doc: 'wanted seconds between shares' },
    retargetSeconds: { type: 'number', min: 0, minExclusive: true, default: 90, doc: 'how often to reconsider' },
    variancePercent: percent('no change while the share rate is within this much of the target', 30),
    // No default here: it depends on the port difficulty (see fillDerivedDefaults).
    min: { type: 'number', min: 0, minExclusive: true, doc: 'lowest difficulty vardiff may set' },
    max: { type: 'number', min: 0, minExclusive: true, default: 1e12, doc: 'highest difficulty vardiff may set' },
    powersOfTwo: { type: 'boolean', default: false, doc: 'round every new difficulty to a power of two' },
  },
  { default: {} },
);

const stratumPort: ObjectNode = obj('one listening stratum port', {
  port: port('TCP port to listen on', { required: true }),
  difficulty: { type: 'number', min: 0, minExclusive: true, required: true, doc: 'start difficulty for new connections' },
  tls: obj('serve stratum over TLS on this port', {
    cert: path('PEM certificate chain', { required: true }),
    key: path('PEM private key', { required: true }),
  }),
  vardiff,
});

const ports: ArrayNode = { type: 'array', items: stratumPort, minItems: 1, required: true, flag: '--stratum-port', doc: 'listening ports' };

export const POOL_SCHEMA: ObjectNode = obj('hashpool pool configuration', {
  network: { type: 'string', required: true, flag: '--network', doc: 'lib/protocol network name, e.g. litecoin-main' },
  instanceId: { type: 'number', integer: true, min: 0, max: 65535, default: 0, doc: 'extranonce1 prefix; unique per pool process' },
  poolTag: {
    type: 'string',
    default: '/hashpool/',
    doc: 'text written into every coinbase',
    check: (tag: string) => {
      const bytes = Buffer.byteLength(tag, 'utf8');
      return bytes > MAX_POOL_TAG_BYTES ? `expected at most ${MAX_POOL_TAG_BYTES} bytes of UTF-8, got ${bytes} bytes` : undefined;
    },
  },
  daemons: { type: 'array', items: daemon, minItems: 1, required: true, flag: '--daemon', doc: 'coin daemons, failover by priority' },
  p2p: obj('P2P link to the daemon for fast block announcements', { host: host('daemon P2P host', { required: true }), port: port('daemon P2P port', { required: true }) }),
  blockNotifySocket: path('unix socket `hashpool notify` writes to'),
  pollIntervalMs: positiveInt('getblocktemplate polling interval', 500),
  jobRefreshSeconds: positiveInt('resend work this often even without a new block', 30),
  payout: obj(
    'who gets paid',
    {
      mode: { type: 'string', enum: ['solo', 'pool', 'pplns'], required: true, flag: '--payout-mode', doc: 'payout scheme' },
      address: { type: 'string', nonEmpty: true, expected: 'an address string', doc: 'pool (fee) address; required for pool and pplns' },
      pplns: obj(
        'PPLNS window and fee',
        {
          windowFactor: { type: 'number', min: 0, minExclusive: true, default: 2, doc: 'N = windowFactor x network difficulty' },
          feePercent: percent('pool fee', 0),
        },
        { default: {} },
      ),
    },
    { default: {} },
  ),
  shareLog: obj(
    'where accepted shares are recorded',
    {
      backend: { type: 'string', enum: ['sqlite', 'redis'], default: 'sqlite', doc: 'storage backend' },
      dir: path('data directory', { default: './data', expected: 'a directory path' }),
      commitIntervalMs: positiveInt('group commit interval', 5, 0),
      // No default: absent keeps every share, which an external payout processor (pool mode) may need.
      retainDays: { type: 'number', min: 0, minExclusive: true, doc: 'delete shares older than this many days (never the current PPLNS window)' },
      redis: obj('redis connection', {
        url: { type: 'string', required: true, check: redisUrlProblem, doc: 'redis://[user:pass@]host:port[/db]' },
        keyPrefix: { type: 'string', default: 'hashpool:', doc: 'prefix of every key' },
      }),
    },
    { default: {} },
  ),
  stratum: obj(
    'stratum v1 server',
    {
      host: host('listen address', { default: '0.0.0.0' }),
      extranonce2Size: { type: 'number', integer: true, min: 2, max: 8, default: 4, doc: 'bytes of extranonce2 miners roll' },
      versionMask: { type: 'string', pattern: /^[0-9a-fA-F]{8}$/, expected: "8 hex characters in quotes, like '1fffe000'", default: '1fffe000', doc: 'BIP310 version-rolling mask' },
      maxLineBytes: positiveInt('longest accepted request line', 16384, 256),
      maxConnectionsPerIp: positiveInt('connections allowed from one address', 256),
      idleTimeoutSeconds: positiveInt('drop connections silent this long', 600),
      unsubscribedTimeoutSeconds: positiveInt('drop connections that do not subscribe in time', 30),
      ban: obj(
        'temporary bans for miners sending mostly invalid shares',
        {
          enabled: { type: 'boolean', default: true, doc: 'ban at all' },
          invalidPercent: percent('ban above this share of invalid submits', 50),
          checkThreshold: positiveInt('submits counted before judging', 100),
          seconds: positiveInt('ban length', 600, 0),
        },
        { default: {} },
      ),
      ports,
    },
    { default: {} },
  ),
  monitor: obj(
    'web dashboard and metrics',
    {
      enabled: { type: 'boolean', default: true, doc: 'serve the dashboard' },
      host: host('listen address', { default: '127.0.0.1' }),
      port: port('listen port', { default: 8080 }),
      statsd: obj('push metrics to statsd over UDP', {
        host: host('statsd host', { required: true }),
        port: port('statsd port', { default: 8125 }),
        prefix: { type: 'string', default: 'hashpool', doc: 'metric name prefix' },
      }),
    },
    { default: {} },
  ),
  log: obj('logging', { level: { type: 'string', enum: ['error', 'warn', 'info', 'debug'], default: 'info', doc: 'least severe level written' } }, { default: {} }),
});
