// A real SMTP server on a random loopback port for tests: it keeps every message it accepted, parsed.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestSmtp {
  url: string;
  messages: ParsedMail[];
  /** Reply to the next n messages' end of data with this SMTP error code. */
  failNext(n: number, code: number): void;
  /** Bytes of message bodies taken in whose end-of-data mark has not arrived yet. */
  bytesInData(): number;
  close(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: ParsedMail[] = [];
  let failures = { n: 0, code: 0 };
  let inData = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => {
        chunks.push(c);
        inData += c.length;
      });
      stream.on("end", () => {
        for (const c of chunks) inData -= c.length;
        if (failures.n > 0) {
          failures.n--;
          const err = Object.assign(new Error("try again later"), { responseCode: failures.code });
          return callback(err);
        }
        simpleParser(Buffer.concat(chunks)).then((m) => {
          messages.push(m);
          callback();
        }, callback);
      });
    },
  });
  // A client killed mid-message resets its connection: that message is simply not accepted.
  server.on("error", () => {});
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failNext: (n, code) => (failures = { n, code }),
    bytesInData: () => inData,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
