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

/** Who ended a CANCELLED login: the person on the phone, or the application. */
export type QrCodeCancelSource =
  /** The application refused it: its login hook denied it or could not be asked, or its cross-device rules refused the phone. */
  | 'APPLICATION'
  /** The person refused it on the phone. */
  | 'SCANNER';

/** Where a login code is: PENDING → SCANNED → AUTHORIZED, or CANCELLED, EXPIRED. */
export type QrCodeStatus =
  /** Confirmed: the page exchanges the ticket for tokens. */
  | 'AUTHORIZED'
  /** Refused by the scanner, or denied by the login hook. */
  | 'CANCELLED'
  /** Not finished before `expiresAt`. */
  | 'EXPIRED'
  /** Shown, not scanned yet. */
  | 'PENDING'
  /** Scanned; the scanner has not confirmed yet. */
  | 'SCANNED';

/** What the person scans the code with. */
export type QrCodeType =
  /** The company's own mobile app, where the person is signed in. */
  | 'MOBILE_APP'
  /** A WeChat mini program (a WeChat mini program code). */
  | 'WECHAT_MINIPROGRAM'
  /** A WeChat official account (a temporary parametric QR code). */
  | 'WECHAT_OFFICIAL_ACCOUNT';

/** The scanner's call: the scan token read from the code, or the user code a person typed. */
export type ScanQrCodeInput = {
  /** WECHAT_MINIPROGRAM only: the name the mini program shows (WeChat no longer gives one). */
  displayName?: string | null | undefined;
  /** WECHAT_MINIPROGRAM only: the photo URL the mini program shows. */
  photo?: string | null | undefined;
  /** The token in the scanned code's content (give this or userCode). */
  scanToken?: string | null | undefined;
  /** The code a device shows (`XXXX-XXXX`, case and dash ignored), typed instead of scanning; the call names its application with x-app-id. */
  userCode?: string | null | undefined;
  /** WECHAT_MINIPROGRAM only: the `wx.login` code that proves the scanner. */
  wxCode?: string | null | undefined;
};

export type ExchangeQrCodeTicketMutationVariables = Exact<{
  ticket: string;
  clientSecret?: string | null | undefined;
}>;


export type ExchangeQrCodeTicketMutation = { exchangeQRCodeTicket: { accessToken: string, idToken: string, tokenType: string, expiresIn: number, user: { id: string, displayName: string | null, photo: string | null, customData: Record<string, unknown> | null } } };

export type GenerateQrCodeMutationVariables = Exact<{
  input: GenerateQrCodeInput;
}>;


export type GenerateQrCodeMutation = { generateQRCode: { qrcodeId: string, url: string, customLogoUrl: string | null, expiresAt: string } };

export type ScanQrCodeMutationVariables = Exact<{
  input: ScanQrCodeInput;
}>;


export type ScanQrCodeMutation = { scanQRCode: { status: QrCodeStatus, applicationName: string, requestOrigin: string | null, requestUserAgent: string | null, requestBrowser: string | null, requestOs: string | null, requestIp: string | null, requestedAt: string, codeAgeSeconds: number, sameNetwork: boolean | null, expiresAt: string } };

export type ConfirmQrCodeMutationVariables = Exact<{
  input: ScanQrCodeInput;
}>;


export type ConfirmQrCodeMutation = { confirmQRCode: { status: QrCodeStatus, applicationName: string, requestOrigin: string | null, requestUserAgent: string | null, requestBrowser: string | null, requestOs: string | null, requestIp: string | null, requestedAt: string, codeAgeSeconds: number, sameNetwork: boolean | null, expiresAt: string } };

export type CancelQrCodeMutationVariables = Exact<{
  input: ScanQrCodeInput;
}>;


export type CancelQrCodeMutation = { cancelQRCode: { status: QrCodeStatus, applicationName: string, requestOrigin: string | null, requestUserAgent: string | null, requestBrowser: string | null, requestOs: string | null, requestIp: string | null, requestedAt: string, codeAgeSeconds: number, sameNetwork: boolean | null, expiresAt: string } };

export type ScanResultFieldsFragment = { status: QrCodeStatus, applicationName: string, requestOrigin: string | null, requestUserAgent: string | null, requestBrowser: string | null, requestOs: string | null, requestIp: string | null, requestedAt: string, codeAgeSeconds: number, sameNetwork: boolean | null, expiresAt: string };

export type QrCodeStatusQueryVariables = Exact<{
  qrcodeId: string;
}>;


export type QrCodeStatusQuery = { qrCodeStatus: { status: QrCodeStatus, expiresAt: string, ticket: string | null, cancelReason: string | null, cancelledBy: QrCodeCancelSource | null, briefUserInfo: { displayName: string | null, photo: string | null } | null } };

export type QrCodeStatusChangedSubscriptionVariables = Exact<{
  qrcodeId: string;
}>;


