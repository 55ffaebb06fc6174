-- Applies one command's write and stores its outcome, all or nothing.
-- KEYS[1]: the outcome key of the request id; KEYS[2..]: the keys the write touches.
-- ARGV[1]: outcome TTL in ms; ARGV[2]: the encoded outcome; ARGV[3]: the outcome stored instead
-- when a condition fails (a decision made without reading), or empty: the write is then stale;
-- then the condition count and, per condition: key index, field, 'A' (absent) or 'E' (equals), value;
-- then the operation count and, per operation: command, key index, argument count, arguments.
-- The outcome key is a hash: 'outcome', and 'published' ('1' once its events were acknowledged by Kafka).
-- Returns {'DUPLICATE', stored outcome, published}, {'STALE'}, {'OTHERWISE'} or {'APPLIED'}.
local stored = redis.call('HMGET', KEYS[1], 'outcome', 'published')
if stored[1] then
  return {'DUPLICATE', stored[1], stored[2] or '0'}
end
local function store(outcome)
  redis.call('HSET', KEYS[1], 'outcome', outcome, 'published', '0')
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
local function failed()
  if ARGV[3] ~= '' then
    store(ARGV[3])
    return {'OTHERWISE'}
  end
  return {'STALE'}
end
local i = 4
local conditions = tonumber(ARGV[i])
i = i + 1
for _ = 1, conditions do
  local actual = redis.call('HGET', KEYS[tonumber(ARGV[i])], ARGV[i + 1])
  if ARGV[i + 2] == 'A' then
    if actual then
      return failed()
    end
  elseif actual ~= ARGV[i + 3] then
    return failed()
  end
  i = i + 4
end
local operations = tonumber(ARGV[i])
i = i + 1
for _ = 1, operations do
  local count = tonumber(ARGV[i + 2])
  redis.call(ARGV[i], KEYS[tonumber(ARGV[i + 1])], unpack(ARGV, i + 3, i + 2 + count))
  i = i + 3 + count
end
store(ARGV[2])
return {'APPLIED'}
