import { describe, expect, it } from "vitest";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import type { Page } from "playwright-core";
import { epoch, ROOT, writeSite } from "../helpers/site.ts";
import { servedSite } from "./browser.ts";

/**
 * The sample as a GitHub Pages project site, served under /halden-wire/ with a strict
 * Content-Security-Policy (nothing inline may run), read in Chromium.
 */
const PREFIX = "/halden-wire/";
// Search runs Pagefind's WebAssembly, which a policy must allow by name (docs/deploy.md says so).
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'";
const BUILT = "2026-11-28T12:00:00Z";

/** The sample with its address under a path. */
function projectSite(): string {
  const input = writeSite({});
  for (const folder of ["posts", "_data", "media"]) cpSync(path.join(ROOT, folder), path.join(input, folder), { recursive: true });
  const settings = path.join(input, "_data/site.json");
  writeFileSync(settings, readFileSync(settings, "utf8").replace('"url": "https://wire.example.org"', '"url": "https://owner.github.io/halden-wire"'));
  return input;
}

const served = servedSite(projectSite, { SOURCE_DATE_EPOCH: epoch(BUILT) }, { prefix: PREFIX, headers: { "content-security-policy": CSP } });

/** Opens a page and records every failed request, error status and console error (a CSP violation is one). */
async function open(address: string, options: { javaScriptEnabled?: boolean; now?: string } = {}): Promise<{ page: Page; problems: string[] }> {
  const page = await served.browser.newPage({ javaScriptEnabled: options.javaScriptEnabled ?? true });
  const problems: string[] = [];
  page.on("console", (message) => void (message.type() === "error" && problems.push(message.text())));
  page.on("requestfailed", (request) => void problems.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on("response", (response) => void (response.status() >= 400 && !response.url().includes("/no/such/") && problems.push(`${response.url()}: ${response.status()}`)));
  if (options.now) await page.clock.setFixedTime(new Date(options.now));
  await page.goto(address, { waitUntil: "load" });
  return { page, problems };
}

describe("a sub-path site in Chromium", () => {
  for (const [what, at] of [["the home page", ""], ["a section front", "news/"], ["an article", "news/local/night-ferry-outer-islands/"], ["the 404 page, three folders deep", "no/such/story/"]] as const) {
    it(`loads ${what} with its stylesheet, and every link on it leads to a page`, async () => {
      const { page, problems } = await open(`${served.url}/${at}`);
      const styled = await page.evaluate(() => [document.styleSheets.length, getComputedStyle(document.querySelector(".topbar")!).borderBottomStyle]);
      expect(styled[0]).toBe(1);
      expect(styled[1]).toBe("solid");
      const links = await page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>("a[href]:not([href^='#'])")].map((a) => a.href).filter((href) => href.startsWith(location.origin)));
      expect(links.length).toBeGreaterThan(20);
      const statuses = await page.evaluate(async (urls) => Promise.all([...new Set(urls)].map(async (url) => `${(await fetch(url)).status} ${url}`)), links);
      expect(statuses.filter((line) => !line.startsWith("200 "))).toEqual([]);
      expect(links.every((link) => new URL(link).pathname.startsWith(PREFIX))).toBe(true);
      // The 404 page itself comes with its status, which Chromium logs.
      expect(problems.filter((problem) => !(at.startsWith("no/such/") && problem.endsWith("status of 404 (Not Found)")))).toEqual([]);
      await page.close();
    });
  }
});

describe("search on a sub-path site", () => {
  it("finds stories and links them, and their photos, under the site's path, with nothing failing under the policy", async () => {
    const { page, problems } = await open(`${served.url}/search/?q=ferry`);
    await page.waitForSelector(".search-results li");
    const found = await page.$$eval(".search-results li", (items) => items.map((li) => [li.querySelector("h2 a")!.getAttribute("href"), li.querySelector("img")?.getAttribute("src") ?? ""]));
    expect(found.length).toBeGreaterThan(3);
    for (const [href, src] of found) {
      expect(href).toMatch(new RegExp(`^${PREFIX}[a-z]`));
      if (src) expect(src.startsWith(PREFIX)).toBe(true);
    }
    const statuses = await page.evaluate(async (urls) => Promise.all(urls.map(async (url) => (await fetch(url)).status)), found.flat().filter((url): url is string => !!url));
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(await page.getAttribute(".search-link", "href").catch(() => null)).toBe(`${PREFIX}search/`);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("the top bar's date", () => {
  const article = () => `${served.url}/news/local/night-ferry-outer-islands/`;
  const topBar = (page: Page) => page.evaluate(() => [document.querySelector("time.today")!.getAttribute("datetime"), document.querySelector("time.today")!.textContent]);
  const day = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Oslo" }).setLocale("en").toLocaleString(DateTime.DATE_HUGE);

  it("shows the reader's day, in the site's zone, when the page is read days after it was built, under a strict CSP", async () => {
    // 23:30 UTC on December 1 is already December 2 in Oslo.
    const { page, problems } = await open(article(), { now: "2026-12-01T23:30:00Z" });
    await page.waitForFunction(() => document.querySelector("time.today")!.getAttribute("datetime") !== "2026-11-28");
    expect(await topBar(page)).toEqual(["2026-12-02", day("2026-12-02")]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("keeps the built day without scripts, and on a reader's clock that is behind", async () => {
    for (const options of [{ javaScriptEnabled: false, now: "2026-12-05T12:00:00Z" }, { now: "2026-11-20T12:00:00Z" }]) {
      const { page } = await open(article(), options);
      expect(await topBar(page)).toEqual(["2026-11-28", day("2026-11-28")]);
      await page.close();
    }
  });
});
