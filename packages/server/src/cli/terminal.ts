// Where a command's output goes: this process's stdout and stderr, or the stream back to the `koe` command
// that handed the command to a running server (the same text either way).

export interface Terminal {
  /** Text for stdout, as written (a progress bar redraws with \r when isTTY). */
  write(text: string): void;
  /** One line for stdout. */
  print(line: string): void;
  isTTY: boolean;
  /** Progress and notes for stderr (a bar redraws with \r when its isTTY). */
  stderr: { write(text: string): void; isTTY: boolean };
}

export const processTerminal: Terminal = {
  write: (text) => void process.stdout.write(text),
  print: (line) => console.log(line),
  isTTY: process.stdout.isTTY === true,
  stderr: { write: (text) => void process.stderr.write(text), isTTY: process.stderr.isTTY === true },
};
