// An empty patch (every field left out) changes nothing: an update answers the record as it is rather than
// build an UPDATE with no column to set (a syntax error, SQLSTATE 42601) or touch `updated_at` for nothing.
export const changesNothing = (patch: unknown): boolean =>
  typeof patch === "object" && patch !== null && Object.values(patch).every((v) => v === undefined);
