-- Quantum Safety: one atomic decision per trade intent (called by DecisionScript through EVALSHA).
--
-- Fail safe at every edge, because Redis does not roll a script back when a command fails half-way:
--   * the flags are read with pcall: a key of another type, or any value but absent or "0", is ON (FlagState);
--     a reduce-only intent passes SAFE MODE only when the flag is the clear "1";
--   * a counter that holds garbage, or a count below 1 after its increment, blocks the intent (STATE_UNREADABLE)
--     with its increments taken back;
--   * errors that are not about our data (OOM, READONLY, MISCONF…) are returned before the first write, so the
--     caller treats Redis as unavailable;
--   * once a trip is decided, SAFE MODE is set (with the base cooldown, or latched) before anything that can fail;
--     the escalated cooldown, the info hash and the fault and audit events go through pcall, and an event that
--     cannot be written is counted in the totals (lost_events) and reported back instead of undoing the trip;
--   * every other write goes through pcall too: what fails is reported back (the stats flags) for the caller to
--     send again, never an abort after the decision.
-- Writing after TIME needs effects replication: the default since Redis 5.0, and forced here for a 6.2 server
-- configured with lua-replicate-commands no (the call is a no-op on 7.x).
-- Key names are built only from the KEYS given (bases 9-13 get the bucket appended), so with a hash-tagged
-- prefix every key lives in one Cluster slot. EXPIREAT is sent when an INCR or ZINCRBY creates the key or member:
-- every key of a bucket lives until 2 s after the end of the NEXT window (at least the legacy window+2 s), so that
-- while it is "the previous window" its global counter and its symbol counts are all there together.
--
-- KEYS: 1 kill switch, 2 safe_mode flag, 3 safe_mode info hash, 4 trip_streak, 5 fault stream, 6 audit stream,
--       7 decisions hash, 8 totals hash, 9 global counter base, 10 symbol counter base, 11 ranking base,
--       12 reduce-only counter base (of this symbol), 13 reduce-only counter base (all symbols)
-- ARGV (few and short: each argument costs on every call, so what only a trip needs is packed into one):
--       1 window_sec, 2 global_max, 3 symbol_max,
--       4 reduce-only: "0" = no; "B" = yes, but SAFE MODE blocks it; "<symbol max> <global max>" = yes, and during
--         a clear SAFE MODE it passes while its symbol and all symbols stay within those reduce-only counts,
--       5 symbol, 6 side, 7 correlation_id, 8 trace_id,
--       9 decisions taken without Redis, to report late: "0" or "REASON=n REASON=n …",
--       10 trip settings: "<cooldown_sec> <latched 0|1> <max_cooldown_sec, 0 = no escalation>
--          <escalation_period_sec> <router_pid> <kernel_id> <fault MAXLEN> <audit MAXLEN>"
-- Reply: {reason, global_count, symbol_count, safe_mode_ttl, now, stats, cooldown_sec, streak, lost_events,
--         reduce_only_count}; stats is a bit set: 1 = this decision counted in the decisions hash, 2 = the late
--         reports applied (all or none), 4 = the other statistics written. Kill switch state, allowed, counted,
--         tripped and the bucket follow from these.

if redis.replicate_commands then redis.replicate_commands() end

local window = tonumber(ARGV[1])
local now = tonumber(redis.call('TIME')[1])
local bucket = math.floor(now / window)
local suffix = string.format('%d', bucket)
local expire_at = string.format('%d', (bucket + 2) * window + 2)
local others_ok = 4

local function failed(result)
  return type(result) == 'table' and result['err'] ~= nil
end

local function stat(result)
  if failed(result) then others_ok = 0 end
end

local function hash_or_none(key)
  local t = redis.call('TYPE', key)['ok']
  return t == 'none' or t == 'hash'
end

-- The late reports go to two hashes; they are applied only when both can take them, so that a retry never adds
-- some of them twice.
local function report_late()
  if ARGV[9] == '0' then return 2 end
  if not (hash_or_none(KEYS[7]) and hash_or_none(KEYS[8])) then return 0 end
  local ok = 2
  for late_reason, count in string.gmatch(ARGV[9], '(%u[%u_]*)=(%d+)') do
    if failed(redis.pcall('HINCRBY', KEYS[7], late_reason, count)) then ok = 0 end
    if late_reason == 'FAIL_OPEN_ERROR' and failed(redis.pcall('HINCRBY', KEYS[8], 'fail_open', count)) then ok = 0 end
  end
  return ok
end

local function finish(reason, g, s, ttl, cooldown, streak, lost, reduce_only_count)
  local counted = 1
  if failed(redis.pcall('HINCRBY', KEYS[7], reason, 1)) then counted = 0 end
  local stats = counted + report_late() + others_ok
  return {reason, g, s, ttl, now, stats, cooldown or 0, streak or 0, lost or 0, reduce_only_count or 0}
end

-- Our data is garbage (the caller blocks the intent), as opposed to a server that refuses writes (unavailable).
local function data_error(result)
  local message = result['err'] or ''
  return string.find(message, 'WRONGTYPE', 1, true) ~= nil or string.find(message, 'not an integer', 1, true) ~= nil
    or string.find(message, 'overflow', 1, true) ~= nil
