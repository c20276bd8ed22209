import { GraphQLJSONObject } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";

import { type JsonObject } from "../../qrcode/qrcode.types";

@ObjectType({ description: "The user who logged in, as this application keeps them." })
export class QRCodeUser {
  @Field(() => String)
  id!: string;

  @Field(() => String, { nullable: true })
  displayName?: string;

  @Field(() => String, { nullable: true })
  photo?: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "The user's custom data, with this login's `customData` merged in.",
  })
  customData?: JsonObject;
}

@ObjectType({ description: "Tokens for the login, signed ES256; keys at /.well-known/jwks.json." })
export class QRCodeLoginResult {
  @Field(() => String)
  accessToken!: string;

  @Field(() => String)
  idToken!: string;

  @Field(() => String, { description: "Always `Bearer`." })
  tokenType!: string;

  @Field(() => Int, { description: "Seconds until both tokens expire." })
  expiresIn!: number;

  @Field(() => QRCodeUser)
  user!: QRCodeUser;
}
