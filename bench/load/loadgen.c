/*
 * Stratum load generator for bench/stratum-load.bench.ts: N miner connections on epoll,
 * non-blocking sockets, no dependencies, so the client side is not what limits the figures.
 *
 * Usage: loadgen <port> <connections> <handshake-out-file>
 * It connects, sends subscribe (id 1) and authorize (id 2), and once every connection has
 * its replies and first notify writes one line per connection to the handshake file:
 *   <index> <extranonce1> <extranonce2_size> <the mining.notify line>
 * then prints {"type":"connected",...} on stdout and reads commands on stdin:
 *   load <file>                  shares, one per line: "<conn index>\t<submit tail>" where the
 *                                tail is the JSON after the id ("," "method" ... "}")
 *   run <seconds> <pipeline> <rate> <recycle>
 *                                submits for a fixed time (rate 0 = as fast as answered, else
 *                                submits/s offered over all connections), then answers a JSON
 *                                summary; latencies in microseconds
 *   watch                        records when each connection next receives mining.notify;
 *                                answers first/last arrival in CLOCK_MONOTONIC ns (the clock
 *                                of Node's process.hrtime) once all have it or after 10 s
 *   quit
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define RING 1024 /* in-flight submits remembered per connection (pipeline must stay below) */
#define RBUF 65536
#define CONNECT_WINDOW 256
#define WORKER "bench.rig"
#define MAX_REASONS 16

typedef struct {
  int fd;
  int index;
  int connecting;
  int failed;
  char *rbuf;
  size_t rlen;
  char *wbuf;
  size_t wlen, wcap;
  int want_out;
  char extranonce1[72];
  int extranonce2_size;
  int subscribed, authorized;
  char *notify; /* first notify line */
  uint32_t *shares; /* offsets into the share text */
  uint32_t nshares, next_share;
  uint32_t next_id;
  uint32_t inflight;
  uint64_t sent_at[RING];
  uint32_t sent_id[RING];
  int watch_seen;
} conn_t;

static conn_t *conns;
static int nconns;
static int epfd;
static char *share_text;
static uint64_t *lat; /* microseconds */
static size_t nlat, caplat;
static uint64_t sent, accepted, rejected, unmatched;
static int running, recycle, exhausted_count;
static uint32_t pipeline_depth = 1;
static char reasons[MAX_REASONS][96];
static uint64_t reason_count[MAX_REASONS];
static int watching, watch_pending;
static uint64_t watch_first, watch_last;

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void die(const char *what) {
  fprintf(stderr, "loadgen: %s: %s\n", what, strerror(errno));
  exit(2);
}

static void arm(conn_t *c, int out) {
  struct epoll_event ev = {.events = EPOLLIN | (out ? EPOLLOUT : 0), .data.ptr = c};
  if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl mod");
  c->want_out = out;
}

static void flush_conn(conn_t *c) {
  while (c->wlen > 0) {
    ssize_t n = write(c->fd, c->wbuf, c->wlen);
    if (n < 0) {
      if (errno == EAGAIN) break;
      if (errno == EINTR) continue;
      c->failed = 1;
      c->wlen = 0;
      return;
    }
    memmove(c->wbuf, c->wbuf + n, c->wlen - (size_t)n);
    c->wlen -= (size_t)n;
  }
  if ((c->wlen > 0) != c->want_out) arm(c, c->wlen > 0);
}

static void queue(conn_t *c, const char *text, size_t len) {
  if (c->wlen + len > c->wcap) {
    c->wcap = (c->wlen + len) * 2 + 256;
    c->wbuf = realloc(c->wbuf, c->wcap);
    if (c->wbuf == NULL) die("realloc");
  }
  memcpy(c->wbuf + c->wlen, text, len);
  c->wlen += len;
}

/* Queues the next share of a connection; 0 when it has none left. */
static int submit_one(conn_t *c) {
  if (c->next_share >= c->nshares) {
    if (!recycle || c->nshares == 0) {
      if (c->next_share != UINT32_MAX) exhausted_count++;
      c->next_share = UINT32_MAX;
      return 0;
    }
    c->next_share = 0;
  }
  const char *tail = share_text + c->shares[c->next_share++];
  const char *end = strchr(tail, '\n');
  char head[32];
  uint32_t id = c->next_id++;
  int hl = snprintf(head, sizeof head, "{\"id\":%u", id);
  queue(c, head, (size_t)hl);
  queue(c, tail, (size_t)(end - tail) + 1);
  c->sent_at[id % RING] = now_ns();
  c->sent_id[id % RING] = id;
  c->inflight++;
  sent++;
  return 1;
}

