import { AppError } from "../../errors/app-error";
import { type QRCodeType } from "../qrcode.types";
import { type QRChannel } from "./qr-channel";

/** The channels this server runs, by type; a type without one answers QR_TYPE_UNAVAILABLE. */
export class ChannelRegistry {
  private readonly byType: ReadonlyMap<QRCodeType, QRChannel>;

  constructor(channels: readonly QRChannel[]) {
    this.byType = new Map(channels.map((channel) => [channel.type, channel]));
  }

  require(type: QRCodeType, field: "type" | "scanToken" = "type"): QRChannel {
    const channel = this.byType.get(type);
    if (!channel) {
      throw new AppError("QR_TYPE_UNAVAILABLE", `${type} codes are not available on this server`, {
        field,
      });
    }
    return channel;
  }

  types(): QRCodeType[] {
    return [...this.byType.keys()];
  }
}
