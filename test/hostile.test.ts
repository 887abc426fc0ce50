import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { load } from "cheerio";
import { buildSite, epoch, FIXTURES, readNewsroom, writeSite, type BuiltSite } from "./helpers/site.ts";

const HOSTILE = path.join(FIXTURES, "hostile");
const CLOCK = { SOURCE_DATE_EPOCH: epoch("2024-05-02T00:00:00Z") };

/** The lines a build printed about problems and warnings, without Eleventy's prefixes. */
function reported(stderr: string): { errors: string[]; warnings: string[] } {
  const lines = stderr.split("\n").map((line) => line.replace(/^\[11ty\]\s*/, "").replace(/ \(via ContentValidationError\)$/, "").trim());
  return {
    errors: [...new Set(lines.filter((line) => /^(posts|_data)\//.test(line)))].sort(),
    warnings: [...new Set(lines.filter((line) => line.startsWith("[dateline] warning: ")).map((line) => line.replace("[dateline] ", "")))].sort(),
  };
}

function expectedLines(fixture: string): { errors: string[]; warnings: string[] } {
  const lines = readFileSync(path.join(HOSTILE, fixture, "expected.txt"), "utf8").split("\n").filter((line) => line && !line.startsWith("#"));
  return { errors: lines.filter((line) => !line.startsWith("warning: ")).sort(), warnings: lines.filter((line) => line.startsWith("warning: ")).sort() };
}

function fingerprint(site: BuiltSite): Record<string, string> {
  return Object.fromEntries(site.files().map((file) => [file, createHash("sha256").update(readFileSync(path.join(site.output, file))).digest("hex")]));
}

describe("bad input", () => {
  it.each(["site-errors", "site-errors-2"])("%s: reading the site finds exactly the expected problems and warnings, each naming its file and field", (fixture) => {
    const { newsroom, problems, warnings } = readNewsroom(path.join(HOSTILE, fixture), "2024-05-02T00:00:00Z");
    expect(newsroom).toBeUndefined();
    expect({ errors: [...new Set(problems)].sort(), warnings: [...new Set(warnings.map((w) => `warning: ${w}`))].sort() }).toEqual(expectedLines(fixture));
  });

  it("errors: the build prints exactly the expected problems and warnings, each naming its file and field, and no stack trace", async () => {
    const fixture = "errors";
    const site = await buildSite(path.join(HOSTILE, fixture), CLOCK);
    expect(site.code).not.toBe(0);
    expect(reported(site.stderr)).toEqual(expectedLines(fixture));
    expect(site.stderr).toMatch(/\[dateline\] build failed: nothing was published/);
    expect(site.stderr).not.toMatch(/\n\s+at /);
  });

  it("leaves the previously published site byte-for-byte as it was when a build fails", async () => {
    const good = await buildSite(path.join(HOSTILE, "safe"), CLOCK);
    expect(good.code).toBe(0);
    const before = fingerprint(good);
    const failed = await buildSite(path.join(HOSTILE, "errors"), CLOCK, good.output);
    expect(failed.code).not.toBe(0);
    expect(fingerprint(failed)).toEqual(before);
    expect(Object.keys(before).length).toBeGreaterThan(20);
  });
});

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

  it("builds byte-identical output from the same content and SOURCE_DATE_EPOCH, in one pass or many", async () => {
    const [one, two, passes] = await Promise.all([
      buildSite(path.join(HOSTILE, "safe"), CLOCK),
      buildSite(path.join(HOSTILE, "safe"), CLOCK),
      buildSite(path.join(HOSTILE, "safe"), { ...CLOCK, DATELINE_PAGES_PER_PASS: "4" }),
    ]);
    expect(one.code).toBe(0);
    expect(fingerprint(two)).toEqual(fingerprint(one));
    expect(fingerprint(passes)).toEqual(fingerprint(one));
    expect(passes.stdout.match(/\[11ty\] Wrote/g)?.length, "several passes ran").toBeGreaterThan(3);
  });
});

describe("hostile content that is valid renders safely", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite(path.join(HOSTILE, "safe"), CLOCK);
    expect(site.code).toBe(0);
  });

  /** Every executable thing on the page: elements that run script, event handlers, script URLs. */
  const executable = (html: string) => {
    const $ = load(html);
    const found: string[] = [];
    $("script:not([type='application/ld+json']), iframe, object, embed").each((_, el) => void found.push(`<${el.tagName}>`));
    $("*").each((_, node) => {
      const el = node as unknown as { tagName: string; attribs: Record<string, string> };
      for (const [name, value] of Object.entries(el.attribs)) {
        if (name.startsWith("on")) found.push(`${el.tagName}[${name}]`);
        if (/^\s*(javascript|vbscript|data:text)/i.test(value) && ["href", "src", "action"].includes(name)) found.push(`${el.tagName}[${name}=${value}]`);
      }
    });
    return found;
  };

  it("runs nothing from content in any HTML page", () => {
    for (const file of site.files().filter((f) => f.endsWith(".html"))) expect(executable(site.read(file)), file).toEqual([]);
  });

  it("escapes a headline, summary, dateline, tags and byline built to break out of their elements and attributes", () => {
    const $ = site.page("/news/script-headline/");
    const headline = '</title><script>alert("headline")</script><!--';
    expect($("title").text()).toBe(`${headline} – Hostile Input Gazette`);
    expect($("h1").text()).toBe(headline);
    expect($('meta[name="description"]').attr("content")).toBe('" onmouseover="alert(1)" x="');
    expect($(".story-body .dateline").text()).toBe("<b>PARIS</b>, May 1. /<i>AFP</i>/.");
    expect($(".story-tags a").map((_, a) => $(a).text()).get()).toEqual(['<script>alert("tag")</script>', '"><img src=x onerror=alert(1)>']);
    expect($(".byline .authors a").text()).toBe('<img src=x onerror=alert("author")>');
    const [jsonLd] = $('script[type="application/ld+json"]').map((_, s) => JSON.parse($(s).html()!)).get();
    expect(jsonLd.headline).toBe(headline);
  });

  it("escapes them in feeds and sitemaps too", () => {
    for (const file of ["feed.xml", "news/feed.xml", "sitemap.xml", "news-sitemap.xml"]) {
      const xml = site.read(file);
      expect(xml, file).not.toMatch(/<script|<img|<b>|<\/title><|onerror=alert\(1\)>/);
    }
    const feed = JSON.parse(site.read("feed.json"));
    expect(feed.items.find((item: { url: string }) => item.url.endsWith("/script-headline/")).title).toBe('</title><script>alert("headline")</script><!--');
  });

  it("renders raw HTML in a body as text, and script, vbscript and data: links as text; data: images stay images", () => {
    const raw = site.page("/news/raw-html/");
    expect(raw(".story-body script, .story-body img, .story-body iframe, .story-body b")).toHaveLength(0);
    expect(raw(".story-body").text()).toContain("<script>alert(‘body’)</script>");
    const links = site.page("/news/script-links/");
    expect(links(".story-body a").map((_, a) => links(a).attr("href")).get()).toEqual(["https://example.net/ok"]);
    expect(links(".story-body").text()).toContain("[one](javascript:alert(‘link’))");
    expect(links(".story-body img").attr("src")).toMatch(/^data:image\/png;base64,/);
  });

  it("shows {{ }} and {% %} in a body and a headline as written", () => {
    const $ = site.page("/news/template-syntax/");
    expect($("h1").text()).toBe("Template {{ newsroom.site.title }} {% raw %}");
    expect($(".story-body").text()).toContain("{{ newsroom.site.title }}");
    expect($(".story-body").text()).toContain("{{ 7 * 7 }}");
    expect($(".story-body").text()).not.toContain("Hostile Input Gazette");
  });

  it("escapes readers' comments everywhere, anchors included", () => {
    const $ = site.page("/news/good-story/");
    const first = $(".comment-list > li").first();
    expect(first.find(".comment-author").text()).toBe("<script>alert('commenter')</script>");
    expect(first.find("p[dir]").map((_, p) => $(p).text()).get()).toEqual(["<img src=x onerror=alert('comment')> </textarea><script>alert(2)</script>", "[link](javascript:alert(3)) {{ 7*7 }}"]);
    expect($(".comment-list > li").last().attr("id")).toBe("comment-x--onmouseover--alert-1-");
    expect($(".recent-comments a").first().attr("href")).toBe("/news/good-story/#comment-x--onmouseover--alert-1-");
  });

  it("renders Cyrillic, Arabic (right to left) and CJK headlines, with slugs that are never empty and never collide silently", () => {
    expect(site.page("/news/cyrillic/")("h1").text()).toBe("Госдума готова к переговорам");
    expect(site.files()).toContain("tags/rossiya/index.html");
    expect(site.files()).toContain("authors/anna-petrova/index.html");
    const arabic = site.page("/news/arabic/");
    expect(arabic("html").attr("lang")).toBe("ar");
    expect(arabic("html").attr("dir")).toBe("rtl");
    expect(arabic("h1").text()).toBe("مجلس المدينة يقر الميزانية");
    const cjk = site.page("/news/cjk/");
    expect(cjk(".story-tags a").map((_, a) => cjk(a).attr("href")).get()).toEqual(["/tags/東京/", "/tags/東京-2/", "/tags/c/", "/tags/c-2/"]);
    expect(site.stderr).toContain('warning: names that differ: "東京" and "東京!" share the slug "東京"; they are published as 東京 and 東京-2');
    expect(site.stderr).toContain('warning: names that differ: "C" and "C++" share the slug "c"; they are published as c and c-2');
  });

  it("builds an article with a byte-order mark and CRLF line endings, and one of a megabyte", () => {
    const crlf = site.page("/news/bom-crlf/");
    expect(crlf("h1").text()).toBe("Windows line endings");
    expect(crlf(".story-body p").map((_, p) => crlf(p).text()).get()).toEqual(["First paragraph.", "Second paragraph."]);
    const large = site.read("news/large/index.html");
    expect(large).toContain("THE-LAST-PARAGRAPH of the large story.");
    expect(large.length).toBeGreaterThan(900_000);
  });
});

