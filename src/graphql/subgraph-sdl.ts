import { printSubgraphSchema } from "@apollo/subgraph";

import { DEMO_APPLICATION } from "../config/demo-application";
import { systemClock } from "../qrcode/clock";
import { QRCodeService } from "../qrcode/qrcode.service";
import { applicationDirectory } from "../qrcode/resolve-caller";
import { MemorySessionStore } from "../store/memory-session-store";
import { buildFederatedSchema } from "./build-schema";

/** The subgraph SDL exactly as `_service { sdl }` serves it; what `schema/schema.graphql` holds. */
export async function subgraphSdl(): Promise<string> {
  const store = new MemorySessionStore();
  try {
    const qrcodes = new QRCodeService(store, systemClock, {
      publicUrl: "http://localhost",
      retentionAfterExpiryMs: 0,
      applications: applicationDirectory([DEMO_APPLICATION]),
    });
    return `${printSubgraphSchema(await buildFederatedSchema({ qrcodes })).trimEnd()}\n`;
  } finally {
    await store.close();
  }
}
