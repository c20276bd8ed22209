import { createHmac } from "node:crypto";

import { type BaseLogger } from "pino";
import { z } from "zod";

import { AppError, isAppError } from "../errors/app-error";
import { type LoginHookConfig } from "../qrcode/application";
import { type Clock } from "../qrcode/clock";
import { assertJsonWithinLimits } from "../qrcode/json-limits";
import {
  type LoginHook,
  type LoginHookCall,
  type LoginHookDecision,
} from "../qrcode/ports/login-hook.port";
import { type JsonObject } from "../qrcode/qrcode.types";

export const SIGNATURE_HEADER = "x-qr-login-signature";
export const TIMESTAMP_HEADER = "x-qr-login-timestamp";
const MAX_ANSWER_BYTES = 64 * 1024;

const answerSchema = z.union([
  z.object({ allow: z.literal(true), claims: z.record(z.string(), z.json()).default({}) }),
  z.object({ allow: z.literal(false), reason: z.string().min(1).max(500) }),
]);

/**
 * Calls the application's login hook: a JSON POST signed with HMAC-SHA256 over
 * `${timestamp}.${body}` (the hook checks it, and refuses stale timestamps). Anything but a
 * well-formed answer in time fails closed.
 */
export class HttpLoginHook implements LoginHook {
  constructor(
    private readonly clock: Clock,
    private readonly logger: Pick<BaseLogger, "warn">,
  ) {}

  async ask(hook: LoginHookConfig, call: LoginHookCall): Promise<LoginHookDecision> {
    const body = JSON.stringify(call);
    const timestamp = String(Math.floor(this.clock.now() / 1000));
    try {
      const response = await fetch(hook.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: `v1=${signHookBody(hook.secret, timestamp, body)}`,
        },
        body,
        redirect: "error",
        signal: AbortSignal.timeout(hook.timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) {
        throw new Error(`answered HTTP ${response.status}`);
      }
      if (text.length > MAX_ANSWER_BYTES) {
        throw new Error(`answered more than ${MAX_ANSWER_BYTES} bytes`);
      }
      const answer = answerSchema.parse(JSON.parse(text));
      if (!answer.allow) {
        return answer;
      }
      const claims = answer.claims as JsonObject;
      assertJsonWithinLimits("claims", claims);
      return { allow: true, claims };
    } catch (error) {
      const reason = describeFailure(error, hook.timeoutMs);
      this.logger.warn({ appId: call.appId, hookUrl: hook.url, reason }, "login hook failed");
      throw new AppError("LOGIN_HOOK_FAILED", `the login hook failed (${reason}); login denied`);
    }
  }
}

/** The signature the hook recomputes: hex HMAC-SHA256 of `${timestamp}.${body}`. */
export function signHookBody(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return `no answer within ${timeoutMs} ms`;
  }
  if (error instanceof SyntaxError || error instanceof z.ZodError) {
    return "its answer is not {allow: true, claims} or {allow: false, reason}";
  }
  if (isAppError(error)) {
    return `its claims are too large: ${error.message}`;
  }
  return error instanceof Error ? error.message : "unknown error";
}
