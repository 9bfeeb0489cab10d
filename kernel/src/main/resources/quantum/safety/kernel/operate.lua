-- Quantum Safety: one audited manual transition (called by SafetyOperations through EVALSHA).
-- A release (SAFE_MODE_OFF, KILL_OFF) writes its audit event first, so it leaves both its state change and its
-- audit event, or neither. An engagement (SAFE_MODE_ON, KILL_ON) is never stopped by a
-- broken audit stream: it is applied, the lost event is counted in the totals (lost_events) and the reply carries
-- an empty audit id. SET and DEL cannot fail on a key of another type; the totals go through pcall.
--
-- KEYS: 1 kill switch, 2 safe_mode flag, 3 safe_mode info hash, 4 audit stream, 5 totals hash
-- ARGV: 1 event (SAFE_MODE_ON, SAFE_MODE_OFF, KILL_ON, KILL_OFF), 2 actor, 3 reason,
--       4 SAFE MODE ttl in seconds (0 = latched), 5 audit stream MAXLEN
-- Reply: {previous value of the flag ("" when absent), timestamp, audit entry id ("" when it could not be written)}

if redis.replicate_commands then redis.replicate_commands() end

local event, actor, reason, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local engaging = event == 'SAFE_MODE_ON' or event == 'KILL_ON'

local flag = KEYS[2]
if event == 'KILL_ON' or event == 'KILL_OFF' then flag = KEYS[1] end
local previous = redis.pcall('GET', flag)
if type(previous) == 'table' then previous = 'WRONGTYPE' elseif not previous then previous = '' end

local now = tonumber(redis.call('TIME')[1])
local fields = {'event', event, 'actor', actor, 'reason', reason, 'timestamp', now, 'previous', previous}
local latched = '0'
if event == 'SAFE_MODE_ON' then
  if ttl == 0 then latched = '1' end
  table.insert(fields, 'latched'); table.insert(fields, latched)
  table.insert(fields, 'cooldown_sec'); table.insert(fields, ttl)
elseif event ~= 'SAFE_MODE_OFF' and event ~= 'KILL_ON' and event ~= 'KILL_OFF' then
  return redis.error_reply('ERR quantum-safety: unknown transition ' .. tostring(event))
end

local function audit()
  return redis.pcall('XADD', KEYS[4], 'MAXLEN', '~', ARGV[5], '*', unpack(fields))
end

-- A release is audited first: if its event cannot be written, nothing changes.
local id = nil
if not engaging then
  id = audit()
  if type(id) == 'table' then
    return redis.error_reply('ERR quantum-safety: the audit event could not be written to ' .. KEYS[4] .. ' ('
      .. tostring(id['err']) .. '); nothing was changed')
  end
end

if event == 'SAFE_MODE_ON' then
  if latched == '1' then
    redis.call('SET', KEYS[2], '1')
  else
    redis.call('SET', KEYS[2], '1', 'EX', ttl)
  end
  redis.call('DEL', KEYS[3])
  redis.call('HSET', KEYS[3], 'set_by', actor, 'reason', reason, 'set_at', now, 'latched', latched,
    'source', 'manual', 'cooldown_sec', ttl)
elseif event == 'SAFE_MODE_OFF' then
  redis.call('DEL', KEYS[2], KEYS[3])
elseif event == 'KILL_ON' then
  redis.call('SET', KEYS[1], '1')
else
  redis.call('SET', KEYS[1], '0')
end

if engaging then
  id = audit()
  if type(id) == 'table' then
    redis.pcall('HINCRBY', KEYS[5], 'lost_events', 1)
    return {previous, now, ''}
  end
end
redis.pcall('HINCRBY', KEYS[5], 'audit_events', 1)
return {previous, now, id}
