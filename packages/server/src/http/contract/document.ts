// The OpenAPI 3.1 document, made from the operations' declarations: zod 4 writes JSON Schema draft 2020-12,
// which is OpenAPI 3.1's own dialect, so schemas go in as written. Schemas named with .meta({ id }) become
// components; the rest stay inline.
import { z } from "zod";
import type { ErrorStatus, Operation } from "./operation.ts";

type Json = Record<string, unknown>;

const problemSchema: Json = {
  type: "object",
  description: "Problem details (RFC 9457)",
  properties: {
    type: {
      type: "string",
      description: "Tells one refusal from others of its status, e.g. urn:koe:problem:validation",
    },
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
        required: ["path", "message"],
      },
    },
  },
  required: ["type", "title", "status", "detail"],
};

/** What each tag groups; an operation's tag must be one of these (the document test checks). */
export const tagDescriptions: Record<string, string> = {
  Access: "API keys and the users of a workspace, with their roles",
  Benchmarks: "Published NPS benchmarks by industry, to compare a score with",
  Campaigns: "Surveys sent by email to an audience: drafts, launch, pause, progress",
  Companies: "The organisations contacts belong to",
  Contacts: "The people surveyed, their attributes, notes and timeline",
  Email: "Messages Koe sent or would send, suppressions and email events",
  Events: "Things that happened in a customer's product, which can trigger a survey",
  Jobs: "Background work: queued, running, failed and dead jobs",
  Operations: "The process itself: health and this document",
  Reports: "NPS, CSAT and CES over time with margins of error, and response rates",
  Responses: "Answers: list, import, export, change",
  Sends: "One survey to one contact, with its personal link",
  Session: "Signing in to the admin app",
  Surveys: "The questions asked, their follow-ups and landing pages",
  Touchpoints: "Where in the customer journey a survey is asked",
  Triggers: "Rules that send a survey when an event happens",
  Workspace: "The current workspace's name, time zone, brand and settings",
  Workspaces: "The workspaces of an instance and the user's memberships",
};

const statusText: Record<ErrorStatus, string> = {
  400: "The request cannot be read (e.g. the body is not JSON)",
  401: "No valid API key or session",
  403: "The key's or user's role may not do this",
  404: "Not found (an id that is not an id is not found too)",
  405: "Method not allowed",
  409: "Conflicts with the current state",
  413: "The body is too large",
  415: "The body is not of a media type this operation takes",
  422: "A field is invalid; `errors` names each",
  429: "Too many requests",
  503: "Not available now",
};

/** The refusals an operation's shape implies, with those it declares. */
export function errorsOf(op: Operation): ErrorStatus[] {
  const e = new Set<ErrorStatus>(op.errors ?? []);
  if (op.auth === undefined) [401, 403].forEach((s) => e.add(s as ErrorStatus));
  if (op.auth === "session") e.add(401);
  if (op.params && Object.keys(op.params).length > 0) e.add(404);
  if (op.query || op.params) e.add(422);
  if (op.body) [400, 413, 415, 422].forEach((s) => e.add(s as ErrorStatus));
  if (op.upload) [413, 415, 422].forEach((s) => e.add(s as ErrorStatus));
  return [...e].sort();
}

class Schemas {
  readonly components: Record<string, Json> = { Problem: problemSchema };

  /** A schema for the document: a $ref when named, named parts moved to components. */
  add(schema: z.ZodType, io: "input" | "output"): Json {
    // Inputs are named apart: a default makes a field optional going in and present coming out.
    const name = (id: string) => (io === "input" ? `${id}Input` : id);
    const json = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" }) as Json;
    const fix = (s: Json): Json =>
      JSON.parse(
        JSON.stringify(s).replace(
          /"#\/\$defs\/([^"]+)"/g,
          (_, id: string) => `"#/components/schemas/${name(id)}"`,
        ),
      ) as Json;
    const { $defs, $schema: _s, $id: _i, id: _id, ...rest } = json;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, Json>))
      this.components[name(id)] = fix(def);
    const id = z.globalRegistry.get(schema)?.id;
    // A named schema may come back as a $ref to its own $defs entry (moved above) or whole.
    if (id === undefined || "$ref" in rest) return fix(rest);
    this.components[name(id)] = fix(rest);
    return { $ref: `#/components/schemas/${name(id)}` };
  }
}

