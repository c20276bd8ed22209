import { loadConfig } from "../../../../src/config/load-config";
import { expectNoErrors, issueCode } from "../../../support/login-flow";
import { startTestServer } from "../../../support/test-server";

describe("the GRAPHQL_JIT switch", () => {
  it("is on by default and off with GRAPHQL_JIT=false", () => {
    expect(loadConfig({}).graphqlJit).toBe(true);
    expect(loadConfig({ GRAPHQL_JIT: "false" }).graphqlJit).toBe(false);
  });

  it("serves the same API with graphql-js alone", async () => {
    const running = await startTestServer({ graphqlJit: false });
    try {
      const code = await issueCode(running, { team: "blue" });
      const status = await running.graphql(
        `query ($id: String!) { qrCodeStatus(qrcodeId: $id) { status } }`,
        { id: code.qrcodeId },
      );
      expectNoErrors(status.errors);
      expect(status.data).toEqual({ qrCodeStatus: { status: "PENDING" } });
    } finally {
      await running.close();
    }
  });
});
