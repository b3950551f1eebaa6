// One API operation, declared once beside its handler: the declaration validates the request, types the
// handler's answer and is the OpenAPI document's entry (document.ts), so the three cannot drift apart.
import type { Context, MiddlewareHandler } from "hono";
import type { z } from "zod";
import type { Actor } from "../../domain/auth/actor.ts";
import type { AppEnv } from "../env.ts";

export type Method = "get" | "post" | "put" | "patch" | "delete";
export type SuccessStatus = 200 | 201 | 202 | 204;
/** Refusals an operation declares beyond those its shape implies (see document.ts: impliedErrors). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 503;

export interface Operation {
  /** Unique, camelCase verb first: listSurveys, getSurvey, launchCampaign. */
  operationId: string;
  method: Method;
  /** The full path in OpenAPI form: /api/v1/surveys/{id}. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /**
   * Path parameters. A string names what the id stands for: a value that is not an id is a 404
   * "<noun> <value> not found", as an id that does not exist would be. A schema validates anything else.
   */
  params?: Record<string, string | z.ZodType<string>>;
  query?: z.ZodType;
  /** A JSON body, validated. */
  body?: z.ZodType;
  /**
   * "handler": `body` is the contract, but the handler checks the parsed JSON itself (it gets it as
   * unknown), e.g. a batch that stores its valid rows and reports the others by index, which a whole-body
   * check would refuse.
   */
  bodyCheck?: "handler";
  /** A body that is not JSON (an uploaded file): its media types; the handler reads the bytes. */
  upload?: { mediaTypes: readonly string[]; description: string };
  success: {
    status: SuccessStatus;
    /** The JSON answer; none for 204 or a non-JSON answer. */
    schema?: z.ZodType;
    /** Default application/json. */
    mediaType?: string;
    description?: string;
  };
  errors?: readonly ErrorStatus[];
  /**
   * false: no credentials needed (sign-in, the document itself). "session": only the admin app's session
   * cookie, read by the handler (an API key is not a session), 401 without one.
   */
  auth?: false | "session";
  /**
   * Who may call it, checked before the request is read: a role that may not is a 403 whatever it sent
   * (never a 415 or 422 that would tell it how to shape a request it may not make). `to` ends the refusal:
   * "your role may not <to>".
   */
  access?: { allowed: (actor: Actor) => boolean; to: string };
}

/** Declares an operation, keeping its literal types for the handler's input and output. */
export const operation = <const O extends Operation>(op: O): O => op;

type OutputOf<S> = S extends z.ZodType ? z.input<S> : undefined;
type ParsedOf<S> = S extends z.ZodType ? z.output<S> : Record<string, never>;
type ParamsOf<P> = P extends Record<string, unknown> ? { [K in keyof P]: string } : Record<string, never>;

export interface Input<O extends Operation> {
  params: ParamsOf<O["params"]>;
  query: ParsedOf<O["query"]>;
  body: O["bodyCheck"] extends "handler" ? unknown : ParsedOf<O["body"]>;
}

/** What a handler gives back: the declared answer (sent with the declared status), or a Response it built. */
export type Output<O extends Operation> = O["success"]["status"] extends 204
  ? Response | undefined
  : O["success"]["schema"] extends z.ZodType
    ? OutputOf<O["success"]["schema"]> | Response
    : Response;

export type Handler<O extends Operation> = (
  c: Context<AppEnv>,
  input: Input<O>,
) => Promise<Output<O>> | Output<O>;

/** An operation with the code that answers it. */
export interface Route {
  op: Operation;
  handle: (c: Context<AppEnv>, input: Input<Operation>) => Promise<unknown> | unknown;
  /** Middleware for this operation alone (e.g. the sign-in rate limit), run before its input is read. */
  before: MiddlewareHandler<AppEnv>[];
}

export const route = <O extends Operation>(
  op: O,
  handle: Handler<O>,
  before: MiddlewareHandler<AppEnv>[] = [],
): Route => ({ op, handle: handle as unknown as Route["handle"], before });
