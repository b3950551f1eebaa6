import type { z } from "zod";

/** One line of the OpenAPI document, declared beside the route it describes. */
export interface RouteDoc {
  method: "get" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodType;
  success: number;
  auth?: boolean;
}
