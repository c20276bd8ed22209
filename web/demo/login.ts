/**
 * The demo login page: only the widget, as a developer would copy it. The demo application is
 * public (no client secret), so the widget exchanges the ticket and hands over the tokens; the
 * page verifies the ID token against the service's JWKS before it believes it.
 */
import { createRemoteJWKSet, jwtVerify } from "jose";

import { mountQrLogin, type QrCodeType, type QrLoginResult } from "/widget/qr-login.js";

const params = new URLSearchParams(location.search);
const appId = params.get("appId") ?? "demo";
const type = (params.get("type") ?? "MOBILE_APP") as QrCodeType;
const jwks = createRemoteJWKSet(new URL("/.well-known/jwks.json", location.href));
// The page is served in the browser's language (English or Chinese); the widget follows it.
const locale = document.documentElement.lang === "zh-CN" ? "zh-CN" : "en";
const loggedInAs = (name: string) =>
  locale === "zh-CN" ? `已登录：${name}` : `Logged in as ${name}`;

const byId = (id: string): HTMLElement => {
  const node = document.getElementById(id);
  if (!node) {
    throw new Error(`#${id} is missing`);
  }
  return node;
};

async function showLogin(result: QrLoginResult): Promise<void> {
  const { payload } = await jwtVerify(result.idToken, jwks, { audience: appId });
  byId("greeting").textContent = loggedInAs(result.user.displayName ?? result.user.id);
  byId("claims").textContent = JSON.stringify(payload, null, 2);
  byId("signed-out").hidden = true;
  byId("signed-in").hidden = false;
}

const widget = mountQrLogin(byId("qr"), {
  endpoint: new URL("/graphql", location.href).toString(),
  appId,
  type,
  locale,
  transport: params.get("transport") === "poll" ? "poll" : "auto",
  onLogin: (result) => void showLogin(result),
  onStateChange: (state, detail) => {
    // The scan token is the last path segment of the image URL; the demo app takes it there.
    const scanToken = detail.code?.url.split("/").pop()?.split(".")[0];
    // WeChat types need the fake WeChat of `npm run dev:wechat`, named in this page's URL.
    const playable = type === "MOBILE_APP" || params.has("fakeWeChat");
    const live = (state === "pending" || state === "scanned") && playable;
    byId("scanner-hint").hidden = !live || !scanToken;
    if (scanToken) {
      const link = new URLSearchParams({ scanToken, type });
      for (const name of ["fakeWeChat", "wxAppId"]) {
        const value = params.get(name);
        if (value) {
          link.set(name, value);
        }
      }
      byId("scanner-link").setAttribute("href", `/demo/app?${link}`);
    }
  },
});

byId("again").addEventListener("click", () => {
  byId("signed-in").hidden = true;
  byId("signed-out").hidden = false;
  widget.refresh();
});
