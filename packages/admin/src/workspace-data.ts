// Lists nearly every page needs (surveys, touchpoints), fetched once per page view and shared by hooks.
import type { Survey } from "../../server/src/domain/surveys/survey-schema.ts";
import type { Touchpoint } from "../../server/src/domain/touchpoints/touchpoint-schema.ts";
import { useApi, type Page } from "./api.ts";

export type { Survey, Touchpoint };

export const useSurveys = () => useApi<Page<Survey>>("/surveys?limit=1000");
export const useTouchpoints = () => useApi<Page<Touchpoint>>("/touchpoints?limit=1000");

/** The locale's text of a per-locale field, else the other locale's. */
export const localText = (
  text: { ja?: string | undefined; en?: string | undefined } | undefined,
  locale: "ja" | "en",
) => text?.[locale] ?? text?.[locale === "ja" ? "en" : "ja"] ?? "";
