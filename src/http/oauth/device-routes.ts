import formbody from "@fastify/formbody";
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";

import { AppError } from "../../errors/app-error";
import { errorSpec } from "../../errors/error-table";
import { type DeviceAuthorizationService } from "../../qrcode/device/device-authorization.service";
import { type DevicePoll, type DeviceTokenService } from "../../qrcode/device/device-token.service";
import { type JsonObject } from "../../qrcode/qrcode.types";
import { requestOrigin } from "../request-caller";
import { oauthClientOf } from "./client-credentials";
import { DEVICE_CODE_GRANT } from "./discovery-route";
import { noStore, sendOAuthError, sendOAuthFailure } from "./oauth-error";

export interface DeviceRoutesDeps {
  readonly authorizations: DeviceAuthorizationService;
  readonly tokens: DeviceTokenService;
}

type Form = Record<string, string>;

/** `POST /oauth/device_authorization` and `POST /oauth/token` (RFC 8628), form-encoded. */
export async function registerDeviceRoutes(
  app: FastifyInstance,
  deps: DeviceRoutesDeps,
): Promise<void> {
  await app.register(async (oauth) => {
    await oauth.register(formbody);
    oauth.post<{ Body: Form }>("/oauth/device_authorization", (request, reply) =>
      answer(request, reply, async (client) => {
        const form = request.body ?? {};
        const authorization = await deps.authorizations.authorize({
          ...client,
          qrType: form.qr_type,
          scope: form.scope,
          extIdpConnId: form.ext_idp_conn_id,
          customData: jsonParameter(form, "custom_data"),
          context: jsonParameter(form, "context"),
          request: requestOrigin(request.headers, request.ip),
        });
        return noStore(reply).send({
          device_code: authorization.deviceCode,
          user_code: authorization.userCode,
          verification_uri: authorization.verificationUri,
          verification_uri_complete: authorization.verificationUriComplete,
          qr_image_uri: authorization.qrImageUri,
          expires_in: authorization.expiresIn,
          interval: authorization.interval,
        });
      }),
    );
    oauth.post<{ Body: Form }>("/oauth/token", (request, reply) =>
      answer(request, reply, async (client) => {
        const form = request.body ?? {};
        if (form.grant_type !== DEVICE_CODE_GRANT) {
          throw new AppError(
            "GRANT_TYPE_NOT_SUPPORTED",
            `grant_type: only ${DEVICE_CODE_GRANT} is granted here`,
            { field: "grant_type" },
          );
        }
        if (!form.device_code) {
          throw new AppError("INVALID_INPUT", "device_code: required", { field: "device_code" });
        }
        const poll = await deps.tokens.poll({
          ...client,
          deviceCode: form.device_code,
          request: requestOrigin(request.headers, request.ip),
        });
        return sendPoll(reply, poll);
      }),
    );
  });
}

/** Runs a route with its client read from the request; every failure in OAuth's words. */
async function answer(
  request: FastifyRequest<{ Body: Form }>,
  reply: FastifyReply,
  run: (client: ReturnType<typeof oauthClientOf>) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  let basic = false;
  try {
    const client = oauthClientOf(request, request.body ?? {});
    basic = client.basic;
    return await run(client);
  } catch (error) {
    return sendOAuthFailure(reply, error, basic);
  }
}

function sendPoll(reply: FastifyReply, poll: DevicePoll): FastifyReply {
  switch (poll.outcome) {
    case "pending":
      return sendOAuthError(reply, 400, "authorization_pending", "the code is not approved yet");
    case "slow_down":
      return sendOAuthError(
        reply,
        400,
        "slow_down",
        `polled faster than the interval: wait ${poll.intervalSeconds} s between polls`,
      );
    case "denied":
      return sendOAuthError(reply, 400, "access_denied", poll.reason ?? "the login was refused");
    case "expired":
      return sendOAuthError(reply, 400, "expired_token", "the code expired before approval");
    case "invalid_grant":
      return sendOAuthError(
        reply,
        400,
        "invalid_grant",
        poll.description,
        errorSpec("DEVICE_CODE_INVALID").apiCode,
      );
    case "tokens":
      return noStore(reply).send({
        access_token: poll.result.accessToken,
        id_token: poll.result.idToken,
        token_type: poll.result.tokenType,
        expires_in: poll.result.expiresIn,
        scope: poll.scope,
      });
  }
}

/** `custom_data` and `context` as extension parameters: a JSON object in a form field. */
function jsonParameter(form: Form, field: string): JsonObject | undefined {
  const raw = form[field];
  if (raw === undefined) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(raw);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      return value as JsonObject;
    }
  } catch {
    // reported below
  }
  throw new AppError("INVALID_INPUT", `${field}: must be a JSON object`, { field });
}
