-- Creates a request's record unless one exists; returns the existing one so the caller can compare.
-- KEYS[1]: the record. ARGV: principal, fingerprint, route, TTL in ms.
local found = redis.call('HMGET', KEYS[1], 'principal', 'fingerprint', 'route', 'reply')
if found[1] then
  return {'existing', found[1], found[2] or '', found[3] or '', found[4] or ''}
end
redis.call('HSET', KEYS[1], 'principal', ARGV[1], 'fingerprint', ARGV[2], 'route', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {'new'}
