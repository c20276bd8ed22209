import { join } from "node:path";

import { type Locator, type Page } from "playwright-core";

/** Where the pictures of each state (README, docs/browser.md) come from: `UPDATE_SCREENSHOTS=1 npx jest test/browser`. */
const DIR = join(__dirname, "..", "..", "docs", "screenshots");

export async function screenshot(target: Page | Locator, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS === "1") {
    await target.screenshot({ path: join(DIR, `${name}.png`) });
  }
}
