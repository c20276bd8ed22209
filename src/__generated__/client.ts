/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What the login page asks for. Which optional fields apply depends on `type`. */
export type GenerateQrCodeInput = {
  /** WECHAT_MINIPROGRAM only: merge the connection's logo into the image on the server. */
  autoMergeQrCode?: boolean | null | undefined;
  /** WeChat types only: handed to the login hook of this login (≤ 4 KiB, ≤ 5 levels). */
  context?: Record<string, unknown> | null | undefined;
  /** MOBILE_APP only: saved into the user's custom data when the user authorizes (≤ 4 KiB, ≤ 5 levels). */
  customData?: Record<string, unknown> | null | undefined;
  /** The identity-source connection to use; defaults to the first enabled one of the type. */
  extIdpConnId?: string | null | undefined;
  type: QrCodeType;
};

/** What the person scans the code with. */
export type QrCodeType =
  /** The company's own mobile app, where the person is signed in. */
  | 'MOBILE_APP'
  /** A WeChat mini program (a WeChat mini program code). */
  | 'WECHAT_MINIPROGRAM'
  /** A WeChat official account (a temporary parametric QR code). */
  | 'WECHAT_OFFICIAL_ACCOUNT';

export type GenerateQrCodeMutationVariables = Exact<{
  input: GenerateQrCodeInput;
}>;


export type GenerateQrCodeMutation = { generateQRCode: { qrcodeId: string, url: string, customLogoUrl: string | null, expiresAt: string } };


export const GenerateQrCodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GenerateQRCode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GenerateQRCodeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generateQRCode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"qrcodeId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"customLogoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<GenerateQrCodeMutation, GenerateQrCodeMutationVariables>;