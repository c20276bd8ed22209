import { existsSync } from "node:fs";

import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); CI installs it (`.ci/run`). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Browser tests run where Chromium is installed, and must run in CI (REQUIRE_BROWSER=1 there):
 * elsewhere they are skipped with a note, so `npm test` works on a machine without it.
 */
export const describeInBrowser: jest.Describe =
  existsSync(CHROMIUM) || process.env.REQUIRE_BROWSER === "1" ? describe : describe.skip;

/** Headless, as root, with the flags that keep it off this machine's closed network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
