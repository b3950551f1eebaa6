// Route docs of the files not yet declaring operations (http/contract/), as operations for the document.
import type { Operation } from "./contract/operation.ts";
import type { RouteDoc } from "./route-doc.ts";

export function fromRouteDoc(doc: RouteDoc): Operation {
  const id = `${doc.method}${doc.path.replace(/^\/api\/v1/, "").replace(/[^A-Za-z0-9]+(\w)?/g, (_, ch: string | undefined) => (ch ?? "").toUpperCase())}`;
  const params = Object.fromEntries(
    [...doc.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name ?? "", "resource"]),
  );
  return {
    operationId: id,
    method: doc.method,
    path: doc.path,
    summary: doc.summary,
    tag: doc.tag,
    ...(Object.keys(params).length > 0 ? { params } : {}),
    ...(doc.query ? { query: doc.query } : {}),
    ...(doc.body ? { body: doc.body } : {}),
    success: {
      status: doc.success as Operation["success"]["status"],
      ...(doc.success === 204 ? {} : { mediaType: "application/json" }),
    },
    errors: [400, 404, 409, 413, 415, 422, 429],
    ...(doc.auth === false ? { auth: false as const } : {}),
  };
}
