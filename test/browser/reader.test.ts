import { beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { epoch, ROOT, sampleSiteWith } from "../helpers/site.ts";
import { axeViolations, servedSite } from "./browser.ts";

const SHOTS = path.join(ROOT, "test-results/screenshots");
const WIDTHS = [390, 1280] as const;

/** The sample site plus 24 short local stories, so that the News front runs to a second page. */
const extra = Object.fromEntries(
  Array.from({ length: 24 }, (_, i) => [
    `posts/local/briefs/harbour-brief-${i + 1}.md`,
    `---\ntitle: "Harbour brief number ${i + 1}"\ndate: 2026-09-${String(i + 1).padStart(2, "0")}T08:00\nsection: local\nauthors: [Tomas Vale]\nsummary: "A short item from the harbour log."\n---\nThe harbour log recorded item ${i + 1} on a quiet morning.\n`,
  ]),
);

const served = servedSite(() => sampleSiteWith(extra), { SOURCE_DATE_EPOCH: epoch("2026-11-28T12:00:00Z") });
beforeAll(() => void mkdirSync(SHOTS, { recursive: true }));

/** A page that records console errors and uncaught exceptions, which no page of ours may have. */
async function openPage(width: number, colorScheme: "light" | "dark" = "light"): Promise<{ page: Page; errors: string[] }> {
  const page = await served.browser.newPage({ viewport: { width, height: 900 }, colorScheme });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

/** Presses Tab until the focused element is the link to `href`, as a keyboard-only reader would. */
async function tabToLink(page: Page, href: string, limit = 150): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("href"));
    if (focused === href) return;
  }
  throw new Error(`${href} cannot be reached with the Tab key on ${page.url()}`);
}

async function followWithKeyboard(page: Page, href: string): Promise<void> {
  await tabToLink(page, href);
  const outline = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement as Element);
    return `${style.outlineStyle} ${style.outlineWidth}`;
  });
  expect(outline, `focus on ${href} is visible`).not.toMatch(/^none|\b0px$/);
  await Promise.all([page.waitForURL((url) => url.pathname === href.split("#")[0]), page.keyboard.press("Enter")]);
}

describe("a keyboard-only reader", () => {
  it("goes from the home page to a section, its second page, an article and back by a breadcrumb", async () => {
    const { page, errors } = await openPage(1280);
    await page.goto(`${served.url}/`);

    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to main content");
    const skip = await page.locator(".skip-link").boundingBox();
    expect(skip && skip.y >= 0, "the skip link shows when focused").toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

    await page.goto(`${served.url}/`);
    await followWithKeyboard(page, "/news/");
    expect(await page.title()).toBe("News, page 1 of 2 – Halden Wire");
    await followWithKeyboard(page, "/news/page/2/");
    expect(await page.locator("h1").textContent()).toBe("News");
    const article = await page.locator(".story-list .teaser-headline a").first().getAttribute("href");
    await followWithKeyboard(page, article!);
    expect(await page.locator("h1").count()).toBe(1);
    await followWithKeyboard(page, "/news/local/");
    expect(await page.locator("h1").textContent()).toBe("Local News");
    expect(errors).toEqual([]);
    await page.close();
  });
});

const PAGES = [
  ["home", "/"],
  ["front", "/news/local/"],
  ["tag", "/tags/ferries/"],
  ["article", "/news/local/night-ferry-outer-islands/"],
  ["article with a thread of comments", "/news/local/council-passes-2027-budget/"],
  ["not-found", "/no/such/page/"],
] as const;

describe.each(WIDTHS)("at %i px wide", (width) => {
  it.each(PAGES)("the %s page has no WCAG 2.2 A/AA violations and no console errors", async (name, url) => {
    const { page, errors } = await openPage(width);
    await page.goto(`${served.url}${url}`);
    const violations = await axeViolations(page);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
    expect(violations).toEqual([]);
    expect(errors.filter((error) => !(name === "not-found" && /404/.test(error)))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scrolling").toBe(true);
    await page.close();
  });
});

describe("in the reader's dark setting", () => {
  it.each(PAGES.filter(([name]) => name !== "not-found"))("the %s page is dark, and has no WCAG 2.2 A/AA violations (contrast among them)", async (name, url) => {
    const { page } = await openPage(390, "dark");
    await page.goto(`${served.url}${url}`);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(20, 20, 20)");
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, `${name}-dark-390.png`), fullPage: true });
    await page.close();
  });
});

describe("printed", () => {
  it("a story prints its headline, byline, dateline, picture, text and corrections, and none of the site around it", async () => {
    const { page } = await openPage(1280, "dark");
    await page.emulateMedia({ media: "print" });
    await page.goto(`${served.url}/news/local/council-passes-2027-budget/`);
    const shown = (selector: string) => page.evaluate((s) => [...document.querySelectorAll(s)].some((el) => el.getBoundingClientRect().height > 0), selector);
    for (const selector of ["h1", ".byline", ".dateline", ".story-body p", ".corrections"]) expect(await shown(selector), selector).toBe(true);
    for (const selector of [".topbar", ".sections", ".sidebar", ".comments", ".site-footer", ".breadcrumbs", ".search-link"]) expect(await shown(selector), selector).toBe(false);
    // Black on white whatever the screen's setting, and a link's address written after it.
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(255, 255, 255)");
    // The corrections box too, should the printer print backgrounds: not the dark screen's grey.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector(".corrections")!).backgroundColor)).toBe("rgb(242, 242, 242)");
    await page.pdf({ path: path.join(SHOTS, "article-print.pdf") });
    await page.goto(`${served.url}/news/local/night-ferry-outer-islands/`);
    const after = await page.evaluate(() => [...document.querySelectorAll(".story-body a[href^='http']")].map((a) => getComputedStyle(a, "::after").content));
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((content) => content.startsWith('" ('))).toBe(true);
    await page.close();
  });
});

