// A fast check for the common case of a batch row: a plain object that `responseInput` accepts as it is.
// It accepts a subset of what the zod schema accepts (never more), allocates nothing, and leaves every
// other row — bad ones, and unusual good ones — to the schema, which stays the one source of error messages.
// response-schema.test.ts checks the two agree on generated rows.
import { z } from "zod";
import { channels, locales } from "../fields.ts";
import { hasRealOffset, MAX_TIME_LENGTH } from "../time-fields.ts";
import { MAX_COMMENT, responseSources, type ResponseInputRow } from "./response-schema.ts";

/** The patterns behind `z.uuid()` and `dateTimeSchema` (whose offset `hasRealOffset` checks). */
const uuidPattern = z.regexes.uuid();
const datetimePattern = z.regexes.datetime({ offset: true });
const EARLIEST = Date.parse("2000-01-01T00:00:00Z");

const keys = new Set([
  "surveyId",
  "score",
  "contactId",
  "touchpointId",
  "channel",
  "comment",
  "locale",
  "metadata",
  "source",
  "createdAt",
]);
const channelSet = new Set<unknown>(channels);
const localeSet = new Set<unknown>(locales);
const sourceSet = new Set<unknown>(responseSources);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && Object.getPrototypeOf(v) === Object.prototype;

const isId = (v: unknown): boolean => typeof v === "string" && uuidPattern.test(v);
const isOptionalId = (v: unknown): boolean => v === undefined || v === null || isId(v);

function isWellFormedMetadata(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  let n = 0;
  for (const key in v) {
    // zod builds its output by assignment, where a "__proto__" key would vanish: leave such rows to it.
    if (key.length < 1 || key.length > 64 || key === "__proto__" || ++n > 50) return false;
    const x = v[key];
    if (!(
      x === null ||
      typeof x === "boolean" ||
      (typeof x === "number" && Number.isFinite(x)) ||
      (typeof x === "string" && x.length <= 1000)
    ))
      return false;
  }
  return true;
}

function isWellFormedTime(v: unknown): boolean {
  if (typeof v !== "string" || v.length > MAX_TIME_LENGTH || !datetimePattern.test(v) || !hasRealOffset(v))
    return false;
  // A time in the future is well formed here; importResponses refuses it against the clock.
  return Date.parse(v) >= EARLIEST;
}

/** True when `responseInput` would accept `raw` unchanged (apart from the default source). */
export function isWellFormedRow(raw: unknown): raw is ResponseInputRow {
  if (!isPlainObject(raw)) return false;
  for (const key in raw) if (!keys.has(key)) return false;
  const { surveyId, score, contactId, touchpointId, channel, comment, locale, metadata, source, createdAt } =
    raw;
  return (
    isId(surveyId) &&
    typeof score === "number" &&
    Number.isSafeInteger(score) &&
    isOptionalId(contactId) &&
    isOptionalId(touchpointId) &&
    (channel === undefined || channelSet.has(channel)) &&
    (comment === undefined ||
      comment === null ||
      (typeof comment === "string" && comment.length <= MAX_COMMENT)) &&
    (locale === undefined || locale === null || localeSet.has(locale)) &&
    (metadata === undefined || isWellFormedMetadata(metadata)) &&
    (source === undefined || sourceSet.has(source)) &&
    (createdAt === undefined || isWellFormedTime(createdAt))
  );
}
