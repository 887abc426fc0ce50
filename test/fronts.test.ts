import { beforeAll, describe, expect, it } from "vitest";
import type { CheerioAPI } from "cheerio";
import { buildSite, epoch, type BuiltSite } from "./helpers/site.ts";
import { generatedSite, type GeneratedArticle } from "./helpers/generate.ts";
import { paginateFront } from "../src/model/fronts.ts";
import type { PublishedArticle } from "../src/model/published.ts";

const SITE = {
  title: "Front Test Gazette",
  url: "https://gazette.example.org",
  timezone: "America/New_York",
  nav: [
    { key: "news", title: "News", children: [{ key: "world", title: "World News" }] },
    { key: "business", title: "Business" },
    { key: "arts", title: "Arts" },
  ],
  popular: ["world-1"],
};

const day = (n: number) => `2024-01-01T00:00:00Z`.replace("01T", `${String(n).padStart(2, "0")}T`);
/** 30 world stories (Jan 1–30) and 15 news stories: News shows 45 over three pages; World News 30 over two. */
const ARTICLES: GeneratedArticle[] = [
  ...Array.from({ length: 30 }, (_, i) => ({ slug: `world-${i + 1}`, section: "world", date: day(i + 1).replace("T00", "T10"), tags: i % 2 ? ["Elections"] : ["elections", "Europe"], authors: ["Ana Núñez"] })),
  ...Array.from({ length: 15 }, (_, i) => ({ slug: `news-${i + 1}`, section: "news", date: day(i + 1).replace("T00", "T12"), authors: ["Bo Li", "Ana Núñez"] })),
  { slug: "biz-1", section: "business", date: "2024-01-31T09:00:00Z", tags: ["Markets"] },
  { slug: "biz-hidden-draft", section: "business", date: "2024-01-15T09:00:00Z", tags: ["DraftOnlyTag"], draft: true },
  { slug: "biz-embargoed", section: "business", date: "2030-01-01T09:00:00Z", tags: ["EmbargoOnlyTag"], authors: ["Embargoed Author"] },
];

const hrefs = ($: CheerioAPI, selector: string) => $(selector).map((_, a) => $(a).attr("href")).get();

