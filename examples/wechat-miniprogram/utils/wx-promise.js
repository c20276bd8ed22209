// wx's callback APIs as promises, for the calls the login page makes.

/** A fresh `wx.login()` code: each is good for one call to the service, so every call gets one. */
function loginCode(wx) {
  return new Promise((resolve, reject) => {
    wx.login({
      success: (result) =>
        result.code ? resolve(result.code) : reject(new Error("wx.login gave no code")),
      fail: (error) => reject(new Error(`wx.login failed: ${error.errMsg}`)),
    });
  });
}

/**
 * The avatar a person picked (a temporary local file) stored by your own back end, as the
 * https URL it answers with; undefined when no upload URL is configured or nothing was picked.
 */
function uploadAvatar(wx, uploadUrl, filePath) {
  if (!uploadUrl || !filePath) {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: uploadUrl,
      filePath,
      name: "avatar",
      success: (result) => {
        try {
          resolve(JSON.parse(result.data).url);
        } catch {
          reject(new Error("the avatar upload answered no URL"));
        }
      },
      fail: (error) => reject(new Error(`wx.uploadFile failed: ${error.errMsg}`)),
    });
  });
}

module.exports = { loginCode, uploadAvatar };
