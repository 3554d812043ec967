-- Moves one record between count buckets, atomically and at most once per aggregate sequence number.
-- KEYS[1] state hash (record key -> "seq|dim=value;dim=value"), KEYS[2] counts hash ("dim:value" -> count)
-- ARGV[1] record key, ARGV[2] sequence number, ARGV[3] "remove" or "set", ARGV[4..] "dim=value" (empty value keeps
-- the record's current value for that dimension).
local current = redis.call('HGET', KEYS[1], ARGV[1])
local dims = {}
local order = {}
if current then
  local seq, rest = string.match(current, '^(%-?%d+)|(.*)$')
  if tonumber(seq) >= tonumber(ARGV[2]) then
    return 0
  end
  for dim, value in string.gmatch(rest, '([^=;]+)=([^;]*)') do
    dims[dim] = value
    table.insert(order, dim)
    redis.call('HINCRBY', KEYS[2], dim .. ':' .. value, -1)
  end
end
if ARGV[3] == 'remove' then
  -- A tombstone, so an older add delivered again cannot bring the record back.
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|')
  return 1
end
for i = 4, #ARGV do
  local dim, value = string.match(ARGV[i], '^([^=]+)=(.*)$')
  if dims[dim] == nil then
    table.insert(order, dim)
  end
  if value ~= '' then
    dims[dim] = value
  end
end
local parts = {}
for _, dim in ipairs(order) do
  if dims[dim] ~= nil then
    redis.call('HINCRBY', KEYS[2], dim .. ':' .. dims[dim], 1)
    table.insert(parts, dim .. '=' .. dims[dim])
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. table.concat(parts, ';'))
return 1
