import { createRequire } from "node:module";
import { afterAll, beforeAll, expect } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { serveSite } from "../helpers/host.ts";
import { buildSite, type BuiltSite } from "../helpers/site.ts";

export { serveSite };

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

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** What axe-core finds against WCAG 2.2 A and AA on the page as it is now, one line per rule broken. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] } });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  });
}

export interface ServedSite {
  readonly site: BuiltSite;
  /** The server's address, without the site's path prefix. */
  readonly url: string;
  readonly browser: Browser;
}

/**
 * A browser suite's site: built with the real command before the suite (from the folder `input`
 * gives), served on 127.0.0.1 under `prefix` with `headers`, and read in Chromium; closed after it.
 */
export function servedSite(input: () => string, env: Record<string, string>, options: { prefix?: string; headers?: Record<string, string> } = {}): ServedSite {
  let state: { site: BuiltSite; server: Awaited<ReturnType<typeof serveSite>>; browser: Browser } | undefined;
  beforeAll(async () => {
    const site = await buildSite(input(), env);
    expect(site.code, site.stderr).toBe(0);
    state = { site, server: await serveSite(site.output, options.prefix, options.headers), browser: await launchBrowser() };
  });
  afterAll(async () => {
    await state?.browser.close();
    await state?.server.close();
  });
  return {
    get site() {
      return state!.site;
    },
    get url() {
      return state!.server.url;
    },
    get browser() {
      return state!.browser;
    },
  };
}
