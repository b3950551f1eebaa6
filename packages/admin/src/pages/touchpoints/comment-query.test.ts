import { describe, expect, it } from "vitest";
import { readFilters } from "../../ui/filters.tsx";
import { commentsQuery, responsesLinkQuery } from "./comment-query.ts";

const custom = readFilters(
  new URLSearchParams(
    "range=custom&from=2026-11-01&to=2026-11-30&surveyId=s1&channel=email&attribute=plan=pro",
  ),
);

describe("commentsQuery", () => {
  it("reads the period's whole days in the workspace's zone, the survey and the channel", () => {
    expect(commentsQuery("tp1", custom, "Asia/Tokyo")).toEqual({
      from: "2026-10-31T15:00:00.000Z",
      to: "2026-11-30T14:59:59.999Z",
      touchpointId: "tp1",
      surveyId: "s1",
      channel: "email",
    });
  });
});

describe("responsesLinkQuery", () => {
  it("carries a custom period with its days", () => {
    expect(responsesLinkQuery("tp1", custom)).toEqual({
      touchpoint: "tp1",
      surveyId: "s1",
      channel: "email",
      range: "custom",
      from: "2026-11-01",
      to: "2026-11-30",
    });
  });

  it("carries a rolling period as its range alone", () => {
    const f = readFilters(new URLSearchParams("range=90"));
    expect(responsesLinkQuery("tp1", f)).toEqual({
      touchpoint: "tp1",
      surveyId: undefined,
      channel: undefined,
      range: "90",
    });
  });
});
