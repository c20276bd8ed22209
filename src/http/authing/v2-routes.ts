import { type FastifyInstance, type FastifyRequest } from "fastify";

import { type JsonObject } from "../../qrcode/qrcode.types";
import { type ScanView } from "../../qrcode/scanner.service";
import { parseAuthorization } from "../authorization-header";
import { headerValue } from "../request-caller";
import { V2_SCENES, V2_STATUS_CODES, v2CheckData, v2GeneData, v2User } from "./authing-shapes";
import { v2Failure, v2Success } from "./envelope";
import { authingCaller, type FacadeDeps, scannerToken } from "./facade-deps";
import { answerErrorsInEnvelope } from "./facade-errors";
import {
  AUTHING_LANG_HEADERS,
  V2_CHECK_DATA,
  V2_GENE_BODY,
  V2_GENE_DATA,
  V2_RANDOM_QUERY,
  V2_SCANNER_BODY,
  V2_SCANNER_DATA,
  V2_TICKET_BODY,
  V2_USER_DATA,
  v2Envelope,
} from "./schemas";

interface GeneBody {
  readonly scene: keyof typeof V2_SCENES;
  readonly autoMergeQrCode?: boolean;
  readonly context?: JsonObject;
  readonly params?: JsonObject;
  readonly extIdpConnId?: string;
}

const TAGS = ["Authing v2 (authing-js-sdk)"];

const DESCRIPTIONS: Record<ScanView["status"], string> = {
  PENDING: "Pending",
  SCANNED: "Scanned",
  AUTHORIZED: "Authorized",
  CANCELLED: "Cancelled",
  EXPIRED: "Expired",
};

const lang = (request: FastifyRequest) => headerValue(request.headers["x-authing-lang"]);

/**
 * `/api/v2/qrcode/…`: the QR login calls of the hosted platform's v2 API, as `authing-js-sdk`
 * (`client.qrcode`, `client.wxqrcode`, `client.wechatmpqrcode`) and its Guard make them.
 */
export async function registerAuthingV2Routes(
  api: FastifyInstance,
  deps: FacadeDeps,
): Promise<void> {
  const { qrcodes, statuses, tickets, scanner } = deps.services;
  answerErrorsInEnvelope(api, (error, request) => v2Failure(error, lang(request)));
  const schema = (extra: Record<string, unknown>, data: Record<string, unknown>, what: string) => ({
    tags: TAGS,
    headers: AUTHING_LANG_HEADERS,
    ...extra,
    response: { 200: v2Envelope(data, what) },
  });

  api.post<{ Body: GeneBody }>(
    "/gene",
    { schema: schema({ body: V2_GENE_BODY }, V2_GENE_DATA, "The new code") },
    async (request) => {
      const { scene, params, context, extIdpConnId, autoMergeQrCode } = request.body;
      const generated = await qrcodes.generate(authingCaller(deps, request), {
        type: V2_SCENES[scene],
        customData: params,
        context,
        extIdpConnId,
        autoMergeQrCode,
      });
      return v2Success(v2GeneData(generated, deps.clock.now()));
    },
  );

  api.get<{ Querystring: { random: string } }>(
    "/check",
    { schema: schema({ querystring: V2_RANDOM_QUERY }, V2_CHECK_DATA, "The code's status") },
    async (request) =>
      v2Success(
        v2CheckData(await statuses.poll(authingCaller(deps, request), request.query.random)),
      ),
  );

  api.post<{ Body: { ticket: string } }>(
    "/userinfo",
    { schema: schema({ body: V2_TICKET_BODY }, V2_USER_DATA, "The user, with its ID token") },
    async (request) => {
      const { basic } = parseAuthorization(request.headers.authorization);
      const result = await tickets.exchange(authingCaller(deps, request), request.body.ticket, {
        clientId: basic?.clientId,
        clientSecret: basic?.clientSecret,
      });
      return v2Success(v2User(result, deps.clock.now()));
    },
  );

  for (const [url, action] of [
    ["/scanned", scanner.scan],
    ["/confirm", scanner.confirm],
    ["/cancel", scanner.cancel],
  ] as const) {
    api.post<{ Body: { random?: string; userCode?: string } }>(
      url,
      { schema: schema({ body: V2_SCANNER_BODY }, V2_SCANNER_DATA, "The code's new status") },
      async (request) => {
        const bearerToken = scannerToken(request.headers.authorization);
        const { random, userCode } = request.body;
        const view = await action.call(scanner, {
          scanToken: random,
          userCode,
          appId: userCode === undefined ? undefined : authingCaller(deps, request).app.appId,
          clientIp: request.ip,
          bearerToken,
          fields: {},
        });
        return v2Success({
          random: random ?? userCode,
          status: V2_STATUS_CODES[view.status],
          description: DESCRIPTIONS[view.status],
        });
      },
    );
  }
}
