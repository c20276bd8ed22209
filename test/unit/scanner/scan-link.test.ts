import { parseScanLink, scanTokenFromScene } from "@qr-login-gateway/scanner";

const TOKEN = "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4f";

describe("parseScanLink", () => {
  it("reads the token from the default link, under the service's public URL", () => {
    expect(parseScanLink(`https://login.acme.com/scan/${TOKEN}`)).toBe(TOKEN);
    expect(
      parseScanLink(`https://login.acme.com/auth/scan/${TOKEN}`, {
        publicUrl: "https://login.acme.com/auth/",
      }),
    ).toBe(TOKEN);
  });

  it("refuses a link to another host when the public URL is given, and anything that is not a link", () => {
    expect(
      parseScanLink(`https://evil.test/scan/${TOKEN}`, { publicUrl: "https://login.acme.com" }),
    ).toBeNull();
    expect(parseScanLink(`https://login.acme.com/scan/${TOKEN}/extra`)).toBeNull();
    expect(parseScanLink("https://login.acme.com/scan/short")).toBeNull();
    expect(parseScanLink(TOKEN)).toBeNull();
  });

  it("reads an application's own scanUrlTemplate, query form included", () => {
    const options = { scanUrlTemplate: "https://acme.com/qr-login?t={scanToken}&v=1" };

    expect(parseScanLink(`https://acme.com/qr-login?t=${TOKEN}&v=1`, options)).toBe(TOKEN);
    expect(parseScanLink(`https://acme.comXqr-login?t=${TOKEN}&v=1`, options)).toBeNull();
    expect(parseScanLink(`https://login.acme.com/scan/${TOKEN}`, options)).toBeNull();
  });
});

describe("scanTokenFromScene", () => {
  it("decodes a mini program's scene, and refuses an empty or foreign one", () => {
    expect(scanTokenFromScene(encodeURIComponent(TOKEN))).toBe(TOKEN);
    expect(scanTokenFromScene(undefined)).toBeNull();
    expect(scanTokenFromScene("a=1&b=2")).toBeNull();
  });
});
