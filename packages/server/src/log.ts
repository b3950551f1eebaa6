// A minimal leveled logger; LOG_LEVEL decides what is printed.
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof levels;

let threshold: number = levels.info;
export const setLogLevel = (level: LogLevel) => {
  threshold = levels[level];
};

const at =
  (level: Exclude<LogLevel, "silent">) =>
  (...args: unknown[]) => {
    if (levels[level] >= threshold)
      (level === "error" || level === "warn" ? console.error : console.log)(...args);
  };

export const log = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
