import { type QrLoginError } from "./qr-login-types";

/** A GraphQL answer's first error, with the service's `extensions`. */
export class GraphQLRequestError extends Error implements QrLoginError {
  constructor(
    message: string,
    readonly code?: string,
    readonly apiCode?: number,
    readonly requestId?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

interface GraphQLAnswer<T> {
  readonly data?: T | null;
  readonly errors?: readonly {
    readonly message: string;
    readonly extensions?: Record<string, unknown>;
  }[];
}

/** Posts one operation as `application/json` (which also passes Apollo's CSRF check). */
export async function postGraphQL<T>(
  endpoint: string,
  appId: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", "x-app-id": appId },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GraphQLRequestError("the login service cannot be reached", "NETWORK_ERROR");
  }
  const answer = (await response.json().catch(() => ({}))) as GraphQLAnswer<T>;
  const first = answer.errors?.[0];
  if (first) {
    const ext = first.extensions ?? {};
    throw new GraphQLRequestError(
      first.message,
      stringOf(ext.code),
      numberOf(ext.apiCode),
      stringOf(ext.requestId),
      numberOf(ext.retryAfterMs),
    );
  }
  if (!answer.data) {
    throw new GraphQLRequestError(`the login service answered HTTP ${response.status}`);
  }
  return answer.data;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}
