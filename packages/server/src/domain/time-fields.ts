// Times and days as requests give them (query filters, cursors, body fields): only what PostgreSQL can hold,
// so that a value it would refuse (SQLSTATE 22008 out of range, 22009 bad offset) is a 422 naming the field.
import { z } from "zod";

// Years 1–9999 in UTC: PostgreSQL refuses a timestamp or date outside them.
const EARLIEST = Date.parse("0001-01-01T00:00:00Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");

/** Whether the instant lies in the years 1–9999 (UTC). */
export const isWithinYears = (t: string): boolean => {
  const ms = Date.parse(t);
  return ms >= EARLIEST && ms <= LATEST;
};

// The offsets in use on Earth run from UTC−12:00 to UTC+14:00. PostgreSQL refuses more than ±15:59, which
// the ISO pattern (up to ±23:59) would let through; no real clock is outside the narrower range.
const OFFSET = /([+-])(\d\d):(\d\d)$/;
const MAX_EAST = 14 * 60;
const MAX_WEST = 12 * 60;

/** Whether the time's offset (if any; Z and bare dates pass) is one a real clock shows. */
export const hasRealOffset = (t: string): boolean => {
  const m = OFFSET.exec(t);
  if (!m) return true;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return minutes <= (m[1] === "+" ? MAX_EAST : MAX_WEST);
};

// Nine fractional digits and an offset fit: 2026-04-01T09:00:00.123456789+09:00 has 35 characters.
export const MAX_TIME_LENGTH = 40;
const offsetMessage = "the UTC offset must be between -12:00 and +14:00";
const yearsMessage = "must be between the years 1 and 9999";

/** An ISO 8601 time with Z or an offset, e.g. 2026-04-01T09:00:00+09:00, on a real calendar day. */
export const dateTimeSchema = z.iso
  .datetime({
    offset: true,
    error: "must be an ISO 8601 time with Z or an offset, e.g. 2026-04-01T09:00:00+09:00",
  })
  .max(MAX_TIME_LENGTH)
  .refine(hasRealOffset, offsetMessage)
  .refine(isWithinYears, yearsMessage);

/** A day (YYYY-MM-DD) or an ISO 8601 time as `dateTimeSchema` takes it; both real calendar days. */
export const dayOrTimeSchema = z
  .union([z.iso.datetime({ offset: true }).max(MAX_TIME_LENGTH), z.iso.date()], {
    error: "must be a date (YYYY-MM-DD) or an ISO 8601 time with Z or an offset",
  })
  .refine(hasRealOffset, offsetMessage)
  .refine(isWithinYears, yearsMessage);

/** Whether `t` is a time `dateTimeSchema` accepts (for values read outside a schema, e.g. cursors). */
export const isDateTime = (t: unknown): t is string => dateTimeSchema.safeParse(t).success;
