// A campaign's test send, made the one way the product makes them: a draft campaign's test-send call.
import { sql } from "kysely";
import type { TestClient } from "./app.ts";

/** The send behind a test email of `surveyId` to a tester, showing `contactId`'s data if given. */
export async function campaignTestSend(c: TestClient, surveyId: string, contactId?: string): Promise<string> {
  const campaign = await c.call("POST", "/api/v1/campaigns", {
    name: "Test",
    surveyId,
    audience: { kind: "all" },
  });
  const sent = await c.call("POST", `/api/v1/campaigns/${campaign.body.id}/test-send`, {
    email: "tester@example.com",
    ...(contactId ? { contactId } : {}),
  });
  if (sent.status !== 202) throw new Error(`test send: ${sent.status} ${JSON.stringify(sent.body)}`);
  const { rows } = await sql<{ id: string }>`select id from sends
    where workspace_id = ${c.workspaceId} and metadata ->> 'campaignId' = ${campaign.body.id}`.execute(c.db);
  if (rows.length !== 1) throw new Error(`test send: ${rows.length} sends`);
  return rows[0]!.id;
}
