import { addressKey } from "../../../src/qrcode/address-key";

describe("addressKey: the client a per-address limit counts", () => {
  it("counts an IPv4 address as itself, mapped or not", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts every address of one IPv6 /64 as one client, and another /64 apart", () => {
    const a = addressKey("2001:db8:1:2::1");
    expect(addressKey("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe(a);
    expect(addressKey("2001:0db8:0001:0002:0:0:0:9")).toBe(a);
    expect(addressKey("2001:db8:1:3::1")).not.toBe(a);
    expect(a).toBe("2001:db8:1:2::/64");
  });

  it("counts a missing or unreadable address under one key", () => {
    expect(addressKey(undefined)).toBe("unknown");
    expect(addressKey("not an address")).toBe("unknown");
  });
});
