import { AppError } from "../../../../src/errors/app-error";
import {
  type OfficialAccountEvent,
  OfficialAccountEvents,
} from "../../../../src/qrcode/channels/wechat-official-account/official-account-events";
import { type ScannerIdentity } from "../../../../src/qrcode/qrcode.types";
import { applicationDirectory } from "../../../../src/qrcode/resolve-caller";
import { memoryStores } from "../../../../src/store/memory/memory-stores";
import {
  LOGIN_REPLY,
  OA_APP_ID,
  officialAccountConnection,
} from "../../../support/official-account";
import { miniProgramApplication } from "../../../support/wechat";

describe("OfficialAccountEvents: logins by an official account's pushes", () => {
  const stores = memoryStores();
  const connection = officialAccountConnection();
  const app = miniProgramApplication([connection]);
  const logins: { scanToken: string; scanner: ScannerIdentity }[] = [];
  let outcome: "login" | "denied" = "login";
  const events = new OfficialAccountEvents(
    applicationDirectory([app]),
    {
      findByScanToken: async (token) =>
        token.startsWith("live") ? ({ connectionId: "acme-oa" } as never) : null,
    },
    {
      loginByEvent: async (scanToken, _connectionId, scanner) => {
        logins.push({ scanToken, scanner });
        if (outcome === "denied") {
          throw new AppError("LOGIN_DENIED", "denied");
        }
        return {} as never;
      },
    },
    { createLoginQrCode: async () => ({ url: "", ticket: "" }), unionIdOf: async () => undefined },
    stores.sharedCache,
  );
  let sent = 0;
  const push = (
    event: string,
    eventKey: string,
    fromUser = "openid-ann",
  ): OfficialAccountEvent => ({
    fromUser,
    createTime: String(1_800_000_000 + ++sent),
    msgType: "event",
    event,
    eventKey,
  });

  afterAll(() => stores.close());

  it("finds the connection behind a callback URL with its settings, and no other", () => {
    expect(events.officialAccount("acme-oa")?.settings.officialAccount.loginReply).toBe(
      LOGIN_REPLY,
    );
    expect(events.officialAccount("nope")).toBeUndefined();
  });

  it("logs in on SCAN with the scene, and on subscribe with one qrscene_ prefix taken off, as the WeChat user", async () => {
    logins.length = 0;

    const scanned = await events.handle(connection, push("SCAN", "live-1"));
    await events.handle(connection, push("subscribe", "qrscene_live-2"));

    expect(scanned).toEqual({ reply: LOGIN_REPLY });
    expect(logins.map((login) => login.scanToken)).toEqual(["live-1", "live-2"]);
    expect(logins[0]?.scanner).toEqual({
      userId: `wechat:${OA_APP_ID}:openid-ann`,
      linked: { provider: "wechat", ids: { appId: OA_APP_ID, openid: "openid-ann" } },
    });
  });

  it("answers a redelivered push as the first time, without a second login", async () => {
    logins.length = 0;
    const event = push("SCAN", "live-3");

    const first = await events.handle(connection, event);
    const again = await events.handle(connection, event);

    expect(again).toEqual(first);
    expect(logins).toHaveLength(1);
  });

  it("acknowledges everything that is not a login of a live code of its own, changing nothing", async () => {
    logins.length = 0;

    const answers = await Promise.all([
      events.handle(connection, push("subscribe", "")),
      events.handle(connection, { ...push("SCAN", "live-4"), msgType: "text" }),
      events.handle(connection, push("SCAN", "gone-5")),
      events.handle(officialAccountConnection({ id: "other-oa" }), push("SCAN", "live-6")),
    ]);

    expect(answers).toEqual([{}, {}, {}, {}]);
    expect(logins).toEqual([]);
  });

  it("tells WeChat nothing more when the application's login hook refuses", async () => {
    outcome = "denied";

    const answer = await events.handle(connection, push("SCAN", "live-7"));
    outcome = "login";

    expect(answer).toEqual({});
  });
});
