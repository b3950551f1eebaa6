// The demo's own workspaces (flagged is_demo, named as a demo, never the default one): a Japanese and an
// English company with 18 months of history; every instance owner is an owner of both. With
// KOE_BOOTSTRAP_API_KEY=k set, `k-demo-ja` and `k-demo-en` are owner keys of the demos (k itself reads the
// company's own workspace); removing the demo removes them.
import type { Db } from "../db/open.ts";
import { ensureApiKey } from "../domain/auth/api-keys.ts";
import {
  createWorkspaceWithOwners,
  forgetDemoRemoved,
  instanceOwnerIds,
} from "../domain/workspaces/workspaces.ts";
import { log } from "../log.ts";
import { seedDemo } from "./seed-demo.ts";

const demos = [
  { locale: "ja", name: "デモ: ハルカゼ ワークス", timeZone: "Asia/Tokyo" },
  { locale: "en", name: "Demo: Northwind Cloud", timeZone: "America/New_York" },
] as const;

/** The demo workspace's API key when KOE_BOOTSTRAP_API_KEY is `bootstrapKey`. */
export const demoApiKey = (bootstrapKey: string, locale: "ja" | "en"): string =>
  `${bootstrapKey}-demo-${locale}`;

/** Seeds a Japanese and an English demo workspace, each new; their ids. */
export async function seedDemoWorkspaces(
  db: Db,
  opts: {
    now: Date;
    bootstrapApiKey?: string | undefined;
    /** What fills each workspace: the 18 months of the demo; a test that is not about them gives less. */
    seed?: typeof seedDemo;
  },
): Promise<{ ja: string; en: string }> {
  // A duration for the log, not a time of day: the monotonic timer, not the clock.
  const started = performance.now();
  await forgetDemoRemoved(db);
  const owners = await instanceOwnerIds(db);
  const ids = { ja: "", en: "" };
  const counts: string[] = [];
  for (const demo of demos) {
    const workspaceId = await createWorkspaceWithOwners(
      db,
      { name: demo.name, defaultLocale: demo.locale, timeZone: demo.timeZone, isDemo: true },
      owners,
    );
    ids[demo.locale] = workspaceId;
    const seeded = await (opts.seed ?? seedDemo)(db, { workspaceId, locale: demo.locale, now: opts.now });
    counts.push(`${seeded.responses} responses (${demo.locale}, workspace ${workspaceId})`);
  }
  if (opts.bootstrapApiKey) await ensureDemoApiKeys(db, opts.bootstrapApiKey);
  log.info(`seeded the demo: ${counts.join(" and ")} in ${Math.round(performance.now() - started)} ms`);
  return ids;
}

/** Each demo workspace has its key derived from KOE_BOOTSTRAP_API_KEY (ensured at every start). */
export async function ensureDemoApiKeys(db: Db, bootstrapKey: string): Promise<void> {
  const rows = await db
    .selectFrom("workspaces")
    .select(["id", "default_locale"])
    .where("is_demo", "=", true)
    .orderBy("id")
    .execute();
  const seen = new Set<string>();
  for (const row of rows) {
    // The first demo of each language (a second seed-demo adds more; they keep their own keys).
    if (seen.has(row.default_locale)) continue;
    seen.add(row.default_locale);
    await ensureApiKey(db, row.id, demoApiKey(bootstrapKey, row.default_locale));
  }
}
