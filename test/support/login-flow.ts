import {
  ConfirmQrCodeDocument,
  GenerateQrCodeDocument,
  QrCodeStatusDocument,
  ScanQrCodeDocument,
} from "../../src/__generated__/client";
import { mintAppToken } from "../../src/auth/mint-app-token";
import { DEMO_APP_TOKENS } from "../../src/config/demo-application";
import { type GraphQLEndpoint, type GraphQLErrorBody } from "./test-server";

/** A code as the tests hold it: the page's handle and the scanner's handle, apart. */
export interface IssuedCode {
  readonly qrcodeId: string;
  readonly scanToken: string;
}

export function demoUserToken(
  sub: string,
  name?: string,
  lifetimeSeconds?: number,
): Promise<string> {
  return mintAppToken(
    DEMO_APP_TOKENS,
    { sub, name, picture: name ? `https://img.test/${sub}.png` : undefined },
    lifetimeSeconds,
  );
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export async function issueCode(
  running: GraphQLEndpoint,
  customData?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<IssuedCode> {
  const response = await running.graphql(
    GenerateQrCodeDocument,
    { input: { type: "MOBILE_APP", customData } },
    headers,
  );
  const data = response.data?.generateQRCode;
  if (!data) {
    throw new Error(`generateQRCode failed: ${JSON.stringify(response.errors)}`);
  }
  const scanToken = /\/qrcode\/([A-Za-z0-9_-]+)\.png$/.exec(data.url)?.[1];
  if (!scanToken) {
    throw new Error(`no scan token in ${data.url}`);
  }
  return { qrcodeId: data.qrcodeId, scanToken };
}

/**
 * Scans and confirms as `token`'s user; returns the confirm call's response. `afterScan` runs
 * between the two, for a test that must see the SCANNED state before the code moves on.
 */
export async function scanAndConfirm(
  running: GraphQLEndpoint,
  code: IssuedCode,
  token: string,
  afterScan?: () => Promise<unknown>,
) {
  const scanned = await running.graphql(
    ScanQrCodeDocument,
    { input: { scanToken: code.scanToken } },
    bearer(token),
  );
  expectNoErrors(scanned.errors);
  await afterScan?.();
  return running.graphql(
    ConfirmQrCodeDocument,
    { input: { scanToken: code.scanToken } },
    bearer(token),
  );
}

export function expectNoErrors(errors: readonly GraphQLErrorBody[] | undefined): void {
  if (errors?.length) {
    throw new Error(`unexpected errors: ${JSON.stringify(errors)}`);
  }
}

/** The one error of a response, for asserting its code and apiCode. */
export function onlyError(errors: readonly GraphQLErrorBody[] | undefined): GraphQLErrorBody {
  expect(errors).toHaveLength(1);
  return (errors as GraphQLErrorBody[])[0] as GraphQLErrorBody;
}

/**
 * The code's status as a well-behaved page polls it: a poll refused for its pace
 * (`POLLING_TOO_FAST`) is asked again after the `retryAfterMs` the service gave, instead of the
 * test guessing a sleep.
 */
export async function pacedStatus(
  running: GraphQLEndpoint,
  qrcodeId: string,
  headers: Record<string, string> = {},
) {
  for (let attempt = 0; ; attempt++) {
    const status = await running.graphql(QrCodeStatusDocument, { qrcodeId }, headers);
    const refusal = status.errors?.[0]?.extensions;
    if (refusal?.apiCode !== 3020 || attempt === 5) {
      return status;
    }
    await new Promise((resolve) => setTimeout(resolve, Number(refusal.retryAfterMs ?? 100)));
  }
}
