// The editor's times are the workspace's clock, not the browser's: 09:00 in Tokyo is 00:00 UTC, and a
// saved campaign reads back as the admin typed it; a filter's empty rows are not sent.
import { describe, expect, it } from "vitest";
import type { Campaign } from "../../api/types.ts";
import { fromCampaign, isoToLocal, localToIso, newDraft, toBody } from "./campaign-draft.ts";

describe("campaign draft", () => {
  it("reads a local time in the workspace's zone, across a DST change too", () => {
    expect(localToIso("2026-12-08T09:00", "Asia/Tokyo")).toBe("2026-12-08T00:00:00.000Z");
    expect(localToIso("2026-07-01T09:00", "America/New_York")).toBe("2026-07-01T13:00:00.000Z");
    expect(localToIso("2026-12-01T09:00", "America/New_York")).toBe("2026-12-01T14:00:00.000Z");
    expect(isoToLocal("2026-12-08T00:00:00.000Z", "Asia/Tokyo")).toBe("2026-12-08T09:00");
    expect(localToIso("", "Asia/Tokyo")).toBeUndefined();
  });

  it("sends what was typed and reads it back the same", () => {
    const draft = {
      ...newDraft(),
      name: "Pro NPS",
      surveyId: "0193a2b0-0000-7000-8000-000000000001",
      audienceKind: "filter" as const,
      filters: [
        { key: "plan", value: "pro" },
        { key: " ", value: "ignored" },
      ],
      scheduleKind: "at" as const,
      at: "2026-12-08T09:00",
      reminderCount: 1 as const,
      afterDays: "5",
    };
    const body = toBody(draft, "Asia/Tokyo");
    expect(body).toEqual({
      name: "Pro NPS",
      surveyId: draft.surveyId,
      touchpointId: null,
      audience: { kind: "filter", attributes: { plan: "pro" } },
      schedule: { kind: "at", at: "2026-12-08T00:00:00.000Z" },
      reminders: { count: 1, afterDays: 5 },
    });
    const stored = {
      ...body,
      id: "0193a2b0-0000-7000-8000-000000000002",
      touchpointId: null,
      status: "draft",
      round: 0,
      nextRunAt: null,
      launchedAt: null,
      createdAt: "2026-12-01T00:00:00.000Z",
      updatedAt: "2026-12-01T00:00:00.000Z",
    } as Campaign;
    expect(fromCampaign(stored, "Asia/Tokyo")).toMatchObject({
      audienceKind: "filter",
      filters: [{ key: "plan", value: "pro" }],
      scheduleKind: "at",
      at: "2026-12-08T09:00",
      reminderCount: 1,
      afterDays: "5",
    });
    // Without reminders a blank day count is no error.
    expect(toBody({ ...draft, reminderCount: 0, afterDays: "" }, "Asia/Tokyo").reminders).toEqual({
      count: 0,
      afterDays: 3,
    });
  });
});
