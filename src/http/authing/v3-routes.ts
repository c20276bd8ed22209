import { type FastifyInstance, type FastifyRequest } from "fastify";

import { type GenerateRequest } from "../../qrcode/generate-rules";
import { type ScanView } from "../../qrcode/scanner.service";
import { parseAuthorization } from "../authorization-header";
import { v3GeneData, v3StatusData, v3TokenSet } from "./authing-shapes";
import { v3Failure, v3Success } from "./envelope";
import { authingCaller, type FacadeDeps, scannerToken } from "./facade-deps";
import { answerErrorsInEnvelope } from "./facade-errors";
import {
  AUTHING_APP_HEADER,
  CHANGE_STATUS_BODY,
  EXCHANGE_BODY,
  GENE_QRCODE_DATA,
  geneQrcodeBody,
  QRCODE_ID_QUERY,
  STATUS_DATA,
  SUCCESS_DATA,
  TOKEN_SET_DATA,
  v3Envelope,
} from "./schemas";

interface ExchangeBody {
  readonly ticket: string;
  readonly client_id?: string;
  readonly client_secret?: string;
}

interface ChangeStatusBody {
  readonly qrcodeId?: string;
  readonly userCode?: string;
  readonly action: "SCAN" | "CONFIRM" | "CANCEL";
}

const TAGS = ["Authing v3 (authing-node-sdk)"];

/**
 * `/api/v3/…`: the QR login calls of the hosted platform's v3 API, as `authing-node-sdk`'s
 * AuthenticationClient makes them. Any other `/api/v3` route answers ROUTE_NOT_FOUND in the
 * same envelope.
 */
export async function registerAuthingV3Routes(
  api: FastifyInstance,
  deps: FacadeDeps,
): Promise<void> {
  const { qrcodes, statuses, tickets, scanner } = deps.services;
  answerErrorsInEnvelope(api, (error, request) => v3Failure(error, request.id));

  api.post<{ Body: GenerateRequest }>(
    "/gene-qrcode",
    {
      schema: {
        tags: TAGS,
        headers: AUTHING_APP_HEADER,
        body: geneQrcodeBody(deps.types),
        response: { 200: v3Envelope(GENE_QRCODE_DATA, "The new code") },
      },
    },
    async (request) =>
      v3Success(
        v3GeneData(await qrcodes.generate(authingCaller(deps, request), request.body)),
        request.id,
      ),
  );

  for (const url of ["/get-qrcode-status", "/check-qrcode-status"]) {
    api.get<{ Querystring: { qrcodeId: string } }>(
      url,
      {
        schema: {
          tags: TAGS,
          headers: AUTHING_APP_HEADER,
          querystring: QRCODE_ID_QUERY,
          response: { 200: v3Envelope(STATUS_DATA, "The code's status") },
        },
      },
      async (request) =>
        v3Success(
          v3StatusData(await statuses.poll(authingCaller(deps, request), request.query.qrcodeId)),
          request.id,
        ),
    );
  }

  api.post<{ Body: ExchangeBody }>(
    "/exchange-tokenset-with-qrcode-ticket",
    {
      schema: {
        tags: TAGS,
        headers: AUTHING_APP_HEADER,
        body: EXCHANGE_BODY,
        response: { 200: v3Envelope(TOKEN_SET_DATA, "The tokens") },
      },
    },
    async (request) => {
      const { ticket, client_id: clientId, client_secret: clientSecret } = request.body;
      // An SDK with a user's token set sends it here too: only Basic credentials count.
      const basic = parseAuthorization(request.headers.authorization).basic;
      const credentials =
        clientSecret !== undefined
          ? { clientId, clientSecret }
          : { clientId: basic?.clientId, clientSecret: basic?.clientSecret };
      return v3Success(
        v3TokenSet(await tickets.exchange(authingCaller(deps, request), ticket, credentials)),
        request.id,
      );
    },
  );

  const changeStatus = (request: FastifyRequest<{ Body: ChangeStatusBody }>): Promise<ScanView> => {
    const scannerRequest = {
      scanToken: request.body.qrcodeId,
      userCode: request.body.userCode,
      appId:
        request.body.userCode === undefined ? undefined : authingCaller(deps, request).app.appId,
      clientIp: request.ip,
      bearerToken: scannerToken(request.headers.authorization),
      fields: {},
    };
    const action = { SCAN: scanner.scan, CONFIRM: scanner.confirm, CANCEL: scanner.cancel }[
      request.body.action
    ];
    return action.call(scanner, scannerRequest);
  };
  // The same call under two names: the deprecated one answers no data.
  for (const [url, data] of [
    ["/change-qrcode-status", null],
    ["/set-qrcode-status", { success: true }],
  ] as const) {
    api.post<{ Body: ChangeStatusBody }>(
      url,
      {
        schema: {
          tags: TAGS,
          body: CHANGE_STATUS_BODY,
          response: { 200: v3Envelope(data && SUCCESS_DATA, data ? "Done" : "Done (no data)") },
        },
      },
      async (request) => {
        await changeStatus(request);
        return v3Success(data, request.id);
      },
    );
  }
}
