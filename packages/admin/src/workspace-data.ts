// Lists nearly every page needs (surveys, touchpoints), fetched once per page view and shared by hooks.
import { useGet } from "./api/hooks.ts";
import type { Survey, Touchpoint } from "./api/types.ts";

export type { Survey, Touchpoint };

const all = { params: { query: { limit: 1000 } } };
export const useSurveys = () => useGet("/api/v1/surveys", all);
export const useTouchpoints = () => useGet("/api/v1/touchpoints", all);

/** The locale's text of a per-locale field, else the other locale's. */
export const localText = (
  text: { ja?: string | undefined; en?: string | undefined } | undefined,
  locale: "ja" | "en",
) => text?.[locale] ?? text?.[locale === "ja" ? "en" : "ja"] ?? "";
