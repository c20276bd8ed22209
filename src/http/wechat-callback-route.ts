import { type FastifyInstance } from "fastify";

import {
  type CallbackQuery,
  type OfficialAccountCallback,
} from "../wechat/official-account-callback";

/** WeChat's pushes are small; anything larger is refused (413) before it is read further. */
const MAX_PUSH_BYTES = 64 * 1024;

/** `GET|POST /wechat/{connectionId}/callback`: an official account's server configuration URL. */
export async function registerWeChatCallbackRoute(
  app: FastifyInstance,
  callback: OfficialAccountCallback,
): Promise<void> {
  await app.register(async (scope) => {
    // The raw bytes, for the signature and the XML reader; only this route reads XML.
    scope.addContentTypeParser(
      ["text/xml", "application/xml", "text/plain"],
      { parseAs: "buffer", bodyLimit: MAX_PUSH_BYTES },
      (_request, body, done) => done(null, body),
    );
    scope.get<{ Params: { connectionId: string }; Querystring: CallbackQuery }>(
      "/wechat/:connectionId/callback",
      async (request, reply) => {
        const answer = callback.verify(request.params.connectionId, request.query);
        return reply.type(answer.contentType).send(answer.body);
      },
    );
    scope.post<{ Params: { connectionId: string }; Querystring: CallbackQuery; Body: Buffer }>(
      "/wechat/:connectionId/callback",
      { bodyLimit: MAX_PUSH_BYTES },
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const answer = await callback.receive(request.params.connectionId, request.query, body);
        return reply.type(answer.contentType).send(answer.body);
      },
    );
  });
}
