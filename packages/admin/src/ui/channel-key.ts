// The catalogue key of a channel the API gives as a plain string; a channel this app does not know yet
// reads as "Other" rather than as a raw key.
const CHANNELS = ["email", "chat", "phone", "web", "in_app", "in_person", "other"] as const;
type Channel = (typeof CHANNELS)[number];

const isChannel = (c: string): c is Channel => (CHANNELS as readonly string[]).includes(c);

export const channelKey = (channel: string): `channel.${Channel}` =>
  `channel.${isChannel(channel) ? channel : "other"}`;
