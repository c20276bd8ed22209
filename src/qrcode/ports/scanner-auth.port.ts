import { type Application } from "../application";
import { type ScannerIdentity } from "../qrcode.types";

/**
 * Proves who is scanning: for MOBILE_APP, the bearer token the company's app holds. Throws an
 * AppError (UNAUTHENTICATED for a bad or missing token, FORBIDDEN for another application's).
 */
export interface ScannerAuthenticator {
  authenticate(app: Application, bearerToken: string | undefined): Promise<ScannerIdentity>;
}
