import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const ROOT = join(__dirname, "../../..");
const PAGES = [
  join(ROOT, "README.md"),
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => join(ROOT, "docs", name)),
];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading = ""] of markdown.matchAll(/^#{1,6} (.+)$/gm)) {
    anchors.add(
      heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-"),
    );
  }
  return anchors;
}

/** Relative links outside code blocks: `[text](target)`. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "");
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map(([, target = ""]) => target)
    .filter((target) => !/^(https?:|mailto:)/.test(target));
}

describe("the README and docs/", () => {
  it("link only to files and headings that exist", () => {
    const broken = PAGES.flatMap((page) =>
      linksOf(readFileSync(page, "utf8")).flatMap((link) => {
        const [path = "", anchor] = link.split("#");
        const target = path ? join(dirname(page), path) : page;
        if (!existsSync(target)) {
          return [`${relative(ROOT, page)}: ${link} (no such file)`];
        }
        if (
          anchor &&
          target.endsWith(".md") &&
          !anchorsOf(readFileSync(target, "utf8")).has(anchor)
        ) {
          return [`${relative(ROOT, page)}: ${link} (no such heading)`];
        }
        return [];
      }),
    );

    expect(broken).toEqual([]);
  });

  it("keep the README a front page (at most 250 lines) that links every page of docs/", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const docs = readdirSync(join(ROOT, "docs")).filter(
      (name) => name.endsWith(".md") && name !== "README.md",
    );

    expect(readme.split("\n").length).toBeLessThanOrEqual(250);
    expect(docs.filter((name) => !readme.includes(`](docs/${name}`))).toEqual([]);
  });
});
