import { join } from "node:path";

import { build } from "esbuild";
import { type Browser } from "playwright-core";

import { QrCodeStatusDocument } from "../../src/__generated__/client";
import { describeInBrowser, launchChromium } from "../support/browser";
import { demoUserToken, issueCode } from "../support/login-flow";
import { type RunningServer, startSelfLinkedServer } from "../support/test-server";

/** The scanner client as a browser (or a web view, or React Native's fetch) runs it: bundled
 * from the package's source with nothing of Node's, calling the service with the page's fetch. */
describeInBrowser("the scanner client in Chromium", () => {
  let api: RunningServer;
  let browser: Browser;
  let bundle: string;

  beforeAll(async () => {
    [api, browser, bundle] = await Promise.all([
      startSelfLinkedServer({}),
      launchChromium(),
      build({
        entryPoints: [join(__dirname, "../../packages/scanner/src/index.ts")],
        bundle: true,
        write: false,
        format: "iife",
        globalName: "QrScanner",
        platform: "browser",
        target: "es2018",
      }).then(({ outputFiles }) => outputFiles[0]?.text ?? ""),
    ]);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it("parses the scan link, scans, confirms, and reports an error with its apiCode", async () => {
    const issued = await issueCode(api);
    const bearerToken = await demoUserToken("kim", "Kim");
    const page = await browser.newPage();
    await page.goto(`${api.baseUrl}/healthz`);
    await page.addScriptTag({ content: bundle });

    const result = await page.evaluate(
      async ({ baseUrl, link, bearerToken }) => {
        const scanner = (
          window as unknown as { QrScanner: typeof import("@qr-login-gateway/scanner") }
        ).QrScanner;
        const client = new scanner.ScannerClient({
          baseUrl,
          request: scanner.fetchRequest((url, init) => fetch(url, init)),
        });
        const scanToken = scanner.parseScanLink(link, { publicUrl: baseUrl }) ?? "";
        const card = await client.scan({ scanToken }, { bearerToken });
        const confirmed = await client.confirm({ scanToken }, { bearerToken });
        const again = await client.confirm({ scanToken }, { bearerToken }).catch((error) => error);
        return {
          card,
          confirmed: confirmed.status,
          error: {
            isScannerError: again instanceof scanner.ScannerError,
            apiCode: (again as { apiCode?: number }).apiCode,
            errorName: (again as { errorName?: string }).errorName,
          },
        };
      },
      { baseUrl: api.baseUrl, link: `${api.baseUrl}/scan/${issued.scanToken}`, bearerToken },
    );
    const status = await api.graphql(QrCodeStatusDocument, { qrcodeId: issued.qrcodeId });

    expect(result.card).toMatchObject({ status: "SCANNED", applicationName: "Demo Application" });
    expect(result.confirmed).toBe("AUTHORIZED");
    expect(result.error).toEqual({
      isScannerError: true,
      apiCode: 3003,
      errorName: "QRCODE_ALREADY_AUTHORIZED",
    });
    expect(status.data?.qrCodeStatus.status).toBe("AUTHORIZED");
  });
});
