import { ValidationError } from "./errors.ts";
import { isId } from "./ids.ts";
import type { Page } from "./fields.ts";

/** Lists ordered by id descending (UUIDv7: newest first); the cursor is the last id seen. */
export function decodeIdCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  if (!isId(cursor))
    throw new ValidationError([{ path: "cursor", message: "is not a cursor from this list" }]);
  return cursor;
}

/** Callers fetch limit + 1 rows; the extra row only tells whether another page exists. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (r: R) => T,
  cursorOf: (r: R) => string,
): Page<T> {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { data: page.map(map), nextCursor: more && last ? cursorOf(last) : null };
}
