// `koe workspace create|list|rename|delete` and `koe demo remove`: an operator's work on the installation's
// workspaces, from the terminal (the same domain functions as the API's /workspaces).
import { ConfigError } from "../config.ts";
import type { Db } from "../db/open.ts";
import { ValidationError } from "../domain/errors.ts";
import {
  createWorkspaceWithOwners,
  defaultTimeZone,
  deleteWorkspace,
  getWorkspaceDetail,
  instanceOwnerIds,
  listAllWorkspaces,
  newWorkspaceInput,
  removeDemoWorkspaces,
  renameWorkspace,
  workspaceRename,
} from "../domain/workspaces/workspaces.ts";
import type { z } from "zod";

export const workspaceUsage = `koe workspace create NAME [--locale ja|en]   create a workspace; every instance owner is its owner
  koe workspace list                          every workspace: id, locale, flags, name
  koe workspace rename ID NAME                rename a workspace
  koe workspace delete ID --yes               delete a workspace and everything in it
  koe demo remove                             delete the demo workspaces`;

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  return parsed.data;
}

/** Runs one `koe workspace …` command; `print` is the terminal (console.log in the process). */
export async function workspaceCommand(
  db: Db,
  args: { sub: string | undefined; rest: string[]; locale?: string | undefined; yes: boolean },
  print: (line: string) => void,
): Promise<void> {
  const [first, ...more] = args.rest;
  switch (args.sub) {
    case "create": {
      const input = parse(newWorkspaceInput, {
        name: args.rest.join(" "),
        defaultLocale: args.locale ?? "ja",
      });
      const id = await createWorkspaceWithOwners(
        db,
        { ...input, timeZone: input.timeZone ?? defaultTimeZone(input.defaultLocale) },
        await instanceOwnerIds(db),
      );
      print(id);
      return;
    }
    case "list": {
      let cursor: string | undefined;
      do {
        const page = await listAllWorkspaces(db, undefined, { limit: 1000, cursor });
        for (const w of page.data) {
          const flags =
            [w.isDefault ? "default" : "", w.isDemo ? "demo" : ""].filter(Boolean).join(",") || "-";
          print(`${w.id}  ${w.defaultLocale}  ${flags.padEnd(7)}  ${w.name}`);
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return;
    }
    case "rename": {
      if (!first || more.length === 0) throw new ConfigError("usage: koe workspace rename ID NAME");
      const { name } = parse(workspaceRename.required(), { name: more.join(" ") });
      await renameWorkspace(db, first, name);
      print(`renamed ${first} to ${name}`);
      return;
    }
    case "delete": {
      if (!first || more.length) throw new ConfigError("usage: koe workspace delete ID --yes");
      const detail = await getWorkspaceDetail(db, first, undefined);
      const c = detail.contents;
      const what = `"${detail.name}" with ${c.surveys} surveys, ${c.responses} responses, ${c.contacts} contacts, ${c.campaigns} campaigns, ${c.members} members and ${c.apiKeys} API keys`;
      if (!args.yes) throw new ConfigError(`this deletes ${what}; add --yes to delete it`);
      await deleteWorkspace(db, first);
      print(`deleted ${what}`);
      return;
    }
    default:
      throw new ConfigError(`usage:\n  ${workspaceUsage}`);
  }
}

export async function demoCommand(
  db: Db,
  sub: string | undefined,
  print: (line: string) => void,
): Promise<void> {
  if (sub !== "remove") throw new ConfigError("usage: koe demo remove");
  const removed = await removeDemoWorkspaces(db);
  print(removed.length ? `removed the demo: ${removed.join(", ")}` : "there is no demo workspace");
}
