import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { load } from "cheerio";
import { createHash } from "node:crypto";
import { siteSchema } from "../src/content/schema.ts";
import { createArticleMarkdown } from "../src/eleventy/markdown.ts";
import { checkLinks } from "../src/publish/links.ts";
import { serveSite } from "./helpers/host.ts";
import { buildSite, epoch, ROOT, runScript, writeSite, type BuiltSite } from "./helpers/site.ts";

/**
 * The sample, hosted as a GitHub Pages project site: `url` is https://owner.github.io/halden-wire, the
 * site is served under /halden-wire/ and nothing is served at the host's root. Every address any
 * output gives a reader, a crawler or a feed reader must lead to a file of the site.
 */
const SITE_URL = "https://owner.github.io/halden-wire";
const PREFIX = "/halden-wire/";

const LINKED_STORY = `---
title: "Ferry timetable published"
date: 2026-11-27T10:00
section: local
---
The [budget story](/news/local/council-passes-2027-budget/#comments) and [the ferry](/news/local/night-ferry-outer-islands/) in brief.

![The night ferry at its quay](/media/night-ferry.svg)
`;

let site: BuiltSite;
let input: string;

beforeAll(async () => {
  input = writeSite({});
  for (const folder of ["posts", "_data", "media"]) cpSync(path.join(ROOT, folder), path.join(input, folder), { recursive: true });
  writeFileSync(path.join(input, "posts/local/ferry-timetable.md"), LINKED_STORY);
  const settings = path.join(input, "_data/site.json");
  writeFileSync(settings, readFileSync(settings, "utf8").replace('"url": "https://wire.example.org"', `"url": "${SITE_URL}"`));
  site = await buildSite(input, { SOURCE_DATE_EPOCH: epoch("2026-11-28T12:00:00Z") });
  expect(site.stderr).toBe("");
  expect(site.code).toBe(0);
});

/** Every address in a file that a browser, crawler or feed reader would follow, as written. */
function referencesIn(file: string, text: string): string[] {
  if (file.endsWith(".html")) {
    const $ = load(text);
    const found: string[] = [];
    for (const attribute of ["href", "src", "action", "poster"]) $(`[${attribute}]`).each((_, element) => void found.push($(element).attr(attribute)!));
    $("[srcset]").each((_, element) => void found.push(...$(element).attr("srcset")!.split(/,\s+/).map((candidate) => candidate.trim().split(/\s+/)[0]!)));
    $('script[type="application/ld+json"]').each((_, element) => void found.push(...stringsIn(JSON.parse($(element).text()))));
    return found;
  }
  if (file.endsWith(".json")) return stringsIn(JSON.parse(text));
  if (file.endsWith(".xml")) return [...text.matchAll(/<loc>([^<]+)<\/loc>|<link[^>]* href="([^"]+)"|<uri>([^<]+)<\/uri>/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  if (file === "robots.txt") return [...text.matchAll(/^Sitemap: (.+)$/gm)].map((m) => m[1]!);
  return [];
}

const stringsIn = (value: unknown): string[] =>
  typeof value === "string" ? (value.startsWith(SITE_URL) ? [value] : []) : value && typeof value === "object" ? Object.values(value).flatMap(stringsIn) : [];

