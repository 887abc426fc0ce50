import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { load } from "cheerio";
import { buildSite, epoch, expectedLines, FIXTURES, readNewsroom, reported, snapshot, writeSite, type BuiltSite } from "./helpers/site.ts";
import { malformedOutputs } from "./helpers/validators.ts";
import { BuildSession } from "../src/eleventy/session.ts";

const HOSTILE = path.join(FIXTURES, "hostile");
const CLOCK = { SOURCE_DATE_EPOCH: epoch("2024-05-02T00:00:00Z") };

describe("bad input", () => {
  it.each(["site-errors", "site-errors-2", "site-errors-3", "errors-2"])("%s: reading the site finds exactly the expected problems and warnings, each naming its file and field", (fixture) => {
    const { newsroom, problems, warnings } = readNewsroom(path.join(HOSTILE, fixture), "2024-05-02T00:00:00Z");
    expect(newsroom).toBeUndefined();
    expect({ errors: [...new Set(problems)].sort(), warnings: [...new Set(warnings.map((w) => `warning: ${w}`))].sort() }).toEqual(expectedLines(path.join(HOSTILE, fixture)));
  });

  it("errors: the build prints exactly the expected problems and warnings, each naming its file and field, no stack trace, and leaves the published site byte-for-byte as it was", async () => {
    const good = await buildSite(path.join(HOSTILE, "safe"), CLOCK);
    expect(good.code).toBe(0);
    const before = snapshot(good.output);
    expect(Object.keys(before).length).toBeGreaterThan(20);
    const site = await buildSite(path.join(HOSTILE, "errors"), CLOCK, good.output);
    expect(site.code).not.toBe(0);
    expect(reported(site.stderr)).toEqual(expectedLines(path.join(HOSTILE, "errors")));
    expect(site.stderr).toMatch(/\[dateline\] build failed: nothing was published/);
    expect(site.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(site.output)).toEqual(before);
  });
});

describe("a build clock that is not a clock", () => {
  it("stops the build with one line naming SOURCE_DATE_EPOCH, instead of publishing every embargoed story", () => {
    const input = path.join(HOSTILE, "safe");
    const session = new BuildSession({ env: { SOURCE_DATE_EPOCH: "99999999999999" }, preview: false });
    const paths = { input, posts: path.join(input, "posts"), data: path.join(input, "_data"), public: path.join(input, "public"), media: path.join(input, "media"), includes: path.join(input, "_includes") };
    expect(() => session.current(paths)).toThrow(/\n {2}SOURCE_DATE_EPOCH: "99999999999999" is after the year 9999; unset it to build at the current time$/);
    expect(session.site).toBeUndefined();
  });
});

describe("files that are not what they seem", () => {
  it("names every link in posts/, the comments, media/ and public/ without following it, out of the site or round a loop", () => {
    const input = writeSite({ "posts/real.md": "---\ntitle: Real\ndate: 2024-05-01T10:00\nsection: news\n---\nA story.\n" }, path.join(HOSTILE, "safe"));
    const outside = writeSite({ "secret.md": "---\ntitle: OUTSIDE-SECRET\ndate: 2024-05-01T10:00\nsection: news\n---\nOUTSIDE-SECRET\n", "secret.json": "[]" });
    symlinkSync(path.join(outside, "secret.md"), path.join(input, "posts/leak.md"));
    symlinkSync(path.join(input, "posts"), path.join(input, "posts/loop"));
    mkdirSync(path.join(input, "posts/a"));
    symlinkSync(path.join(input, "posts"), path.join(input, "posts/a/up"));
    symlinkSync(path.join(input, "posts"), path.join(input, "posts/a/up-again"));
    symlinkSync(path.join(outside, "secret.json"), path.join(input, "_data/comments/real.json"));
    mkdirSync(path.join(input, "media"), { recursive: true });
    symlinkSync(path.join(outside, "secret.md"), path.join(input, "media/photo.jpg"));
    mkdirSync(path.join(input, "public"), { recursive: true });
    symlinkSync(outside, path.join(input, "public/files"));
    mkdirSync(path.join(input, "posts/folder.md"));
    // A named pipe would block a reader for ever.
    execFileSync("mkfifo", [path.join(input, "posts/pipe.md")]);
    const { newsroom, problems } = readNewsroom(input, "2024-05-02T00:00:00Z");
    expect(newsroom).toBeUndefined();
    const link = "is a symbolic link; Dateline reads only plain files and folders inside the site: copy what it points to here instead";
    const expected = ["_data/comments/real.json", "media/photo.jpg", "posts/a/up", "posts/a/up-again", "posts/leak.md", "posts/loop", "public/files"].map((file) => `${file}: ${link}`);
    expect(problems.sort()).toEqual([...expected, "posts/pipe.md: is not a plain file or folder; remove it"].sort());

    // The content folders themselves as links: nothing in them is read.
    const linked = writeSite({ "_data/site.json": readFileSync(path.join(input, "_data/site.json"), "utf8") });
    for (const folder of ["posts", "media", "public"]) symlinkSync(path.join(input, folder), path.join(linked, folder));
    symlinkSync(path.join(input, "_data/comments"), path.join(linked, "_data/comments"));
    const whole = readNewsroom(linked, "2024-05-02T00:00:00Z");
    expect(whole.problems.sort()).toEqual(["_data/comments", "media", "posts", "public"].map((file) => `${file}: ${link}`));
  });
});

