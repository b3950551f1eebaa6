// Debian's Chromium driven by playwright-core (no browser download).
import { chromium, type Browser, type BrowserContextOptions } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** `extraArgs`: more command-line switches, e.g. a feature turned off for one test. */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      ...extraArgs,
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

/**
 * A desktop Chrome user agent without "HeadlessChrome", so that the server judges the clicks by
 * behaviour (bursts, interaction) rather than by a tell-tale user agent — as with a real scanner
 * that disguises itself, or a real person.
 */
export function desktopContext(browser: Browser, extra: BrowserContextOptions = {}): BrowserContextOptions {
  const major = browser.version().split(".")[0] ?? "130";
  return {
    userAgent: `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`,
    viewport: { width: 1280, height: 800 },
    ...extra,
  };
}
