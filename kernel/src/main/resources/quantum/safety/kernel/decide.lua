-- Quantum Safety: one atomic decision per trade intent (called by DecisionScript through EVALSHA).
--
-- Redis does not roll a script back when a command fails half-way, so nothing may fail after the first
-- safety-critical write, except what is undone here before returning the error:
--   * the flags are read with GET, so a key of the wrong type aborts before any write;
--   * the global INCR is the first write: a non-integer counter aborts it with nothing written;
--   * a failing symbol INCR, or a trip whose streams or streak hold garbage, undoes the increments (DECR) and
--     returns an error, so a trip always leaves the SAFE MODE flag and its events together, or neither;
--   * the statistics (ranking, decision and total counters) go through pcall: garbage there is reported back
--     (stats_ok = 0) instead of aborting a decision that is already taken.
-- Writing after TIME needs effects replication, the default since Redis 5.0 (no redis.replicate_commands()
-- call is needed on the 6.2 and 7.x servers the tests run on).
-- Key names are built only from the KEYS given (bases 9-11 get the bucket appended), so with a hash-tagged
-- prefix every key lives in one Cluster slot. The hot path makes 7-10 calls; EXPIRE is sent when an INCR or
-- ZINCRBY creates the key or member, which gives every bucket key the legacy window+2 s lifetime.
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

local window = tonumber(ARGV[1])
local now = tonumber(redis.call('TIME')[1])
local bucket = math.floor(now / window)
local suffix = string.format('%d', bucket)
local stats_ok = 1

local function stat(result)
  if type(result) == 'table' and result['err'] then stats_ok = 0 end
end

local function finish(allowed, reason, counted, g, s, tripped, ttl, cooldown, streak)
  stat(redis.pcall('HINCRBY', KEYS[7], reason, 1))
  if ARGV[16] ~= '0' then
    stat(redis.pcall('HINCRBY', KEYS[7], 'FAIL_OPEN_ERROR', ARGV[16]))
    stat(redis.pcall('HINCRBY', KEYS[8], 'fail_open', ARGV[16]))
  end
  if ARGV[17] ~= '0' then
    stat(redis.pcall('HINCRBY', KEYS[7], 'FAIL_CLOSED_ERROR', ARGV[17]))
  end
  return {allowed, reason, counted, g, s, tripped, ttl, bucket, now, cooldown, stats_ok, streak}
end

-- The flags. Any value but "0" is on: an operator who writes "true" or "yes" means on.
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

-- Count and decide: strictly greater, global before symbol; a global trip leaves the symbol counter alone.
local expiry = window + 2
local global_key = KEYS[9] .. suffix
local g = redis.call('INCR', global_key)
if g == 1 then redis.call('EXPIRE', global_key, expiry) end

local reason = 'OK'
local s = 0
local symbol_key = nil
if reduce_only_pass then
  reason = 'REDUCE_ONLY_ALLOWED'
elseif g > tonumber(ARGV[2]) then
  reason = 'GLOBAL_RATE_EXCEEDED'
end
if reason ~= 'GLOBAL_RATE_EXCEEDED' then
  symbol_key = KEYS[10] .. suffix
  s = redis.pcall('INCR', symbol_key)
  if type(s) == 'table' then
    redis.call('DECR', global_key)
    return redis.error_reply('ERR quantum-safety: ' .. symbol_key .. ': ' .. tostring(s['err']))
  end
  if s == 1 then redis.call('EXPIRE', symbol_key, expiry) end
  if reason == 'OK' and s > tonumber(ARGV[3]) then reason = 'SYMBOL_RATE_EXCEEDED' end
end
local trip = reason == 'GLOBAL_RATE_EXCEEDED' or reason == 'SYMBOL_RATE_EXCEEDED'

local streak = 0
if trip then
  -- Check every target of the trip's writes before making any of them.
  local problem = nil
  for _, key in ipairs({KEYS[5], KEYS[6]}) do
    local t = redis.call('TYPE', key)['ok']
    if t ~= 'none' and t ~= 'stream' then problem = key .. ' holds a ' .. t .. ', expected a stream' end
  end
  if not problem and tonumber(ARGV[6]) > 0 then
    local value = redis.call('GET', KEYS[4]) or '0'
    streak = tonumber(value)
    if #value > 12 or not string.match(value, '^%d+$') then problem = KEYS[4] .. ' is not a counter' end
  end
  if problem then
    redis.call('DECR', global_key)
    if symbol_key then redis.call('DECR', symbol_key) end
    return redis.error_reply('ERR quantum-safety: ' .. problem)
  end
end

if symbol_key then
  local ranking_key = KEYS[11] .. suffix
  local score = redis.pcall('ZINCRBY', ranking_key, 1, ARGV[10])
  stat(score)
  if score == '1' then stat(redis.pcall('EXPIRE', ranking_key, expiry)) end
end
if not trip then
  return finish(1, reason, 1, g, s, 0, ttl, 0, 0)
end

-- The trip: SAFE MODE, its info hash, the legacy fault event and the audit event.
local cooldown = tonumber(ARGV[4])
if tonumber(ARGV[6]) > 0 then
  streak = redis.call('INCR', KEYS[4])
  redis.call('EXPIRE', KEYS[4], tonumber(ARGV[7]))
  cooldown = math.min(cooldown * 2 ^ math.min(streak - 1, 30), tonumber(ARGV[6]))
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
  'trace_id', ARGV[13], 'kernel_id', ARGV[15], 'latched', latched, 'reduce_only', ARGV[8], 'bucket', suffix}
local fault_id = redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[18], '*', unpack(fault))
redis.call('XADD', KEYS[6], 'MAXLEN', '~', ARGV[19], '*', 'event', 'TRIP', 'actor', actor, 'fault_id', fault_id,
  unpack(fault))
stat(redis.pcall('HINCRBY', KEYS[8], 'trips', 1))
stat(redis.pcall('HINCRBY', KEYS[8], 'audit_events', 1))
return finish(0, reason, 1, g, s, 1, ttl, cooldown, streak)
