// The control listener a server on the embedded database opens for the `koe` command: only this machine's
// caller holding the token from control.json runs a command, and the command's output comes back as it
// is written, its exit code last.
import { describe, expect, it } from "vitest";
import { commandHeader } from "../cli/control-file.ts";
import { cliControlApp, type HandedCommand } from "./cli-control.ts";

const token = "t".repeat(43);
const ran: HandedCommand[] = [];
const app = cliControlApp({
  token,
  run: async (command, terminal, errors) => {
    ran.push(command);
    if (command.argv[0] === "fail") {
      errors("koe: no such campaign");
      return 1;
    }
    terminal.write("line one\n");
    terminal.print(`tty ${terminal.isTTY} ${command.argv.join(" ")}`);
    return 0;
  },
});

const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const header = (argv: string[], tty = false) => encodeURIComponent(JSON.stringify({ argv, tty }));

function call(opts: { auth?: string; address?: string; argv?: string[]; headers?: Record<string, string> }) {
  return app.request(
    "/internal/cli/run",
    {
      method: "POST",
      headers: {
        ...(opts.auth === undefined ? {} : { authorization: opts.auth }),
        [commandHeader]: header(opts.argv ?? ["workspace", "list"]),
        ...opts.headers,
      },
    },
    from(opts.address ?? "127.0.0.1"),
  );
}

describe("the CLI control listener", () => {
  it("runs a command for a loopback caller with the token and streams its output, exit code last", async () => {
    const res = await app.request(
      "/internal/cli/run",
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          [commandHeader]: header(["workspace", "create", "顧客"], true),
        },
      },
      from("::ffff:127.0.0.1"),
    );
    expect(res.status).toBe(200);
    const frames = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as unknown);
    expect(frames).toEqual([{ out: "line one\n" }, { out: "tty true workspace create 顧客\n" }, { exit: 0 }]);
  });

  it("passes a failure on as stderr and exit code 1", async () => {
    const res = await call({ auth: `Bearer ${token}`, argv: ["fail"], address: "::1" });
    expect((await res.text()).trim().split("\n")).toEqual([
      JSON.stringify({ err: "koe: no such campaign\n" }),
      JSON.stringify({ exit: 1 }),
    ]);
  });

  it("refuses a caller without the token or with another one, running nothing", async () => {
    const before = ran.length;
    for (const auth of [
      undefined,
      "",
      `Bearer ${token}x`,
      `Bearer ${token.slice(1)}`,
      token,
      `Basic ${token}`,
    ]) {
      const res = await call({ auth });
      expect(res.status, String(auth)).toBe(401);
    }
    expect(ran.length).toBe(before);
  });

  it("refuses callers from other addresses and requests a proxy relayed, even with the token", async () => {
    const before = ran.length;
    for (const address of ["192.0.2.7", "10.0.0.1", "::ffff:192.0.2.7", "2001:db8::1", "not an address"]) {
      expect((await call({ auth: `Bearer ${token}`, address })).status, address).toBe(403);
    }
    const relayed: Record<string, string>[] = [
      { "x-forwarded-for": "198.51.100.1" },
      { forwarded: "for=198.51.100.1" },
    ];
    for (const headers of relayed)
      expect((await call({ auth: `Bearer ${token}`, headers })).status).toBe(403);
    // No socket to vouch for the caller at all.
    const bare = await app.request("/internal/cli/run", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, [commandHeader]: header(["jobs"]) },
    });
    expect(bare.status).toBe(403);
    expect(ran.length).toBe(before);
  });

  it("answers 400 to a malformed command and 404 to anything else", async () => {
    const auth = `Bearer ${token}`;
    expect((await call({ auth, headers: { [commandHeader]: "%7Bnot json" } })).status).toBe(400);
    expect(
      (await call({ auth, headers: { [commandHeader]: header([]).replace("argv", "args") } })).status,
    ).toBe(400);
    const other = await app.request(
      "/api/v1/workspace",
      { headers: { authorization: auth } },
      from("127.0.0.1"),
    );
    expect(other.status).toBe(404);
  });
});