describe("a site under a sub-path (GitHub Pages project site)", () => {
  let server: Awaited<ReturnType<typeof serveSite>>;
  beforeAll(async () => {
    server = await serveSite(site.output, PREFIX);
  });
  afterAll(() => server.close());

  it("gives every internal address in every output under the site's path, and each one is served", async () => {
    const targets = new Set<string>();
    let references = 0;
    for (const file of site.files()) {
      const servedAt = new URL(`${PREFIX}${file.replace(/(^|\/)index\.html$/, "$1")}`, server.origin);
      for (const reference of referencesIn(file, site.read(file))) {
        if (reference.startsWith("#") || reference.startsWith("mailto:")) continue;
        const absolute = reference.startsWith(SITE_URL) ? new URL(`${PREFIX}${reference.slice(SITE_URL.length + 1)}`, server.origin) : new URL(reference, servedAt);
        if (absolute.origin !== server.origin) continue;
        references++;
        expect(absolute.pathname.startsWith(PREFIX), `${file}: ${reference} is outside ${PREFIX}`).toBe(true);
        targets.add(absolute.pathname);
      }
    }
    expect(references).toBeGreaterThan(2000);
    const failed: string[] = [];
    for (const target of targets) {
      const response = await fetch(`${server.origin}${target}`);
      if (response.status !== 200) failed.push(`${target}: ${response.status}`);
    }
    expect(failed).toEqual([]);
  });

  it("writes a story's own links and images to site paths under the prefix, on its page and absolute in its feed entry", () => {
    const body = site.page("/news/local/ferry-timetable/")(".story-body");
    expect(body.find("a").first().attr("href")).toBe("/halden-wire/news/local/council-passes-2027-budget/#comments");
    expect(body.find("img").attr("src")).toBe("/halden-wire/media/night-ferry.svg");
    const feed = JSON.parse(site.read("feed.json")) as { items: { url: string; content_html: string }[] };
    const item = feed.items.find((entry) => entry.url === `${SITE_URL}/news/local/ferry-timetable/`)!;
    expect(item.content_html).toContain(`href="${SITE_URL}/news/local/night-ferry-outer-islands/"`);
    expect(item.content_html).toContain(`src="${SITE_URL}/media/night-ferry.svg"`);
  });

  it("serves the 404 page with a working stylesheet and links at any depth", async () => {
    const response = await fetch(`${server.url}/no/such/story/three/deep/`);
    expect(response.status).toBe(404);
    const $ = load(await response.text());
    const stylesheet = $('link[rel="stylesheet"]').attr("href")!;
    expect(stylesheet.startsWith(PREFIX)).toBe(true);
    expect((await fetch(`${server.origin}${stylesheet}`)).status).toBe(200);
    expect($("main a").first().attr("href")).toBe(PREFIX);
  });

  it("gives links and images in a story's own HTML the prefix too", () => {
    const md = createArticleMarkdown({ html: true });
    const html = md.render('<figure><img src="/media/x.jpg" srcset="/media/x.jpg 1x, /media/x2.jpg 2x" alt="A &quot;quote&quot;"><figcaption><a href=/news/>More</a> <a href="https://e.org/">e</a> <a href="#top">top</a></figcaption></figure>\n\nSee <a href="/sport/">sport</a>.\n', { pathPrefix: PREFIX });
    const $ = load(html);
    expect($("img").attr("src")).toBe("/halden-wire/media/x.jpg");
    expect($("img").attr("srcset")).toBe("/halden-wire/media/x.jpg 1x, /halden-wire/media/x2.jpg 2x");
    expect($("img").attr("alt")).toBe('A "quote"');
    expect($("a").map((_, a) => $(a).attr("href")).get()).toEqual(["/halden-wire/news/", "https://e.org/", "#top", "/halden-wire/sport/"]);
  });

  it("names each theme file by a hash of the text it is published with", () => {
    const themeFiles = site.files().filter((file) => /^assets\/[^/]+$/.test(file));
    expect(themeFiles).toHaveLength(5);
    for (const file of themeFiles) {
      const hash = createHash("sha256").update(readFileSync(path.join(site.output, file))).digest("hex").slice(0, 10);
      expect(file).toContain(`.${hash}.`);
    }
  });

  it("says robots.txt is read only at a host's root, and names the sitemaps under the prefix", () => {
    const robots = site.read("robots.txt");
    expect(robots).toMatch(/^# .*root/m);
    expect(robots).toContain(`Sitemap: ${SITE_URL}/sitemap.xml`);
  });
});

describe("npm run check under a sub-path", () => {
  it("finds every link in order, and a theme's link written without the prefix broken", () => {
    expect(checkLinks(site.output, SITE_URL).broken).toEqual([]);
    const copy = path.join(mkdtempSync(path.join(tmpdir(), "dateline-check-")), "_site");
    cpSync(site.output, copy, { recursive: true });
    const about = path.join(copy, "news/index.html");
    // A file whose name a URL must escape is found by its escaped address.
    writeFileSync(path.join(copy, "media/what?#1.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
    const links = '<a href="/news/local/">Local</a><a href="../../../tags/">Tags</a><a href="local/">Local</a><img src="/halden-wire/media/what%3F%231.svg" alt="">';
    writeFileSync(about, readFileSync(about, "utf8").replace("</main>", `${links}</main>`));
    const outside = expect.stringMatching(/^leads outside the site's path \/halden-wire\//);
    expect(checkLinks(copy, SITE_URL).broken).toEqual([
      { page: "news/index.html", link: "/news/local/", problem: outside },
      { page: "news/index.html", link: "../../../tags/", problem: outside },
    ]);
  });

  it("refuses a url whose path would lead elsewhere", () => {
    for (const url of ["https://owner.github.io//repo", "https://owner.github.io/a/./b", "https://owner.github.io/a/../b"]) {
      const read = siteSchema.safeParse({ title: "T", url, nav: [{ key: "news", title: "News" }] });
      expect(read.success ? "accepted" : read.error.issues[0]!.message, url).toBe("must have a path without empty, . or .. parts, e.g. https://owner.github.io/repo");
    }
  });

  it("refuses --pathprefix, naming the one setting", async () => {
    const refused = await runScript("build", [`--input=${input}`, "--pathprefix=/elsewhere/"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--pathprefix is not needed: the site's path prefix is the path of "url" in _data\/site.json/);
  });
});