static void record_latency(uint64_t us) {
  if (nlat == caplat) {
    caplat = caplat ? caplat * 2 : 1 << 20;
    lat = realloc(lat, caplat * sizeof *lat);
    if (lat == NULL) die("realloc");
  }
  lat[nlat++] = us;
}

static void count_reason(const char *line) {
  const char *e = strstr(line, "\"error\":[");
  char reason[96] = "unknown";
  if (e != NULL) {
    const char *q = strchr(e + 9, '"');
    if (q != NULL) {
      const char *q2 = strchr(q + 1, '"');
      size_t n = q2 == NULL ? 0 : (size_t)(q2 - q - 1);
      if (n >= sizeof reason) n = sizeof reason - 1;
      memcpy(reason, q + 1, n);
      reason[n] = 0;
    }
  }
  for (int i = 0; i < MAX_REASONS; i++) {
    if (reason_count[i] == 0) {
      snprintf(reasons[i], sizeof reasons[i], "%s", reason);
      reason_count[i] = 1;
      return;
    }
    if (strcmp(reasons[i], reason) == 0) {
      reason_count[i]++;
      return;
    }
  }
}

/* The subscribe result is [[subscriptions], "extranonce1", size]: the string after "]]," */
static void parse_subscribe(conn_t *c, const char *line) {
  const char *r = strstr(line, "\"result\":[");
  const char *p = r == NULL ? NULL : strstr(r, "]],\"");
  if (p == NULL) {
    fprintf(stderr, "loadgen: subscribe refused: %s\n", line);
    c->failed = 1;
    return;
  }
  p += 4;
  const char *q = strchr(p, '"');
  size_t n = q == NULL ? 0 : (size_t)(q - p);
  if (q == NULL || n >= sizeof c->extranonce1) {
    c->failed = 1;
    return;
  }
  memcpy(c->extranonce1, p, n);
  c->extranonce1[n] = 0;
  c->extranonce2_size = atoi(q + 2);
  c->subscribed = 1;
}

static void on_line(conn_t *c, char *line, size_t len, uint64_t at) {
  if (strstr(line, "\"method\"") != NULL) {
    if (strstr(line, "\"mining.notify\"") == NULL) return;
    if (c->notify == NULL) {
      c->notify = strndup(line, len);
    } else if (watching && !c->watch_seen) {
      c->watch_seen = 1;
      if (watch_first == 0) watch_first = at;
      watch_last = at;
      watch_pending--;
    }
    return;
  }
  const char *p = strstr(line, "\"id\":");
  if (p == NULL) return;
  uint32_t id = (uint32_t)strtoul(p + 5, NULL, 10);
  int ok = strstr(line, "\"result\":true") != NULL;
  if (id == 1) {
    parse_subscribe(c, line);
    return;
  }
  if (id == 2) {
    if (!ok) {
      fprintf(stderr, "loadgen: authorize refused: %s\n", line);
      c->failed = 1;
    }
    c->authorized = 1;
    return;
  }
  if (c->sent_id[id % RING] != id || c->sent_at[id % RING] == 0) {
    unmatched++;
    return;
  }
  record_latency((at - c->sent_at[id % RING]) / 1000);
  c->sent_at[id % RING] = 0;
  c->inflight--;
  if (ok) accepted++;
  else {
    rejected++;
    count_reason(line);
  }
}

static void on_readable(conn_t *c, int paced) {
  uint64_t at = now_ns();
  for (;;) {
    ssize_t n = read(c->fd, c->rbuf + c->rlen, RBUF - 1 - c->rlen);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
      if (!c->failed) fprintf(stderr, "loadgen: connection %d closed by the server\n", c->index);
      c->failed = 1;
      epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
      return;
    }
    if (n < 0) break;
    c->rlen += (size_t)n;
    c->rbuf[c->rlen] = 0;
    char *start = c->rbuf;
    char *nl;
    while ((nl = memchr(start, '\n', c->rlen - (size_t)(start - c->rbuf))) != NULL) {
      *nl = 0;
      if (nl > start) on_line(c, start, (size_t)(nl - start), at);
      start = nl + 1;
    }
    c->rlen -= (size_t)(start - c->rbuf);
    memmove(c->rbuf, start, c->rlen);
    if (c->rlen >= RBUF - 1) {
      fprintf(stderr, "loadgen: line too long on connection %d\n", c->index);
      c->failed = 1;
      return;
    }
  }
  if (running && !paced) {
    while (c->inflight < pipeline_depth && submit_one(c)) {
    }
  }
  flush_conn(c);
}

static int start_connect(conn_t *c, struct sockaddr_in *addr) {
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (c->fd < 0) die("socket");
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  c->rbuf = malloc(RBUF);
  if (c->rbuf == NULL) die("malloc");
  c->connecting = 1;
  if (connect(c->fd, (struct sockaddr *)addr, sizeof *addr) < 0 && errno != EINPROGRESS) die("connect");
  struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.ptr = c};
  if (epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev) < 0) die("epoll_ctl add");
  c->want_out = 1;
  return 0;
}

