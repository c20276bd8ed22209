import { join } from "node:path";

import { type FakeWeChat } from "../../scripts/fake-wechat/fake-wechat-server";

/** The mini program sample (examples/wechat-miniprogram), as WeChat would load it. */
export const MINI_PROGRAM_ROOT = join(__dirname, "../../examples/wechat-miniprogram");

type Callbacks<T> = { success(result: T): void; fail(error: { errMsg: string }): void };

/** What a test reads of a running page: its data, and its handlers to call as taps would. */
export interface PageInstance {
  data: Record<string, unknown>;
  setData(patch: Record<string, unknown>): void;
  onLoad(query: Record<string, string | undefined>): Promise<void>;
  onChooseAvatar(event: { detail: { avatarUrl: string } }): void;
  onNicknameInput(event: { detail: { value: string } }): void;
  onConfirm(): Promise<void>;
  onCancel(): Promise<void>;
}

export interface WxStandInOptions {
  readonly serviceUrl: string;
  readonly fake: FakeWeChat;
  readonly miniProgramAppId: string;
  /** The person WeChat says is signed in (their openid). */
  readonly openid: string;
  /** WeChat's language setting (`wx.getAppBaseInfo().language`). */
  readonly language?: string;
  /** Where the sample uploads a picked avatar; the stand-in answers with `avatarUrl`. */
  readonly avatarUploadUrl?: string;
  readonly avatarUrl?: string;
}

/**
 * A small `wx`, `getApp` and `Page` for running the sample's page logic in Node: `wx.login`
 * mints a code the fake WeChat's jscode2session knows; `wx.request` makes the real HTTP call
 * with WeChat's semantics (any HTTP status is a success, a body that is not asked for as JSON
 * comes back as text); `wx.uploadFile` answers as the company's upload endpoint would.
 */
export function loadLoginPage(options: WxStandInOptions): PageInstance {
  const wx = {
    getAppBaseInfo: () => ({ language: options.language ?? "zh_CN" }),
    login: ({ success }: Callbacks<{ code: string }>) =>
      success({ code: options.fake.mintLoginCode(options.miniProgramAppId, options.openid) }),
    request: (
      request: {
        url: string;
        method: string;
        header: Record<string, string>;
        data: string;
        dataType: string;
      } & Callbacks<{ statusCode: number; data: unknown }>,
    ) => {
      fetch(request.url, { method: request.method, headers: request.header, body: request.data })
        .then(async (response) => {
          const text = await response.text();
          request.success({
            statusCode: response.status,
            data: request.dataType === "json" ? JSON.parse(text) : text,
          });
        })
        .catch((error: Error) => request.fail({ errMsg: `request:fail ${error.message}` }));
    },
    uploadFile: ({ success }: Callbacks<{ statusCode: number; data: string }>) =>
      success({ statusCode: 200, data: JSON.stringify({ url: options.avatarUrl }) }),
  };
  let definition: (Partial<PageInstance> & { data: Record<string, unknown> }) | undefined;
  Object.assign(globalThis, {
    wx,
    getApp: () => ({
      globalData: {
        serviceUrl: options.serviceUrl,
        avatarUploadUrl: options.avatarUploadUrl ?? "",
      },
    }),
    Page: (page: typeof definition) => {
      definition = page;
    },
  });
  jest.isolateModules(() => {
    // The sample is CommonJS, loaded as WeChat loads it: for its side effect, the Page() call.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(join(MINI_PROGRAM_ROOT, "pages/login/login.js"));
  });
  if (!definition) {
    throw new Error("pages/login/login.js did not call Page()");
  }
  const page = Object.create(definition) as PageInstance;
  page.data = { ...definition.data };
  page.setData = (patch) => {
    page.data = { ...page.data, ...patch };
  };
  return page;
}
