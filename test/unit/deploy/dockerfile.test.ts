import { DEFAULTS, readRepoFile } from "./deploy-files";

interface Instruction {
  readonly name: string;
  readonly args: string;
}

/** The Dockerfile's instructions, comments dropped and continued lines joined. */
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [name = "", ...rest] = line.split(/\s+/);
      return { name: name.toUpperCase(), args: rest.join(" ") };
    });
}

describe("the Dockerfile", () => {
  const steps = instructions(readRepoFile("Dockerfile"));
  const args = (name: string) => steps.filter((step) => step.name === name).map((s) => s.args);
  const nodeImage = /NODE_IMAGE=(\S+)/.exec(args("ARG").join(" "))?.[1] ?? "";
  const finalStage = steps.slice(steps.map((step) => step.name).lastIndexOf("FROM"));
  const packageJson = JSON.parse(readRepoFile("package.json")) as {
    scripts: Record<string, string>;
  };

  it("builds in a stage of its own and runs from a slim Debian image of a current Node LTS", () => {
    const [major] = /^node:(\d+)-bookworm-slim$/.exec(nodeImage)?.slice(1) ?? [];

    expect(args("FROM")).toEqual([`\${NODE_IMAGE} AS build`, "${NODE_IMAGE}"]);
    // An even major of 22 or later is an LTS line; 20 reached its end of life in April 2026.
    expect(Number(major) % 2).toBe(0);
    expect(Number(major)).toBeGreaterThanOrEqual(22);
  });

  it("installs with the script CI's production-install check runs, so the two cannot drift", () => {
    expect(args("RUN").join("\n")).toContain("scripts/install-production.sh /app");
    expect(readRepoFile("scripts/check-production-install.sh")).toContain(
      'scripts/install-production.sh "$work"',
    );
  });

  it("runs as the non-root node user, node itself (not npm) with npm start's V8 flag", () => {
    const command = JSON.parse(
      finalStage.find((step) => step.name === "CMD")?.args ?? "[]",
    ) as string[];
    const start = packageJson.scripts.start?.split(" ") ?? [];

    expect(finalStage.find((step) => step.name === "USER")?.args).toBe("node");
    expect(command).toEqual(start);
    expect(command[0]).toBe("node");
    expect(args("STOPSIGNAL")).toEqual(["SIGTERM"]);
  });

  it("exposes the API and metrics ports the service listens on by default", () => {
    expect(args("EXPOSE").join(" ").split(" ").map(Number)).toEqual([
      DEFAULTS.port,
      DEFAULTS.metrics?.port,
    ]);
  });

  it("keeps the build context to what the build needs (.dockerignore)", () => {
    const ignored = readRepoFile(".dockerignore")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#"));

    expect(ignored).toEqual(expect.arrayContaining(["node_modules", "dist", ".git"]));
    for (const needed of ["src", "web", "scripts", "bench", "package.json", "tsconfig.json"]) {
      expect(ignored).not.toContain(needed);
    }
  });
});
