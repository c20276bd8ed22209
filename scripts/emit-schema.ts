import "reflect-metadata";

import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { clientSdl } from "../src/graphql/client-sdl";
import { subgraphSdl } from "../src/graphql/subgraph-sdl";
import { BUILT_IN_CHANNELS } from "../src/qrcode/channels/built-in-channels";
import { scannerErrorsSource } from "./scanner-errors-source";
import { widgetChannelSource } from "./widget-channel-source";

const ROOT = join(__dirname, "..", "..");

/** Writes the subgraph SDL to schema/schema.graphql, the client's view of it (no federation
 * machinery, for Apollo iOS and Apollo Kotlin) to schema/client-schema.graphqls, and the widget's channel types and texts
 * to web/widget/channel-texts.generated.ts, and the scanner client's error names to
 * packages/scanner/src/api-errors.generated.ts (run by `npm run schema:emit`). */
async function emit(): Promise<void> {
  const targets: [string, string][] = [
    [join(ROOT, "schema", "schema.graphql"), await subgraphSdl()],
    [join(ROOT, "schema", "client-schema.graphqls"), await clientSdl()],
    [
      join(ROOT, "web", "widget", "channel-texts.generated.ts"),
      widgetChannelSource(BUILT_IN_CHANNELS),
    ],
    [join(ROOT, "packages", "scanner", "src", "api-errors.generated.ts"), scannerErrorsSource()],
  ];
  for (const [target, text] of targets) {
    writeFileSync(target, text);
    process.stdout.write(`wrote ${target}\n`);
  }
}

void emit();
