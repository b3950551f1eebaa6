import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "koe-config-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const SECRET = "s".repeat(32);

/** The ConfigError loadConfig throws for this environment. */
function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ KOE_SECRET: SECRET, ...env });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("has working defaults", () => {
    const dir = tempDir();
    const config = loadConfig({ KOE_DATA_DIR: dir, KOE_SECRET: SECRET });
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: dir,
      secret: SECRET,
      baseUrl: "http://localhost:3000",
      logLevel: "info",
    });
  });

  it("reads every variable", () => {
    const config = loadConfig({
      PORT: "8080",
      DATABASE_URL: "postgresql://koe:pw@db:5432/koe",
      KOE_DATA_DIR: tempDir(),
      KOE_SECRET: SECRET,
      KOE_BOOTSTRAP_API_KEY: "k",
      KOE_ADMIN_EMAIL: "admin@example.com",
      KOE_ADMIN_PASSWORD: "correct horse",
      SMTP_URL: "smtps://user:pw@mail.example.com:465",
      BASE_URL: "https://koe.example.com/",
      LOG_LEVEL: "warn",
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: "postgresql://koe:pw@db:5432/koe",
      bootstrapApiKey: "k",
      adminEmail: "admin@example.com",
      adminPassword: "correct horse",
      smtpUrl: "smtps://user:pw@mail.example.com:465",
      baseUrl: "https://koe.example.com",
      logLevel: "warn",
    });
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["PORT", "-1"],
    ["PORT", "80.5"],
    ["DATABASE_URL", "mysql://root@localhost/koe"],
    ["DATABASE_URL", "localhost:5432"],
    ["KOE_SECRET", "too-short"],
    ["KOE_ADMIN_EMAIL", "not-an-email"],
    ["SMTP_URL", "http://mail"],
    ["BASE_URL", "not a url"],
    ["LOG_LEVEL", "loud"],
  ])("stops on a bad %s=%s with a one-line message starting with the variable name", (name, value) => {
    const error = failure({ [name]: value });
    expect(error.message.startsWith(`${name}:`)).toBe(true);
    expect(error.message).not.toContain("\n");
  });

  it("refuses KOE_ADMIN_EMAIL without KOE_ADMIN_PASSWORD, naming the missing variable", () => {
    const error = failure({ KOE_ADMIN_EMAIL: "admin@example.com" });
    expect(error.message).toMatch(/^KOE_ADMIN_PASSWORD:/);
    expect(error.message).toContain("KOE_ADMIN_EMAIL");
    expect(failure({ KOE_ADMIN_EMAIL: "admin@example.com", KOE_ADMIN_PASSWORD: "short" }).message).toMatch(
      /^KOE_ADMIN_PASSWORD:/,
    );
  });

  it("never repeats a secret value in its message", () => {
    for (const [name, value, secret] of [
      ["KOE_SECRET", "hunter2-secret", "hunter2"],
      ["KOE_ADMIN_PASSWORD", "pw12", "pw12"],
      ["DATABASE_URL", "mysql://root:Sup3rS3cret@db/koe", "Sup3rS3cret"],
      ["SMTP_URL", "http://user:Sup3rS3cret@mail", "Sup3rS3cret"],
    ] as const) {
      const env: Record<string, string> = { [name]: value };
      if (name === "KOE_ADMIN_PASSWORD") env.KOE_ADMIN_EMAIL = "admin@example.com";
      const error = failure(env);
      expect(error.message.startsWith(`${name}:`)).toBe(true);
      expect(error.message).not.toContain(secret);
    }
    // Non-secret values are shown, to help fix them.
    expect(failure({ PORT: "eighty" }).message).toContain("eighty");
  });

  it("treats empty variables as unset", () => {
    const config = loadConfig({ PORT: "", DATABASE_URL: "", KOE_SECRET: SECRET, KOE_DATA_DIR: tempDir() });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
  });

  it("writes nothing: no data directory, no secret file; the secret is KOE_SECRET or left to the database", () => {
    const dir = join(tempDir(), "nested", "data");
    expect(loadConfig({ KOE_DATA_DIR: dir }).secret).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
    expect(loadConfig({ KOE_DATA_DIR: dir, KOE_SECRET: SECRET }).secret).toBe(SECRET);
    expect(existsSync(dir)).toBe(false);
  });

  it("trusts no proxy unless told, and reads a hop count or a list of addresses and ranges", () => {
    const dir = tempDir();
    expect(loadConfig({ KOE_DATA_DIR: dir }).proxy).toBeUndefined();
    expect(loadConfig({ KOE_DATA_DIR: dir, KOE_TRUST_PROXY: "off" }).proxy).toBeUndefined();
    expect(loadConfig({ KOE_DATA_DIR: dir, KOE_TRUST_PROXY: "2" }).proxy).toEqual({
      trust: { hops: 2 },
      header: "x-forwarded-for",
    });
    const listed = loadConfig({
      KOE_DATA_DIR: dir,
      KOE_TRUST_PROXY: "10.0.0.0/8, 2001:db8::/32, 192.0.2.7, loopback",
      KOE_FORWARDED_HEADER: "Forwarded",
    }).proxy;
    expect(listed?.header).toBe("forwarded");
    expect(listed && "ranges" in listed.trust).toBe(true);
    expect(loadConfig({ KOE_DATA_DIR: dir }).publicRequestsPerMinute).toBe(120);
    expect(loadConfig({ KOE_DATA_DIR: dir, KOE_PUBLIC_RATE_LIMIT: "5" }).publicRequestsPerMinute).toBe(5);
  });

  it("reads how soon an answer without JavaScript may come, in seconds (0 takes it at once)", () => {
    const dir = tempDir();
    expect(loadConfig({ KOE_DATA_DIR: dir }).noScriptMinMs).toBe(3000);
    expect(loadConfig({ KOE_DATA_DIR: dir, KOE_NOSCRIPT_MIN_SECONDS: "0" }).noScriptMinMs).toBe(0);
    expect(loadConfig({ KOE_DATA_DIR: dir, KOE_NOSCRIPT_MIN_SECONDS: "1.5" }).noScriptMinMs).toBe(1500);
    expect(failure({ KOE_DATA_DIR: dir, KOE_NOSCRIPT_MIN_SECONDS: "-1" }).message).toContain(
      "KOE_NOSCRIPT_MIN_SECONDS",
    );
  });

  it.each([
    ["KOE_TRUST_PROXY", "true"],
    ["KOE_TRUST_PROXY", "11"],
    ["KOE_TRUST_PROXY", "10.0.0.0/33"],
    ["KOE_TRUST_PROXY", "10.0.0.0/"],
    ["KOE_TRUST_PROXY", "proxy.example.com"],
    ["KOE_FORWARDED_HEADER", "x-real-ip"],
    ["KOE_PUBLIC_RATE_LIMIT", "0"],
  ])("stops on a bad %s=%s naming the variable", (name, value) => {
    const error = failure({ [name]: value });
    expect(error.message.startsWith(`${name}:`)).toBe(true);
    expect(error.message).toContain(JSON.stringify(value));
  });
});
