// A page answer through the HTTP app reaches the event subscribers: the answer's response.created is
// recorded with it and handed once to a subscriber registered beside the app's own list.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../clock.ts";
import type { OpenDatabase } from "../../db/open.ts";
import { dispatchEvents, type Subscriber } from "../../domain/events/dispatch.ts";
import type { DomainEvent } from "../../domain/events/record.ts";
import { defineSubscriber, subscribers } from "../../domain/events/subscribers.ts";
import { testClient } from "../../../test/app.ts";
import { openTestDatabase } from "../../../test/database.ts";
import { personFields } from "../../../test/page-form.ts";

let open: OpenDatabase;
beforeAll(async () => (open = await openTestDatabase()));
afterAll(() => open.close());

describe("events from a page answer", () => {
  it("hands response.created to a subscriber once the answer is stored", async () => {
    const clock = new ManualClock(new Date());
    const c = await testClient(open.db, { deps: { clock, publicRequestsPerMinute: 100_000 } });
    const surveyId = (
      await c.call("POST", "/api/v1/surveys", {
        name: "NPS",
        kind: "nps",
        status: "active",
        question: { ja: "薦めますか？", en: "Recommend?" },
      })
    ).body.id as string;
    const send = (await c.call("POST", "/api/v1/sends", { surveyId })).body as { id: string; url: string };
    const path = send.url.replace(/^https?:\/\/[^/]+/, "");
    const browser = { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130 Safari/537.36" };
    const page = await (await c.app.request(path, { headers: browser })).text();
    const posted = await c.app.request(path, {
      method: "POST",
      headers: { ...browser, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ step: "done", ...personFields(page), score: "9", comment: "Great" }),
    });
    expect(posted.status).toBeLessThan(400);
    const { rows } = await sql<{ id: string }>`
      select id from responses where workspace_id = ${c.workspaceId} and send_id = ${send.id}`.execute(
      open.db,
    );
    expect(rows).toHaveLength(1);

    const seen: DomainEvent<"response.created">[] = [];
    const probe = defineSubscriber({
      name: `test-page-answer-${c.workspaceId}`,
      types: ["response.created"],
      async handle(event) {
        seen.push(event);
      },
    });
    const all: Subscriber[] = [...subscribers, probe as Subscriber];
    await dispatchEvents(open.db, all, clock, { workspaceId: c.workspaceId });
    await dispatchEvents(open.db, all, clock, { workspaceId: c.workspaceId });
    expect(seen).toEqual([
      {
        id: expect.any(Number),
        workspaceId: c.workspaceId,
        type: "response.created",
        subjectId: rows[0]!.id,
        payload: {
          surveyId,
          contactId: null,
          sendId: send.id,
          score: 9,
          segment: "promoter",
          source: "email",
        },
        createdAt: expect.any(Date),
      },
    ]);
  });
});
