/**
 * The Lua scripts that make the Redis store's decisions atomic: each runs as one step in Redis,
 * so replicas racing on one code or one ticket cannot both win. Times come in as arguments
 * (the service's clock), so expiry is judged the same way on every replica and in tests.
 */

/**
 * KEYS[1] session hash, KEYS[2] event channel. ARGV: now, expected statuses (comma separated),
 * new status, then field/value pairs to set. Returns {1, fields} when applied (and published),
 * {0, fields} when refused, {0} when the session is unknown or past its retention.
 */
export const COMPARE_AND_SET_STATUS = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {0} end
local now = tonumber(ARGV[1])
if tonumber(redis.call('HGET', KEYS[1], 'retainUntil')) <= now then return {0} end
if (status == 'PENDING' or status == 'SCANNED')
    and tonumber(redis.call('HGET', KEYS[1], 'expiresAt')) <= now then
  status = 'EXPIRED'
end
local allowed = false
for expected in string.gmatch(ARGV[2], '[^,]+') do
  if expected == status then allowed = true end
end
if not allowed then return {0, redis.call('HGETALL', KEYS[1])} end
redis.call('HSET', KEYS[1], 'status', ARGV[3])
for i = 4, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
local fields = redis.call('HGETALL', KEYS[1])
redis.call('PUBLISH', KEYS[2], cjson.encode(fields))
return {1, fields}
`;

/**
 * KEYS[1] the one-time value, stored as "<validUntil>:<rememberUntil>:<value>", or
 * "<rememberUntil>:taken" once taken. ARGV[1] now. Returns {outcome, value?}.
 */
export const TAKE_ONCE = `
local stored = redis.call('GET', KEYS[1])
if not stored then return {'unknown'} end
local now = tonumber(ARGV[1])
local first = string.find(stored, ':', 1, true)
local head = tonumber(string.sub(stored, 1, first - 1))
local rest = string.sub(stored, first + 1)
if rest == 'taken' then
  if head <= now then return {'unknown'} end
  return {'already-taken'}
end
local second = string.find(rest, ':', 1, true)
local rememberUntil = tonumber(string.sub(rest, 1, second - 1))
if rememberUntil <= now then return {'unknown'} end
if head <= now then return {'expired'} end
redis.call('SET', KEYS[1], rememberUntil .. ':taken', 'KEEPTTL')
return {'taken', string.sub(rest, second + 1)}
`;

/** KEYS[1] scan token key; KEYS prefix in ARGV[1]. Returns the session's fields, or nil. */
export const FIND_BY_SCAN_TOKEN = `
local id = redis.call('GET', KEYS[1])
if not id then return nil end
return redis.call('HGETALL', ARGV[1] .. id)
`;
