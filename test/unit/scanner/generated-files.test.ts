import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { parse as parseYaml, stringify } from "yaml";

import { scannerErrorsSource } from "../../../scripts/scanner-errors-source";

const ROOT = join(__dirname, "../../..");
const PACKAGE = "packages/scanner/src";

/** The scanner client cannot drift from the service: its operations' types and its error names
 * are generated, and these fail when the committed files are not what generation gives. */
describe("the scanner client's generated files", () => {
  it("match what codegen makes from schema/schema.graphql and schema/operations/scanner.graphql (npm run codegen)", () => {
    const target = `${PACKAGE}/__generated__/operations.ts`;
    const config = parseYaml(readFileSync(join(ROOT, "codegen.yml"), "utf8")) as {
      generates: Record<string, unknown>;
    };
    const dir = mkdtempSync(join(tmpdir(), "scanner-codegen-"));
    const fresh = join(dir, "operations.ts");
    writeFileSync(
      join(dir, "codegen.yml"),
      stringify({ ...config, generates: { [fresh]: config.generates[target] } }),
    );

    // The CLI loads ESM; it runs as `npm run codegen` runs it, in a process of its own.
    execFileSync(
      process.execPath,
      [
        join(ROOT, "node_modules/@graphql-codegen/cli/cjs/bin.js"),
        "--config",
        join(dir, "codegen.yml"),
      ],
      { cwd: ROOT, stdio: "pipe" },
    );

    expect(readFileSync(fresh, "utf8")).toBe(readFileSync(join(ROOT, target), "utf8"));
  });

  it("name every row of the service's error table by its apiCode (npm run schema:emit)", () => {
    expect(readFileSync(join(ROOT, PACKAGE, "api-errors.generated.ts"), "utf8")).toBe(
      scannerErrorsSource(),
    );
  });
});
