/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A new login code: follow it by `qrcodeId`, show the image at `url`. */
export type GeneQrCodeData = {
  __typename?: 'GeneQRCodeData';
  /** A logo for the client to draw over the code's centre, when the server did not merge it. */
  customLogoUrl?: Maybe<Scalars['String']['output']>;
  /** When the code stops being scannable. */
  expiresAt: Scalars['DateTimeISO']['output'];
  /** The login page's private handle for status and subscription. */
  qrcodeId: Scalars['String']['output'];
  /** Where the PNG image is served until the code expires (`.svg` also). */
  url: Scalars['String']['output'];
};

/** What the login page asks for. Which optional fields apply depends on `type`. */
export type GenerateQrCodeInput = {
  /** WECHAT_MINIPROGRAM only: merge the connection's logo into the image on the server. */
  autoMergeQrCode?: InputMaybe<Scalars['Boolean']['input']>;
  /** WeChat types only: handed to the login hook of this login (≤ 4 KiB, ≤ 5 levels). */
  context?: InputMaybe<Scalars['JSONObject']['input']>;
  /** MOBILE_APP only: saved into the user's custom data when the user authorizes (≤ 4 KiB, ≤ 5 levels). */
  customData?: InputMaybe<Scalars['JSONObject']['input']>;
  /** The identity-source connection to use; defaults to the first enabled one of the type. */
  extIdpConnId?: InputMaybe<Scalars['String']['input']>;
  type: QrCodeType;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** The login page: create a login code and get its image URL. */
  generateQRCode: GeneQrCodeData;
};


export type MutationGenerateQrCodeArgs = {
  input: GenerateQrCodeInput;
};

/** What the person scans the code with. */
export type QrCodeType =
  /** The company's own mobile app, where the person is signed in. */
  | 'MOBILE_APP'
  /** A WeChat mini program (a WeChat mini program code). */
  | 'WECHAT_MINIPROGRAM'
  /** A WeChat official account (a temporary parametric QR code). */
  | 'WECHAT_OFFICIAL_ACCOUNT';

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