-- Quantum Safety: a kernel publishes the settings it decides with (called by SettingsPublisher through EVALSHA).
--
-- One hash holds every live kernel: field = kernel id, value = "name=value …" (PublishedSettings) plus the server
-- times of the publication and of its expiry. Redis 6.2 has no per-field TTL, so the expiry travels in the value:
-- readers ignore an entry whose time has passed, and every publication drops such entries (a kernel that stopped
-- without saying so) and refreshes the key's TTL, so the key disappears once no kernel publishes any more.
--
-- KEYS: 1 the settings hash
-- ARGV: 1 kernel id, 2 settings line, 3 lifetime in seconds
-- Reply: the server time of the publication (unix seconds).

if redis.replicate_commands then redis.replicate_commands() end

local now = tonumber(redis.call('TIME')[1])
local ttl = tonumber(ARGV[3])

local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  local expires = tonumber(string.match(entries[i + 1], 'expires_at=(%d+)'))
  if expires == nil or expires <= now then
    redis.call('HDEL', KEYS[1], entries[i])
  end
end

redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' published_at=' .. now .. ' expires_at=' .. (now + ttl))
if redis.call('TTL', KEYS[1]) < ttl then
  redis.call('EXPIRE', KEYS[1], ttl)
end
return now
