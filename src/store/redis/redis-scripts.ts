/**
 * The Lua scripts that make the Redis store's decisions atomic: each runs as one step in Redis,
 * so replicas racing on one code or one ticket cannot both win. Times come in as arguments
 * (the service's clock), so expiry is judged the same way on every replica and in tests.
 */

/**
 * KEYS[1] session hash, KEYS[2] the code's event channel (a shard channel in the session's
 * slot). ARGV: qrcodeId, now, expected statuses (comma separated), new status, the open
 * statuses (comma separated: the domain's OPEN_STATUSES, so the expiry rule is the domain's,
 * not restated here), then field/value pairs to set. Returns {1, fields} when applied (and
 * published), {0, fields} when refused, {0} when the session is unknown, is another code's
 * under the same tag, or is past its retention.
 */
export const COMPARE_AND_SET_STATUS = `
local found = redis.call('HMGET', KEYS[1], 'id', 'status', 'retainUntil', 'expiresAt')
if found[1] ~= ARGV[1] or not found[2] then return {0} end
local status = found[2]
local now = tonumber(ARGV[2])
if tonumber(found[3]) <= now then return {0} end
local open = false
for candidate in string.gmatch(ARGV[5], '[^,]+') do
  if candidate == status then open = true end
end
if open and tonumber(found[4]) <= now then
  status = 'EXPIRED'
end
local allowed = false
for expected in string.gmatch(ARGV[3], '[^,]+') do
  if expected == status then allowed = true end
end
if not allowed then return {0, redis.call('HGETALL', KEYS[1])} end
redis.call('HSET', KEYS[1], 'status', ARGV[4])
for i = 6, #ARGV, 2 do
  redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
end
local fields = redis.call('HGETALL', KEYS[1])
redis.call('SPUBLISH', KEYS[2], cjson.encode(fields))
return {1, fields}
`;

/**
 * KEYS[1] the one-time value's hash (validUntil, rememberUntil, value; once taken: answer,
 * replayUntil). ARGV: now, answer, replayForMs. Mirrors `onceState` (once-record.ts), then
 * takes: the value goes, the answer stays for the replay window. Returns {outcome, answer?}.
 */
export const TAKE_ONCE = `
local r = redis.call('HMGET', KEYS[1], 'validUntil', 'rememberUntil', 'value', 'answer', 'replayUntil')
local now = tonumber(ARGV[1])
if not r[2] or tonumber(r[2]) <= now then return {'unknown'} end
if not r[3] then
  if r[4] and tonumber(r[5]) > now then return {'answered', r[4]} end
  return {'already-taken'}
end
if tonumber(r[1]) <= now then return {'expired'} end
local replayUntil = now + tonumber(ARGV[3])
local rememberUntil = math.max(tonumber(r[2]), replayUntil)
redis.call('HDEL', KEYS[1], 'value')
redis.call('HSET', KEYS[1], 'answer', ARGV[2],
  'replayUntil', string.format('%.0f', replayUntil),
  'rememberUntil', string.format('%.0f', rememberUntil))
redis.call('PEXPIRE', KEYS[1], string.format('%.0f', rememberUntil - now))
return {'taken'}
`;

/**
 * KEYS[1] the user's hash. ARGV: ttlMs, maxKeys, maxBytes, then field/value pairs (custom data
 * fields are "cd:<key>" = JSON). Merges, then applies the bound of custom-data-merge.ts: past
 * it the login's custom data replaces the kept one. Returns the user's fields.
 */
export const SAVE_USER = `
local key = KEYS[1]
for i = 4, #ARGV, 2 do redis.call('HSET', key, ARGV[i], ARGV[i + 1]) end
local all = redis.call('HGETALL', key)
local count, bytes = 0, 0
for i = 1, #all, 2 do
  if string.sub(all[i], 1, 3) == 'cd:' then
    count = count + 1
    bytes = bytes + #all[i] - 3 + #all[i + 1]
  end
end
if count > tonumber(ARGV[2]) or bytes > tonumber(ARGV[3]) then
  for i = 1, #all, 2 do
    if string.sub(all[i], 1, 3) == 'cd:' then redis.call('HDEL', key, all[i]) end
  end
  for i = 4, #ARGV, 2 do
    if string.sub(ARGV[i], 1, 3) == 'cd:' then redis.call('HSET', key, ARGV[i], ARGV[i + 1]) end
  end
  all = redis.call('HGETALL', key)
end
redis.call('PEXPIRE', key, ARGV[1])
return all
`;

/** KEYS[1] a string key; ARGV[1] the value it must still hold. Deletes it then; returns 1 or 0. */
export const DELETE_IF_EQUAL = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;
