-- Quantum Safety: one atomic decision per trade intent (called by DecisionScript through EVALSHA).
--
-- Fail safe at every edge, because Redis does not roll a script back when a command fails half-way:
--   * the flags are read with pcall: a key of another type, or any value but absent or "0", is ON (FlagState);
--   * a counter that holds garbage blocks the intent (STATE_UNREADABLE) with nothing left written;
--   * errors that are not about our data (OOM, READONLY, MISCONF…) are returned before the first write, so the
--     caller treats Redis as unavailable;
--   * once a trip is decided, SAFE MODE is set before anything that can fail; the streak, the info hash and the
--     fault and audit events go through pcall, and an event that cannot be written is counted in the totals
--     (lost_events) and reported back instead of undoing the trip;
--   * the statistics (ranking, decision and total counters) go through pcall too: garbage there is reported back
--     (stats_ok = 0) instead of aborting a decision that is already taken.
-- Writing after TIME needs effects replication: the default since Redis 5.0, and forced here for a 6.2 server
-- configured with lua-replicate-commands no (the call is a no-op on 7.x).
-- Key names are built only from the KEYS given (bases 9-12 get the bucket appended), so with a hash-tagged
-- prefix every key lives in one Cluster slot. EXPIRE is sent when an INCR or ZINCRBY creates the key or member,
-- which gives every bucket key the legacy window+2 s lifetime.
--
-- KEYS: 1 kill switch, 2 safe_mode flag, 3 safe_mode info hash, 4 trip_streak, 5 fault stream, 6 audit stream,
--       7 decisions hash, 8 totals hash, 9 global counter base, 10 symbol counter base, 11 ranking base,
--       12 reduce-only counter base (of this symbol)
-- ARGV (few and short: each argument costs on every call, so what only a trip needs is packed into one):
--       1 window_sec, 2 global_max, 3 symbol_max,
--       4 reduce-only: "0" = no; "B" = yes, but SAFE MODE blocks it; a number N = yes, and during SAFE MODE it
--         passes while at most N reduce-only intents of its symbol were seen in the window,
--       5 symbol, 6 side, 7 correlation_id, 8 trace_id,
--       9 decisions taken without Redis, to report late: "0" or "REASON=n REASON=n …",
--       10 trip settings: "<cooldown_sec> <latched 0|1> <max_cooldown_sec, 0 = no escalation>
--          <escalation_period_sec> <router_pid> <kernel_id> <fault MAXLEN> <audit MAXLEN>"
-- Reply: {reason, global_count, symbol_count, safe_mode_ttl, now, stats_ok, cooldown_sec, streak, lost_events,
--         reduce_only_count}; kill switch state, allowed, counted, tripped and the bucket follow from these.

if redis.replicate_commands then redis.replicate_commands() end

local window = tonumber(ARGV[1])
local now = tonumber(redis.call('TIME')[1])
local suffix = string.format('%d', math.floor(now / window))
local expiry = window + 2
local stats_ok = 1

local function stat(result)
  if type(result) == 'table' and result['err'] then stats_ok = 0 end
end

local function finish(reason, g, s, ttl, cooldown, streak, lost, reduce_only_count)
  stat(redis.pcall('HINCRBY', KEYS[7], reason, 1))
  if ARGV[9] ~= '0' then
    for late_reason, count in string.gmatch(ARGV[9], '(%u[%u_]*)=(%d+)') do
      stat(redis.pcall('HINCRBY', KEYS[7], late_reason, count))
      if late_reason == 'FAIL_OPEN_ERROR' then stat(redis.pcall('HINCRBY', KEYS[8], 'fail_open', count)) end
    end
  end
  return {reason, g, s, ttl, now, stats_ok, cooldown or 0, streak or 0, lost or 0, reduce_only_count or 0}
end

-- Our data is garbage (the caller blocks the intent), as opposed to a server that refuses writes (unavailable).
local function data_error(result)
  local message = result['err'] or ''
  return string.find(message, 'WRONGTYPE', 1, true) ~= nil or string.find(message, 'not an integer', 1, true) ~= nil
    or string.find(message, 'overflow', 1, true) ~= nil
end

-- An INCR that creates its key also sets the bucket lifetime. Returns the count, or nil and an error to return.
local function count(key)
  local n = redis.pcall('INCR', key)
  if type(n) == 'table' then
    if data_error(n) then return nil, nil end
    return nil, redis.error_reply(n['err'])
  end
  if n == 1 then redis.call('EXPIRE', key, expiry) end
  return n, nil
end

local function flag_on(key)
  local value = redis.pcall('GET', key)
  if type(value) == 'table' then return true end
  return value ~= false and value ~= '0'
end

-- The flags.
local kill_on = flag_on(KEYS[1])
local safe_on = flag_on(KEYS[2])
local ttl = -2
if safe_on then ttl = redis.call('TTL', KEYS[2]) end
if kill_on then
  return finish('KILL_SWITCH_ENGAGED', 0, 0, ttl)
