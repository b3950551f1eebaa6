// Tests hold every API answer against the OpenAPI document: the status must be one the operation declares
// and the body must match its schema. Off unless a test turns it on (test/contract-setup.ts); in production
// the middleware is one branch per request.
import { Ajv2020 } from "ajv/dist/2020.js";
import type { MiddlewareHandler } from "hono";

type Json = Record<string, unknown>;
export type Violation = string;

let onViolation: ((v: Violation) => void) | undefined;

/** Turns the check on for every app made from now on in this process (tests only). */
export function checkResponsesWith(report: ((v: Violation) => void) | undefined): void {
  onViolation = report;
}

function checker(doc: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  // Each schema checked alone, with the components as its $defs (refs rewritten to point there).
  const components = (doc.components as Json).schemas as Json;
  const local = (schema: unknown): Json =>
    JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\//g, '"#/$defs/')) as Json;
  const defs = local(components);
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  const validatorFor = (key: string, schema: unknown) => {
    let v = compiled.get(key);
    if (!v) compiled.set(key, (v = ajv.compile({ ...local(schema), $defs: defs })));
    return v;
  };
  // Concrete paths before templated ones, as OpenAPI matches them: /responses/export.csv is not /responses/{id}.
  const templates = (p: string) => p.split("{").length;
  const paths = Object.keys(doc.paths as Json)
    .sort((a, b) => templates(a) - templates(b))
    .map((p) => ({
      path: p,
      pattern: new RegExp(
        "^" + p.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{\w+\\?\}/g, "[^/]+") + "$",
      ),
    }));
  return (
    method: string,
    path: string,
    status: number,
    type: string,
    body: string,
  ): Violation | undefined => {
    const m = method.toLowerCase() === "head" ? "get" : method.toLowerCase();
    const found = paths.find((p) => p.pattern.test(path) && (doc.paths as Record<string, Json>)[p.path]?.[m]);
    if (!found) return undefined; // not an operation: the fallback's 404/405
    const op = (doc.paths as Record<string, Record<string, Json>>)[found.path]![m] as Json;
    const where = `${method} ${path} → ${status}`;
    const responses = op.responses as Record<string, Json>;
    const declared = responses[String(status)];
    if (!declared) return `${where}: status not declared by ${String(op.operationId)}`;
    const content = declared.content as Record<string, unknown> | undefined;
    if (!content) return body === "" ? undefined : `${where}: a body where none is declared`;
    const media = type.split(";")[0]!.trim().toLowerCase();
    if (!(media in content))
      return `${where}: content-type ${media} not declared (${Object.keys(content).join(", ")})`;
    if (!media.endsWith("json")) return undefined;
    const schema = (content[media] as Json).schema;
    if (!schema) return `${where}: no schema`;
    const validate = validatorFor(`${found.path} ${m} ${status} ${media}`, schema);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return `${where}: body is not JSON`;
    }
    if (validate(parsed)) return undefined;
    const first = validate.errors?.slice(0, 3).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
    return `${where}: body does not match ${String(op.operationId)}'s schema: ${first?.join("; ")}`;
  };
}

/** Checks each answer under /api/ against `doc` when tests asked for it. */
export function responseCheck(doc: () => Record<string, unknown>): MiddlewareHandler {
  let check: ReturnType<typeof checker> | undefined;
  return async (c, next) => {
    await next();
    const report = onViolation;
    if (!report) return;
    check ??= checker(doc());
    const res = c.res;
    const text = await res.clone().text();
    const v = check(c.req.method, c.req.path, res.status, res.headers.get("content-type") ?? "", text);
    if (v) report(v);
  };
}
