-- Records a request's outcome. KEYS[1]: the record. ARGV[1]: the reply (base64).
-- ARGV[2..5], when the gateway knows who sent the request (it waited for the reply): TTL in ms,
-- principal, fingerprint, route; the record is then written whole, claimed before or not.
-- Without them only a request already on record gets its outcome: a reply for an expired or
-- foreign request id must not create a record without an owner.
if ARGV[2] then
  redis.call('HSET', KEYS[1], 'principal', ARGV[3], 'fingerprint', ARGV[4], 'route', ARGV[5], 'reply', ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'reply', ARGV[1])
  return 1
end
return 0
