import { type Application } from "./application";
import { type RequestOrigin } from "./qrcode.types";

/** Who is asking: the application (from `x-app-id`) and what its browser said of itself. */
export interface Caller {
  readonly app: Application;
  readonly request: RequestOrigin;
}
