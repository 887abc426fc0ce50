import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { installBundle } from "../src/eleventy/search-index.ts";
import { mirrorBundle, searchTiming } from "../src/publish/search.ts";
import { CLOCK, HEADLINE, siteWithPublic, WIRE } from "./helpers/publishing.ts";
import { readSearchIndex } from "./helpers/search.ts";
import { buildSite, snapshot, writeSite } from "./helpers/site.ts";

const STORY = "posts/news/russia/duma-ready-for-talks.md";

/** Writes files (path → text) under a fresh folder. */
function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "dateline-bundle-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe("when a build writes its search index", () => {
  const live = { stories: { "/a/": "1", "/b/": "2" } };

  it("before publishing when the published index would find a story the new site does not have, or there is none", () => {
    expect(searchTiming(undefined, { "/a/": "1" })).toBe("now");
    expect(searchTiming(live, { "/a/": "1" })).toBe("now");
    expect(searchTiming(live, { "/a/": "1", "/c/": "3" })).toBe("now");
  });

  it("after publishing when stories were only added or changed, and not at all when none was", () => {
    expect(searchTiming(live, { "/a/": "1", "/b/": "2", "/c/": "3" })).toBe("after");
    expect(searchTiming(live, { "/a/": "1", "/b/": "changed" })).toBe("after");
    expect(searchTiming(live, { "/b/": "2", "/a/": "1" })).toBe("unchanged");
  });
});

describe("a search bundle put in place", () => {
  it("switches to the new index with its entry renamed in last, leaving nothing of the index it replaced", () => {
    const bundle = folderWith({ "pagefind-entry.json": "old", "fragment/one.pf_fragment": "1", "index/gone.pf_index": "0", "fragment/same.pf_fragment": "s", "index/clash.pf_index": "old" });
    const fresh = folderWith({ "pagefind-entry.json": "new", "fragment/two.pf_fragment": "2", "fragment/same.pf_fragment": "s", "index/clash.pf_index": "new" });
    const kept = statSync(path.join(bundle, "fragment/same.pf_fragment")).ino;
    const files = installBundle(fresh, bundle);
    expect(files.sort()).toEqual(["fragment/same.pf_fragment", "fragment/two.pf_fragment", "index/clash.pf_index", "pagefind-entry.json"]);
    expect(snapshot(bundle)).toEqual(snapshot(folderWith({ "pagefind-entry.json": "new", "fragment/two.pf_fragment": "2", "fragment/same.pf_fragment": "s", "index/clash.pf_index": "new" })));
    // A file with the same name and bytes stays the very file (the next build's links to it hold); one with other bytes is replaced.
    expect(statSync(path.join(bundle, "fragment/same.pf_fragment")).ino).toBe(kept);
    expect(existsSync(fresh)).toBe(false);
  });

  it("is carried into the next build's folder as links to the same files, with nothing else left there", () => {
    const published = folderWith({ "pagefind-entry.json": "live", "fragment/a.pf_fragment": "a" });
    const spare = folderWith({ "pagefind/pagefind-entry.json": "stale", "pagefind/fragment/old.pf_fragment": "old" });
    const carried = mirrorBundle(published, path.join(spare, "pagefind"));
    expect(carried.map((file) => path.relative(spare, file)).sort()).toEqual(["pagefind/fragment/a.pf_fragment", "pagefind/pagefind-entry.json"]);
    expect(snapshot(path.join(spare, "pagefind"))).toEqual(snapshot(published));
    expect(statSync(path.join(spare, "pagefind/pagefind-entry.json")).ino).toBe(statSync(path.join(published, "pagefind-entry.json")).ino);
  });
});

describe("site search across builds", () => {
  // A story taken away is out of the index before the site is published: republish.test.ts and crash.test.ts
  // compare such builds, index and all, with builds from scratch.
  it("publishes an edit first and indexes it after; an index killed in between is written again, first, by the next build", async () => {
    const input = siteWithPublic();
    const output = path.join(mkdtempSync(path.join(tmpdir(), "dateline-search-")), "_site");
    const first = await buildSite(input, CLOCK, output);
    expect(first.code).toBe(0);
    expect(readSearchIndex(output).stories.map((story) => story.meta.title)).toContain(HEADLINE);

    // A story edited: the site is published first, and an index that then dies leaves the old one whole.
    const file = path.join(input, STORY);
    writeFileSync(file, readFileSync(file, "utf8").replace("security", "security and trade"));
    const killed = await buildSite(input, { ...CLOCK, DATELINE_CRASH_AT: "search-follows" }, output);
    expect(killed.code).not.toBe(0);
    expect(readFileSync(path.join(output, "news/russia/duma-ready-for-talks/index.html"), "utf8")).toContain("security and trade");
    expect(readSearchIndex(output).stories.some((story) => story.meta.title === `${HEADLINE.replace("security", "security and trade")}`)).toBe(false);
    const again = await buildSite(input, CLOCK, output);
    // The killed build left no record of an index it trusts: this one indexes before it publishes.
    expect(again.stdout).toMatch(/search: \d+ stories in 1 language indexed in [\d.]+ s \(/);
    expect(readSearchIndex(output).stories.map((story) => story.meta.title)).toContain(HEADLINE.replace("security", "security and trade"));
  });

  it("leaves the search page, its link and the index out when site.json says search: false", async () => {
    const site = JSON.parse(readFileSync(path.join(WIRE, "_data/site.json"), "utf8"));
    const built = await buildSite(writeSite({ "_data/site.json": JSON.stringify({ ...site, search: false }) }, WIRE), CLOCK);
    expect(built.code, built.stderr).toBe(0);
    expect(built.files().filter((file) => /^(pagefind|search)\/|^assets\/search\./.test(file))).toEqual([]);
    for (const page of built.files().filter((file) => file.endsWith(".html"))) expect(built.read(page), page).not.toMatch(/data-pagefind|search-link/);
    expect(built.stdout).not.toContain("search:");
  });
});
