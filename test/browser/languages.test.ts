import { describe, expect, it } from "vitest";
import path from "node:path";
import { epoch, FIXTURES, ROOT } from "../helpers/site.ts";
import { axeViolations, servedSite } from "./browser.ts";

const SHOTS = path.join(ROOT, "test-results/screenshots");
const served = servedSite(() => path.join(FIXTURES, "ar-desk"), { SOURCE_DATE_EPOCH: epoch("2026-11-28T12:00:00Z") });

const PAGES = [
  ["home", "/"],
  ["article", "/akhbar/mahalli/mina-jadid/"],
  ["front", "/akhbar/"],
  ["search", "/search/?q=الميناء"],
] as const;

describe.each([390, 1280])("an Arabic site, right to left, at %i px", (width) => {
  it.each(PAGES)("the %s page mirrors its layout and has no WCAG 2.2 A/AA violations", async (name, url) => {
    const page = await served.browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${served.url}${url}`);
    if (name === "search") await page.waitForSelector(".search-results li");
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe("rtl");
    if (width === 1280 && name !== "search") {
      // The sidebar stands at the left of the story, as the page is read from the right.
      const [main, aside] = await page.evaluate(() => ["main", ".sidebar"].map((selector) => document.querySelector(selector)!.getBoundingClientRect().left));
      expect(aside!).toBeLessThan(main!);
    }
    await page.screenshot({ path: path.join(SHOTS, `rtl-${name}-${width}.png`), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no sideways scrolling").toBe(true);
    await page.close();
  });
});
