// An SMTP server that accepts and counts messages, in a process of its own (`fork`ed by a bench): the
// receiving side of the email benches. Reports its port, then its count when asked.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => {
      received++;
      callback();
    });
  },
});
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: (server.server.address() as AddressInfo).port });
});
process.on("message", (m) => {
  if (m === "count") process.send?.({ received });
  else server.close(() => process.exit(0));
});
