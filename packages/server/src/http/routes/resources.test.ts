// CRUD of the plain resources (surveys, touchpoints, contacts, companies) and the rules a user meets.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient, type TestClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";

let open: OpenDatabase;
beforeAll(async () => {
  open = await openTestDatabase();
});
afterAll(() => open.close());

interface Listed {
  data: { id: string }[];
  nextCursor: string | null;
}

/** Walks a list page by page; returns the ids in order and the number of pages. */
async function walk(c: TestClient, path: string, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await c.call(
      "GET",
      `${path}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(res.status).toBe(200);
    const page = res.body as Listed;
    expect(page.data.length).toBeLessThanOrEqual(limit);
    ids.push(...page.data.map((r) => r.id));
    cursor = page.nextCursor;
    pages++;
    if (cursor !== null) expect(page.data).toHaveLength(limit);
  } while (cursor !== null && pages < 100);
  return { ids, pages };
}

interface Case {
  path: string;
  make: (i: number) => Record<string, unknown>;
  patch: Record<string, unknown>;
  expectAfterPatch: Record<string, unknown>;
}

const cases: Record<string, Case> = {
  surveys: {
    path: "/api/v1/surveys",
    make: (i) => ({
      name: `Survey ${i}`,
      kind: "nps",
      question: { ja: "おすすめしますか？", en: "Would you recommend us?" },
    }),
    patch: { name: "Renamed", status: "active", followUps: { detractor: { en: "What went wrong?" } } },
    expectAfterPatch: {
      name: "Renamed",
      status: "active",
      kind: "nps",
      followUps: { detractor: { en: "What went wrong?" } },
    },
  },
  touchpoints: {
    path: "/api/v1/touchpoints",
    make: (i) => ({
      name: `Touchpoint ${i}`,
      kind: "support",
      channel: "phone",
      team: "Tier 1",
      journeyStage: "support",
    }),
    patch: { channel: "chat", team: null },
    expectAfterPatch: { channel: "chat", team: null, kind: "support", journeyStage: "support" },
  },
  contacts: {
    path: "/api/v1/contacts",
    make: (i) => ({
      email: `person${i}@example.com`,
      name: `Person ${i}`,
      locale: "ja",
      timeZone: "Asia/Tokyo",
      attributes: { plan: "pro" },
    }),
    patch: { name: "山田 花子", locale: "en", attributes: { plan: "free", seats: 3 } },
    expectAfterPatch: {
      name: "山田 花子",
      locale: "en",
      attributes: { plan: "free", seats: 3 },
      timeZone: "Asia/Tokyo",
    },
  },
  companies: {
    path: "/api/v1/companies",
    make: (i) => ({ name: `Company ${i}`, domain: `c${i}.example.com`, externalId: `crm-${i}` }),
    patch: { name: "株式会社テスト", domain: null },
    expectAfterPatch: { name: "株式会社テスト", domain: null, externalId: "crm-0" },
  },
};

describe.each(Object.entries(cases))("%s CRUD", (_name, spec) => {
  let c: TestClient;
  beforeAll(async () => {
    c = await testClient(open.db);
  });

  it("creates (201), reads, updates, deletes (204) and then answers 404", async () => {
    const created = await c.call("POST", spec.path, spec.make(0));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(typeof id).toBe("string");
    expect(Date.parse(created.body.createdAt as string)).not.toBeNaN();

    const got = await c.call("GET", `${spec.path}/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);

    const patched = await c.call("PATCH", `${spec.path}/${id}`, spec.patch);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id, ...spec.expectAfterPatch });
    expect(Date.parse(patched.body.updatedAt as string)).toBeGreaterThanOrEqual(
      Date.parse(created.body.updatedAt as string),
    );
    expect((await c.call("GET", `${spec.path}/${id}`)).body).toEqual(patched.body);

    const deleted = await c.call("DELETE", `${spec.path}/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    for (const method of ["GET", "DELETE"]) {
      const gone = await c.call(method, `${spec.path}/${id}`);
      expect(gone.status).toBe(404);
      expect(gone.headers.get("content-type")).toContain("application/problem+json");
    }
    expect((await c.call("PATCH", `${spec.path}/${id}`, spec.patch)).status).toBe(404);
  });

  it("lists newest first with cursor paging over more items than the limit", async () => {
    const made: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const res = await c.call("POST", spec.path, spec.make(i));
      expect(res.status).toBe(201);
      made.push(res.body.id as string);
    }
    const { ids, pages } = await walk(c, spec.path, 3);
    expect(pages).toBe(3); // 3 + 3 + 1, the last with nextCursor null
    expect(ids).toEqual([...made].reverse());
    // The default page holds them all, with no next page.
    const all = await c.call("GET", spec.path);
    expect(all.body.data).toHaveLength(7);
    expect(all.body.nextCursor).toBeNull();
  });

  it("rejects bad paging parameters with 422 naming the field", async () => {
    for (const [qs, field] of [
      ["limit=0", "limit"],
      ["limit=1001", "limit"],
      ["limit=abc", "limit"],
      ["cursor=not-a-cursor", "cursor"],
    ]) {
      const res = await c.call("GET", `${spec.path}?${qs}`);
      expect(res.status, qs).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
  });

  it("rejects unknown fields and a missing body", async () => {
    const extra = await c.call("POST", spec.path, { ...spec.make(99), surprise: true });
    expect(extra.status).toBe(422);
    expect(extra.headers.get("content-type")).toContain("application/problem+json");
    expect(JSON.stringify(extra.body.errors)).toContain("surprise");
    const empty = await c.call("POST", spec.path, {});
    expect(empty.status).toBe(422);
    expect(empty.body.errors.length).toBeGreaterThan(0);
  });
});

describe("touchpoints", () => {
  it("refuse a duplicate name with 409, on create and on rename", async () => {
    const c = await testClient(open.db);
    const first = await c.call("POST", "/api/v1/touchpoints", {
      name: "Webinar",
      kind: "marketing",
      channel: "web",
    });
    expect(first.status).toBe(201);
    const dup = await c.call("POST", "/api/v1/touchpoints", {
      name: "Webinar",
      kind: "sales",
      channel: "in_person",
    });
    expect(dup.status).toBe(409);
    expect(dup.headers.get("content-type")).toContain("application/problem+json");
    expect(dup.body.detail).toContain("Webinar");
    const second = await c.call("POST", "/api/v1/touchpoints", {
      name: "Onboarding call",
      kind: "onboarding",
      channel: "phone",
    });
    expect((await c.call("PATCH", `/api/v1/touchpoints/${second.body.id}`, { name: "Webinar" })).status).toBe(
      409,
    );
    // Another workspace may use the same name.
    const other = await testClient(open.db);
    expect(
      (
        await other.call("POST", "/api/v1/touchpoints", {
          name: "Webinar",
          kind: "marketing",
          channel: "web",
        })
      ).status,
    ).toBe(201);
  });

  it("cannot be deleted once responses point at it (409), and stay readable", async () => {
    const c = await testClient(open.db);
    const tp = (
      await c.call("POST", "/api/v1/touchpoints", { name: "Shop", kind: "sales", channel: "in_person" })
    ).body.id;
    const survey = (
      await c.call("POST", "/api/v1/surveys", { name: "NPS", kind: "nps", question: { en: "?" } })
    ).body.id;
    expect(
      (await c.call("POST", "/api/v1/responses", { surveyId: survey, touchpointId: tp, score: 8 })).status,
    ).toBe(201);
    const res = await c.call("DELETE", `/api/v1/touchpoints/${tp}`);
    expect(res.status).toBe(409);
    expect((await c.call("GET", `/api/v1/touchpoints/${tp}`)).status).toBe(200);
  });
});

describe("surveys", () => {
  let c: TestClient;
  beforeAll(async () => {
    c = await testClient(open.db);
  });

  it("refuse follow-ups keyed by a segment of another kind (422 naming followUps.promoter)", async () => {
    const res = await c.call("POST", "/api/v1/surveys", {
      name: "CSAT",
      kind: "csat",
      question: { en: "How satisfied are you?" },
      followUps: { promoter: { en: "Thanks!" }, happy: { en: "Great!" } },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["followUps.promoter"]);

    // The same rule holds when patching follow-ups alone, checked against the stored kind.
    const nps = await c.call("POST", "/api/v1/surveys", { name: "NPS", kind: "nps", question: { en: "?" } });
    const patched = await c.call("PATCH", `/api/v1/surveys/${nps.body.id}`, {
      followUps: { happy: { en: "Yay" } },
    });
    expect(patched.status).toBe(422);
    expect(patched.body.errors.map((e: { path: string }) => e.path)).toEqual(["followUps.happy"]);
    // ...and when changing kind and follow-ups together.
    const both = await c.call("PATCH", `/api/v1/surveys/${nps.body.id}`, {
      kind: "ces",
      followUps: { promoter: { en: "x" } },
    });
    expect(both.status).toBe(422);
    expect(both.body.errors.map((e: { path: string }) => e.path)).toEqual(["followUps.promoter"]);
    expect((await c.call("GET", `/api/v1/surveys/${nps.body.id}`)).body.kind).toBe("nps");
  });

  it("default to draft and Japanese, and refuse a question with no locale", async () => {
    const res = await c.call("POST", "/api/v1/surveys", {
      name: "Defaults",
      kind: "ces",
      question: { en: "Easy?" },
    });
    expect(res.body).toMatchObject({ status: "draft", defaultLocale: "ja", kind: "ces" });
    const none = await c.call("POST", "/api/v1/surveys", { name: "No text", kind: "nps", question: {} });
    expect(none.status).toBe(422);
    expect(none.body.errors.map((e: { path: string }) => e.path)).toEqual(["question"]);
    const long = await c.call("POST", "/api/v1/surveys", {
      name: "x".repeat(201),
      kind: "nps",
      question: { en: "?" },
    });
    expect(long.status).toBe(422);
    expect(long.body.errors.map((e: { path: string }) => e.path)).toEqual(["name"]);
  });

  it("may change kind while unanswered (stale follow-ups dropped), not once answered (409)", async () => {
    const created = await c.call("POST", "/api/v1/surveys", {
      name: "Changing",
      kind: "nps",
      question: { en: "Recommend?" },
      followUps: { detractor: { en: "Why?" }, promoter: { en: "What do you love?" } },
    });
    const id = created.body.id as string;
    // Re-sending the same kind keeps the follow-ups.
    const same = await c.call("PATCH", `/api/v1/surveys/${id}`, { name: "Changing", kind: "nps" });
    expect(same.status).toBe(200);
    expect(same.body.followUps).toEqual({ detractor: { en: "Why?" }, promoter: { en: "What do you love?" } });

    const toCsat = await c.call("PATCH", `/api/v1/surveys/${id}`, { kind: "csat" });
    expect(toCsat.status).toBe(200);
    expect(toCsat.body).toMatchObject({ kind: "csat", followUps: {} });

    expect((await c.call("POST", "/api/v1/responses", { surveyId: id, score: 4 })).status).toBe(201);
    const refused = await c.call("PATCH", `/api/v1/surveys/${id}`, { kind: "nps" });
    expect(refused.status).toBe(409);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect((await c.call("GET", `/api/v1/surveys/${id}`)).body.kind).toBe("csat");
    // Other changes are still allowed.
    expect(
      (await c.call("PATCH", `/api/v1/surveys/${id}`, { status: "closed", kind: "csat" })).body.status,
    ).toBe("closed");
  });

  it("with responses cannot be deleted (409) and keeps its responses", async () => {
    const id = (
      await c.call("POST", "/api/v1/surveys", { name: "Answered", kind: "nps", question: { en: "?" } })
    ).body.id;
    await c.call("POST", "/api/v1/responses", [
      { surveyId: id, score: 10 },
      { surveyId: id, score: 2 },
    ]);
    const res = await c.call("DELETE", `/api/v1/surveys/${id}`);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/close/i);
    expect((await c.call("GET", `/api/v1/surveys/${id}`)).status).toBe(200);
    expect((await c.call("GET", `/api/v1/responses?surveyId=${id}`)).body.data).toHaveLength(2);
    expect((await c.call("GET", `/api/v1/reports/nps?surveyId=${id}`)).body).toMatchObject({ n: 2, nps: 0 });
  });
});

describe("contacts", () => {
  let c: TestClient;
  beforeAll(async () => {
    c = await testClient(open.db);
  });

  it("lower-case the email and refuse a duplicate in any case (409)", async () => {
    const res = await c.call("POST", "/api/v1/contacts", {
      email: "Hanako.Yamada@Example.CO.JP",
      name: "山田花子",
    });
    expect(res.status).toBe(201);
    expect(res.body.email).toBe("hanako.yamada@example.co.jp");
    const dup = await c.call("POST", "/api/v1/contacts", { email: "HANAKO.YAMADA@example.co.jp" });
    expect(dup.status).toBe(409);
    expect(dup.headers.get("content-type")).toContain("application/problem+json");
    // Changing another contact's email to it is refused too.
    const other = await c.call("POST", "/api/v1/contacts", { email: "taro@example.co.jp" });
    expect(
      (await c.call("PATCH", `/api/v1/contacts/${other.body.id}`, { email: "Hanako.Yamada@example.co.jp" }))
        .status,
    ).toBe(409);
    // Another workspace may hold the same person.
    const elsewhere = await testClient(open.db);
    expect(
      (await elsewhere.call("POST", "/api/v1/contacts", { email: "hanako.yamada@example.co.jp" })).status,
    ).toBe(201);
  });

  it("need an email or an externalId, a valid email and a real time zone", async () => {
    const none = await c.call("POST", "/api/v1/contacts", { name: "Nobody" });
    expect(none.status).toBe(422);
    expect(none.body.errors.map((e: { path: string }) => e.path)).toEqual(["email"]);
    expect((await c.call("POST", "/api/v1/contacts", { externalId: "crm-42" })).status).toBe(201);
    const bad = await c.call("POST", "/api/v1/contacts", { email: "not-an-email", timeZone: "Mars/Olympus" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["email", "timeZone"]);
  });

  it("refuse an unknown companyId (422 naming companyId), including another workspace's company", async () => {
    const unknown = await c.call("POST", "/api/v1/contacts", {
      email: "a@example.com",
      companyId: randomUUID(),
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(["companyId"]);
    const theirs = (await (await testClient(open.db)).call("POST", "/api/v1/companies", { name: "Theirs" }))
      .body.id;
    const cross = await c.call("POST", "/api/v1/contacts", { email: "a@example.com", companyId: theirs });
    expect(cross.status).toBe(422);
    expect(cross.body.errors.map((e: { path: string }) => e.path)).toEqual(["companyId"]);
    expect(
      (await c.call("GET", "/api/v1/contacts?limit=1000")).body.data.map((x: { email: string }) => x.email),
    ).not.toContain("a@example.com");

    const created = await c.call("POST", "/api/v1/contacts", { email: "b@example.com" });
    const patched = await c.call("PATCH", `/api/v1/contacts/${created.body.id}`, { companyId: theirs });
    expect(patched.status).toBe(422);
    expect(patched.body.errors.map((e: { path: string }) => e.path)).toEqual(["companyId"]);
  });

  it("keep existing when their company is deleted (companyId cleared)", async () => {
    const company = (await c.call("POST", "/api/v1/companies", { name: "Acme" })).body.id;
    const contact = await c.call("POST", "/api/v1/contacts", {
      email: "member@acme.example",
      companyId: company,
    });
    expect(contact.body.companyId).toBe(company);
    expect((await c.call("DELETE", `/api/v1/companies/${company}`)).status).toBe(204);
    const after = await c.call("GET", `/api/v1/contacts/${contact.body.id}`);
    expect(after.status).toBe(200);
    expect(after.body.companyId).toBeNull();
  });

  it("can be deleted while their responses stay, unlinked", async () => {
    const survey = (
      await c.call("POST", "/api/v1/surveys", { name: "NPS", kind: "nps", question: { en: "?" } })
    ).body.id;
    const contact = (await c.call("POST", "/api/v1/contacts", { email: "leaver@example.com" })).body.id;
    const response = await c.call("POST", "/api/v1/responses", {
      surveyId: survey,
      contactId: contact,
      score: 3,
    });
    expect(response.body.contactId).toBe(contact);
    expect((await c.call("DELETE", `/api/v1/contacts/${contact}`)).status).toBe(204);
    const kept = await c.call("GET", `/api/v1/responses/${response.body.id}`);
    expect(kept.body).toMatchObject({ contactId: null, score: 3, segment: "detractor" });
  });
});

describe("companies", () => {
  it("refuse a duplicate externalId (409)", async () => {
    const c = await testClient(open.db);
    expect((await c.call("POST", "/api/v1/companies", { name: "A", externalId: "sf-001" })).status).toBe(201);
    expect((await c.call("POST", "/api/v1/companies", { name: "B", externalId: "sf-001" })).status).toBe(409);
  });
});
