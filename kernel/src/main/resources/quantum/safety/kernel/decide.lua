-- Quantum Safety: one atomic decision per trade intent (called by DecisionScript through EVALSHA).
--
-- Redis does not roll a script back when a command fails half-way, so the script runs in three phases:
--   1. read and validate everything it may write (a WRONGTYPE or a non-integer counter aborts here, before
--      any write);
--   2. decide;
--   3. write. The safety-critical writes (counters, SAFE MODE flag, info hash, fault and audit events) cannot
--      fail after phase 1; the statistics (ranking, decision and total counters) go through pcall so that
--      garbage in them is reported back instead of aborting a decision already half written.
-- Key names are built only from the KEYS given (bases 9-11 get the bucket appended), so with a hash-tagged
-- prefix every key lives in one Cluster slot.
--
-- KEYS: 1 kill switch, 2 safe_mode flag, 3 safe_mode info hash, 4 trip_streak, 5 fault stream, 6 audit stream,
--       7 decisions hash, 8 totals hash, 9 global counter base, 10 symbol counter base, 11 ranking base
-- ARGV: 1 window_sec, 2 global_max, 3 symbol_max, 4 cooldown_sec, 5 latched (1/0), 6 max_cooldown_sec
--       (0 = no escalation), 7 escalation_period_sec, 8 reduce_only (1/0), 9 reduce-only passes SAFE MODE (1/0),
--       10 symbol, 11 side, 12 correlation_id, 13 trace_id, 14 router_pid, 15 kernel_id,
--       16 fail-open decisions to report late, 17 fail-closed decisions to report late,
--       18 fault stream MAXLEN, 19 audit stream MAXLEN
-- Reply: {allowed, reason, counted, global_count, symbol_count, tripped, safe_mode_ttl, bucket, now,
--         cooldown_sec, stats_ok, streak}

-- Redis 3.2-4.x need this to write after TIME; 5.0+ replicate effects by default and 7.x ignores it.
if redis.replicate_commands then redis.replicate_commands() end

local window = tonumber(ARGV[1])
local global_max = tonumber(ARGV[2])
local symbol_max = tonumber(ARGV[3])
local late_open = tonumber(ARGV[16])
local late_closed = tonumber(ARGV[17])

local now = tonumber(redis.call('TIME')[1])
local bucket = string.format('%d', math.floor(now / window))

-- A counter that is absent counts 0; anything but a plain integer is garbage and aborts before any write.
local function counter(key)
  local value = redis.call('GET', key)
  if not value then return 0 end
  if #value > 18 or not string.match(value, '^%-?%d+$') then return nil end
  return tonumber(value)
end

local function garbage(key)
  return redis.error_reply('ERR quantum-safety: ' .. key .. ' does not hold an integer counter')
end

local function require_stream(key)
  local t = redis.call('TYPE', key)['ok']
  if t ~= 'none' and t ~= 'stream' then
    return redis.error_reply('ERR quantum-safety: ' .. key .. ' holds a ' .. t .. ', expected a stream')
  end
  return nil
end

local stats_ok = 1
local function stat(...)
  local result = redis.pcall(...)
  if type(result) == 'table' and result['err'] then stats_ok = 0 end
end

local function finish(allowed, reason, counted, g, s, tripped, ttl, cooldown, streak)
  stat('HINCRBY', KEYS[7], reason, 1)
  if late_open > 0 then
    stat('HINCRBY', KEYS[7], 'FAIL_OPEN_ERROR', late_open)
    stat('HINCRBY', KEYS[8], 'fail_open', late_open)
  end
  if late_closed > 0 then
    stat('HINCRBY', KEYS[7], 'FAIL_CLOSED_ERROR', late_closed)
  end
  return {allowed, reason, counted, g, s, tripped, ttl, tonumber(bucket), now, cooldown, stats_ok, streak}
end

-- Phase 1: the flags. Any value but "0" is on: an operator who writes "true" or "yes" means on.
local kill = redis.call('GET', KEYS[1])
local safe = redis.call('GET', KEYS[2])
local safe_on = safe ~= false and safe ~= '0'
local ttl = -2
if safe_on then ttl = redis.call('TTL', KEYS[2]) end

