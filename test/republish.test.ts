import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSite, epoch, FIXTURES, snapshot, writeSite, type BuiltSite } from "./helpers/site.ts";

const HOSTILE = path.join(FIXTURES, "hostile");
const CLOCK = { SOURCE_DATE_EPOCH: epoch("2024-05-02T00:00:00Z") };

const fingerprint = (site: BuiltSite) => snapshot(site.output);

describe("nothing lost, nothing stale", () => {
  it("removes the pages of an article that was deleted or re-embargoed on the next good build", async () => {
    const input = writeSite({}, path.join(HOSTILE, "safe"));
    // Two builds first, so that the third is written over the spare folder the first one left.
    const first = await buildSite(input, CLOCK);
    await buildSite(input, CLOCK, first.output);
    expect(existsSync(`${first.output}.spare/news/cyrillic/index.html`)).toBe(true);
    expect(first.files()).toContain("news/cyrillic/index.html");
    expect(first.files()).toContain("tags/rossiya/index.html");
    rmSync(path.join(input, "posts/cyrillic.md"));
    const arabic = path.join(input, "posts/arabic.md");
    writeFileSync(arabic, readFileSync(arabic, "utf8").replace("date: 2024-05-01T10:00", "date: 2030-01-01T10:00"));
    const second = await buildSite(input, CLOCK, first.output);
    expect(second.code).toBe(0);
    expect(second.files().filter((file) => /cyrillic|rossiya|arabic|aqtsad/.test(file))).toEqual([]);
    expect(second.everything()).not.toContain("Госдума");
    expect(fingerprint(second)).toEqual(fingerprint(await buildSite(input, CLOCK)));
  });

  it("builds byte-identical output from the same content and SOURCE_DATE_EPOCH, in one pass or many, in one process or several", async () => {
    // Fresh builds, in separate processes: one in a single pass, one in passes of four pages, one
    // with two render workers beside it.
    const [one, passes, workers] = await Promise.all([
      buildSite(path.join(HOSTILE, "safe"), { ...CLOCK, DATELINE_WORKERS: "0" }),
      buildSite(path.join(HOSTILE, "safe"), { ...CLOCK, DATELINE_WORKERS: "0", DATELINE_PAGES_PER_PASS: "4" }),
      buildSite(path.join(HOSTILE, "safe"), { ...CLOCK, DATELINE_WORKERS: "2", DATELINE_PAGES_PER_PASS: "4" }),
    ]);
    expect(one.code).toBe(0);
    expect(Object.keys(fingerprint(one)).length).toBeGreaterThan(20);
    expect(fingerprint(passes)).toEqual(fingerprint(one));
    expect(passes.stdout.match(/\[11ty\] Wrote/g)?.length, "several passes ran").toBeGreaterThan(3);
    expect(fingerprint(workers)).toEqual(fingerprint(one));
    // The workers' passes print nothing: fewer passes show here than the build's pages make.
    expect(workers.stdout.match(/\[11ty\] Wrote/g)?.length).toBeLessThan(passes.stdout.match(/\[11ty\] Wrote/g)!.length);
    const summary = (built: BuiltSite) => / ([\d,]+) files written/.exec(built.stdout)?.[1];
    expect(summary(workers), "the summary counts the workers' files").toBe(summary(one));
  });
});

describe("republishing", () => {
  it("renders only what changed, and the result is the same as a build from scratch", async () => {
    const input = writeSite({}, path.join(HOSTILE, "safe"));
    const [warm, cold] = [mkdtempSync(path.join(tmpdir(), "dateline-warm-")), mkdtempSync(path.join(tmpdir(), "dateline-cold-"))];
    const env = { ...CLOCK, DATELINE_CACHE_DIR: warm };
    const first = await buildSite(input, env);
    const second = await buildSite(input, env, first.output);
    expect(second.stdout).toMatch(/ \d+ files written \(and \d+ unchanged pages kept\)/);

    // One story edited: its page and the fronts listing it are rendered again, and nothing is stale.
    const story = path.join(input, "posts/cyrillic.md");
    writeFileSync(story, readFileSync(story, "utf8").replace("Госдума готова к переговорам", "Госдума готова к новым переговорам"));
    const third = await buildSite(input, env, first.output);
    const rendered = Number(/ ([\d,]+) files written/.exec(third.stdout)?.[1]?.replace(",", ""));
    // The nine other stories (of ten) are not rendered again.
    expect(rendered).toBeLessThanOrEqual(third.files().length - 9);
    expect(third.page("/news/cyrillic/")("h1").text()).toBe("Госдума готова к новым переговорам");
    expect(third.page("/news/")(".story-list").text()).toContain("Госдума готова к новым переговорам");
    // The search index followed the published site, and left nothing of the one it replaced.
    expect(third.stdout).toMatch(/search: 10 stories in \d languages indexed in [\d.]+ s, after the site was published/);
    // The same bytes as a cold build: one that reads every article, with no cache of earlier builds.
    try {
      expect(readdirSync(path.join(warm, "articles")).filter((name) => name.endsWith(".bin")), "the republish read its articles from the cache").toHaveLength(1);
      expect(fingerprint(third)).toEqual(fingerprint(await buildSite(input, { ...CLOCK, DATELINE_CACHE_DIR: cold })));
    } finally {
      for (const folder of [warm, cold]) rmSync(folder, { recursive: true, force: true });
    }
  });
});
