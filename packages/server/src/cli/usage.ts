// \`koe --help\`: loaded only when asked for (its command modules are the heavy part of the program).
import { roles } from "../domain/auth/actor.ts";
import { eventsUsage } from "./events.ts";
import { importUsage } from "./import-contacts.ts";
import { jobsUsage } from "./jobs.ts";
import { workspaceUsage } from "./workspaces.ts";

export const usage = (version: string) => `koe ${version} — NPS and voice-of-customer platform

  koe serve [--demo]                      start the server, the mail worker and the rollup job (--demo seeds demo data into an empty database)
  koe worker                              run only the mail worker (sending, reminders, campaign rounds) and the rollup job
  koe campaign send <id>                  launch a campaign and send it, with a progress bar
  koe migrate                             apply database migrations
  koe seed-demo                           add a Japanese and an English demo workspace
  koe apikey create [--role R] [--name N] [--workspace ID]
                                          print a new API key of the default workspace, or of workspace ID (role: ${roles.join("|")})
  koe admin create --email E --password P create an instance owner (owner of the default and the demo workspaces)
  ${workspaceUsage}
  ${jobsUsage}
  ${eventsUsage}
  ${importUsage}

While a server runs on the embedded database (its data directory is one process's), every command but
serve, worker and migrate is handed to that server and runs there; on PostgreSQL each runs here.

Environment: PORT, DATABASE_URL, KOE_DATA_DIR, KOE_SECRET, KOE_BOOTSTRAP_API_KEY, KOE_ADMIN_EMAIL,
KOE_ADMIN_PASSWORD, SMTP_URL, BASE_URL, KOE_MAIL_LEASE_SECONDS, KOE_TRUST_PROXY, KOE_FORWARDED_HEADER,
KOE_PUBLIC_RATE_LIMIT, LOG_LEVEL.`;