static void on_event(conn_t *c, uint32_t events, int paced) {
  if (c->failed) return;
  if (c->connecting && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    c->connecting = 0;
    if (err != 0) {
      fprintf(stderr, "loadgen: connect: %s\n", strerror(err));
      c->failed = 1;
      epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
      return;
    }
    const char *hello = "{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"hashpool-loadgen/1\"]}\n"
                        "{\"id\":2,\"method\":\"mining.authorize\",\"params\":[\"" WORKER "\",\"x\"]}\n";
    queue(c, hello, strlen(hello));
    flush_conn(c);
    return;
  }
  if (events & EPOLLIN) on_readable(c, paced);
  else if (events & EPOLLOUT) flush_conn(c);
}

static void poll_once(int timeout_ms, int paced) {
  static struct epoll_event events[1024];
  int n = epoll_wait(epfd, events, 1024, timeout_ms);
  if (n < 0 && errno != EINTR) die("epoll_wait");
  for (int i = 0; i < n; i++) {
    if (events[i].data.ptr == NULL) continue; /* stdin: read by the command loop */
    on_event(events[i].data.ptr, events[i].events, paced);
  }
}

static int ready(const conn_t *c) { return c->failed || (c->subscribed && c->authorized && c->notify != NULL); }

static void connect_all(int port, const char *handshake_file) {
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  uint64_t started = now_ns();
  int opened = 0, done = 0;
  while (done < nconns) {
    while (opened < nconns && opened - done < CONNECT_WINDOW) start_connect(&conns[opened++], &addr);
    poll_once(10, 0);
    while (done < opened && ready(&conns[done])) done++;
    if (now_ns() - started > 120ull * 1000000000ull) break;
  }
  FILE *f = fopen(handshake_file, "w");
  if (f == NULL) die("handshake file");
  int ok = 0, failed = 0;
  for (int i = 0; i < nconns; i++) {
    conn_t *c = &conns[i];
    if (!ready(c) || c->failed) {
      failed++;
      continue;
    }
    ok++;
    fprintf(f, "%d %s %d %s\n", i, c->extranonce1, c->extranonce2_size, c->notify);
  }
  fclose(f);
  printf("{\"type\":\"connected\",\"ready\":%d,\"failed\":%d,\"connectMs\":%.1f}\n", ok, failed, (double)(now_ns() - started) / 1e6);
  fflush(stdout);
}

