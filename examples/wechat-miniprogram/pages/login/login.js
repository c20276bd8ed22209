// The login page a WECHAT_MINIPROGRAM code opens. WeChat starts it with the code's `scene`
// (the scan token) in the launch query; the page scans (the login page shows "scanned"), shows
// what is being approved, and confirms or cancels. Every call proves the person with a fresh
// wx.login() code, which the service exchanges with WeChat (jscode2session).
const { ScannerClient, scanTokenFromScene, wxRequest } = require("@qr-login-gateway/scanner");

const { TEXTS, languageOf, messageFor } = require("../../utils/texts");
const { loginCode, uploadAvatar } = require("../../utils/wx-promise");

Page({
  data: {
    // loading → approving → working → done | cancelled | failed
    state: "loading",
    texts: TEXTS.zh,
    card: null,
    nickname: "",
    avatarUrl: "",
    message: "",
  },

  onLoad(query) {
    this.language = languageOf(wx);
    const texts = TEXTS[this.language];
    this.setData({ texts });
    const { serviceUrl } = getApp().globalData;
    this.client = new ScannerClient({ baseUrl: serviceUrl, request: wxRequest(wx) });
    this.scanToken = scanTokenFromScene(query.scene);
    if (!this.scanToken) {
      this.setData({ state: "failed", message: texts.notALoginCode });
      return Promise.resolve();
    }
    return this.scan();
  },

  async scan() {
    try {
      const card = await this.client.scan(
        { scanToken: this.scanToken },
        { wxCode: await loginCode(wx) },
      );
      this.setData({ state: "approving", card: cardView(card, this.data.texts) });
    } catch (error) {
      this.fail(error);
    }
  },

  // WeChat's avatar and nickname components (button open-type="chooseAvatar", input
  // type="nickname"): the person chooses what to share; WeChat gives the server neither.
  onChooseAvatar(event) {
    this.setData({ avatarUrl: event.detail.avatarUrl });
  },

  onNicknameInput(event) {
    this.setData({ nickname: event.detail.value });
  },

  async onConfirm() {
    this.setData({ state: "working" });
    try {
      const photo = await uploadAvatar(
        wx,
        getApp().globalData.avatarUploadUrl,
        this.data.avatarUrl,
      ).catch(() => undefined);
      await this.client.confirm(
        { scanToken: this.scanToken },
        {
          wxCode: await loginCode(wx),
          displayName: this.data.nickname.trim() || undefined,
          photo,
        },
      );
      this.setData({ state: "done", message: this.data.texts.approved });
    } catch (error) {
      this.fail(error);
    }
  },

  async onCancel() {
    this.setData({ state: "working" });
    try {
      await this.client.cancel({ scanToken: this.scanToken }, { wxCode: await loginCode(wx) });
      this.setData({ state: "cancelled", message: this.data.texts.cancelled });
    } catch (error) {
      this.fail(error);
    }
  },

  fail(error) {
    this.setData({ state: "failed", message: messageFor(this.language, error) });
  },
});

/** The approval card as the page shows it: what, where from, when, and the network warning. */
function cardView(card, texts) {
  const browser = [card.requestBrowser, card.requestOs].filter(Boolean).join(", ");
  return {
    applicationName: card.applicationName,
    origin: card.requestOrigin || texts.unknown,
    browser: browser || texts.unknown,
    address: card.requestIp || texts.unknown,
    age: texts.startedAgo(card.codeAgeSeconds),
    otherNetwork: card.sameNetwork === false,
  };
}
