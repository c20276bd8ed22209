import { startChildServer } from "../support/child-server";
import { REDIS_TEST_ADDRESS, uniqueKeyPrefix } from "../support/redis";
import { TcpProxy } from "../support/tcp-proxy";
import { until } from "../support/until";

jest.setTimeout(30_000);

describe("the process's ready log", () => {
  it("says ready only once /readyz answers 200: not while Redis is out of reach, then when it answers", async () => {
    const proxy = new TcpProxy(REDIS_TEST_ADDRESS.host, REDIS_TEST_ADDRESS.port);
    await proxy.start();
    await proxy.cut();
    const server = await startChildServer({
      REDIS_URL: `redis://127.0.0.1:${proxy.port}/0`,
      REDIS_KEY_PREFIX: uniqueKeyPrefix("ready-log"),
    });
    try {
      await until(async () => server.output().includes("listening, not ready"));
      const unready = await fetch(`${server.baseUrl}/readyz`);

      expect(unready.status).toBe(503);
      expect(server.output()).not.toContain("QR login gateway ready");

      await proxy.restore();
      await until(async () => server.output().includes("QR login gateway ready"));
      const ready = await fetch(`${server.baseUrl}/readyz`);

      expect(ready.status).toBe(200);
    } finally {
      server.process.kill("SIGINT");
      await server.exited;
      await proxy.cut();
    }
  });

  it("says ready at once on the memory store", async () => {
    const server = await startChildServer({});
    try {
      await until(async () => server.output().includes("QR login gateway ready"));

      expect(server.output()).not.toContain("not ready");
    } finally {
      server.process.kill("SIGINT");
      await server.exited;
    }
  });
});
