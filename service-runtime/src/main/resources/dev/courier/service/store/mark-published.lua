-- Marks the outcomes of a batch as published: Kafka acknowledged their events.
-- KEYS: the outcome keys. Only outcomes that still exist are marked: one that expired meanwhile
-- must not come back without its TTL. Returns how many were marked.
local marked = 0
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then
    redis.call('HSET', key, 'published', '1')
    marked = marked + 1
  end
end
return marked
