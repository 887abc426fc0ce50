import { chromium, type Browser } from "playwright-core";

export { serveSite } from "../helpers/host.ts";

/** Debian's Chromium: npm cannot download browsers here, and a newsroom's CI has the distribution's. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
