// The commands that work on the data of an open database (keys, admins, workspaces, campaigns, contact
// imports, jobs, events, the demo): run by the `koe` process itself, or, while a server holds the embedded database's
// directory, by that server on its behalf (cli/hand-over.ts). The same code and output either way.
import type { PgBoss } from "pg-boss";
import type { Clock } from "../clock.ts";
import { dateOf } from "../clock.ts";
import { ConfigError, type Config } from "../config.ts";
import type { Db } from "../db/open.ts";
import type { Role } from "../db/schema.ts";
import { seedDemoWorkspaces } from "../demo/demo-workspaces.ts";
import { roles } from "../domain/auth/actor.ts";
import { createApiKey } from "../domain/auth/api-keys.ts";
import { createInstanceOwner } from "../domain/auth/users.ts";
import { ensureDefaultWorkspace, getWorkspaceDetail } from "../domain/workspaces/workspaces.ts";
import type { CommandLine } from "./args.ts";
import { sendCampaignFromCli } from "./campaign-send.ts";
import { eventsCommand } from "./events.ts";
import { fileOnDisk, importContacts, importUsage } from "./import-contacts.ts";
import { jobsCommand } from "./jobs.ts";
import type { Terminal } from "./terminal.ts";
import { demoCommand, workspaceCommand } from "./workspaces.ts";

export interface DataContext {
  db: Db;
  clock: Clock;
  config: Config;
  /** How mail leaves here ("smtp" or "outbox"), said when a campaign is sent. */
  transport: string;
  /** The process's open job queue (a server's); without it `koe jobs retry` opens one for itself. */
  boss?: (() => PgBoss) | undefined;
}

/** Runs one data command (`line.command` in dataCommands) against an open, migrated database. */
export async function runDataCommand(ctx: DataContext, line: CommandLine, out: Terminal): Promise<void> {
  const { db, clock, config } = ctx;
  const { command, sub, rest, values } = line;
  switch (command) {
    case "campaign": {
      const id = rest[0];
      if (sub !== "send" || !id || rest.length > 1)
        throw new ConfigError("usage: koe campaign send <campaign id>");
      return sendCampaignFromCli(db, id, ctx.transport, out, clock);
    }
    case "seed-demo":
      await seedDemoWorkspaces(db, { now: dateOf(clock), bootstrapApiKey: config.bootstrapApiKey });
      return;
    case "workspace":
      return workspaceCommand(db, { sub, rest, locale: values.locale, yes: values.yes ?? false }, out.print);
    case "demo":
      return demoCommand(db, sub, out.print);
    case "jobs":
      return jobsCommand(
        db,
        { sub, rest, state: values.state, queue: values.queue, boss: ctx.boss },
        out.print,
      );
    case "events":
      return eventsCommand(db, clock, { sub, rest, subscriber: values.subscriber }, out.print);
    case "import": {
      const [file, ...more] = rest;
      if (sub !== "contacts" || !file || more.length) throw new ConfigError(`usage: ${importUsage}`);
      await importContacts(
        { db, clock },
        {
          file: await fileOnDisk(file),
          workspace: values.workspace,
          mapping: values.mapping,
          errors: values.errors,
        },
        { print: out.print, progress: out.stderr },
      );
      return;
    }
    case "apikey": {
      if (sub !== "create")
        throw new ConfigError("usage: koe apikey create [--role R] [--name N] [--workspace ID]");
      const role = values.role as Role;
      if (!roles.includes(role)) throw new ConfigError(`--role must be one of ${roles.join(", ")}`);
      const into = values.workspace
        ? (await getWorkspaceDetail(db, values.workspace, undefined)).id
        : await ensureDefaultWorkspace(db);
      const created = await createApiKey(db, into, { role, name: values.name ?? "cli" });
      out.print(created.key);
      return;
    }
    case "admin": {
      if (sub !== "create") throw new ConfigError("usage: koe admin create --email E --password P");
      if (!values.email || !values.password || values.password.length < 8)
        throw new ConfigError("give --email and a --password of at least 8 characters");
      await createInstanceOwner(db, {
        email: values.email,
        password: values.password,
        name: values.name ?? "",
      });
      out.print(`created admin ${values.email}`);
      return;
    }
    default:
      throw new ConfigError(`"${command}" is not a data command`);
  }
}
