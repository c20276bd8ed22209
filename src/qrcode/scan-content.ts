/**
 * The text inside the QR symbol. By default an https link to this service's `/scan/{scanToken}`
 * page, so the company's app can claim it as a universal link and a plain camera lands on a page
 * that says which app to open. The scan token is URL-safe, so no escaping is needed.
 */
export function buildScanContent(template: string, publicUrl: string, scanToken: string): string {
  return template.replaceAll("{PUBLIC_URL}", publicUrl).replaceAll("{scanToken}", scanToken);
}
