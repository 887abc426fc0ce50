import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import path from "node:path";
import { readNewsroom, writeSite } from "./helpers/site.ts";

const NOW = "2026-11-30T12:00:00Z";
const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const SITE = { title: "Old Town Post", url: "https://post.example.org", timezone: "UTC", nav: [{ key: "news", title: "News" }] };
const story = (slug: string, fields: string) => ({ [`posts/${slug}.md`]: `---\ntitle: "${slug}"\ndate: 2026-11-01T10:00\nsection: news\n${fields}\n---\nText of ${slug}.\n` });
function site(files: Record<string, string>, settings: Record<string, unknown> = SITE) {
  const dir = writeSite({ "_data/site.json": JSON.stringify(settings), ...files });
  folders.push(dir);
  return readNewsroom(dir, NOW);
}

describe("aliases: a story's old addresses", () => {
  it("each lead to the story once it is published; a draft's or an embargoed story's lead nowhere yet", () => {
    const read = site({
      ...story("ferry", 'aliases: ["/2019/05/12/ferry/", "/ferry.html", "/2019/05/12/ferry/index.html"]'),
      ...story("plan", "aliases: [/2019/06/01/plan/]\ndraft: true"),
      "posts/later.md": "---\ntitle: later\ndate: 2099-01-01T10:00\nsection: news\naliases: [/2019/06/02/later/]\n---\nLater.\n",
    });
    expect(read.problems).toEqual([]);
    expect(read.newsroom!.redirects.map((redirect) => [redirect.url, redirect.article.url])).toEqual([
      ["/2019/05/12/ferry/", "/news/ferry/"],
      ["/ferry.html", "/news/ferry/"],
    ]);
    expect(read.newsroom!.redirectsFiles).toEqual([{ url: "/_redirects", text: "/2019/05/12/ferry/ /news/ferry/ 301\n/ferry.html /news/ferry/ 301\n" }]);
  });

  it("are refused when they are another story's address or old address, the story's own, a page Dateline writes, or not a plain site path", () => {
    const withAliases = (ferry: string) => site({ ...story("ferry", `aliases: [${ferry}]`), ...story("quay", "aliases: [/old/shared/]"), ...story("pier", "aliases: [/old/shared/]") });
    const read = withAliases("/news/quay/, /news/ferry/, /tags/ferries/, /news/, ferry-old, /50%25-off/");
    expect(read.problems).toEqual([
      "posts/ferry.md: aliases[4]: \"ferry-old\" must be a path inside the site starting with /, e.g. /special/election-results/",
      "posts/ferry.md: aliases[5]: \"/50%25-off/\" must not be percent-encoded: write the characters themselves, e.g. /special/election-results/",
      "posts/quay.md: aliases[0]: /old/shared/ is also an old address of posts/pier.md; an address can lead to one story",
    ]);
    const valid = withAliases("/news/quay/, /news/ferry/, /tags/ferries/, /news/");
    expect(valid.problems).toEqual([
      "posts/ferry.md: aliases[0]: /news/quay/ is also the address of posts/quay.md; an address can lead to one story",
      "posts/ferry.md: aliases[1]: /news/ferry/ is the article's own address; remove it from aliases",
      "posts/ferry.md: aliases[2]: /tags/ferries/ is the address of the tag pages, which Dateline writes; remove it from aliases",
      "posts/ferry.md: aliases[3]: /news/ is the address of the News front, which Dateline writes; remove it from aliases",
      "posts/quay.md: aliases[0]: /old/shared/ is also an old address of posts/pier.md; an address can lead to one story",
    ]);
  });

  it("go into the site's own public/_redirects after its rules, under the site's path prefix, and a file in public/ cannot stand at one", () => {
    const read = site(
      { ...story("ferry", "aliases: [/2019/ферри/]"), "public/_redirects": "/old-feed /halden/feed.xml 301\n\n" },
      { ...SITE, url: "https://owner.github.io/halden" },
    );
    expect(read.problems).toEqual([]);
    expect(read.newsroom!.redirectsFiles[0]!.text).toBe("/old-feed /halden/feed.xml 301\n/halden/2019/%D1%84%D0%B5%D1%80%D1%80%D0%B8/ /halden/news/ferry/ 301\n");
    expect([...read.newsroom!.withheldFiles].map((file) => path.basename(file))).toEqual(["_redirects"]);
    const clash = site({ ...story("ferry", "aliases: [/old/ferry/]"), "public/old/ferry/index.html": "<p>old</p>" });
    expect(clash.problems).toEqual(["public/old/ferry/index.html: is published at /old/ferry/index.html, the address of the article posts/ferry.md, which Dateline writes; remove or rename it"]);
  });

  it("leave a site without any as it was: no _redirects is written and public/_redirects is published as it is", () => {
    const read = site({ ...story("ferry", ""), "public/_redirects": "/a /b 301\n" });
    expect(read.newsroom!.redirectsFiles).toEqual([]);
    expect(read.newsroom!.withheldFiles.size).toBe(0);
  });
});
