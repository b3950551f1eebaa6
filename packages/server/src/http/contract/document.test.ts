// The document the contract generates: complete (an id, a summary and schemas for every operation), and clean
// under a maintained OpenAPI linter (Redocly's recommended rules).
import { createConfig, lintFromString, stringifyYaml } from "@redocly/openapi-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../../test/database.ts";
import { testClient } from "../../../test/app.ts";
import type { OpenDatabase } from "../../db/open.ts";

type Json = Record<string, unknown>;
let doc: Json;
let open: OpenDatabase;
afterAll(() => open.close());

beforeAll(async () => {
  open = await openTestDatabase();
  const client = await testClient(open.db);
  const res = await client.call("GET", "/api/v1/openapi.json");
  expect(res.status).toBe(200);
  doc = res.body as Json;
});

const operationsOf = (d: Json) =>
  Object.entries(d.paths as Record<string, Record<string, Json>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ where: `${method.toUpperCase()} ${path}`, op })),
  );

describe("the OpenAPI document", () => {
  it("gives every operation a unique operationId, a summary, and a schema for each JSON answer", () => {
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(70);
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const missing: string[] = [];
    for (const { where, op } of ops) {
      if (typeof op.operationId !== "string" || !/^[a-z][A-Za-z0-9]+$/.test(op.operationId))
        missing.push(`${where}: operationId`);
      if (typeof op.summary !== "string" || op.summary.length < 5) missing.push(`${where}: summary`);
      const responses = op.responses as Record<string, Json>;
      const success = Object.keys(responses).filter((s) => s.startsWith("2"));
      if (success.length !== 1) missing.push(`${where}: one success response`);
      if (op.security === undefined && !Object.keys(responses).some((s) => s.startsWith("4")))
        missing.push(`${where}: error responses`);
      for (const [status, r] of Object.entries(responses)) {
        for (const [media, body] of Object.entries((r.content ?? {}) as Record<string, Json>)) {
          const schema = body.schema as Json | undefined;
          if (media.endsWith("json") && (!schema || Object.keys(schema).length === 0))
            missing.push(`${where} ${status}: no schema for ${media}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it("lints clean under Redocly's recommended rules", async () => {
    // Health and the document itself answer no client error, so they declare none.
    const config = await createConfig({
      extends: ["recommended"],
      rules: { "operation-4xx-response": "off" },
    });
    const problems = await lintFromString({
      source: stringifyYaml(doc),
      absoluteRef: "openapi.yaml",
      config,
    });
    const shown = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ""}`,
    );
    expect(shown).toEqual([]);
  });
});
