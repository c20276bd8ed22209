import { printSubgraphSchema } from "@apollo/subgraph";
import { pino } from "pino";

import { DEMO_APPLICATION } from "../config/demo-application";
import { parseLimits } from "../config/limits";
import { systemClock } from "../qrcode/clock";
import { createServices } from "../services";
import { DEFAULT_MAX_CODES, MemorySessionStore } from "../store/memory-session-store";
import { memoryStores } from "../store/open-stores";
import { buildFederatedSchema } from "./build-schema";

/** The subgraph SDL exactly as `_service { sdl }` serves it; what `schema/schema.graphql` holds. */
export async function subgraphSdl(): Promise<string> {
  const store = new MemorySessionStore();
  try {
    const services = createServices({
      config: {
        port: 0,
        host: "127.0.0.1",
        publicUrl: "http://localhost",
        logLevel: "silent",
        production: false,
        trustProxy: { kind: "none" },
        source: "demo",
        applications: [DEMO_APPLICATION],
        graphqlJit: true,
        introspection: true,
        limits: parseLimits({}),
        memoryMaxCodes: DEFAULT_MAX_CODES,
      },
      ...memoryStores(store),
      clock: systemClock,
      logger: pino({ level: "silent" }),
    });
    return `${printSubgraphSchema(await buildFederatedSchema(services)).trimEnd()}\n`;
  } finally {
    await store.close();
  }
}
