import { XMLParser } from "fast-xml-parser";

/**
 * WeChat's event XML, read with fast-xml-parser with entities off. A DOCTYPE or an entity
 * declaration is refused before any parsing (no entity expansion, no external fetch, however
 * the parser is configured).
 */
const parser = new XMLParser({
  processEntities: false,
  ignoreDeclaration: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
});

export class EventXmlError extends Error {}

/** The `<xml>` element's children as strings (CDATA unwrapped); throws EventXmlError. */
export function readEventXml(text: string): Record<string, string> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new EventXmlError("a DOCTYPE or an entity in the XML");
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text, true);
  } catch {
    throw new EventXmlError("XML that does not parse");
  }
  const root = (parsed as { xml?: unknown }).xml;
  if (typeof root !== "object" || root === null) {
    throw new EventXmlError("no <xml> element");
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(root)) {
    if (typeof value === "string" || typeof value === "number") {
      fields[name] = String(value);
    }
  }
  return fields;
}

/** `text` as CDATA, safe even when it contains the CDATA terminator. */
function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/** A passive text reply to the person (`MsgType` text), From and To swapped from the event. */
export function textReplyXml(toUser: string, fromUser: string, content: string, now: Date): string {
  return `<xml><ToUserName>${cdata(toUser)}</ToUserName><FromUserName>${cdata(fromUser)}</FromUserName><CreateTime>${Math.floor(now.getTime() / 1000)}</CreateTime><MsgType>${cdata("text")}</MsgType><Content>${cdata(content)}</Content></xml>`;
}

/** A safe-mode reply: the encrypted reply with its signature. */
export function encryptedReplyXml(
  encrypted: string,
  signature: string,
  timestamp: string,
  nonce: string,
): string {
  return `<xml><Encrypt>${cdata(encrypted)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`;
}
