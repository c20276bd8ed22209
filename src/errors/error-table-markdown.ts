import { ERROR_TABLE } from "./error-table";

/** docs/errors.md's error table, generated from the one in code (a test keeps them equal). */
export function errorTableMarkdown(): string {
  const rows = Object.entries(ERROR_TABLE).map(
    ([name, spec]) =>
      `| ${spec.apiCode} | \`${name}\` | \`${spec.code}\` | ${spec.statusCode} | ${spec.cause} |`,
  );
  return [
    "| apiCode | name | extensions.code | statusCode | cause |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
