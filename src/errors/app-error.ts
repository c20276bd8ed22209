import { type ErrorName, type ErrorSpec, errorSpec } from "./error-table";

/** Extra facts a client may act on, e.g. which input field was wrong. Never secrets. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean>>;

/**
 * An expected failure with a row in the error table. Code outside the domain maps it by its
 * `name` string, not by `instanceof`, so it survives module boundaries and duplicated packages.
 */
export class AppError extends Error {
  readonly errorName: ErrorName;
  readonly spec: ErrorSpec;
  readonly details: ErrorDetails;

  constructor(name: ErrorName, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = "AppError";
    this.errorName = name;
    this.spec = errorSpec(name);
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { name?: unknown }).name === "AppError" &&
    "errorName" in error
  );
}

/** Guard that reads straight down: `assertThat(ok, "JSON_TOO_DEEP", "...", { field })`. */
export function assertThat(
  condition: unknown,
  name: ErrorName,
  message: string,
  details?: ErrorDetails,
): asserts condition {
  if (!condition) {
    throw new AppError(name, message, details);
  }
}
