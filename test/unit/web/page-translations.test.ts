import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const PAGES = join(__dirname, "../../../web/pages");

/** The attributes the pages' scripts and styles rely on, in the order they appear. */
function hooksOf(html: string): string[] {
  return [...html.matchAll(/\b(id|class|data-[a-z-]+|src|href|type|hidden)(?:="([^"]*)")?/g)].map(
    ([, name, value]) => `${name}=${value ?? ""}`,
  );
}

/** The demo pages exist once per language; a translation changes words, never the elements
 * the scripts find, or a page would break in one language only. */
describe("the demo pages' Chinese translations (web/pages/zh-CN/)", () => {
  const translated = readdirSync(join(PAGES, "zh-CN")).filter((file) => file.endsWith(".html"));

  it("cover every demo page", () => {
    expect(translated.sort()).toEqual(["app.html", "home.html", "login.html"]);
  });

  it.each(translated)("%s keeps the English page's elements, and says lang=zh-CN", (file) => {
    const english = readFileSync(join(PAGES, file), "utf8");
    const chinese = readFileSync(join(PAGES, "zh-CN", file), "utf8");

    expect(hooksOf(chinese)).toEqual(hooksOf(english));
    expect(english).toContain('<html lang="en">');
    expect(chinese).toContain('<html lang="zh-CN">');
  });
});
