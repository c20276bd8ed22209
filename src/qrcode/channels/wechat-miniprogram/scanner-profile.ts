import { assertThat } from "../../../errors/app-error";
import { type ScannerProof } from "../qr-channel";

const WX_CODE = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_DISPLAY_NAME_CHARS = 64;
const MAX_PHOTO_CHARS = 512;

/** The scanner call fields a mini program sends. */
export const PROFILE_FIELDS = ["wxCode", "displayName", "photo"];

export interface MiniProgramProof {
  readonly wxCode: string;
  readonly displayName?: string;
  readonly photo?: string;
}

/** The mini program's call, checked before WeChat is asked: a `wx.login` code, and the profile
 * the person chose to share (WeChat no longer gives servers a nickname or avatar). */
export function assertMiniProgramProof(proof: ScannerProof): MiniProgramProof {
  const { wxCode, displayName, photo } = proof.fields;
  assertThat(
    wxCode,
    "WECHAT_CODE_REQUIRED",
    proof.bearerToken
      ? "this code is scanned from the mini program: send a fresh wx.login code as wxCode, not a bearer token"
      : "send a fresh wx.login code as wxCode",
    { field: "wxCode" },
  );
  assertThat(WX_CODE.test(wxCode), "INVALID_INPUT", "wxCode: not a wx.login code", {
    field: "wxCode",
  });
  assertThat(
    displayName === undefined ||
      (displayName.trim().length > 0 && displayName.length <= MAX_DISPLAY_NAME_CHARS),
    "INVALID_INPUT",
    `displayName: 1 to ${MAX_DISPLAY_NAME_CHARS} characters`,
    { field: "displayName" },
  );
  assertThat(
    photo === undefined || (photo.length <= MAX_PHOTO_CHARS && /^https:\/\/[^\s]+$/.test(photo)),
    "INVALID_INPUT",
    `photo: an https URL of at most ${MAX_PHOTO_CHARS} characters`,
    { field: "photo" },
  );
  return { wxCode, displayName, photo };
}
