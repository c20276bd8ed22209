import { type FastifyRequest } from "fastify";

import { readPage } from "./web-assets";

const FIRST_QUERY = `# A login code; follow it with qrCodeStatus or qrCodeStatusChanged.
mutation Generate {
  generateQRCode(input: { type: MOBILE_APP }) {
    qrcodeId
    url
    expiresAt
  }
}
`;

/** The explorer page (GraphiQL from this service's own files), with the application to call
 * as filled into the headers; `null` leaves them for the user. */
export function explorerPage(webDir: string, appId: string | null): string {
  const settings = JSON.stringify({ appId, defaultQuery: FIRST_QUERY })
    // Inside <script>: no "</script>" may appear in the JSON.
    .replace(/</g, "\\u003c");
  return readPage(webDir, "explorer").replace("{{SETTINGS}}", settings);
}

/**
 * A browser opening `/graphql` gets the explorer; a GraphQL GET (with `query`) is answered as
 * GraphQL, and `?sandbox` leaves it to Apollo's landing page (Sandbox, from Apollo's CDN).
 */
export function wantsExplorer(request: FastifyRequest): boolean {
  if (request.method !== "GET" || !(request.headers.accept ?? "").includes("text/html")) {
    return false;
  }
  const query = request.query as Record<string, unknown>;
  return query.query === undefined && query.sandbox === undefined;
}
