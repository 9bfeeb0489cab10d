-- Quantum Safety: one audited manual transition (called by SafetyOperations through EVALSHA).
-- The audit stream's type is checked before any write, so a transition always leaves both its state change and
-- its audit event, or neither. SET and DEL cannot fail on a key of another type; the totals go through pcall so
-- that garbage there never stops an operator from engaging the kill switch.
--
-- KEYS: 1 kill switch, 2 safe_mode flag, 3 safe_mode info hash, 4 audit stream, 5 totals hash
-- ARGV: 1 event (SAFE_MODE_ON, SAFE_MODE_OFF, KILL_ON, KILL_OFF), 2 actor, 3 reason,
--       4 SAFE MODE ttl in seconds (0 = latched), 5 audit stream MAXLEN
-- Reply: {previous value of the flag ("" when absent), timestamp, audit entry id}

local event, actor, reason, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local t = redis.call('TYPE', KEYS[4])['ok']
if t ~= 'none' and t ~= 'stream' then
  return redis.error_reply('ERR quantum-safety: ' .. KEYS[4] .. ' holds a ' .. t .. ', expected a stream')
end

local flag = KEYS[2]
if event == 'KILL_ON' or event == 'KILL_OFF' then flag = KEYS[1] end
local previous = redis.pcall('GET', flag)
if type(previous) == 'table' then previous = 'WRONGTYPE' elseif not previous then previous = '' end

local now = tonumber(redis.call('TIME')[1])
local fields = {'event', event, 'actor', actor, 'reason', reason, 'timestamp', now, 'previous', previous}
if event == 'SAFE_MODE_ON' then
  local latched = '0'
  if ttl == 0 then latched = '1' end
  table.insert(fields, 'latched'); table.insert(fields, latched)
  table.insert(fields, 'cooldown_sec'); table.insert(fields, ttl)
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
elseif event == 'KILL_OFF' then
  redis.call('SET', KEYS[1], '0')
else
  return redis.error_reply('ERR quantum-safety: unknown transition ' .. tostring(event))
end

local id = redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[5], '*', unpack(fields))
redis.pcall('HINCRBY', KEYS[5], 'audit_events', 1)
return {previous, now, id}