describe("republishing", () => {
  it("renders only what changed, and the result is the same as a build from scratch", async () => {
    const input = writeSite({}, path.join(HOSTILE, "safe"));
    const first = await buildSite(input, CLOCK);
    const second = await buildSite(input, CLOCK, first.output);
    expect(second.stdout).toMatch(/ \d+ files written \(and \d+ unchanged pages kept\)/);

    // One story edited: its page and the fronts listing it are rendered again, and nothing is stale.
    const story = path.join(input, "posts/cyrillic.md");
    writeFileSync(story, readFileSync(story, "utf8").replace("Госдума готова к переговорам", "Госдума готова к новым переговорам"));
    const third = await buildSite(input, CLOCK, first.output);
    const rendered = Number(/ ([\d,]+) files written/.exec(third.stdout)?.[1]?.replace(",", ""));
    // The nine other stories (of ten) are not rendered again.
    expect(rendered).toBeLessThanOrEqual(third.files().length - 9);
    expect(third.page("/news/cyrillic/")("h1").text()).toBe("Госдума готова к новым переговорам");
    expect(third.page("/news/")(".story-list").text()).toContain("Госдума готова к новым переговорам");
    expect(fingerprint(third)).toEqual(fingerprint(await buildSite(input, CLOCK)));

    // A change to the site's settings shows on every page.
    const siteFile = path.join(input, "_data/site.json");
    writeFileSync(siteFile, readFileSync(siteFile, "utf8").replace("Hostile Input Gazette", "Renamed Gazette"));
    const fourth = await buildSite(input, CLOCK, first.output);
    expect(fourth.stdout).not.toContain("unchanged pages kept");
    for (const file of fourth.files().filter((f) => f.endsWith(".html"))) expect(fourth.read(file), file).not.toContain("Hostile Input Gazette");
  });
});