if kill ~= false and kill ~= '0' then
  return finish(0, 'KILL_SWITCH_ENGAGED', 0, 0, 0, 0, ttl, 0, 0)
end
local reduce_only_pass = safe_on and ARGV[8] == '1' and ARGV[9] == '1'
if safe_on and not reduce_only_pass then
  return finish(0, 'SAFE_MODE_ENABLED', 0, 0, 0, 0, ttl, 0, 0)
end

local global_key = KEYS[9] .. bucket
local symbol_key = KEYS[10] .. bucket
local ranking_key = KEYS[11] .. bucket
local expiry = window + 2

local g = counter(global_key)
if not g then return garbage(global_key) end
g = g + 1

-- Phase 2: decide. Strictly greater, global before symbol; a global trip leaves the symbol counter alone.
local reason = 'OK'
local count_symbol = true
local s = 0
if reduce_only_pass then
  reason = 'REDUCE_ONLY_ALLOWED'
elseif g > global_max then
  reason = 'GLOBAL_RATE_EXCEEDED'
  count_symbol = false
end
if count_symbol then
  s = counter(symbol_key)
  if not s then return garbage(symbol_key) end
  s = s + 1
  if reason == 'OK' and s > symbol_max then reason = 'SYMBOL_RATE_EXCEEDED' end
end
local trip = reason == 'GLOBAL_RATE_EXCEEDED' or reason == 'SYMBOL_RATE_EXCEEDED'

local streak = 0
if trip then
  local bad = require_stream(KEYS[5]) or require_stream(KEYS[6])
  if bad then return bad end
  if tonumber(ARGV[6]) > 0 then
    streak = counter(KEYS[4])
    if not streak then return garbage(KEYS[4]) end
    streak = streak + 1
  end
end

-- Phase 3: write.
redis.call('INCR', global_key)
redis.call('EXPIRE', global_key, expiry)
if count_symbol then
  redis.call('INCR', symbol_key)
  redis.call('EXPIRE', symbol_key, expiry)
  stat('ZINCRBY', ranking_key, 1, ARGV[10])
  stat('EXPIRE', ranking_key, expiry)
end
if not trip then
  return finish(1, reason, 1, g, s, 0, ttl, 0, 0)
end

local cooldown = tonumber(ARGV[4])
if streak > 0 then
  redis.call('INCR', KEYS[4])
  redis.call('EXPIRE', KEYS[4], tonumber(ARGV[7]))
  local escalated = cooldown * 2 ^ math.min(streak - 1, 30)
  cooldown = math.min(escalated, tonumber(ARGV[6]))
end
local latched = ARGV[5]
if latched == '1' then
  redis.call('SET', KEYS[2], '1')
  ttl = -1
  cooldown = 0
else
  redis.call('SET', KEYS[2], '1', 'EX', cooldown)
  ttl = cooldown
end
local actor = 'kernel:' .. ARGV[15]
redis.call('DEL', KEYS[3])
redis.call('HSET', KEYS[3], 'set_by', actor, 'reason', reason, 'set_at', now, 'latched', latched,
  'source', 'trip', 'cooldown_sec', cooldown)

local fault = {'timestamp', now, 'reason', reason, 'symbol', ARGV[10], 'side', ARGV[11],
  'global_count', g, 'symbol_count', s, 'global_max', ARGV[2], 'symbol_max', ARGV[3],
  'window_sec', ARGV[1], 'cooldown_sec', cooldown, 'router_pid', ARGV[14], 'correlation_id', ARGV[12],
  'trace_id', ARGV[13], 'kernel_id', ARGV[15], 'latched', latched, 'reduce_only', ARGV[8], 'bucket', bucket}
local fault_id = redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[18], '*', unpack(fault))
redis.call('XADD', KEYS[6], 'MAXLEN', '~', ARGV[19], '*', 'event', 'TRIP', 'actor', actor, 'fault_id', fault_id,
  unpack(fault))
stat('HINCRBY', KEYS[8], 'trips', 1)
stat('HINCRBY', KEYS[8], 'audit_events', 1)
return finish(0, reason, 1, g, s, 1, ttl, cooldown, streak)
