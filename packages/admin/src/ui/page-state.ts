// What a cursor-paged list (usePages) holds, and how a page's arrival or failure changes it.
import type { Page } from "../api/types.ts";

export interface PageState<T> {
  items: T[] | undefined;
  cursor: string | null;
  error: Error | undefined;
}

export const noPages: PageState<never> = { items: undefined, cursor: null, error: undefined };

/** A page arrived: the first page (`after` null) replaces the items, a next page adds to them. */
export function pageLoaded<T>(s: PageState<T>, after: string | null, page: Page<T>): PageState<T> {
  const items = after && s.items ? [...s.items, ...page.data] : page.data;
  return { items, cursor: page.nextCursor, error: undefined };
}

/**
 * A load failed. A next page keeps the items and their cursor, so a retry asks for that page again. A
 * first page drops them: they belong to the older filters and must not pass for these, nor their cursor
 * continue under these filters.
 */
export function pageFailed<T>(s: PageState<T>, after: string | null, error: Error): PageState<T> {
  return after ? { ...s, error } : { items: undefined, cursor: null, error };
}
