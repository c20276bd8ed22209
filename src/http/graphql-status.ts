/**
 * The HTTP status of a GraphQL answer. GraphQL over HTTP answers 200 to every well-formed
 * request whatever its errors (clients such as Apollo Client read errors from the body, and
 * treat other statuses as transport failures); the one exception made here is an answer with
 * no data whose only error is SERVICE_UNAVAILABLE (503): a load balancer or a client's retry
 * policy can act on it, as on any 503.
 */
export function graphqlHttpStatus(body: string, status: number): number {
  if (status !== 200 || !body.includes('"statusCode":503')) {
    return status;
  }
  const parsed = JSON.parse(body) as {
    data?: unknown;
    errors?: { extensions?: { statusCode?: unknown } }[];
  };
  const only = parsed.errors?.length === 1 ? parsed.errors[0] : undefined;
  return parsed.data == null && only?.extensions?.statusCode === 503 ? 503 : status;
}
