// What the latest comments read and where "Responses at this touchpoint" leads: the page's period, survey
// and channel. The responses feed has no contact attribute filter, so an attribute filter is not passed.
import { channels } from "@koe/server/shared";
import { type Query, oneOf, type QueryOf } from "../../api/client.ts";
import { dayBounds } from "../../ui/day-bounds.ts";
import type { Filters } from "../../ui/filters.tsx";

/** The /responses query: the period's days as instants in the workspace's zone, as the responses page does. */
export const commentsQuery = (
  touchpointId: string,
  f: Filters,
  timeZone: string,
): QueryOf<"/api/v1/responses"> => ({
  ...dayBounds(f.from, f.to, timeZone),
  touchpointId,
  surveyId: f.surveyId,
  channel: oneOf(channels, f.channel),
});

/** The responses page's URL filters (as the filter bar writes them) for the same responses. */
export const responsesLinkQuery = (touchpointId: string, f: Filters): Query => ({
  touchpoint: touchpointId,
  surveyId: f.surveyId,
  channel: f.channel,
  range: f.range,
  ...(f.range === "custom" ? { from: f.from, to: f.to } : {}),
});
