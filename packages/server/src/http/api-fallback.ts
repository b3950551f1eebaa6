// What /api/ answers when no route takes a request: problem+json, never the public pages (their HTML and their
// rate limit). 405 with Allow when the path exists for other methods, else 404. API paths are exact: a trailing
// slash names no route (/api/v1/surveys/ is a 404 whose detail gives /api/v1/surveys).
import type { Context } from "hono";
import { problem } from "./problem.ts";

interface Route {
  method: string;
  path: string;
}

/** `/api/v1/surveys/{id}` as a pattern: each `{name}` stands for one path segment. */
const patternOf = (path: string): RegExp =>
  new RegExp(
    "^" +
      path
        .split(/\{\w+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^/]+") +
      "$",
  );

/** The handler for `/api/*` after every API route: `routes` are the documented ones (the OpenAPI paths). */
export function apiFallback(routes: Route[]) {
  const known = routes.map((r) => ({ method: r.method.toUpperCase(), pattern: patternOf(r.path) }));
  const methodsAt = (path: string) => known.filter((r) => r.pattern.test(path)).map((r) => r.method);
  return (c: Context): Response => {
    const { path } = c.req;
    const method = c.req.method === "HEAD" ? "GET" : c.req.method;
    const allowed = [...new Set(methodsAt(path))];
    if (allowed.length > 0 && !allowed.includes(method)) {
      const allow = allowed.includes("GET") ? [...allowed, "HEAD"] : allowed;
      c.header("allow", allow.join(", "));
      return problem(c, 405, `${c.req.method} is not allowed on ${path}; it takes ${allow.join(", ")}`);
    }
    const bare = path.replace(/\/+$/, "");
    if (bare !== path && bare !== "" && methodsAt(bare).length > 0) {
      return problem(
        c,
        404,
        `no route for ${c.req.method} ${path}: API paths end without a slash, e.g. ${bare}`,
      );
    }
    return problem(c, 404, `no route for ${c.req.method} ${path}`);
  };
}
