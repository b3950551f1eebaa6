// The database a test file uses: the migrated database prepared by global-setup.ts.
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { openPostgres, pgliteParsers, wrapPGlite, type Db, type OpenDatabase } from "../src/db/open.ts";
import { createSurvey } from "../src/domain/surveys/surveys.ts";
import { createWorkspace } from "../src/domain/workspaces/workspaces.ts";

export const onPostgres = (): boolean => inject("testDatabaseUrl") !== null;

export async function openTestDatabase(): Promise<OpenDatabase> {
  const url = inject("testDatabaseUrl");
  if (url) return openPostgres(url, 5);
  const snapshot = await readFile(inject("embeddedSnapshot") as string);
  return wrapPGlite(await PGlite.create({ loadDataDir: new Blob([snapshot]), parsers: pgliteParsers }));
}

/** Tests share one database and stay apart by workspace, as tenants do. */
export function newWorkspace(db: Db, name = "Test workspace"): Promise<string> {
  return createWorkspace(db, { name, timeZone: "Asia/Tokyo" });
}

/** The plain active NPS survey many tests need; its id. */
export async function newNpsSurvey(db: Db, workspaceId: string): Promise<string> {
  const survey = await createSurvey(db, workspaceId, {
    name: "NPS",
    kind: "nps",
    question: { en: "Recommend?" },
    followUps: {},
    defaultLocale: "en",
    status: "active",
  });
  return survey.id;
}
