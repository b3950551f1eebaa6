import { describe, expect, it } from "vitest";
import { noPages, pageFailed, pageLoaded, type PageState } from "./page-state.ts";

const shown: PageState<number> = { items: [1, 2], cursor: "c2", error: undefined };
const boom = new Error("boom");

describe("pageLoaded", () => {
  it("replaces the items with a first page and adds a next page", () => {
    expect(pageLoaded(shown, null, { data: [9], nextCursor: null })).toEqual({
      items: [9],
      cursor: null,
      error: undefined,
    });
    expect(pageLoaded(shown, "c2", { data: [3], nextCursor: "c3" })).toEqual({
      items: [1, 2, 3],
      cursor: "c3",
      error: undefined,
    });
  });

  it("clears an earlier failure", () => {
    expect(
      pageLoaded({ ...noPages, error: boom }, null, { data: [], nextCursor: null }).error,
    ).toBeUndefined();
  });
});

describe("pageFailed", () => {
  it("keeps the items and cursor when a next page fails, so it can be asked for again", () => {
    expect(pageFailed(shown, "c2", boom)).toEqual({ items: [1, 2], cursor: "c2", error: boom });
  });

  it("drops the older items and their cursor when a first page (new filters) fails", () => {
    expect(pageFailed(shown, null, boom)).toEqual({ items: undefined, cursor: null, error: boom });
  });
});
