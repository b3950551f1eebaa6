// One statement on the embedded database run synchronously, so the caller can act in the very step that
// commits it: PGlite's query API returns only after several turns of the event loop, during which other
// work runs. Used where that gap matters (the end of data after `committing`, docs/EMAIL.md). The caller
// holds a connection (so no other statement is mid-way) and builds the SQL from checked values only.
import type { PGlite } from "@electric-sql/pglite";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Runs `sql` (one statement, no parameters) and returns the rows it affected. */
export function runNow(pglite: PGlite, sql: string): number {
  const text = encoder.encode(`${sql}\0`);
  const query = new Uint8Array(5 + text.length);
  query[0] = 0x51; // 'Q': simple query
  new DataView(query.buffer).setInt32(1, 4 + text.length);
  query.set(text, 5);
  const reply = pglite.execProtocolRawSync(query);
  const view = new DataView(reply.buffer, reply.byteOffset, reply.byteLength);
  let affected: number | undefined;
  for (let at = 0; at + 5 <= reply.length;) {
    const type = reply[at]!;
    const end = at + 1 + view.getInt32(at + 1);
    const body = reply.subarray(at + 5, end);
    if (type === 0x45) throw new Error(`embedded database: ${errorMessage(body)}`); // 'E'
    if (type === 0x43) affected = Number(/(\d+)\0?$/.exec(decoder.decode(body))?.[1] ?? 0); // 'C': "UPDATE 1"
    at = end;
  }
  if (affected === undefined) throw new Error("embedded database: no command result");
  return affected;
}

/** The 'M' (message) field of an ErrorResponse. */
function errorMessage(body: Uint8Array): string {
  for (const field of decoder.decode(body).split("\0")) if (field.startsWith("M")) return field.slice(1);
  return "unknown error";
}
