import { parseAuthorization } from "../../../src/http/authorization-header";

describe("parseAuthorization", () => {
  const basic = (text: string) => `Basic ${Buffer.from(text).toString("base64")}`;

  it.each([
    [undefined, {}],
    ["", {}],
    ["Bearer abc.def.ghi", { bearerToken: "abc.def.ghi" }],
    ["bearer   tok ", { bearerToken: "tok" }],
    ["Bearer", {}],
    [basic("acme:s3cr:et"), { basic: { clientId: "acme", clientSecret: "s3cr:et" } }],
    [basic("my%20app:x"), { basic: { clientId: "my app", clientSecret: "x" } }],
    [basic("%E0%A4%A:x"), { basic: { clientId: "%E0%A4%A", clientSecret: "x" } }],
    [basic("no-colon"), {}],
    ["Digest whatever", {}],
  ])("reads %p", (header, expected) => {
    expect(parseAuthorization(header)).toEqual(expected);
  });
});
