import { AppError } from "../../errors/app-error";
import { type Connection } from "../application";

/** The connection of a channel that needs one (`needsConnection`): the generate rules make it
 * present, so its absence is a bug. */
export function connectionOf(connection: Connection | undefined): Connection {
  if (!connection) {
    throw new AppError("INTERNAL_ERROR", "a code of a connection's type has no connection");
  }
  return connection;
}