describe("fronts", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite(generatedSite(SITE, ARTICLES), { SOURCE_DATE_EPOCH: epoch("2024-02-01T00:00:00Z") });
    expect(site.stderr).toBe("");
    expect(site.code).toBe(0);
  });

  it("home: the newest story on top, then each top-level section's newest in nav order, then Most Popular", () => {
    const $ = site.page("/");
    expect($("title").text()).toBe("Front Test Gazette");
    expect($(".top-story h2 a").attr("href")).toBe("/business/biz-1/");
    expect($(".top-story .teaser-meta").text()).toContain("January 31, 2024 at 4:00 AM EST");
    expect($(".home-section h2").map((_, h) => $(h).text()).get()).toEqual(["News"]);
    // News includes World News; Business's only story is the top story, so it has no block of its own.
    expect(hrefs($, ".home-section .teaser-headline a")).toEqual(["/news/world/world-30/", "/news/world/world-29/", "/news/world/world-28/", "/news/world/world-27/", "/news/world/world-26/"]);
    const text = $("body").text();
    expect(text.indexOf("Most Popular")).toBeGreaterThan(text.indexOf("More in News"));
    expect($("nav.sections a[aria-current=page]").text()).toBe("Home");
  });

  it("section fronts: newest first, subsections included, 20 a page, the archive numbered from its oldest page, with rel prev/next", () => {
    const first = site.page("/news/");
    expect(first("title").text()).toBe("News, page 1 of 3 – Front Test Gazette");
    expect(first("h1").text()).toBe("News");
    expect(first(".front-count").text()).toBe("45 articles · page 1 of 3");
    expect(first(".story-list > li")).toHaveLength(20);
    expect(hrefs(first, ".teaser-headline a").slice(0, 3)).toEqual(["/news/world/world-30/", "/news/world/world-29/", "/news/world/world-28/"]);
    // Older leads to the newest archive page, which holds what the front and the full pages below it leave.
    expect(first("link[rel=next]").attr("href")).toBe("/news/page/3/");
    expect(first("link[rel=prev]")).toHaveLength(0);
    expect(first(".pagination a").map((_, a) => first(a).text()).get()).toEqual(["Latest", "3", "2", "Older ›"]);
    expect(first("nav.sections a[aria-current=page]").text()).toBe("News");

    const newest = site.page("/news/page/3/");
    expect(newest("title").text()).toBe("News, page 3 – Front Test Gazette");
    expect(newest(".front-count").text()).toBe("Page 3");
    expect(newest(".story-list > li")).toHaveLength(5);
    expect(newest("link[rel=prev]").attr("href")).toBe("/news/");
    expect(newest("link[rel=next]").attr("href")).toBe("/news/page/2/");
    expect(hrefs(newest, ".pagination a[rel=prev]")).toEqual(["/news/"]);
    expect(hrefs(newest, ".pagination a[rel=next]")).toEqual(["/news/page/2/"]);
    expect(newest(".pagination a[aria-current=page]").text()).toBe("3");
    expect(newest("nav[aria-label=Breadcrumb] li").map((_, li) => newest(li).text().trim()).get()).toEqual(["Home", "News", "Page 3"]);

    // Page 2 is the oldest twenty, whatever is published later.
    const oldest = site.page("/news/page/2/");
    expect(oldest(".story-list > li")).toHaveLength(20);
    expect(hrefs(oldest, ".teaser-headline a").at(-1)).toBe("/news/world/world-1/");
    expect(oldest("link[rel=prev]").attr("href")).toBe("/news/page/3/");
    expect(oldest("link[rel=next]")).toHaveLength(0);
    expect(site.files()).not.toContain("news/page/4/index.html");
  });

  it("lists each story's linked headline, time in the site's zone, byline and summary", () => {
    const $ = site.page("/news/world/");
    const item = $(".story-list > li").first();
    expect(item.find("h2 a").text()).toBe("Story world-30");
    expect(item.find("time").attr("datetime")).toBe("2024-01-30T05:00:00-05:00");
    expect(item.find("time").text()).toBe("January 30, 2024 at 5:00 AM EST");
    expect(item.find(".teaser-meta a[rel=author]").text()).toBe("Ana Núñez");
    expect(item.find(".teaser-summary").text()).toBe("Summary of world-30.");
    expect($("nav[aria-label=Breadcrumb] li").map((_, li) => $(li).text().trim()).get()).toEqual(["Home", "News", "World News"]);
    expect($("nav.sections a[aria-current]").map((_, a) => `${$(a).text()}=${$(a).attr("aria-current")}`).get()).toEqual(["News=true", "World News=page"]);
  });

  it("gives a section with no stories a front that says so", () => {
    const $ = site.page("/arts/");
    expect($("h1").text()).toBe("Arts");
    expect($(".front-empty").text()).toBe("There are no articles in Arts yet.");
  });

  it("merges tags that differ only in case, and pages tags and authors like sections", () => {
    const tag = site.page("/tags/elections/");
    expect(tag("title").text()).toBe("Elections (Tag), page 1 of 2 – Front Test Gazette");
    expect(tag(".front-count").text()).toContain("30 articles");
    expect(site.page("/tags/elections/page/2/")(".story-list > li")).toHaveLength(10);
    expect(site.page("/tags/elections/page/2/")("title").text()).toBe("Elections (Tag), page 2 – Front Test Gazette");

    const tags = site.page("/tags/");
    expect(tags("h1").text()).toBe("Tags");
    expect(tags(".directory li").map((_, li) => tags(li).text().replace(/\s+/g, " ").trim()).get()).toEqual(["Elections 30", "Europe 15", "Markets 1"]);

    const authors = site.page("/authors/");
    expect(authors(".directory li").map((_, li) => authors(li).text().replace(/\s+/g, " ").trim()).get()).toEqual(["Ana Núñez 45", "Bo Li 15"]);
    // The indexes describe themselves to search engines as the fronts do.
    expect(tags('meta[name="description"]').attr("content")).toBe("Every tag on Front Test Gazette, with how many stories each has.");
    const [collection, trail] = authors('script[type="application/ld+json"]').map((_, s) => JSON.parse(authors(s).html()!)).get();
    expect(collection["@type"]).toBe("CollectionPage");
    expect(collection.mainEntity.itemListElement.map((item: { url: string }) => item.url)).toEqual([`${collection.isPartOf.url}authors/ana-nunez/`, `${collection.isPartOf.url}authors/bo-li/`]);
    expect(trail.itemListElement.map((item: { name: string }) => item.name)).toEqual(["Home", "Authors"]);
    const ana = site.page("/authors/ana-nunez/");
    expect(ana("h1").text()).toBe("Ana Núñez");
    expect(ana("link[rel=next]").attr("href")).toBe("/authors/ana-nunez/page/3/");
  });

  it("has a 404 page with the site's chrome and a way back", () => {
    const $ = site.page("/404.html");
    expect($("h1").text()).toBe("Page not found");
    expect($(".nameplate").text()).toBe("Front Test Gazette");
    expect(hrefs($, ".not-found a")).toEqual(["/", "/news/", "/business/", "/arts/"]);
  });

  it("keeps drafts and embargoed stories off every front, tag and author page, and out of every count", () => {
    const everything = site.everything();
    for (const secret of ["biz-hidden-draft", "DraftOnlyTag", "draftonlytag", "biz-embargoed", "EmbargoOnlyTag", "embargoonlytag", "Embargoed Author"]) {
      expect(everything).not.toContain(secret);
    }
    expect(site.page("/business/")(".front-count").text()).toBe("1 article");
  });
});

describe("front pages as the archive grows", () => {
  const subject = { kind: "section" as const, name: "News", url: "/news/", trail: [] };
  const stories = (n: number) => Array.from({ length: n }, (_, i) => ({ url: `/news/story-${n - i}/` }) as PublishedArticle);
  const shown = (pages: ReturnType<typeof paginateFront>) =>
    new Map(pages.map((page) => [page.url, JSON.stringify([page.articles.map((a) => a.url), page.prev, page.next, page.pageLinks, page.number === 1 ? [page.total, page.count] : []])]));

  it("changes the front and at most the four newest archive pages when a story is published, never the rest", () => {
    for (let n = 0; n <= 700; n++) {
      const before = shown(paginateFront(subject, stories(n)));
      const after = shown(paginateFront(subject, stories(n + 1)));
      const changed = [...after].filter(([url, page]) => before.get(url) !== page).map(([url]) => url);
      const newest = Math.max(1, Math.ceil(Math.max(0, n + 1 - 20) / 20) + 1);
      const allowed = new Set(["/news/", ...[0, 1, 2, 3].map((back) => `/news/page/${newest - back}/`)]);
      expect(changed.filter((url) => !allowed.has(url)), `${n} → ${n + 1} stories`).toEqual([]);
      // Every story is on exactly one page, newest first throughout.
      const pages = paginateFront(subject, stories(n + 1));
      const reading = [pages[0]!, ...pages.slice(1).reverse()];
      expect(reading.flatMap((page) => page.articles.map((a) => a.url))).toEqual(stories(n + 1).map((story) => story.url));
    }
  });
});

