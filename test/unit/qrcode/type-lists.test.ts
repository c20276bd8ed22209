import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

import { buildSchema, type GraphQLEnumType } from "graphql";

import { widgetChannelSource } from "../../../scripts/widget-channel-source";
import { V2_SCENES } from "../../../src/http/authing/authing-shapes";
import { BUILT_IN_CHANNELS } from "../../../src/qrcode/channels/built-in-channels";

const ROOT = join(__dirname, "../../..");
const TYPES = BUILT_IN_CHANNELS.map(({ type }) => type);

/** The schema's QRCodeType, as emitted to schema/schema.graphql. */
function schemaTypes(): string[] {
  const sdl = readFileSync(join(ROOT, "schema/schema.graphql"), "utf8");
  const schema = buildSchema(
    `directive @link(url: String, import: [String]) repeatable on SCHEMA\ndirective @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE\ndirective @shareable repeatable on OBJECT | FIELD_DEFINITION\nscalar link__Import\n${sdl}`,
    { assumeValidSDL: true },
  );
  return (schema.getType("QRCodeType") as GraphQLEnumType).getValues().map(({ name }) => name);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? sourceFiles(path)
      : /\.(ts|js|mjs|cjs)$/.test(name)
        ? [path]
        : [];
  });
}

describe("every list of QR code types", () => {
  it("the schema's QRCodeType is the channel registry's, in its order", () => {
    expect(schemaTypes()).toEqual(TYPES);
  });

  it("the widget's generated types and texts are the registry's (run `npm run schema:emit` when this fails)", () => {
    const committed = readFileSync(join(ROOT, "web/widget/channel-texts.generated.ts"), "utf8");

    expect(committed).toBe(widgetChannelSource(BUILT_IN_CHANNELS));
  });

  it("the codegen client's QrCodeType union has the same values", () => {
    const client = readFileSync(join(ROOT, "src/__generated__/client.ts"), "utf8");
    const union = /export type QrCodeType =([^;]+);/.exec(client)?.[1] ?? "";

    expect([...union.matchAll(/'([A-Z_]+)'|"([A-Z_]+)"/g)].map((m) => m[1] ?? m[2])).toEqual(TYPES);
  });

  it("the REST facade's v2 scenes name each type once", () => {
    expect(Object.values(V2_SCENES).sort()).toEqual([...TYPES].sort());
  });

  it("no source file spells out a list of types of its own (a list made by hand drifts)", () => {
    const names = TYPES.join("|");
    const handList = new RegExp(`["'](${names})["']\\s*[,|]\\s*["'](${names})["']`);
    const offenders = ["src", "web", "scripts", "bench"]
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .filter((path) => !path.includes("__generated__") && !path.endsWith(".generated.ts"))
      .filter((path) => handList.test(readFileSync(path, "utf8")))
      .map((path) => relative(ROOT, path));

    expect(offenders).toEqual([]);
  });
});
