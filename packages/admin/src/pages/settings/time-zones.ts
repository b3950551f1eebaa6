// The IANA time zones this browser knows, each with its current UTC offset, for the workspace's zone.
let cached: { zone: string; label: string }[] | undefined;

function offsetOf(zone: string, now: Date): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
    .formatToParts(now)
    .find((p) => p.type === "timeZoneName")?.value;
  // "GMT+09:00" → "UTC+09:00"; plain "GMT" is UTC itself.
  return part === "GMT" || !part ? "UTC±00:00" : part.replace("GMT", "UTC");
}

export function timeZoneOptions(current: string): { zone: string; label: string }[] {
  if (!cached) {
    const now = new Date();
    cached = Intl.supportedValuesOf("timeZone").map((zone) => ({
      zone,
      label: `${zone.replaceAll("_", " ")} (${offsetOf(zone, now)})`,
    }));
  }
  // A zone the server accepted but this browser does not list (e.g. "UTC" in some engines) stays choosable.
  return cached.some((o) => o.zone === current) ? cached : [{ zone: current, label: current }, ...cached];
}
