import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PACKAGE = join(__dirname, "../../../packages/scanner");

/** What `npm publish` ships: the package builds on its own (ES2018, no Node or DOM types) to
 * CommonJS that a mini program's npm build, a bundler or Node can load from `main`. */
describe("the scanner client package, as published", () => {
  it("builds to CommonJS whose main exports the client, with no dependency loaded at run time", () => {
    const out = mkdtempSync(join(tmpdir(), "scanner-build-"));
    execFileSync(
      process.execPath,
      [
        require.resolve("typescript/bin/tsc"),
        "-p",
        join(PACKAGE, "tsconfig.build.json"),
        "--outDir",
        out,
      ],
      { stdio: "pipe" },
    );
    const manifest = JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as {
      main: string;
      types: string;
    };
    const built = readdirSync(out, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".js"))
      .map((file) => readFileSync(join(out, file), "utf8"))
      .join("\n");

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(join(out, "index.js")) as Record<string, unknown>;

    expect([manifest.main, manifest.types]).toEqual(["dist/index.js", "dist/index.d.ts"]);
    expect(Object.keys(exported).sort()).toEqual(
      [
        "API_ERRORS",
        "DEFAULT_SCAN_URL_TEMPLATE",
        "ScannerClient",
        "ScannerError",
        "ScannerTransportError",
        "fetchRequest",
        "parseScanLink",
        "scanTokenFromScene",
        "wxRequest",
      ].sort(),
    );
    expect(built).not.toMatch(/require\("(?!\.)/);
  });
});
