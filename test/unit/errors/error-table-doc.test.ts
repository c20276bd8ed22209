import { readFileSync } from "node:fs";
import { join } from "node:path";

import { ERROR_TABLE } from "../../../src/errors/error-table";
import { errorTableMarkdown } from "../../../src/errors/error-table-markdown";

describe("the error table", () => {
  it("is mirrored exactly in docs/errors.md (regenerate with scripts/sync-error-table.sh)", () => {
    const readme = readFileSync(join(__dirname, "../../../docs/errors.md"), "utf8");
    const mirrored = /<!-- error-table:start -->\n([\s\S]*?)\n<!-- error-table:end -->/.exec(
      readme,
    )?.[1];

    expect(mirrored).toBe(errorTableMarkdown());
  });

  it("gives every cause its own apiCode", () => {
    const codes = Object.values(ERROR_TABLE).map((spec) => spec.apiCode);

    expect(new Set(codes).size).toBe(codes.length);
  });
});
