// The service this mini program approves logins for. Its host must be one of the mini
// program's request domains (WeChat's console: 开发管理 → 服务器域名 → request 合法域名), and
// avatarUploadUrl's among its uploadFile domains.
App({
  globalData: {
    serviceUrl: "https://login.example.com",
    // Where your own back end stores the avatar a person picks, answering { "url": "https://…" }
    // (WeChat hands the page only a temporary local file). Leave empty to send no photo.
    avatarUploadUrl: "",
  },
});
