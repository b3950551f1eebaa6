// Text from public pages, made storable: PostgreSQL text holds no NUL and jsonb no lone surrogate (a cut
// through a pair leaves one), and lengths count characters as PostgreSQL's length() does: code points.

// eslint-disable-next-line no-control-regex -- the NUL is what is looked for
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** At most `max` characters (code points) of `text`, without NUL or lone surrogates. */
export function storableText(text: string, max: number): string {
  const clean = text.replace(unstorable, "");
  if (clean.length <= max) return clean; // UTF-16 length ≥ code points: nothing to cut
  return Array.from(clean).slice(0, max).join("");
}

/** Whether `text` has more than `max` characters (code points). */
export const longerThan = (text: string, max: number): boolean =>
  text.length > max && Array.from(text).length > max;
