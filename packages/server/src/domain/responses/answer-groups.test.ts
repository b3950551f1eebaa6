// Many people answering at the same moment: their answers go as grouped statements (db/grouped.ts), and
// each person must still get exactly their own outcome.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newNpsSurvey, newWorkspace, openTestDatabase } from "../../../test/database.ts";
import type { Db, OpenDatabase } from "../../db/open.ts";
import { createContact } from "../contacts/contacts.ts";
import { recordIntent } from "../sends/intents.ts";
import { answerTargetOf, loadSendContext } from "../sends/send-context.ts";
import { createSend } from "../sends/sends.ts";
import { saveAnswer } from "./answer.ts";

let open: OpenDatabase;
let db: Db;
let ws: string;
let surveyId: string;
const links = { secret: "answer-groups-secret-0123456789abcdef", baseUrl: "" };
const browser = { method: "GET", userAgent: "Mozilla/5.0 Chrome/130", purpose: "" };

beforeAll(async () => {
  open = await openTestDatabase();
  db = open.db;
  ws = await newWorkspace(db);
  surveyId = await newNpsSurvey(db, ws);
});
afterAll(() => open.close());

async function newSend(email: string) {
  const contact = await createContact(db, ws, { email });
  const send = await createSend(db, ws, { surveyId, contactId: contact.id }, links, new Date());
  return { sendId: send.id, contactId: contact.id };
}

const answer = (score: number) => ({ score, comment: `score ${score}`, locale: "en" as const });

async function counted(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select coalesce(sum(n), 0)::int as n from response_rollups
    where workspace_id = ${ws} and survey_id = ${surveyId}`.execute(db);
  return rows[0]!.n;
}

describe("answers given at the same moment", () => {
  it("stores each person's answer once, counts each once and confirms each one's intent", async () => {
    const before = await counted();
    const sends = await Promise.all(Array.from({ length: 60 }, (_, i) => newSend(`many${i}@example.com`)));
    for (const s of sends) await recordIntent(db, ws, s.sendId, 7, browser, new Date());
    const contexts = await Promise.all(sends.map((s) => loadSendContext(db, ws, s.sendId)));
    expect(contexts.map((c) => c?.send.contact_id)).toEqual(sends.map((s) => s.contactId));
    const results = await Promise.all(
      contexts.map((c, i) => saveAnswer(db, ws, answerTargetOf(c!), answer(i % 11), new Date())),
    );
    expect(results.every((r) => r.created)).toBe(true);
    const ids = sends.map((s) => s.sendId);
    const stored = await db
      .selectFrom("responses")
      .select(["id", "send_id", "score"])
      .where("workspace_id", "=", ws)
      .where("send_id", "in", ids)
      .execute();
    expect(stored).toHaveLength(60);
    const bySend = new Map(stored.map((r) => [r.send_id, r]));
    sends.forEach((s, i) => {
      expect(bySend.get(s.sendId)).toMatchObject({ id: results[i]!.responseId, score: i % 11 });
    });
    expect(await counted()).toBe(before + 60);
    const intents = await db
      .selectFrom("intents")
      .select("verdict")
      .where("workspace_id", "=", ws)
      .where("send_id", "in", ids)
      .execute();
    expect(intents.map((p) => p.verdict)).toEqual(Array(60).fill("confirmed"));
  });

  it("keeps one response when the same send is answered twice at once, with one of the two scores", async () => {
    const before = await counted();
    const s = await newSend("twice@example.com");
    const context = await loadSendContext(db, ws, s.sendId);
    const both = await Promise.all([
      saveAnswer(db, ws, answerTargetOf(context!), answer(2), new Date()),
      saveAnswer(db, ws, answerTargetOf(context!), answer(10), new Date()),
    ]);
    expect(both.map((r) => r.created).sort()).toEqual([false, true]);
    const rows = await db
      .selectFrom("responses")
      .select(["id", "score"])
      .where("workspace_id", "=", ws)
      .where("send_id", "=", s.sendId)
      .execute();
    expect(rows).toHaveLength(1);
    expect([2, 10]).toContain(rows[0]!.score);
    expect(await counted()).toBe(before + 1);
  });

  it("fails only the answer that cannot be stored, not the others sent with it", async () => {
    const before = await counted();
    const sends = await Promise.all(Array.from({ length: 20 }, (_, i) => newSend(`mixed${i}@example.com`)));
    const contexts = await Promise.all(sends.map((s) => loadSendContext(db, ws, s.sendId)));
    // The fifth person's contact is deleted between their page load and their answer.
    await db
      .deleteFrom("contacts")
      .where("workspace_id", "=", ws)
      .where("id", "=", sends[4]!.contactId)
      .execute();
    const settled = await Promise.allSettled(
      contexts.map((c) => saveAnswer(db, ws, answerTargetOf(c!), answer(9), new Date())),
    );
    expect(settled.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(settled[4]?.status).toBe("rejected");
    expect(await counted()).toBe(before + 19);
  });
});