export type QrCodeStatusChangedSubscription = { qrCodeStatusChanged: { status: QrCodeStatus, expiresAt: string, ticket: string | null, cancelReason: string | null, cancelledBy: QrCodeCancelSource | null, briefUserInfo: { displayName: string | null, photo: string | null } | null } };

export type StatusFieldsFragment = { status: QrCodeStatus, expiresAt: string, ticket: string | null, cancelReason: string | null, cancelledBy: QrCodeCancelSource | null, briefUserInfo: { displayName: string | null, photo: string | null } | null };

export const ScanResultFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScanResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QRCodeScanResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"applicationName"}},{"kind":"Field","name":{"kind":"Name","value":"requestOrigin"}},{"kind":"Field","name":{"kind":"Name","value":"requestUserAgent"}},{"kind":"Field","name":{"kind":"Name","value":"requestBrowser"}},{"kind":"Field","name":{"kind":"Name","value":"requestOs"}},{"kind":"Field","name":{"kind":"Name","value":"requestIp"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"codeAgeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"sameNetwork"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]} as unknown as DocumentNode<ScanResultFieldsFragment, unknown>;
export const StatusFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QRCodeStatusResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"briefUserInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"photo"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ticket"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledBy"}}]}}]} as unknown as DocumentNode<StatusFieldsFragment, unknown>;
export const ExchangeQrCodeTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ExchangeQRCodeTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticket"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clientSecret"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exchangeQRCodeTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticket"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticket"}}},{"kind":"Argument","name":{"kind":"Name","value":"clientSecret"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clientSecret"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"idToken"}},{"kind":"Field","name":{"kind":"Name","value":"tokenType"}},{"kind":"Field","name":{"kind":"Name","value":"expiresIn"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"photo"}},{"kind":"Field","name":{"kind":"Name","value":"customData"}}]}}]}}]}}]} as unknown as DocumentNode<ExchangeQrCodeTicketMutation, ExchangeQrCodeTicketMutationVariables>;
export const GenerateQrCodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GenerateQRCode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GenerateQRCodeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"generateQRCode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"qrcodeId"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"customLogoUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]} as unknown as DocumentNode<GenerateQrCodeMutation, GenerateQrCodeMutationVariables>;
export const ScanQrCodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScanQRCode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScanQRCodeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scanQRCode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScanResultFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScanResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QRCodeScanResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"applicationName"}},{"kind":"Field","name":{"kind":"Name","value":"requestOrigin"}},{"kind":"Field","name":{"kind":"Name","value":"requestUserAgent"}},{"kind":"Field","name":{"kind":"Name","value":"requestBrowser"}},{"kind":"Field","name":{"kind":"Name","value":"requestOs"}},{"kind":"Field","name":{"kind":"Name","value":"requestIp"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"codeAgeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"sameNetwork"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]} as unknown as DocumentNode<ScanQrCodeMutation, ScanQrCodeMutationVariables>;
export const ConfirmQrCodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmQRCode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScanQRCodeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmQRCode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScanResultFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScanResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QRCodeScanResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"applicationName"}},{"kind":"Field","name":{"kind":"Name","value":"requestOrigin"}},{"kind":"Field","name":{"kind":"Name","value":"requestUserAgent"}},{"kind":"Field","name":{"kind":"Name","value":"requestBrowser"}},{"kind":"Field","name":{"kind":"Name","value":"requestOs"}},{"kind":"Field","name":{"kind":"Name","value":"requestIp"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"codeAgeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"sameNetwork"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]} as unknown as DocumentNode<ConfirmQrCodeMutation, ConfirmQrCodeMutationVariables>;
export const CancelQrCodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelQRCode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScanQRCodeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelQRCode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ScanResultFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ScanResultFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QRCodeScanResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"applicationName"}},{"kind":"Field","name":{"kind":"Name","value":"requestOrigin"}},{"kind":"Field","name":{"kind":"Name","value":"requestUserAgent"}},{"kind":"Field","name":{"kind":"Name","value":"requestBrowser"}},{"kind":"Field","name":{"kind":"Name","value":"requestOs"}},{"kind":"Field","name":{"kind":"Name","value":"requestIp"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"codeAgeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"sameNetwork"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]} as unknown as DocumentNode<CancelQrCodeMutation, CancelQrCodeMutationVariables>;
export const QrCodeStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QRCodeStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"qrcodeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"qrCodeStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"qrcodeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"qrcodeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatusFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QRCodeStatusResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"briefUserInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"photo"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ticket"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledBy"}}]}}]} as unknown as DocumentNode<QrCodeStatusQuery, QrCodeStatusQueryVariables>;
export const QrCodeStatusChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"QRCodeStatusChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"qrcodeId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"qrCodeStatusChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"qrcodeId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"qrcodeId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatusFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatusFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QRCodeStatusResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"briefUserInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"photo"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ticket"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledBy"}}]}}]} as unknown as DocumentNode<QrCodeStatusChangedSubscription, QrCodeStatusChangedSubscriptionVariables>;