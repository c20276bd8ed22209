/**
 * Builds the browser code into `dist/web/`: the widget (one ES module, plus its type
 * declarations), the demo pages' scripts and the offline explorer. `npm run build` runs it;
 * the service serves what it finds there (src/http/web-assets.ts).
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { build } from "esbuild";
import ts from "typescript";

const root = join(__dirname, "..", "..");
const out = join(root, "dist", "web");

/** The widget's budget, gzipped, graphql-ws included (issue 15). */
const WIDGET_BUDGET_BYTES = 15 * 1024;

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  const common = {
    bundle: true,
    minify: true,
    sourcemap: "linked",
    format: "esm",
    target: "es2020",
    logLevel: "warning",
    legalComments: "linked",
  } as const;
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, "web/widget/qr-login.ts")],
      outfile: join(out, "widget/qr-login.js"),
    }),
    build({
      ...common,
      entryPoints: ["home", "login", "app"].map((page) => join(root, `web/demo/${page}.ts`)),
      outdir: join(out, "demo"),
      // The demo login page loads the widget from its public URL, as a developer's page would.
      external: ["/widget/qr-login.js"],
      // The demo app is built on the scanner client, from its source in this repository.
      alias: { "@qr-login-gateway/scanner": join(root, "packages/scanner/src/index.ts") },
    }),
    build({
      ...common,
      entryPoints: [join(root, "web/explorer/explorer.ts")],
      outdir: join(out, "explorer"),
      // 5 MB of source map for a vendored GraphiQL helps nobody reading this service.
      sourcemap: false,
      define: { "process.env.NODE_ENV": '"production"' },
    }),
  ]);
  emitWidgetDeclarations();
  mkdirSync(join(out, "pages"), { recursive: true });
  cpSync(join(root, "web/pages"), join(out, "pages"), { recursive: true });
  cpSync(join(root, "web/demo/demo.css"), join(out, "demo/demo.css"));
  precompress(out);
  const size = gzipSync(readFileSync(join(out, "widget/qr-login.js"))).length;
  const verdict = size <= WIDGET_BUDGET_BYTES ? "within" : "OVER";
  console.log(
    `web: widget ${(size / 1024).toFixed(1)} KB gzipped (${verdict} the ${WIDGET_BUDGET_BYTES / 1024} KB budget)`,
  );
  if (size > WIDGET_BUDGET_BYTES) {
    process.exitCode = 1;
  }
}

/** `.br` and `.gz` next to every script and style sheet, which @fastify/static serves to
 * browsers that accept them (the explorer is 1.2 MB as it is, about 300 KB in brotli). */
function precompress(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(js|css)$/.test(entry.name)) {
      const path = join(entry.parentPath, entry.name);
      const bytes = readFileSync(path);
      writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      writeFileSync(
        `${path}.br`,
        brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
      );
    }
  }
}

/** `qr-login.d.ts` and the public types it names, next to the module. */
function emitWidgetDeclarations(): void {
  const program = ts.createProgram([join(root, "web/widget/qr-login.ts")], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    strict: true,
    skipLibCheck: true,
    declaration: true,
    emitDeclarationOnly: true,
    types: [],
    rootDir: join(root, "web/widget"),
    outDir: join(out, "widget"),
  });
  const result = program.emit(undefined, (fileName, text) => {
    if (/qr-login(-types)?\.d\.ts$/.test(fileName)) {
      ts.sys.writeFile(fileName, text);
    }
  });
  if (result.emitSkipped) {
    throw new Error("the widget's declarations were not emitted");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
