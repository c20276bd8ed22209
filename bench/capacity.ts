import { readFileSync } from "node:fs";

import { Redis } from "ioredis";

import { measureLogins } from "./logins";
import { startNode, waitUntilUp } from "./processes";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0";
const TICKS_PER_SECOND = 100; // USER_HZ: /proc's CPU times are in 1/100 s on Linux

/** What one whole MOBILE_APP login costs (generate, scan, confirm, status, exchange). */
export interface LoginUnitCosts {
  readonly logins: number;
  readonly loginsPerSecond: number;
  readonly redisCommandsPerLogin: number;
  /** Redis memory a login leaves for as long as its keys live (the code 5 min past expiry,
   * the ticket 10 min, the user 90 days). */
  readonly redisBytesPerLogin: number;
  readonly redisCpuMsPerLogin: number;
  readonly replicaCpuMsPerLogin: number;
}

/** The keys a run left, by kind: how many, and their bytes each (`MEMORY USAGE`, a sample). */
export type KeyKinds = Record<string, { readonly count: number; readonly bytesEach: number }>;

export interface CapacityFigures {
  readonly unit: LoginUnitCosts;
  readonly keys: KeyKinds;
  /** A second run at another load, predicted from `unit` and measured. */
  readonly check: {
    readonly logins: number;
    readonly predictedRedisCommands: number;
    readonly measuredRedisCommands: number;
    readonly predictedReplicaCpuMs: number;
    readonly measuredReplicaCpuMs: number;
  };
}

interface Readings {
  readonly redisCommands: number;
  readonly redisBytes: number;
  readonly redisCpuTicks: number;
  readonly replicaCpuTicks: number;
}

/**
 * The unit costs of docs/capacity.md: whole logins against one replica on the local Redis,
 * with Redis's own counters (`INFO commandstats`, `used_memory`) and both processes' CPU time
 * read before and after; then a second run at a lighter load, whose Redis commands and replica
 * CPU are predicted from the first run's unit costs and compared with what was measured.
 */
export async function measureCapacity(port: number, seconds: number): Promise<CapacityFigures> {
  const redis = new Redis(REDIS_URL);
  const keyPrefix = `qr-capacity:${process.pid}:`;
  const url = `http://127.0.0.1:${port}`;
  const replica = startNode("src/main.js", {
    PORT: String(port),
    LOG_LEVEL: "warn",
    PUBLIC_URL: url,
    REDIS_URL,
    REDIS_KEY_PREFIX: keyPrefix,
  });
  try {
    await waitUntilUp(`${url}/readyz`);
    const redisPid = Number(/process_id:(\d+)/.exec(await redis.info("server"))?.[1]);
    const read = async (): Promise<Readings> => ({
      redisCommands: totalCalls(await redis.info("commandstats")),
      redisBytes: Number(/used_memory:(\d+)/.exec(await redis.info("memory"))?.[1]),
      redisCpuTicks: cpuTicks(redisPid),
      replicaCpuTicks: cpuTicks(replica.pid ?? 0),
    });
    await measureLogins(`${url}/graphql`, 2, 20); // warm-up: JIT, connections, the users
    const before = await read();
    const heavy = await measureLogins(`${url}/graphql`, seconds, 50);
    const after = await read();
    const unit: LoginUnitCosts = {
      logins: heavy.logins,
      loginsPerSecond: heavy.loginsPerSecond,
      // INFO's own calls between the readings are 3: negligible beside thousands of logins.
      redisCommandsPerLogin: (after.redisCommands - before.redisCommands) / heavy.logins,
      redisBytesPerLogin: (after.redisBytes - before.redisBytes) / heavy.logins,
      redisCpuMsPerLogin: ticksToMs(after.redisCpuTicks - before.redisCpuTicks) / heavy.logins,
      replicaCpuMsPerLogin:
        ticksToMs(after.replicaCpuTicks - before.replicaCpuTicks) / heavy.logins,
    };
    const light = await measureLogins(`${url}/graphql`, seconds, 10);
    const end = await read();
    return {
      unit,
      keys: await keyKinds(redis, keyPrefix),
      check: {
        logins: light.logins,
        predictedRedisCommands: light.logins * unit.redisCommandsPerLogin,
        measuredRedisCommands: end.redisCommands - after.redisCommands,
        predictedReplicaCpuMs: light.logins * unit.replicaCpuMsPerLogin,
        measuredReplicaCpuMs: ticksToMs(end.replicaCpuTicks - after.replicaCpuTicks),
      },
    };
  } finally {
    replica.kill("SIGTERM");
    const keys = await redis.keys(`${keyPrefix}*`);
    for (let start = 0; start < keys.length; start += 500) {
      await redis.del(...keys.slice(start, start + 500));
    }
    await redis.quit();
  }
}

/** Keys grouped by what follows the prefix (`{tag}:session`, `ticket…`, `u:…`), sampled. */
async function keyKinds(redis: Redis, keyPrefix: string): Promise<KeyKinds> {
  const groups = new Map<string, string[]>();
  for (const key of await redis.keys(`${keyPrefix}*`)) {
    const rest = key.slice(keyPrefix.length);
    const kind = rest.startsWith("{")
      ? rest.slice(rest.indexOf("}") + 1)
      : (rest.split(/[:{]/)[0] ?? "");
    groups.set(kind, [...(groups.get(kind) ?? []), key]);
  }
  const kinds: Record<string, { count: number; bytesEach: number }> = {};
  for (const [kind, keys] of groups) {
    const sample = keys.slice(0, 200);
    const sizes = await Promise.all(sample.map((key) => redis.memory("USAGE", key)));
    const total = sizes.reduce<number>((sum, size) => sum + Number(size ?? 0), 0);
    kinds[kind] = { count: keys.length, bytesEach: Math.round(total / sample.length) };
  }
  return kinds;
}

function totalCalls(commandstats: string): number {
  return [...commandstats.matchAll(/calls=(\d+)/g)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
}

/** utime + stime of a process, from /proc/<pid>/stat (fields 14 and 15). */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

function ticksToMs(ticks: number): number {
  return (ticks * 1000) / TICKS_PER_SECOND;
}

if (require.main === module) {
  measureCapacity(4240, Number(process.env.BENCH_SECONDS ?? 8)).then(
    (figures) => process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    },
  );
}