static void load_shares(const char *file) {
  FILE *f = fopen(file, "rb");
  if (f == NULL) die("shares file");
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  free(share_text);
  share_text = malloc((size_t)size + 1);
  if (share_text == NULL || fread(share_text, 1, (size_t)size, f) != (size_t)size) die("read shares");
  share_text[size] = 0;
  fclose(f);
  for (int i = 0; i < nconns; i++) conns[i].nshares = conns[i].next_share = 0;
  /* Two passes: count per connection, then record where each tail starts. */
  for (int pass = 0; pass < 2; pass++) {
    for (char *p = share_text; *p;) {
      char *tab = strchr(p, '\t');
      char *nl = strchr(p, '\n');
      if (tab == NULL || nl == NULL || tab > nl) break;
      int i = atoi(p);
      if (i >= 0 && i < nconns) {
        conn_t *c = &conns[i];
        if (pass == 1) c->shares[c->next_share++] = (uint32_t)(tab + 1 - share_text);
        else c->nshares++;
      }
      p = nl + 1;
    }
    for (int i = 0; i < nconns; i++) {
      if (pass == 0) {
        free(conns[i].shares);
        conns[i].shares = malloc((conns[i].nshares + 1) * sizeof(uint32_t));
      }
      conns[i].next_share = 0;
    }
  }
  printf("{\"type\":\"loaded\"}\n");
  fflush(stdout);
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static void run(double seconds, uint32_t pipeline, double rate, int recycle_shares) {
  sent = accepted = rejected = unmatched = 0;
  nlat = 0;
  exhausted_count = 0;
  memset(reason_count, 0, sizeof reason_count);
  pipeline_depth = pipeline < 1 ? 1 : pipeline >= RING / 2 ? RING / 2 : pipeline;
  recycle = recycle_shares;
  running = 1;
  int paced = rate > 0;
  uint64_t started = now_ns();
  uint64_t end = started + (uint64_t)(seconds * 1e9);
  if (!paced) {
    for (int i = 0; i < nconns; i++) {
      conn_t *c = &conns[i];
      if (c->failed) continue;
      while (c->inflight < pipeline_depth && submit_one(c)) {
      }
      flush_conn(c);
    }
  }
  int cursor = 0;
  for (;;) {
    uint64_t t = now_ns();
    if (t >= end) break;
    if (paced) {
      int64_t due = (int64_t)(rate * (double)(t - started) / 1e9) - (int64_t)sent;
      int tried = 0;
      while (due > 0 && tried < nconns) {
        conn_t *c = &conns[cursor];
        cursor = (cursor + 1) % nconns;
        tried++;
        if (c->failed || c->inflight >= pipeline_depth) continue;
        if (!submit_one(c)) continue;
        flush_conn(c);
        due--;
        tried = 0;
      }
    }
    poll_once(paced ? 1 : 5, paced);
  }
  running = 0;
  double elapsed = (double)(now_ns() - started) / 1e9;
  uint64_t drain_end = now_ns() + 10ull * 1000000000ull;
  for (;;) {
    uint64_t inflight = 0;
    for (int i = 0; i < nconns; i++)
      if (!conns[i].failed) inflight += conns[i].inflight;
    if (inflight == 0 || now_ns() > drain_end) break;
    poll_once(5, 1);
  }
  qsort(lat, nlat, sizeof *lat, cmp_u64);
#define AT(q) (nlat == 0 ? 0 : lat[(size_t)((q) * (double)nlat) < nlat ? (size_t)((q) * (double)nlat) : nlat - 1])
  printf("{\"type\":\"result\",\"seconds\":%.4f,\"sent\":%llu,\"accepted\":%llu,\"rejected\":%llu,\"unmatched\":%llu,"
         "\"exhausted\":%d,\"latencyUs\":{\"count\":%zu,\"p50\":%llu,\"p90\":%llu,\"p99\":%llu,\"max\":%llu},\"rejectReasons\":{",
         elapsed, (unsigned long long)sent, (unsigned long long)accepted, (unsigned long long)rejected,
         (unsigned long long)unmatched, exhausted_count, nlat, (unsigned long long)AT(0.5), (unsigned long long)AT(0.9),
         (unsigned long long)AT(0.99), (unsigned long long)(nlat ? lat[nlat - 1] : 0));
  for (int i = 0; i < MAX_REASONS && reason_count[i]; i++) {
    printf("%s\"", i ? "," : "");
    for (const char *p = reasons[i]; *p; p++)
      if (*p != '"' && *p != '\\') putchar(*p);
    printf("\":%llu", (unsigned long long)reason_count[i]);
  }
  printf("}}\n");
  fflush(stdout);
}

static void watch(void) {
  watching = 1;
  watch_first = watch_last = 0;
  watch_pending = 0;
  for (int i = 0; i < nconns; i++) {
    conns[i].watch_seen = 0;
    if (!conns[i].failed) watch_pending++;
  }
  int total = watch_pending;
  printf("{\"type\":\"watching\"}\n");
  fflush(stdout);
  uint64_t end = now_ns() + 10ull * 1000000000ull;
  while (watch_pending > 0 && now_ns() < end) poll_once(5, 1);
  watching = 0;
  printf("{\"type\":\"notified\",\"count\":%d,\"firstNs\":%llu,\"lastNs\":%llu}\n", total - watch_pending,
         (unsigned long long)watch_first, (unsigned long long)watch_last);
  fflush(stdout);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: loadgen <port> <connections> <handshake-out-file>\n");
    return 2;
  }
  nconns = atoi(argv[2]);
  conns = calloc((size_t)nconns, sizeof *conns);
  if (conns == NULL) die("calloc");
  for (int i = 0; i < nconns; i++) {
    conns[i].index = i;
    conns[i].next_id = 3;
  }
  epfd = epoll_create1(0);
  if (epfd < 0) die("epoll_create1");
  connect_all(atoi(argv[1]), argv[3]);
  char cmd[4096];
  while (fgets(cmd, sizeof cmd, stdin) != NULL) {
    cmd[strcspn(cmd, "\n")] = 0;
    if (strncmp(cmd, "load ", 5) == 0) {
      load_shares(cmd + 5);
    } else if (strncmp(cmd, "run ", 4) == 0) {
      double seconds = 0, rate = 0;
      unsigned pipeline = 1;
      int rec = 0;
      sscanf(cmd + 4, "%lf %u %lf %d", &seconds, &pipeline, &rate, &rec);
      run(seconds, pipeline, rate, rec);
    } else if (strcmp(cmd, "watch") == 0) {
      watch();
    } else if (strcmp(cmd, "quit") == 0) {
      break;
    } else {
      fprintf(stderr, "loadgen: unknown command %s\n", cmd);
    }
  }
  for (int i = 0; i < nconns; i++)
    if (conns[i].fd > 0) close(conns[i].fd);
  return 0;
}
