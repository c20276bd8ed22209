import { assertThat } from "../errors/app-error";

/** Scan tokens and tickets are 32 URL-safe characters, qrcodeIds 44 (ids.ts); allow some room
 * for change. */
const HANDLE = /^[A-Za-z0-9_-]{16,64}$/;

/** Refuses a handle that this service could never have issued, before it reaches the store. */
export function assertHandle(field: "qrcodeId" | "scanToken" | "ticket", value: string): void {
  assertThat(
    HANDLE.test(value),
    "INVALID_INPUT",
    `${field}: must be the 16 to 64 URL-safe characters this service issued`,
    { field },
  );
}
