import { AppError } from "../errors/app-error";
import { type SessionStore, type SessionUpdate } from "./ports/session-store.port";
import { type QRCodeSession, type QRCodeStatus } from "./qrcode.types";

/** Why a step cannot be taken from the code's current state, as the error the caller gets. */
export function refusalFor(session: QRCodeSession | null, step: string): AppError {
  const details = { status: session?.status ?? "UNKNOWN" };
  switch (session?.status) {
    case undefined:
      return new AppError("QRCODE_NOT_FOUND", "no live QR code has this scan token");
    case "EXPIRED":
      return new AppError("QRCODE_EXPIRED", `cannot ${step}: the code has expired`, details);
    case "CANCELLED":
      return new AppError("QRCODE_CANCELLED", `cannot ${step}: the code was cancelled`, details);
    case "AUTHORIZED":
      return new AppError(
        "QRCODE_ALREADY_AUTHORIZED",
        `cannot ${step}: the code is already authorized`,
        details,
      );
    case "PENDING":
      return new AppError("QRCODE_NOT_SCANNED", `cannot ${step}: scan the code first`, details);
    case "SCANNED":
      return new AppError(
        "QRCODE_SCANNED_BY_ANOTHER_USER",
        `cannot ${step}: another person has scanned this code`,
        details,
      );
  }
}

/** A compare-and-set that, when the code has moved on, throws why the step cannot be taken. */
export async function transitionOrRefuse(
  store: Pick<SessionStore, "compareAndSetStatus">,
  session: QRCodeSession,
  expected: readonly QRCodeStatus[],
  update: SessionUpdate,
  step: string,
): Promise<QRCodeSession> {
  const result = await store.compareAndSetStatus(session.qrcodeId, expected, update);
  if (!result.ok) {
    throw refusalFor(result.current, step);
  }
  return result.session;
}

/**
 * Ends a scanned code that the application refused (its login hook, its cross-device rules),
 * with the reason the page is shown and `cancelledBy: APPLICATION`, so the page does not blame
 * the person. A code that moved on meanwhile is left as it is.
 */
export async function cancelForApplication(
  store: Pick<SessionStore, "compareAndSetStatus">,
  qrcodeId: string,
  reason: string,
): Promise<void> {
  await store.compareAndSetStatus(qrcodeId, ["SCANNED"], {
    status: "CANCELLED",
    cancelReason: reason,
    cancelledBy: "APPLICATION",
  });
}