end

local function take_back(key)
  stat(redis.pcall('DECR', key))
end

-- An INCR that creates its key also sets the bucket lifetime. Returns the count, or nil (garbage: the count is not
-- usable, and any increment is taken back) and an error to return as is (the server refused the write).
local function count(key)
  local n = redis.pcall('INCR', key)
  if type(n) == 'table' then
    if data_error(n) then return nil, nil end
    return nil, redis.error_reply(n['err'])
  end
  if n < 1 then
    -- Only a hand-written negative value gives this: it would allow without limit.
    take_back(key)
    return nil, nil
  end
  if n == 1 then stat(redis.pcall('EXPIREAT', key, expire_at)) end
  return n, nil
end

-- A flag is on unless absent or exactly "0"; clear means the value is exactly "1".
local function read_flag(key)
  local value = redis.pcall('GET', key)
  if type(value) == 'table' then return true, false end
  return value ~= false and value ~= '0', value == '1'
end

-- The flags.
local kill_on = read_flag(KEYS[1])
local safe_on, safe_clear = read_flag(KEYS[2])
local ttl = -2
if safe_on then ttl = redis.call('TTL', KEYS[2]) end
if kill_on then
  return finish('KILL_SWITCH_ENGAGED', 0, 0, ttl)
end
if safe_on then
  local symbol_max, global_max = string.match(ARGV[4], '^(%d+) (%d+)$')
  if not symbol_max or not safe_clear then
    return finish('SAFE_MODE_ENABLED', 0, 0, ttl)
  end
  -- Exits stay possible during SAFE MODE, but only at the reduce-only rate of their symbol and of all symbols,
  -- and never count towards a trip.
  local r, failure = count(KEYS[12] .. suffix)
  if failure then return failure end
  if not r then return finish('STATE_UNREADABLE', 0, 0, ttl) end
  local all, all_failure = count(KEYS[13] .. suffix)
  if not all then
    take_back(KEYS[12] .. suffix)
    if all_failure then return all_failure end
    return finish('STATE_UNREADABLE', 0, 0, ttl)
  end
  if r > tonumber(symbol_max) or all > tonumber(global_max) then
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
    take_back(global_key)
    if symbol_failure then return symbol_failure end
    return finish('STATE_UNREADABLE', 0, 0, ttl)
  end
  if s > tonumber(ARGV[3]) then reason = 'SYMBOL_RATE_EXCEEDED' end
end

if symbol_key then
  local ranking_key = KEYS[11] .. suffix
  local score = redis.pcall('ZINCRBY', ranking_key, 1, ARGV[5])
  stat(score)
  if score == '1' then stat(redis.pcall('EXPIREAT', ranking_key, expire_at)) end
end
if reason == 'OK' then
  return finish(reason, g, s, ttl)
end

-- The trip. SAFE MODE first, with the base cooldown (or latched): from here on nothing may abort the script.
local cooldown, latched, max_cooldown, period, router_pid, kernel_id, fault_maxlen, audit_maxlen =
  string.match(ARGV[10], '^(%d+) ([01]) (%d+) (%d+) (%d+) (%S+) (%d+) (%d+)$')
if not cooldown or tonumber(cooldown) < 1 then
  -- Settings we cannot read: the safest trip is one that only an operator clears.
  cooldown, latched, max_cooldown, period, router_pid, kernel_id, fault_maxlen, audit_maxlen =
    '0', '1', '0', '1', '0', 'unknown', '1000', '10000'
end
cooldown = tonumber(cooldown)
max_cooldown = tonumber(max_cooldown)
local set
if latched == '1' then
  set = redis.pcall('SET', KEYS[2], '1')
  ttl = -1
else
  set = redis.pcall('SET', KEYS[2], '1', 'EX', cooldown)
  ttl = cooldown
end
if failed(set) then
  -- Only a server that refuses the write (an ACL, say) gets here: the intent stays blocked as an error.
  return redis.error_reply('ERR quantum-safety: SAFE MODE could not be set: ' .. tostring(set['err']))
end

-- Escalation lengthens the cooldown just set. A streak that cannot be counted (garbage, at the integer limit, or
-- below 1) escalates to the longest cooldown.
local streak = 0
if max_cooldown > 0 then
  local n = redis.pcall('INCR', KEYS[4])
  local escalated
  if type(n) == 'table' or n < 1 then
    streak = -1
    escalated = max_cooldown
  else
    streak = n
    stat(redis.pcall('EXPIRE', KEYS[4], tonumber(period)))
    escalated = math.floor(math.min(cooldown * 2 ^ math.min(streak - 1, 30), max_cooldown))
  end
  if latched ~= '1' and escalated > cooldown then
    if failed(redis.pcall('EXPIRE', KEYS[2], escalated)) then
      others_ok = 0
    else
      cooldown = escalated
      ttl = escalated
    end
  end
end
if latched == '1' then cooldown = 0 end

local actor = 'kernel:' .. kernel_id
stat(redis.pcall('DEL', KEYS[3]))
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
