import { readableAgent } from "../../../src/qrcode/readable-agent";
import { sameNetwork } from "../../../src/qrcode/same-network";

describe("sameNetwork (RFC 10027's cross-device check)", () => {
  it("compares IPv4 by /24 and IPv6 by /48, an IPv4-mapped IPv6 address as IPv4", () => {
    expect(sameNetwork("203.0.113.7", "203.0.113.250")).toBe(true);
    expect(sameNetwork("203.0.113.7", "203.0.114.7")).toBe(false);
    expect(sameNetwork("2001:db8:aa:1::5", "2001:db8:aa:ffff::9")).toBe(true);
    expect(sameNetwork("2001:db8:aa::5", "2001:db8:ab::5")).toBe(false);
    expect(sameNetwork("::ffff:203.0.113.7", "203.0.113.8")).toBe(true);
    expect(sameNetwork("203.0.113.7", "2001:db8::1")).toBe(false);
  });

  it("cannot tell (null) with an address missing, private or loopback: a proxy's own", () => {
    expect(sameNetwork(undefined, "203.0.113.8")).toBeNull();
    expect(sameNetwork("10.0.0.4", "10.0.0.5")).toBeNull();
    expect(sameNetwork("127.0.0.1", "203.0.113.8")).toBeNull();
    expect(sameNetwork("fd00::1", "fd00::2")).toBeNull();
    expect(sameNetwork("not an address", "203.0.113.8")).toBeNull();
  });
});

describe("readableAgent", () => {
  it("names a browser and a system as a person reads them", () => {
    expect(
      readableAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      ),
    ).toEqual({ browser: "Safari 17", os: "iOS 17.5" });
    expect(readableAgent("a-bot-nobody-knows/1.0")).toEqual({ browser: null, os: null });
    expect(readableAgent(undefined)).toEqual({ browser: null, os: null });
  });
});
