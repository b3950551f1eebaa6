// The OpenAPI 3.1 document, made from the same zod schemas the routes validate with.
import { z } from "zod";
import type { RouteDoc } from "./route-doc.ts";

const problem = {
  description: "Problem details (RFC 9457)",
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
};

function parameters(doc: RouteDoc): object[] {
  const params: object[] = [];
  for (const [, name] of doc.path.matchAll(/\{(\w+)\}/g)) {
    params.push({ name, in: "path", required: true, schema: { type: "string" } });
  }
  if (doc.query) {
    const schema = z.toJSONSchema(doc.query, { io: "input", unrepresentable: "any" }) as {
      properties?: Record<string, object>;
      required?: string[];
    };
    for (const [name, s] of Object.entries(schema.properties ?? {})) {
      params.push({ name, in: "query", required: schema.required?.includes(name) ?? false, schema: s });
    }
  }
  return params;
}

export function openApiDocument(docs: RouteDoc[], version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const doc of docs) {
    const op: Record<string, unknown> = {
      summary: doc.summary,
      tags: [doc.tag],
      parameters: parameters(doc),
      responses: {
        [doc.success]: { description: doc.success === 204 ? "Done" : "Success" },
        "4XX": problem,
      },
    };
    if (doc.body) {
      op.requestBody = {
        required: true,
        content: {
          "application/json": { schema: z.toJSONSchema(doc.body, { io: "input", unrepresentable: "any" }) },
        },
      };
    }
    if (doc.auth === false) op.security = [];
    (paths[doc.path] ??= {})[doc.method] = op;
  }
  return {
    openapi: "3.1.0",
    info: { title: "Koe API", version, description: "Koe (声): NPS and voice-of-customer platform." },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A workspace API key" } },
      schemas: {
        Problem: {
          type: "object",
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            errors: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  path: { type: "string" },
                  message: { type: "string" },
                  line: { type: "integer", description: "For an uploaded file: the line the error is on" },
                },
              },
            },
          },
        },
      },
    },
  };
}
