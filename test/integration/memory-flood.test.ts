import { GenerateQrCodeDocument } from "../../src/__generated__/client";
import { type ChildServer, startChildServer } from "../support/child-server";
import { graphqlClient } from "../support/test-server";

/** customData of the worst shape for the heap: as many tiny keys as fit in 4 KiB of JSON. */
function heavyCustomData(): Record<string, number> {
  const data: Record<string, number> = {};
  for (let index = 0; JSON.stringify(data).length < 4000; index += 1) {
    data[index.toString(36)] = index;
  }
  return data;
}

/** One unauthenticated client floods a memory-store process that has a small heap. */
describe("a flood of generateQRCode against the memory store", () => {
  let server: ChildServer;

  beforeAll(async () => {
    server = await startChildServer({
      NODE_OPTIONS: "--max-old-space-size=96",
      MEMORY_MAX_BYTES: "16MiB",
      GENERATE_LIMIT: "1000000/60",
      LOG_LEVEL: "warn",
    });
  });

  afterAll(() => {
    server.process.kill("SIGKILL");
  });

  it("answers STORE_FULL once the bound is reached, and stays up", async () => {
    const api = graphqlClient(server.baseUrl);
    const customData = heavyCustomData();
    const origin = `https://${"login-".repeat(40)}example.com`;
    const outcomes = new Map<string, number>();
    let full = false;
    const connection = async () => {
      for (let sent = 0; sent < 400 && !full; sent += 1) {
        const outcome = await api
          .graphql(
            GenerateQrCodeDocument,
            { input: { type: "MOBILE_APP", customData } },
            { origin },
          )
          .then(
            (response) => String(response.errors?.[0]?.extensions.apiCode ?? "ok"),
            () => "no answer",
          );
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        full ||= outcome === "5001";
      }
    };

    await Promise.all(Array.from({ length: 16 }, connection));

    expect([...outcomes.keys()].sort()).toEqual(["5001", "ok"]);
    expect(outcomes.get("ok")).toBeGreaterThan(100);
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    expect(server.process.exitCode).toBeNull();
  }, 60_000);
});
