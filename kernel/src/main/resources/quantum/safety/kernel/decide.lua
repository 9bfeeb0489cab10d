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
-- prefix every key lives in one Cluster slot. The hot path makes 7 calls (10 in a new bucket); EXPIRE is sent when an INCR or
-- ZINCRBY creates the key or member, which gives every bucket key the legacy window+2 s lifetime.
--
-- KEYS: 1 kill switch, 2 safe_mode flag, 3 safe_mode info hash, 4 trip_streak, 5 fault stream, 6 audit stream,
--       7 decisions hash, 8 totals hash, 9 global counter base, 10 symbol counter base, 11 ranking base
-- ARGV (few and short: each argument costs on every call, so what only a trip needs is packed into one):
--       1 window_sec, 2 global_max, 3 symbol_max,
--       4 reduce-only: 0 = no, 1 = yes and it passes SAFE MODE, 2 = yes but SAFE MODE blocks it,
--       5 symbol, 6 side, 7 correlation_id, 8 trace_id,
--       9 decisions taken without Redis, to report late: "0" or "<fail_open> <fail_closed>",
--       10 trip settings: "<cooldown_sec> <latched 0|1> <max_cooldown_sec, 0 = no escalation>
--          <escalation_period_sec> <router_pid> <kernel_id> <fault MAXLEN> <audit MAXLEN>"
-- Reply: {reason, global_count, symbol_count, safe_mode_ttl, now, stats_ok} and on a trip also
--        {…, cooldown_sec, streak}; allowed, counted, tripped and the bucket follow from these.

local window = tonumber(ARGV[1])
local now = tonumber(redis.call('TIME')[1])
local suffix = string.format('%d', math.floor(now / window))
local stats_ok = 1

local function stat(result)
  if type(result) == 'table' and result['err'] then stats_ok = 0 end
end

local function finish(reason, g, s, ttl, cooldown, streak)
  stat(redis.pcall('HINCRBY', KEYS[7], reason, 1))
  if ARGV[9] ~= '0' then
    local late_open, late_closed = string.match(ARGV[9], '^(%d+) (%d+)$')
    if late_open ~= '0' then
      stat(redis.pcall('HINCRBY', KEYS[7], 'FAIL_OPEN_ERROR', late_open))
      stat(redis.pcall('HINCRBY', KEYS[8], 'fail_open', late_open))
    end
    if late_closed ~= '0' then
      stat(redis.pcall('HINCRBY', KEYS[7], 'FAIL_CLOSED_ERROR', late_closed))
    end
  end
  if cooldown then return {reason, g, s, ttl, now, stats_ok, cooldown, streak} end
  return {reason, g, s, ttl, now, stats_ok}
end

-- The flags. Any value but "0" is on: an operator who writes "true" or "yes" means on.
local kill = redis.call('GET', KEYS[1])
local safe = redis.call('GET', KEYS[2])
local safe_on = safe ~= false and safe ~= '0'
local ttl = -2
if safe_on then ttl = redis.call('TTL', KEYS[2]) end
if kill ~= false and kill ~= '0' then
  return finish('KILL_SWITCH_ENGAGED', 0, 0, ttl)
end
local reduce_only_pass = safe_on and ARGV[4] == '1'
if safe_on and not reduce_only_pass then
  return finish('SAFE_MODE_ENABLED', 0, 0, ttl)
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
local cooldown, latched, max_cooldown, period, router_pid, kernel_id, fault_maxlen, audit_maxlen
if trip then
  cooldown, latched, max_cooldown, period, router_pid, kernel_id, fault_maxlen, audit_maxlen =
    string.match(ARGV[10], '^(%d+) ([01]) (%d+) (%d+) (%d+) (%S+) (%d+) (%d+)$')
  -- Check every target of the trip's writes before making any of them.
  local problem = nil
  if not cooldown then problem = 'malformed trip settings' end
  for _, key in ipairs({KEYS[5], KEYS[6]}) do
    local t = redis.call('TYPE', key)['ok']
    if t ~= 'none' and t ~= 'stream' then problem = key .. ' holds a ' .. t .. ', expected a stream' end
  end
  if not problem and tonumber(max_cooldown) > 0 then
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
  local score = redis.pcall('ZINCRBY', ranking_key, 1, ARGV[5])
  stat(score)
  if score == '1' then stat(redis.pcall('EXPIRE', ranking_key, expiry)) end
end
if not trip then
  return finish(reason, g, s, ttl)
end

-- The trip: SAFE MODE, its info hash, the legacy fault event and the audit event.
cooldown = tonumber(cooldown)
if tonumber(max_cooldown) > 0 then
  streak = redis.call('INCR', KEYS[4])
  redis.call('EXPIRE', KEYS[4], tonumber(period))
  cooldown = math.min(cooldown * 2 ^ math.min(streak - 1, 30), tonumber(max_cooldown))
end
if latched == '1' then
  redis.call('SET', KEYS[2], '1')
  ttl = -1
  cooldown = 0
else
  redis.call('SET', KEYS[2], '1', 'EX', cooldown)
  ttl = cooldown
end
local actor = 'kernel:' .. kernel_id
redis.call('DEL', KEYS[3])
redis.call('HSET', KEYS[3], 'set_by', actor, 'reason', reason, 'set_at', now, 'latched', latched,
  'source', 'trip', 'cooldown_sec', cooldown)
local reduce_only = '0'
if ARGV[4] ~= '0' then reduce_only = '1' end
local fault = {'timestamp', now, 'reason', reason, 'symbol', ARGV[5], 'side', ARGV[6],
  'global_count', g, 'symbol_count', s, 'global_max', ARGV[2], 'symbol_max', ARGV[3],
  'window_sec', ARGV[1], 'cooldown_sec', cooldown, 'router_pid', router_pid, 'correlation_id', ARGV[7],
  'trace_id', ARGV[8], 'kernel_id', kernel_id, 'latched', latched, 'reduce_only', reduce_only, 'bucket', suffix}
local fault_id = redis.call('XADD', KEYS[5], 'MAXLEN', '~', fault_maxlen, '*', unpack(fault))
redis.call('XADD', KEYS[6], 'MAXLEN', '~', audit_maxlen, '*', 'event', 'TRIP', 'actor', actor, 'fault_id', fault_id,
  unpack(fault))
stat(redis.pcall('HINCRBY', KEYS[8], 'trips', 1))
stat(redis.pcall('HINCRBY', KEYS[8], 'audit_events', 1))
return finish(reason, g, s, ttl, cooldown, streak)
