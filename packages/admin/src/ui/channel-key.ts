// The catalogue key of a channel the API gives as a plain string; a channel this app does not know yet
// reads as "Other" rather than as a raw key.
import { channels, type Channel } from "@koe/server/shared";

const isChannel = (c: string): c is Channel => (channels as readonly string[]).includes(c);

export const channelKey = (channel: string): `channel.${Channel}` =>
  `channel.${isChannel(channel) ? channel : "other"}`;
