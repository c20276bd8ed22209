import { type JsonObject } from "./qrcode.types";

/** What a ticket stands for: the authorized login, kept until the page exchanges the ticket. */
export interface LoginGrant {
  readonly qrcodeId: string;
  readonly userId: string;
  readonly displayName?: string;
  readonly photo?: string;
  /** The `customData` given at generation, merged into the user's at exchange. */
  readonly customData?: JsonObject;
  /** The connection the person logged in through (`extIdpConnId`), when the code had one. */
  readonly connectionId?: string;
  /** The login hook's additions to the tokens. */
  readonly claims: JsonObject;
}

/** Tickets are namespaced by application, so one application's page cannot spend another's. */
export function ticketKey(appId: string, ticket: string): string {
  return `ticket:${appId}:${ticket}`;
}

export function encodeGrant(grant: LoginGrant): string {
  return JSON.stringify(grant);
}

export function decodeGrant(text: string): LoginGrant {
  return JSON.parse(text) as LoginGrant;
}
