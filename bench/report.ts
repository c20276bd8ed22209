import { cpus } from "node:os";

export interface Row {
  readonly figure: string;
  readonly value: string;
  readonly baseline?: string;
  readonly ratio?: string;
  readonly target: string;
  readonly ok: boolean;
}

/** A table a regression shows up in at a glance: figure, baseline, ratio, target, verdict. */
export function printReport(rows: readonly Row[], facts: { seconds: number; codes: number }): void {
  const header = ["figure", "ours", "baseline (same run)", "ratio", "target", ""];
  const lines = rows.map((row) => [
    row.figure,
    row.value,
    row.baseline ?? "",
    row.ratio ?? "",
    row.target,
    row.ok ? "ok" : "MISSED",
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] as string).length)),
  );
  const format = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] as number)).join(" | ")} |`;
  process.stdout.write(
    `\nQR login gateway bench, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? "cpu"}), ` +
      `${facts.seconds} s a run, 50 connections, ${facts.codes} codes generated\n\n`,
  );
  process.stdout.write(
    `${format(header)}\n| ${widths.map((width) => "-".repeat(width)).join(" | ")} |\n`,
  );
  for (const line of lines) {
    process.stdout.write(`${format(line)}\n`);
  }
}