end
if safe_on then
  local reduce_only_max = tonumber(ARGV[4])
  if not reduce_only_max or reduce_only_max == 0 then
    return finish('SAFE_MODE_ENABLED', 0, 0, ttl)
  end
  -- Exits stay possible during SAFE MODE, but only at the reduce-only rate of their symbol, and never count
  -- towards a trip.
  local r, failure = count(KEYS[12] .. suffix)
  if failure then return failure end
  if not r then return finish('STATE_UNREADABLE', 0, 0, ttl) end
  if r > reduce_only_max then
    return finish('REDUCE_ONLY_RATE_EXCEEDED', 0, 0, ttl, 0, 0, 0, r)
  end
  return finish('REDUCE_ONLY_ALLOWED', 0, 0, ttl, 0, 0, 0, r)
end

-- Count and decide: strictly greater, global before symbol; a global trip leaves the symbol counter alone.
local global_key = KEYS[9] .. suffix
local g, failure = count(global_key)
if failure then return failure end
if not g then return finish('STATE_UNREADABLE', 0, 0, ttl) end

local reason = 'OK'
local s = 0
local symbol_key = nil
if g > tonumber(ARGV[2]) then
  reason = 'GLOBAL_RATE_EXCEEDED'
else
  symbol_key = KEYS[10] .. suffix
  local symbol_failure
  s, symbol_failure = count(symbol_key)
  if not s then
    -- The intent is not counted after all: take back its global increment.
    redis.call('DECR', global_key)
    if symbol_failure then return symbol_failure end
    return finish('STATE_UNREADABLE', 0, 0, ttl)
  end
  if s > tonumber(ARGV[3]) then reason = 'SYMBOL_RATE_EXCEEDED' end
end

if symbol_key then
  local ranking_key = KEYS[11] .. suffix
  local score = redis.pcall('ZINCRBY', ranking_key, 1, ARGV[5])
  stat(score)
  if score == '1' then stat(redis.pcall('EXPIRE', ranking_key, expiry)) end
end
if reason == 'OK' then
  return finish(reason, g, s, ttl)
end

-- The trip. SAFE MODE first: from here on nothing may abort the script.
local cooldown, latched, max_cooldown, period, router_pid, kernel_id, fault_maxlen, audit_maxlen =
  string.match(ARGV[10], '^(%d+) ([01]) (%d+) (%d+) (%d+) (%S+) (%d+) (%d+)$')
if not cooldown then
  -- Settings we cannot read: the safest trip is one that only an operator clears.
  cooldown, latched, max_cooldown, period, router_pid, kernel_id, fault_maxlen, audit_maxlen =
    '0', '1', '0', '1', '0', 'unknown', '1000', '10000'
end
cooldown = tonumber(cooldown)
local streak = 0
if tonumber(max_cooldown) > 0 then
  local n = redis.pcall('INCR', KEYS[4])
  if type(n) == 'table' then
    -- A streak we cannot count (garbage, or at the integer limit) escalates to the longest cooldown.
    streak = -1
    cooldown = tonumber(max_cooldown)
  else
    streak = n
    redis.pcall('EXPIRE', KEYS[4], tonumber(period))
    cooldown = math.min(cooldown * 2 ^ math.min(streak - 1, 30), tonumber(max_cooldown))
  end
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
redis.pcall('DEL', KEYS[3])
stat(redis.pcall('HSET', KEYS[3], 'set_by', actor, 'reason', reason, 'set_at', now, 'latched', latched,
  'source', 'trip', 'cooldown_sec', cooldown))
local reduce_only = '0'
if ARGV[4] ~= '0' then reduce_only = '1' end
local fault = {'timestamp', now, 'reason', reason, 'symbol', ARGV[5], 'side', ARGV[6],
  'global_count', g, 'symbol_count', s, 'global_max', ARGV[2], 'symbol_max', ARGV[3],
  'window_sec', ARGV[1], 'cooldown_sec', cooldown, 'router_pid', router_pid, 'correlation_id', ARGV[7],
  'trace_id', ARGV[8], 'kernel_id', kernel_id, 'latched', latched, 'reduce_only', reduce_only, 'bucket', suffix}
local lost = 0
local fault_id = redis.pcall('XADD', KEYS[5], 'MAXLEN', '~', fault_maxlen, '*', unpack(fault))
if type(fault_id) == 'table' then
  lost = lost + 1
  fault_id = ''
end
local audit_id = redis.pcall('XADD', KEYS[6], 'MAXLEN', '~', audit_maxlen, '*', 'event', 'TRIP', 'actor', actor,
  'fault_id', fault_id, unpack(fault))
if type(audit_id) == 'table' then
  lost = lost + 1
else
  stat(redis.pcall('HINCRBY', KEYS[8], 'audit_events', 1))
end
stat(redis.pcall('HINCRBY', KEYS[8], 'trips', 1))
if lost > 0 then stat(redis.pcall('HINCRBY', KEYS[8], 'lost_events', lost)) end
return finish(reason, g, s, ttl, cooldown, streak, lost)
