/** The service's default scan link, `{PUBLIC_URL}/scan/{scanToken}`. */
export const DEFAULT_SCAN_URL_TEMPLATE = "{PUBLIC_URL}/scan/{scanToken}";

/** Scan tokens are URL-safe; the service issues 32 characters and accepts 16 to 64. */
const SCAN_TOKEN = "([A-Za-z0-9_-]{16,64})";

export interface ScanLinkOptions {
  /**
   * The service's `PUBLIC_URL` (e.g. `https://login.acme.com`): a link elsewhere is not a login
   * code of this service. Without it, any http(s) origin is accepted.
   */
  readonly publicUrl?: string;
  /** The application's `scanUrlTemplate`, when it sets one (e.g.
   * `https://acme.com/qr-login?t={scanToken}`); the default form otherwise. */
  readonly scanUrlTemplate?: string;
}

/**
 * The scan token in a scanned code's content, or null when the content is not a login code of
 * this service (any other QR code the camera sees). The token is what `scan`, `confirm` and
 * `cancel` take.
 */
export function parseScanLink(content: string, options: ScanLinkOptions = {}): string | null {
  const template = options.scanUrlTemplate ?? DEFAULT_SCAN_URL_TEMPLATE;
  const publicUrl =
    options.publicUrl === undefined
      ? "https?://[^/?#\\s]+(?:/[^?#\\s]*)?"
      : escapeRegExp(options.publicUrl.replace(/\/+$/, ""));
  const pattern = template
    .split("{scanToken}")
    .map((part) => part.split("{PUBLIC_URL}").map(escapeRegExp).join(publicUrl))
    .join(SCAN_TOKEN);
  const match = new RegExp(`^${pattern}$`).exec(content.trim());
  return match?.[1] ?? null;
}

/**
 * The scan token of a WeChat mini program code: WeChat hands the page its `scene`, URL-encoded,
 * in the launch query (`onLoad(query)`: `query.scene`).
 */
export function scanTokenFromScene(scene: string | undefined): string | null {
  if (!scene) {
    return null;
  }
  const token = decodeURIComponent(scene);
  return new RegExp(`^${SCAN_TOKEN}$`).test(token) ? token : null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
