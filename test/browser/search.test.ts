import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { buildSite, epoch, ROOT, sampleSiteWith } from "../helpers/site.ts";
import { axeViolations, servedSite } from "./browser.ts";

const SHOTS = path.join(ROOT, "test-results/screenshots");

/** The sample site, with a story in Spanish (its own index, Spanish stemming) and one more in Business. */
const extra = {
  "posts/world/puertos-pesqueros.md": `---\ntitle: "Los puertos pesqueros del norte cierran por el temporal"\ndate: 2026-11-27T09:00\nsection: world\nlanguage: es\nauthors: [Lucía Moreno]\nsummary: "La flota amarrada durante tres días."\n---\nLas autoridades portuarias ordenaron el cierre de los puertos mientras dure el temporal.\n`,
  "posts/business/ferry-fares.md": `---\ntitle: "Ferry fares to rise in spring"\ndate: 2026-11-29T07:00\nsection: business\nauthors: [Jonas Aldertree]\n---\nTicket prices on every ferry route go up by four percent in March.\n`,
};

const CLOCK = { SOURCE_DATE_EPOCH: epoch("2026-11-30T12:00:00Z") };
let input: string;
const served = servedSite(() => (input = sampleSiteWith(extra)), CLOCK);

/** Opens the search page at `query` (?q=… and the rest) and waits for its answer; console errors are collected. */
async function search(query: string, width = 1280, javaScriptEnabled = true): Promise<{ page: Page; errors: string[]; headlines: () => Promise<string[]> }> {
  const context = await served.browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${served.url}/search/?${query}`);
  if (javaScriptEnabled) await page.waitForFunction(() => !/^$|…$/.test(document.querySelector(".search-status")!.textContent!));
  return { page, errors, headlines: () => page.$$eval(".search-results h2", (list) => list.map((h) => h.textContent!.trim())) };
}

describe("site search in the browser", () => {
  it("finds stories by words of their headlines and bodies, the story whose headline has the words first", async () => {
    const { page, errors, headlines } = await search("q=ferry");
    const found = await headlines();
    expect(found.length).toBeGreaterThan(4);
    // Stories with the word in their headline come before those with it only in their text.
    const inHeadline = found.map((headline) => /ferr/i.test(headline));
    expect(inHeadline.indexOf(false)).toBeGreaterThan(1);
    expect(inHeadline.slice(inHeadline.indexOf(false))).not.toContain(true);
    expect(await page.textContent(".search-status")).toBe(`${found.length} stories found for “ferry”`);
    // Only the words are marked, not the punctuation Pagefind takes with them.
    const marked = await page.$$eval(".search-results mark", (marks) => marks.map((mark) => mark.textContent!));
    expect(marked.length).toBeGreaterThan(3);
    expect(marked.filter((word) => !/^[\p{L}\p{N}]/u.test(word) || !/[\p{L}\p{N}]$/u.test(word))).toEqual([]);
    // Two words, neither asked before on this page: both must be in a story.
    const { page: two, headlines: both } = await search("q=night+ferry");
    expect(await both()).toEqual(["Harbour authority approves night ferry to the outer islands"]);
    await two.context().close();
    // A word from the body alone.
    await page.fill("#search-query", "percent");
    await page.press("#search-query", "Enter");
    await page.waitForFunction(() => /percent/.test(document.querySelector(".search-status")!.textContent!));
    expect(await headlines()).toContain("Ferry fares to rise in spring");
    expect(await page.getAttribute(".search-results li a", "href")).toMatch(/^\/[a-z]/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("filters by section and by author, and sorts newest first, keeping the choice in the address", async () => {
    const { page, headlines } = await search("q=ferry&section=Business");
    expect(await headlines()).toEqual(expect.arrayContaining(["Ferry fares to rise in spring", "Halden Shipyards wins order for six hybrid ferries"]));
    // A section's filter takes in its subsections' stories.
    const sections = await page.$$eval(".search-results .teaser-meta", (list) => list.map((p) => p.textContent!.split(" · ")[0]));
    expect(new Set(sections)).toEqual(new Set(["Business", "Markets"]));
    expect(await page.$$eval("select[name=section] option", (list) => list.map((o) => (o as HTMLOptionElement).value))).toContain("Business › Markets");
    await page.selectOption("select[name=section]", "");
    await page.selectOption("select[name=author]", "Jonas Aldertree");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("author") === "Jonas Aldertree" && !/…$/.test(document.querySelector(".search-status")!.textContent!));
    expect((await headlines()).length).toBeGreaterThan(0);
    await page.selectOption("select[name=author]", "");
    await page.selectOption("select[name=sort]", "newest");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("sort") === "newest" && !/…$/.test(document.querySelector(".search-status")!.textContent!));
    const dates = await page.$$eval(".search-results .teaser-meta", (list) => list.map((p) => Date.parse(p.textContent!.split(" · ")[1]!)));
    expect(dates.length).toBeGreaterThan(3);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    await page.context().close();
  });

  it("finds a Spanish story by another form of its words, marked with its language", async () => {
    const { page, headlines } = await search("q=puerto");
    expect(await headlines()).toEqual(["Los puertos pesqueros del norte cierran por el temporal"]);
    expect(await page.getAttribute(".search-results li", "lang")).toBe("es");
    await page.context().close();
  });

  it("finds nothing of a draft, nor for a word no story has, and says so", async () => {
    const { page, headlines } = await search("q=quince-coloured+ferry+timetable");
    expect(await page.textContent(".search-status")).toMatch(/^(\d+ stories found|Nothing found) for “quince-coloured ferry timetable”/);
    expect(await headlines()).not.toContain("SAMPLE DRAFT: Leaked memo reveals hole in harbour budget");
    // A word no story has: Pagefind alone would answer it with stories that have "a".
    const { page: unknown, headlines: nothing } = await search("q=azimuthal");
    expect(await unknown.textContent(".search-status")).toMatch(/^Nothing found for “azimuthal”/);
    expect(await nothing()).toEqual([]);
    await unknown.context().close();
    const { page: other, headlines: none } = await search("q=Copper+Heron+Ledger");
    expect(await none()).toEqual([]);
    expect(await other.textContent(".search-status")).toMatch(/^Nothing found for “Copper Heron Ledger”/);
    await page.context().close();
    await other.context().close();
  });

  it("keeps answering a reader whose page loaded an index the site has since replaced", async () => {
    const { page, headlines } = await search("q=ferry");
    expect((await headlines()).length).toBeGreaterThan(3);
    writeFileSync(path.join(input, "posts/local/ferry-strike.md"), `---\ntitle: "Ferry crews vote to strike"\ndate: 2026-11-30T10:00\nsection: local\n---\nThe ferry crews voted on Monday.\n`);
    const again = await buildSite(input, CLOCK, served.site.output);
    expect(again.stdout).toMatch(/after the site was published/);
    await page.fill("#search-query", "ferry crews");
    await page.press("#search-query", "Enter");
    await page.waitForFunction(() => /crews/.test(document.querySelector(".search-status")!.textContent!));
    expect(await headlines()).toContain("Ferry crews vote to strike");
    await page.context().close();
  });

  it.each([390, 1280])("has no WCAG 2.2 A/AA violations with results shown, at %i px", async (width) => {
    const { page, errors } = await search("q=ferry", width);
    expect((await page.$$(".search-results li")).length).toBeGreaterThan(3);
    await page.screenshot({ path: path.join(SHOTS, `search-${width}.png`), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scrolling").toBe(true);
    await page.context().close();
  });

  it("without scripts, says what to do and links the sections, tags and authors", async () => {
    const { page } = await search("q=ferry", 390, false);
    expect(await page.isVisible(".search-fallback")).toBe(true);
    const links = await page.$$eval(".search-fallback a", (list) => list.map((a) => a.getAttribute("href")));
    expect(links).toEqual(expect.arrayContaining(["/news/", "/tags/", "/authors/"]));
    await page.context().close();
    // The same page when the search script is blocked (axe needs scripts to run at all).
    const context = await served.browser.newContext({ viewport: { width: 390, height: 900 } });
    await context.route(/\/assets\/search\.[0-9a-f]+\.js$/, (route) => route.abort());
    const blocked = await context.newPage();
    await blocked.goto(`${served.url}/search/?q=ferry`);
    expect(await blocked.isVisible(".search-fallback")).toBe(true);
    expect(await axeViolations(blocked)).toEqual([]);
    await context.close();
  });
});