function parameters(op: Operation, schemas: Schemas): Json[] {
  const params: Json[] = [];
  for (const [name, spec] of Object.entries(op.params ?? {})) {
    params.push(
      typeof spec === "string"
        ? {
            name,
            in: "path",
            required: true,
            description: `The ${spec}'s id`,
            schema: { type: "string", format: "uuid" },
          }
        : { name, in: "path", required: true, schema: schemas.add(spec, "input") },
    );
  }
  if (op.query) {
    const q = schemas.add(op.query, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      const { description, ...rest } = schema as Json & { description?: string };
      const pattern = /^([\w.]*)\{(\w+)\}$/.exec(name);
      const prefix = pattern?.[1] ?? "";
      params.push(
        pattern
          ? {
              // attribute.{key}=value: each such parameter is one property of an exploded form object.
              // Named for the prefix (attributeFilters): with explode the name is never sent.
              name: `${prefix.replace(/\W/g, "")}Filters`,
              in: "query",
              style: "form",
              explode: true,
              ...(description ? { description } : {}),
              schema: {
                type: "object",
                patternProperties: { [`^${prefix.replace(/\./g, "\\.")}.+$`]: rest },
                // Only the prefixed names belong to it; the other parameters are listed apart.
                additionalProperties: false,
              },
            }
          : {
              name,
              in: "query",
              required: q.required?.includes(name) ?? false,
              ...(description ? { description } : {}),
              schema: rest,
            },
      );
    }
  }
  return params;
}

function responses(op: Operation, schemas: Schemas): Json {
  const out: Json = {};
  const s = op.success;
  out[String(s.status)] = {
    description: s.description ?? (s.status === 204 ? "Done" : "Success"),
    ...(s.status === 204
      ? {}
      : {
          content: {
            [s.mediaType ?? "application/json"]: {
              schema: s.schema
                ? schemas.add(s.schema, "output")
                : (s.mediaType ?? "application/json").endsWith("json")
                  ? {}
                  : { type: "string" },
            },
          },
        }),
  };
  for (const status of errorsOf(op)) {
    out[String(status)] = {
      description: statusText[status],
      content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
    };
  }
  return out;
}

export function openApiDocument(operations: readonly Operation[], version: string): Json {
  const schemas = new Schemas();
  const paths: Record<string, Record<string, Json>> = {};
  const tags = new Set<string>();
  for (const op of operations) {
    tags.add(op.tag);
    const entry: Json = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      parameters: parameters(op, schemas),
    };
    if (op.body) {
      entry.requestBody = {
        required: true,
        content: { "application/json": { schema: schemas.add(op.body, "input") } },
      };
    } else if (op.upload) {
      const media = Object.fromEntries(op.upload.mediaTypes.map((m) => [m, { schema: { type: "string" } }]));
      entry.requestBody = { required: true, description: op.upload.description, content: media };
    }
    entry.responses = responses(op, schemas);
    if (op.auth === false) entry.security = [];
    if (op.auth === "session") entry.security = [{ session: [] }];
    (paths[op.path] ??= {})[op.method] = entry;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Koe API",
      version,
      description: "Koe (声): NPS and voice-of-customer platform.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: "/" }],
    security: [{ apiKey: [] }, { session: [] }],
    tags: [...tags].sort().map((name) => ({ name, description: tagDescriptions[name] ?? "" })),
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "A workspace API key" },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "koe_session",
          description: "The admin app's session",
        },
      },
      schemas: Object.fromEntries(Object.entries(schemas.components).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}
