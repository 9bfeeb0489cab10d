-- Counts a stream's entries by id range inside Redis and returns only the aggregates (read-only; works on 6.2 and 7).
-- Reading every entry of the window to the exporter and counting there cost most of a scrape's CPU.
--
-- KEYS[1]  the stream
-- ARGV[1]  XRANGE start: "<ms>-<seq>" (inclusive) or "(<ms>-<seq>" (exclusive)
-- ARGV[2]  window start in unix ms: entries at or after it are counted in the window
-- ARGV[3]  the last id the caller saw, "" for none: entries above it are counted as new
-- ARGV[4]  "1" to count the window by its reason and symbol fields
-- ARGV[5]  how many reasons to return (the rest summed as "other")
-- ARGV[6]  how many symbols to return (the rest summed as "other")
-- ARGV[7]  the most entries to scan in one call: a huge stream must not block Redis for long
-- ARGV[8]  "1" to also return the stream's newest entry (id and fields)
--
-- Reply: {window count, new since last seen, highest id read or "", truncated 0/1,
--         {reason, count, ...}, reasons other, {symbol, count, ...}, symbols other, {newest id, {field, value, ...}} or {}}
local key = KEYS[1]
local cutoff = tonumber(ARGV[2])
local group = ARGV[4] == '1'
local top_reasons = tonumber(ARGV[5])
local top_symbols = tonumber(ARGV[6])
local max_scan = tonumber(ARGV[7])
local chunk = 1000

local function parse(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end

local seen_ms, seen_seq
if ARGV[3] ~= '' then
  seen_ms, seen_seq = parse(ARGV[3])
end

local count, new, scanned, truncated = 0, 0, 0, 0
local last_id = ''
local reasons, symbols = {}, {}
local start = ARGV[1]
while true do
  local size = math.min(chunk, max_scan - scanned)
  if size <= 0 then
    -- Stopped short: only truncated when something is left to read.
    if #redis.call('XRANGE', key, start, '+', 'COUNT', 1) > 0 then
      truncated = 1
    end
    break
  end
  local page = redis.call('XRANGE', key, start, '+', 'COUNT', size)
  for i = 1, #page do
    local id = page[i][1]
    local ms, seq = parse(id)
    if ms >= cutoff then
      count = count + 1
      if group then
        local fields = page[i][2]
        for f = 1, #fields - 1, 2 do
          local name, value = fields[f], fields[f + 1]
          if value ~= '' then
            if name == 'reason' then
              reasons[value] = (reasons[value] or 0) + 1
            elseif name == 'symbol' then
              symbols[value] = (symbols[value] or 0) + 1
            end
          end
        end
      end
    end
    if seen_ms == nil or ms > seen_ms or (ms == seen_ms and seq > seen_seq) then
      new = new + 1
    end
    last_id = id
  end
  scanned = scanned + #page
  if #page < size then
    break
  end
  start = '(' .. last_id
end

-- Largest count first, ties by name: the same order the exporter exported before, independent of hash order.
local function top(counts, n)
  local names = {}
  for name in pairs(counts) do
    names[#names + 1] = name
  end
  table.sort(names, function(a, b)
    if counts[a] ~= counts[b] then
      return counts[a] > counts[b]
    end
    return a < b
  end)
  local flat, other = {}, 0
  for i, name in ipairs(names) do
    if i <= n then
      flat[#flat + 1] = name
      flat[#flat + 1] = counts[name]
    else
      other = other + counts[name]
    end
  end
  return flat, other
end

local reason_list, reason_other = top(reasons, top_reasons)
local symbol_list, symbol_other = top(symbols, top_symbols)
local newest = {}
if ARGV[8] == '1' then
  local entries = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)
  if #entries > 0 then
    newest = entries[1]
  end
end
return {count, new, last_id, truncated, reason_list, reason_other, symbol_list, symbol_other, newest}
