import { newUserCode, normalizedUserCode } from "../../../../src/qrcode/device/user-code";

describe("user codes (RFC 8628 §6.1)", () => {
  it("are 8 of the 20 consonants, shown XXXX-XXXX, and do not repeat in practice", () => {
    const codes = Array.from({ length: 2000 }, () => newUserCode());

    expect(
      codes.every((code) => /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/.test(code)),
    ).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("are read back whatever the case, dashes and spaces a person typed", () => {
    expect(normalizedUserCode("wdjb-mjht")).toBe("WDJBMJHT");
    expect(normalizedUserCode(" WDJB MJHT ")).toBe("WDJBMJHT");
    expect(normalizedUserCode("WDJBMJHT")).toBe("WDJBMJHT");
  });

  it("refuse anything that cannot be one: vowels, digits, the wrong length", () => {
    expect(
      ["WDJA-MJHT", "WDJB-MJH1", "WDJB-MJH", "WDJB-MJHTX", ""].map(normalizedUserCode),
    ).toEqual([null, null, null, null, null]);
  });
});
