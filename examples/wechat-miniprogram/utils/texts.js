// The page's words in the two languages it speaks, chosen by WeChat's own language setting.
const TEXTS = {
  zh: {
    loading: "正在读取登录信息…",
    approveTitle: "确认登录",
    application: "应用",
    origin: "登录页面",
    browser: "浏览器",
    address: "网络地址",
    startedAgo: (seconds) => `${seconds} 秒前发起`,
    otherNetwork: "此登录是在另一个网络上发起的。如果不是您本人操作，请取消。",
    nicknameLabel: "昵称",
    nicknamePlaceholder: "请输入昵称",
    avatarLabel: "头像",
    confirm: "确认登录",
    cancel: "取消",
    approved: "已确认，请回到电脑上继续。",
    cancelled: "已取消登录。",
    notALoginCode: "这不是登录二维码。",
    unknown: "未知",
  },
  en: {
    loading: "Reading the login…",
    approveTitle: "Approve this login",
    application: "Application",
    origin: "Login page",
    browser: "Browser",
    address: "Address",
    startedAgo: (seconds) => `started ${seconds} s ago`,
    otherNetwork: "This login was started on another network. If it was not you, cancel it.",
    nicknameLabel: "Nickname",
    nicknamePlaceholder: "Your nickname",
    avatarLabel: "Avatar",
    confirm: "Log in",
    cancel: "Cancel",
    approved: "Approved: continue on your computer.",
    cancelled: "The login was cancelled.",
    notALoginCode: "This is not a login code.",
    unknown: "unknown",
  },
};

// What to tell the person for each error the service can answer (its apiCode's name).
const ERRORS = {
  zh: {
    QRCODE_NOT_FOUND: "二维码已失效，请刷新网页后重新扫码。",
    QRCODE_EXPIRED: "二维码已过期，请刷新网页后重新扫码。",
    QRCODE_CANCELLED: "此登录已被取消。",
    QRCODE_ALREADY_AUTHORIZED: "您已在电脑上登录。",
    QRCODE_SCANNED_BY_ANOTHER_USER: "此二维码已被其他人扫描。",
    SCANNER_RATE_LIMITED: "操作太频繁，请稍后再试。",
    LOGIN_DENIED: (reason) => `应用拒绝了此次登录${reason ? `：${reason}` : "。"}`,
    LOGIN_HOOK_FAILED: "应用暂时无法确认登录，请稍后再试。",
    CROSS_NETWORK_REFUSED: "应用要求手机与电脑在同一网络中登录。",
    CODE_TOO_OLD: "二维码已太久，请刷新网页后重新扫码。",
    WECHAT_CODE_INVALID: "微信登录凭证无效，请重试。",
    WECHAT_CODE_USED: "微信登录凭证已使用，请重试。",
    network: "网络异常，请检查网络后重试。",
    other: "无法完成登录，请稍后再试。",
  },
  en: {
    QRCODE_NOT_FOUND: "This code is no longer valid: refresh the page and scan again.",
    QRCODE_EXPIRED: "This code has expired: refresh the page and scan again.",
    QRCODE_CANCELLED: "This login was cancelled.",
    QRCODE_ALREADY_AUTHORIZED: "You are already logged in on the computer.",
    QRCODE_SCANNED_BY_ANOTHER_USER: "Someone else scanned this code.",
    SCANNER_RATE_LIMITED: "Too many attempts: wait a moment.",
    LOGIN_DENIED: (reason) => `The application refused this login${reason ? `: ${reason}` : "."}`,
    LOGIN_HOOK_FAILED: "The application cannot approve logins right now: try again later.",
    CROSS_NETWORK_REFUSED: "The application requires the phone and the computer on one network.",
    CODE_TOO_OLD: "This code is too old: refresh the page and scan again.",
    WECHAT_CODE_INVALID: "WeChat's login code was refused: try again.",
    WECHAT_CODE_USED: "WeChat's login code was already used: try again.",
    network: "No connection to the service: check the network and try again.",
    other: "The login could not be completed: try again later.",
  },
};

/** "zh" for WeChat set to Chinese (zh_CN, zh_TW, zh_HK), "en" otherwise. */
function languageOf(wx) {
  const info = typeof wx.getAppBaseInfo === "function" ? wx.getAppBaseInfo() : {};
  return String(info.language || "zh_CN").startsWith("zh") ? "zh" : "en";
}

/** The person's message for a failed call: a ScannerError by its name, else a network one. */
function messageFor(language, error) {
  const words = ERRORS[language];
  if (error && error.name === "ScannerTransportError") {
    return words.network;
  }
  const known = error && error.name === "ScannerError" ? words[error.errorName] : undefined;
  if (typeof known === "function") {
    return known(error.reason);
  }
  return known || words.other;
}

module.exports = { TEXTS, languageOf, messageFor };
