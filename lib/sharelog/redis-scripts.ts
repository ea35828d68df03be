// The Lua script that commits one batch of operations atomically.
//
// Replay guard: every share carries (session, seq), seq increasing within a session, and a
// session commits its shares strictly in seq order (one batch in flight; while the disk
// buffer holds anything, new batches queue behind it). So one high-water mark per session,
// in the hash <prefix>sessions, tells whether a share is already in: a batch whose reply was
// lost (timeout, connection cut after execution) or a buffer replayed again after a crash
// mid-replay is skipped instead of counted twice. The script runs atomically, so a batch is
// either wholly in or wholly out.

import { createHash } from 'node:crypto';

export const BATCH_SCRIPT = `
local p = ARGV[1]
local hw = {}
local dirty = {}
local unknown = {}
local added = 0
local op = 0
local i = 2
while i <= #ARGV do
  local k = ARGV[i]
  if k == 's' then
    local session = ARGV[i + 1]
    local seq = tonumber(ARGV[i + 2])
    local last = hw[session]
    if last == nil then
      last = tonumber(redis.call('HGET', p .. 'sessions', session) or '0')
      hw[session] = last
    end
    if seq > last then
      local id = session .. ':' .. ARGV[i + 2]
      redis.call('XADD', p .. 'shares', '*', 'id', id, 't', ARGV[i + 3], 'pi', ARGV[i + 4], 'w', ARGV[i + 5],
        'u', ARGV[i + 6], 'd', ARGV[i + 7], 'sd', ARGV[i + 8], 'nd', ARGV[i + 9], 'h', ARGV[i + 10],
        'j', ARGV[i + 11], 'x', ARGV[i + 12], 'b', ARGV[i + 13], 'ip', ARGV[i + 14])
      redis.call('ZADD', p .. 'worker:' .. ARGV[i + 5], ARGV[i + 3], id)
      hw[session] = seq
      dirty[session] = true
      added = added + 1
    end
    i = i + 15
  elseif k == 'b' then
    local hash = ARGV[i + 1]
    redis.call('HSET', p .. 'block:' .. hash, 'data', ARGV[i + 5], 'status', ARGV[i + 3], 'confirmations', ARGV[i + 4])
    redis.call('ZADD', p .. 'blocks', ARGV[i + 2], hash)
    if ARGV[i + 3] == 'pending' then
      redis.call('SADD', p .. 'blocks:pending', hash)
    else
      redis.call('SREM', p .. 'blocks:pending', hash)
    end
    i = i + 6
  elseif k == 'u' then
    local hash = ARGV[i + 1]
    local key = p .. 'block:' .. hash
    if redis.call('EXISTS', key) == 1 then
      redis.call('HSET', key, 'status', ARGV[i + 2], 'confirmations', ARGV[i + 3])
      if ARGV[i + 2] == 'pending' then
        redis.call('SADD', p .. 'blocks:pending', hash)
      else
        redis.call('SREM', p .. 'blocks:pending', hash)
      end
    else
      unknown[#unknown + 1] = op
    end
    i = i + 4
  else
    return redis.error_reply('hashpool share log: unknown op ' .. tostring(k))
  end
  op = op + 1
end
for session in pairs(dirty) do
  redis.call('HSET', p .. 'sessions', session, string.format('%d', hw[session]))
end
return {added, unknown}
`;

export const BATCH_SCRIPT_SHA = createHash('sha1').update(BATCH_SCRIPT).digest('hex');

// Retention: removes up to ARGV[3] shares from the oldest end of <prefix>shares whose share
// time (field t) is < ARGV[2], and their ids from the per-worker sets; returns {removed, more}.
//
// Stream ids are Redis's clock at commit ('*'), not share times: a share replayed from the
// disk buffer, or written by a pool process whose clock is behind, has a later id than its
// time. So the cutoff is never used as a MINID directly (that could delete a share newer
// than the cutoff, given clock skew). Instead the script reads the stream in commit order,
// stops at the first share whose time is not older, and trims with MINID = that entry's id:
// only the shares it has checked go. A late-committed old share behind a newer one stays
// until the cutoff passes that newer one too, i.e. at most the replay delay (plus clock
// skew between pool processes) longer than asked; a share newer than the cutoff never goes.
export const PRUNE_SCRIPT = `
local p = ARGV[1]
local cutoff = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local key = p .. 'shares'
local entries = redis.call('XRANGE', key, '-', '+', 'COUNT', limit + 1)
local n = 0
local keep = nil
for _, entry in ipairs(entries) do
  local fields = entry[2]
  local t, w, id
  for j = 1, #fields - 1, 2 do
    local f = fields[j]
    if f == 't' then t = tonumber(fields[j + 1])
    elseif f == 'w' then w = fields[j + 1]
    elseif f == 'id' then id = fields[j + 1] end
  end
  if n >= limit or t == nil or t >= cutoff then
    keep = entry[1]
    break
  end
  if w ~= nil and id ~= nil then redis.call('ZREM', p .. 'worker:' .. w, id) end
  n = n + 1
end
if n == 0 then return {0, 0} end
local removed
if keep == nil then
  -- Every entry of the stream was read above and is older: empty it.
  removed = redis.call('XTRIM', key, 'MAXLEN', 0)
else
  removed = redis.call('XTRIM', key, 'MINID', keep)
end
local more = 0
if n >= limit then more = 1 end
return {removed, more}
`;

export const PRUNE_SCRIPT_SHA = createHash('sha1').update(PRUNE_SCRIPT).digest('hex');
