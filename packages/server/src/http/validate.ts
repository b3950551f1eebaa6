// Reading the request through zod; every failure names the field.
import type { Context } from "hono";
import type { z } from "zod";
import { NotFoundError, ValidationError, type FieldIssue } from "../domain/errors.ts";
import { isId } from "../domain/ids.ts";
import { HTTPException } from "hono/http-exception";

export function issuesOf(error: z.ZodError, prefix = ""): FieldIssue[] {
  return error.issues.map((i) => ({
    path: prefix + i.path.map(String).join("."),
    message: i.message,
  }));
}

export function check<S extends z.ZodType>(schema: S, value: unknown, prefix = ""): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(issuesOf(result.error, prefix));
  return result.data;
}

export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) {
    throw new HTTPException(415, { message: "send the body as application/json" });
  }
  try {
    return await c.req.json();
  } catch {
    throw new HTTPException(400, { message: "the body is not valid JSON" });
  }
}

export async function body<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  return check(schema, await readJson(c));
}

export function query<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return check(schema, c.req.query());
}

/** An id in the path that cannot exist is simply not found. */
export function pathId(c: Context, what: string): string {
  const id = c.req.param("id") ?? "";
  if (!isId(id)) throw new NotFoundError(`${what} ${id} not found`);
  return id;
}
