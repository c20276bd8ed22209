import { GenerateQrCodeDocument, QrCodeStatusDocument } from "../../src/__generated__/client";
import { expectNoErrors, onlyError } from "../support/login-flow";
import { type RunningServer, startTestServer } from "../support/test-server";

describe("the memory store's bound (MEMORY_MAX_CODES) over HTTP", () => {
  let running: RunningServer;

  beforeAll(async () => {
    running = await startTestServer({ memoryMaxCodes: 2 });
  });

  afterAll(() => running.close());

  it("answers a code past the bound with STORE_FULL (503) and goes on serving the codes it holds", async () => {
    const generate = () =>
      running.graphql(GenerateQrCodeDocument, { input: { type: "MOBILE_APP" } });
    const held = [await generate(), await generate()];
    held.forEach((response) => expectNoErrors(response.errors));

    const refused = await generate();

    const error = onlyError(refused.errors);
    expect(error.extensions).toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      statusCode: 503,
      apiCode: 5001,
    });
    expect(error.message).toContain("2 codes");
    const qrcodeId = held[0]?.data?.generateQRCode.qrcodeId as string;
    const status = await running.graphql(QrCodeStatusDocument, { qrcodeId });
    expectNoErrors(status.errors);
    expect(status.data?.qrCodeStatus.status).toBe("PENDING");
  });
});
