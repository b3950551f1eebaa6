// The only reader of process.env: parsed once, bad values stop the process with one line naming the variable.
// Reading the configuration writes nothing: the data directory is made only once the process starts.
import { resolve } from "node:path";
import { z } from "zod";
import type { ProxySettings } from "./http/client-address.ts";
import { parseProxyTrust } from "./http/proxy-trust.ts";

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
  KOE_TRUST_PROXY: z
    .string()
    .transform((v, ctx) => {
      try {
        return parseProxyTrust(v);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  KOE_FORWARDED_HEADER: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(["x-forwarded-for", "forwarded"]))
    .default("x-forwarded-for"),
  KOE_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(120),
  KOE_NOSCRIPT_MIN_SECONDS: z.coerce.number().min(0).max(60).default(3),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export interface Config {
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  /** KOE_SECRET; else the secret kept in the database (bootstrap.ts: signingSecret). */
  secret: string | undefined;
  bootstrapApiKey: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  smtpUrl: string | undefined;
  baseUrl: string;
  /** How long a worker owns a claimed message; after a crash it is settled once this has passed. */
  mailLeaseSeconds: number;
  /** Reverse proxies whose client-address header is believed; none by default. */
  proxy: ProxySettings | undefined;
  /** Public page requests per client address per minute, across every process. */
  publicRequestsPerMinute: number;
  /** How long after its page a survey answer from a browser without scripting may come (ms). */
  noScriptMinMs: number;
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
    secret: e.KOE_SECRET,
    bootstrapApiKey: e.KOE_BOOTSTRAP_API_KEY,
    adminEmail: e.KOE_ADMIN_EMAIL,
    adminPassword: e.KOE_ADMIN_PASSWORD,
    smtpUrl: e.SMTP_URL,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    mailLeaseSeconds: e.KOE_MAIL_LEASE_SECONDS,
    proxy: e.KOE_TRUST_PROXY ? { trust: e.KOE_TRUST_PROXY, header: e.KOE_FORWARDED_HEADER } : undefined,
    publicRequestsPerMinute: e.KOE_PUBLIC_RATE_LIMIT,
    noScriptMinMs: Math.round(e.KOE_NOSCRIPT_MIN_SECONDS * 1000),
    logLevel: e.LOG_LEVEL,
  };
}
