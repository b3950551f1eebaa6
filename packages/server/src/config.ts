// The only reader of process.env: parsed once, bad values stop the process with one line naming the variable.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  KOE_DATA_DIR: z.string().min(1).default("./.koe"),
  KOE_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  KOE_BOOTSTRAP_API_KEY: z.string().min(1).max(200).optional(),
  KOE_ADMIN_EMAIL: z.email().optional(),
  KOE_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").max(200).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  BASE_URL: z.url().optional(),
  KOE_MAIL_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export interface Config {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string;
  bootstrapApiKey: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  smtpUrl: string | undefined;
  baseUrl: string;
  /** How long a worker owns a claimed message; after a crash it is settled once this has passed. */
  mailLeaseSeconds: number;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
}

export class ConfigError extends Error {}

const secretVariables = new Set([
  "KOE_SECRET",
  "KOE_BOOTSTRAP_API_KEY",
  "KOE_ADMIN_PASSWORD",
  "DATABASE_URL",
  "SMTP_URL",
]);

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  // Empty strings mean "unset", as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    // Secrets and URLs that may carry credentials are never repeated into logs.
    const got = secretVariables.has(name) ? "" : ` (got ${JSON.stringify(env[name] ?? "")})`;
    throw new ConfigError(`${name}: ${issue?.message ?? "invalid"}${got}`);
  }
  const e = parsed.data;
  if (e.KOE_ADMIN_EMAIL && !e.KOE_ADMIN_PASSWORD) {
    throw new ConfigError("KOE_ADMIN_PASSWORD: required when KOE_ADMIN_EMAIL is set");
  }
  const dataDir = resolve(e.KOE_DATA_DIR);
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    secret: e.KOE_SECRET ?? readOrCreateSecret(dataDir),
    bootstrapApiKey: e.KOE_BOOTSTRAP_API_KEY,
    adminEmail: e.KOE_ADMIN_EMAIL,
    adminPassword: e.KOE_ADMIN_PASSWORD,
    smtpUrl: e.SMTP_URL,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    mailLeaseSeconds: e.KOE_MAIL_LEASE_SECONDS,
    logLevel: e.LOG_LEVEL,
  };
}

/** A generated secret is kept in the data directory so signed links survive restarts. */
function readOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, "secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return readFileSync(file, "utf8").trim(); // another process won the race
    }
  }
}