describe("hostile content, round two, that is valid renders safely", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite(path.join(HOSTILE, "safe-2"), CLOCK);
    expect(site.code, site.stderr).toBe(0);
  });

  it("prints exactly the expected warnings: a comment dated after the build clock is held back", () => {
    const expected = expectedLines(path.join(HOSTILE, "safe-2"));
    expect(expected.errors).toEqual([]);
    expect(reported(site.stderr)).toEqual(expected);
    expect(site.everything()).not.toContain("FUTURE-COMMENT-SECRET");
    expect(site.page("/news/symbols/")(".comment-list li")).toHaveLength(1);
  });

  it("gives a tag or byline of symbols alone a working address, and a very long one a short one", () => {
    const $ = site.page("/news/symbols/");
    // The site is served under /gazette/, the path of its url.
    const tags = $(".story-tags a[rel=tag]").map((_, a) => $(a).attr("href")!.replace(/^\/gazette\//, "/")).get();
    expect(tags.slice(0, 2)).toEqual(["/tags/u1f525/", "/tags/u3c-21-2d-2d/"]);
    expect(Buffer.byteLength(tags[2]!)).toBeLessThanOrEqual(120);
    for (const url of [...tags, "/authors/u3c-21-2d-2d/"]) expect(site.files(), url).toContain(`${url.slice(1)}index.html`);
    expect(site.page("/authors/u3c-21-2d-2d/")("h1").text()).toBe("<!--");
  });

  it("reads a folder named like an article as a folder", () => {
    expect(site.page("/news/inside-a-folder/")("h1").text()).toBe("A story in a folder named like an article");
  });

  it("writes only well-formed XML and JSON", async () => {
    expect(await malformedOutputs(site.output)).toEqual([]);
  });
});

describe("hostile content that is valid renders safely", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite(path.join(HOSTILE, "safe"), CLOCK);
    expect(site.code).toBe(0);
  });

  /** Every executable thing on the page but the theme's own scripts (the top bar's; on the search page, its own): elements that run script, event handlers, script URLs. */
  const executable = (html: string, file: string) => {
    const $ = load(html);
    const found: string[] = [];
    const own = site.files().filter((f) => /^assets\/(today|search)\.[0-9a-f]{10}\.js$/.test(f) && (file === "search/index.html" || f.startsWith("assets/today.")));
    const theirs = own.map((f) => `:not([src='/${f}'])`).join("");
    $(`script:not([type='application/ld+json']):not([type='application/json'])${theirs}, iframe, object, embed`).each((_, el) => void found.push(`<${el.tagName}>`));
    $("*").each((_, node) => {
      const el = node as unknown as { tagName: string; attribs: Record<string, string> };
      for (const [name, value] of Object.entries(el.attribs)) {
        if (name.startsWith("on")) found.push(`${el.tagName}[${name}]`);
        if (/^\s*(javascript|vbscript|data:text)/i.test(value) && ["href", "src", "action"].includes(name)) found.push(`${el.tagName}[${name}=${value}]`);
      }
    });
    return found;
  };

  it("writes only well-formed XML and JSON", async () => {
    expect(await malformedOutputs(site.output)).toEqual([]);
  });

  it("runs nothing from content in any HTML page", () => {
    for (const file of site.files().filter((f) => f.endsWith(".html"))) expect(executable(site.read(file), file), file).toEqual([]);
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
