import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, epoch, ROOT, type BuiltSite } from "./helpers/site.ts";
import { malformedOutputs } from "./helpers/validators.ts";

/** The repository's own sample site, built as `npm run build` builds it, on the day after its newest story. */
describe("the sample site", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite(ROOT, { SOURCE_DATE_EPOCH: epoch("2026-11-28T12:00:00Z") });
    expect(site.stderr).toBe("");
    expect(site.code).toBe(0);
  });

  const articlePages = () => site.files().filter((file) => /^(?!tags\/|authors\/)(.+\/)?[^/]+\/index\.html$/.test(file) && site.read(file).includes('class="story"'));

  it("publishes at least 12 stories over at least 4 sections, one of them nested", () => {
    const pages = articlePages();
    expect(pages.length).toBeGreaterThanOrEqual(12);
    expect(new Set(pages.map((file) => file.split("/")[0])).size).toBeGreaterThanOrEqual(4);
    expect(pages.some((file) => file.split("/").length === 4)).toBe(true);
  });

  it("gives every article page the reference page's parts, in order", () => {
    for (const file of articlePages()) {
      const $ = site.page(`/${file.replace(/index\.html$/, "")}`);
      const parts = [".topbar time", ".nameplate", "nav.sections", "nav[aria-label=Breadcrumb]", "h1", ".story-body p", "#respond h2", ".sidebar .popular h2", ".sidebar .recent-comments h2"];
      const all = $("*").toArray();
      const order = parts.map((selector) => all.indexOf($(selector).first().get(0)!));
      expect(order.every((position) => position >= 0), `${file} has every part`).toBe(true);
      expect(order, file).toEqual([...order].sort((a, b) => a - b));
      expect($("h1"), file).toHaveLength(1);
      expect($(".topbar time").text()).toBe("Saturday, November 28, 2026");
      expect($("nav[aria-label=Breadcrumb] li").last().text().trim()).toBe($("h1").text());
    }
  });

  it("writes only well-formed XML and JSON", async () => {
    expect(await malformedOutputs(site.output)).toEqual([]);
  });

  it("writes the late-night UTC story's dateline on the next day, in Oslo", () => {
    const $ = site.page("/news/power-cut-halden-region/");
    expect($(".story-body .dateline").text()).toBe("PORT HALDEN, November 28. /Halden Wire/.");
  });

  it("keeps the sample draft and the embargoed story out of every file", () => {
    const everything = site.everything();
    for (const secret of ["Copper Heron Ledger", "sample-draft-budget-leak", "Lantern Tide Movement", "periwinkle ballot lantern", "sample-embargoed-election-result"]) {
      expect(everything).not.toContain(secret);
    }
  });

  it("keeps an article page small: under 30 KB of HTML, one stylesheet under 13 KB, one deferred script under 1 KB", () => {
    const assets = site.files().filter((file) => file.startsWith("assets/"));
    // A theme file by name: dateline.css is published as assets/dateline.<hash>.css.
    const asset = (name: string) => site.read(assets.find((file) => file.replace(/\.[0-9a-f]{10}\./, ".") === `assets/${name}`)!);
    for (const file of articlePages()) {
      expect(Buffer.byteLength(site.read(file)), file).toBeLessThan(30_000);
      const scripts = [...site.read(file).matchAll(/<script(?! type="application\/ld\+json")[^>]*>/g)].map((m) => m[0]);
      expect(scripts, file).toEqual([expect.stringMatching(/^<script src="\/assets\/today\.[0-9a-f]{10}\.js" defer>$/)]);
    }
    expect(Buffer.byteLength(asset("dateline.css"))).toBeLessThan(13_000);
    expect(Buffer.byteLength(asset("today.js"))).toBeLessThan(1_024);
  });
});
