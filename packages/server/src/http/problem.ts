// One error handler: every failure leaves as application/problem+json (RFC 9457).
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DomainError, ValidationError, type FieldIssue } from "../domain/errors.ts";

const titles: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Validation failed",
  429: "Too many requests",
  500: "Internal server error",
};

export function problem(
  c: Context,
  status: number,
  detail: string,
  errors?: FieldIssue[],
  more?: { type?: string | undefined; extensions?: Record<string, unknown> | undefined },
): Response {
  const body = {
    type: more?.type ?? (status === 422 ? "urn:koe:problem:validation" : "about:blank"),
    title: titles[status] ?? "Error",
    status,
    detail,
    ...(errors ? { errors } : {}),
    ...more?.extensions,
  };
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, {
    "content-type": "application/problem+json",
  });
}

export function onError(err: Error, c: Context): Response {
  if (err instanceof ValidationError) return problem(c, err.status, err.message, err.issues);
  if (err instanceof DomainError) return problem(c, err.status, err.message, undefined, err);
  if (err instanceof HTTPException)
    return problem(c, err.status, err.message || titles[err.status] || "Error");
  console.error(`${c.req.method} ${c.req.path} failed:`, err);
  return problem(c, 500, "something went wrong on our side; it has been logged");
}
