import Bowser from "bowser";

/** A browser and a system as a person reads them ("Chrome 131", "macOS 14.5"), not the raw
 * User-Agent (RFC 10027: show what is being approved in words the person can judge). */
export interface ReadableAgent {
  readonly browser: string | null;
  readonly os: string | null;
}

const UNKNOWN: ReadableAgent = { browser: null, os: null };

export function readableAgent(userAgent: string | undefined): ReadableAgent {
  if (!userAgent) {
    return UNKNOWN;
  }
  const { browser, os } = Bowser.parse(userAgent);
  const named = (name: string | undefined, version: string | undefined, parts = 1) =>
    name ? [name, version?.split(".").slice(0, parts).join(".")].filter(Boolean).join(" ") : null;
  return { browser: named(browser.name, browser.version), os: named(os.name, os.version, 2) };
}
