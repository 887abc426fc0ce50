import { beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { parseFeed } from "@rowanmanning/feed-parser";
import { load } from "cheerio";
import { buildSite, epoch, FIXTURES, readNewsroom, runScript, type BuiltSite } from "./helpers/site.ts";
import { jsonFeedErrors, malformedOutputs, ninjsErrors, parseXml, sitemapErrors } from "./helpers/validators.ts";
import { sitemapFiles } from "../src/model/sitemaps.ts";
import { readSearchIndex } from "./helpers/search.ts";

const DESK = path.join(FIXTURES, "desk");
const CLOCK = "2024-03-11T12:00:00Z";
const BASE = "https://ledger.example.com";
const HEADLINE = 'Bank holds rates </script><script>alert("x")</script> & says "wait"';
const SECRETS = ["DRAFT-SECRET", "secret-draft", "DraftTagXyz", "drafttagxyz", "EMBARGO-SECRET", "embargoed-results", "EmbargoTagXyz", "embargotagxyz", "Embargo Only Writer", "EXPIRED-SECRET", "old-offer", "ExpiredTagXyz", "expiredtagxyz"];

type Node = Record<string, unknown>;
const asNodes = (value: unknown) => value as Node[];

describe("publishing outputs", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite(DESK, { SOURCE_DATE_EPOCH: epoch(CLOCK) });
    expect(site.stderr).toBe("");
    expect(site.code).toBe(0);
  });

  it("writes an Atom feed of the newest published stories with full content, authors, categories and absolute URLs", async () => {
    const xml = site.read("feed.xml");
    const feed = parseXml(xml).feed as Node;
    expect(feed.title).toBe("Ledger & Post");
    expect(asNodes(feed.link).map((l) => `${l["@rel"]} ${l["@href"]}`)).toEqual([`self ${BASE}/feed.xml`, `alternate ${BASE}/`]);
    const entries = asNodes(feed.entry);
    expect(entries.map((e) => e.id)).toEqual([
      `${BASE}/news/world/world-ceasefire/`,
      `${BASE}/news/rates-hold/`,
      `${BASE}/business/markets-week/`,
      `${BASE}/business/budget-live/`,
    ]);
    const first = entries[1]!;
    expect(first.title).toBe(HEADLINE);
    expect(first.published).toBe("2024-03-10T09:00:00Z".replace("Z", "+00:00"));
    expect(asNodes(first.author).map((a) => a.name)).toEqual(["Mara Quinn", "O'Brien Kaye"]);
    expect(asNodes(first.category).map((c) => c["@label"])).toEqual(["News", "Interest Rates", "Economy"]);
    const content = (first.content as Node)["#text"] as string;
    expect(content).toContain(`href="${BASE}/documents/statement/"`);
    expect(content).toMatch(new RegExp(`src="${BASE}/assets/img/[\\w-]+-600\\.jpeg"`));
    expect(content).toContain("An earlier version misstated the vote as 7-2.");
    // Its latest correction is its latest change: a feed reader shows the entry again.
    expect(first.updated).toBe("2024-03-11T08:00:00+00:00");
    expect(entries[2]!.updated).toBe("2024-03-09T10:30:00+00:00");

    // A feed reader's parser reads it as we meant it.
    const parsed = parseFeed(xml);
    expect(parsed.title).toBe("Ledger & Post");
    expect(parsed.items.map((item) => item.title)).toContain(HEADLINE);
  });

  it("writes a JSON Feed 1.1 that validates against the published schema", () => {
    const feed = JSON.parse(site.read("feed.json"));
    expect(jsonFeedErrors(feed)).toEqual([]);
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items.map((item: Node) => item.url)).toHaveLength(4);
    const rates = feed.items[1];
    expect(rates.title).toBe(HEADLINE);
    expect(rates.authors.map((a: Node) => a.name)).toEqual(["Mara Quinn", "O'Brien Kaye"]);
    expect(rates.content_html).toMatch(new RegExp(`src="${BASE}/assets/img/[\\w-]+-600\\.jpeg"`));
    expect(rates.tags).toEqual(["News", "Interest Rates", "Economy"]);
  });

  it("writes a feed per section, its subsections included, and links feeds from every page", () => {
    const news = parseXml(site.read("news/feed.xml")).feed as Node;
    expect(asNodes(news.entry).map((e) => e.id)).toEqual([`${BASE}/news/world/world-ceasefire/`, `${BASE}/news/rates-hold/`]);
    expect(jsonFeedErrors(JSON.parse(site.read("business/feed.json")))).toEqual([]);
    const $ = site.page("/news/world/world-ceasefire/");
    expect($("link[rel=alternate]").map((_, l) => $(l).attr("href")).get()).toEqual(["/feed.xml", "/feed.json", "/news/world/feed.xml", "/news/world/feed.json"]);
  });

  it("gives a story in another language its own words and lang, keeps the chrome in the site's, and marks it in lists and feeds", () => {
    const $ = site.page("/news/world/world-ceasefire/");
    expect($("html").attr("lang")).toBe("fr");
    expect($(".timestamps").text()).toMatch(/Publié le 11 mars 2024/);
    expect($(".reply h2").text()).toBe("Laisser un commentaire");
    expect($(".sidebar").attr("lang")).toBe("en-GB");
    for (const chrome of [".masthead", "nav.sections", ".site-footer", ".breadcrumbs"]) expect($(chrome).closest("[lang]").attr("lang"), chrome).toBe("en-GB");
    expect($(".breadcrumbs a").first().text()).toBe("Home");
    expect($(".kicker a").attr("lang")).toBe("en-GB");
    expect($(".skip-link").attr("lang")).toBe("en-GB");
    expect($('meta[property="og:locale"]').attr("content")).toBe("fr_FR");
    expect(site.page("/")('meta[property="og:locale"]').attr("content")).toBe("en_GB");
    expect(load(site.read("404.html"))('meta[property="og:locale"]').attr("content")).toBe("en_GB");
    const home = site.page("/news/");
    expect(home(".teaser-headline").filter((_, h) => home(h).text().includes("Ceasefire")).attr("lang")).toBe("fr");
    const entry = asNodes((parseXml(site.read("news/feed.xml")).feed as Node).entry)[0]!;
    expect(entry["@xml:lang"]).toBe("fr");
    const item = (JSON.parse(site.read("feed.json")) as { items: { url: string; language?: string }[] }).items.find((i) => i.url.endsWith("/world-ceasefire/"))!;
    expect(item.language).toBe("fr");
    expect(jsonFeedErrors(JSON.parse(site.read("feed.json")))).toEqual([]);
  });

  it("writes a sitemap of every published page that validates against the sitemaps.org schema", async () => {
    const xml = site.read("sitemap.xml");
    expect(await sitemapErrors(xml, "urlset")).toEqual([]);
    const urls = asNodes((parseXml(xml).urlset as Node).url);
    const locs = urls.map((u) => u.loc);
    for (const page of ["/", "/news/rates-hold/", "/news/world/world-ceasefire/", "/business/", "/tags/economy/", "/authors/mara-quinn/", "/tags/", "/corrections/"]) {
      expect(locs).toContain(`${BASE}${page}`);
    }
    expect(urls.find((u) => u.loc === `${BASE}/business/markets-week/`)?.lastmod).toBe("2024-03-09T10:30:00+00:00");
    expect(urls.find((u) => u.loc === `${BASE}/news/rates-hold/`)?.lastmod).toBe("2024-03-11T08:00:00+00:00");
    expect(locs.some((loc) => String(loc).includes("404"))).toBe(false);
  });

  it("splits the sitemap into an index of valid parts past 50,000 URLs", async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({ loc: `${BASE}/story-${i}/`, lastmod: `2024-03-0${i + 1}T00:00:00Z` }));
    const files = sitemapFiles(BASE, entries, 2);
    expect(files.map((f) => `${f.url} ${f.kind} ${f.entries.length}`)).toEqual(["/sitemap.xml index 3", "/sitemaps/1.xml urlset 2", "/sitemaps/2.xml urlset 2", "/sitemaps/3.xml urlset 1"]);
    expect(files[0]!.entries.map((e) => e.lastmod)).toEqual(["2024-03-02T00:00:00Z", "2024-03-04T00:00:00Z", "2024-03-05T00:00:00Z"]);
    const index = `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${files[0]!.entries.map((e) => `<sitemap><loc>${e.loc}</loc><lastmod>${e.lastmod}</lastmod></sitemap>`).join("")}</sitemapindex>`;
    expect(await sitemapErrors(index, "index")).toEqual([]);
    expect(sitemapFiles(BASE, entries, 5)).toHaveLength(1);
  });

  it("lists in the news sitemap only stories from the 48 hours before the build clock", async () => {
    const xml = site.read("news-sitemap.xml");
    expect(await sitemapErrors(xml, "news")).toEqual([]);
    const urls = asNodes((parseXml(xml).urlset as Node).url);
    // world-ceasefire is 6 hours old, rates-hold 27; markets-week, 75 hours old, is out.
    expect(urls.map((u) => u.loc)).toEqual([`${BASE}/news/world/world-ceasefire/`, `${BASE}/news/rates-hold/`]);
    const news = urls[1]!["news:news"] as Node;
    expect(news["news:publication"]).toEqual({ "news:name": "Ledger & Post", "news:language": "en" });
    expect(news["news:publication_date"]).toBe("2024-03-10T09:00:00+00:00");
    expect(news["news:title"]).toBe(HEADLINE);

    // One minute before rates-hold goes out, markets-week (2024-03-08T09:00) is 47 h 59 min old: still in.
    const earlier = readNewsroom(DESK, "2024-03-10T08:59:00Z").newsroom!;
    expect(earlier.newsSitemap.map((entry) => entry.loc)).toEqual([`${BASE}/business/markets-week/`]);
    // With nothing from the last 48 hours there is no news sitemap at all: one of no URLs is invalid.
    const quiet = readNewsroom(DESK, "2024-04-30T12:00:00Z").newsroom!;
    expect([quiet.newsSitemap.length, quiet.newsSitemaps.length]).toEqual([0, 0]);
    expect(await sitemapErrors('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>', "news")).not.toEqual([]);
  });

  it("writes only well-formed XML and JSON", async () => {
    expect(await malformedOutputs(site.output)).toEqual([]);
  });

  it("writes robots.txt naming both sitemaps", () => {
    expect(site.read("robots.txt")).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${BASE}/sitemap.xml\nSitemap: ${BASE}/news-sitemap.xml\n`);
  });

  it("gives each article NewsArticle and BreadcrumbList JSON-LD that no headline can break out of", () => {
    const html = site.read("news/rates-hold/index.html");
    const $ = load(html);
    const blocks = $('script[type="application/ld+json"]');
    expect($("script:not([src])")).toHaveLength(2);
    expect(html).not.toContain("<script>alert");
    const [article, crumbs] = blocks.map((_, s) => JSON.parse($(s).html()!)).get();
    expect(article).toMatchObject({
      "@context": "https://schema.org",
      "@type": "NewsArticle",
      headline: HEADLINE,
      datePublished: "2024-03-10T09:00:00+00:00",
      // Corrected twice since, the latest on 2024-03-11 at 08:00: a correction is a modification.
      dateModified: "2024-03-11T08:00:00+00:00",
      author: [{ "@type": "Person", name: "Mara Quinn", url: `${BASE}/authors/mara-quinn/` }, { "@type": "Person", name: "O'Brien Kaye" }],
      publisher: { "@type": "NewsMediaOrganization", name: "Ledger & Post", logo: { "@type": "ImageObject", url: expect.stringMatching(new RegExp(`^${BASE}/assets/img/[\\w-]+-300\\.png$`)), width: 300, height: 80 } },
      image: [[1200, 675], [1200, 900], [1200, 1200]].map(([width, height]) => ({ "@type": "ImageObject", url: expect.stringMatching(new RegExp(`^${BASE}/assets/img/`)), width, height })),
      articleSection: "News",
      dateline: "LONDON, March 10. /Ledger Wire/.",
      mainEntityOfPage: { "@type": "WebPage", "@id": `${BASE}/news/rates-hold/` },
      correction: [
        { "@type": "CorrectionComment", text: "An earlier version misstated the vote as 7-2. It was 6-3.", datePublished: "2024-03-10T15:00:00+00:00" },
        { "@type": "CorrectionComment", text: "The governor's name was misspelled.", datePublished: "2024-03-11T08:00:00+00:00" },
      ],
    });
    const visible = $("nav[aria-label=Breadcrumb] li").map((_, li) => $(li).text().trim()).get();
    expect(crumbs["@type"]).toBe("BreadcrumbList");
    expect(crumbs.itemListElement.map((item: Node) => item.name)).toEqual(visible);
    expect(crumbs.itemListElement.map((item: Node) => item.item)).toEqual([`${BASE}/`, `${BASE}/news/`, `${BASE}/news/rates-hold/`]);
  });

  it("gives fronts CollectionPage JSON-LD", () => {
    const $ = site.page("/business/");
    const [collection] = $('script[type="application/ld+json"]').map((_, s) => JSON.parse($(s).html()!)).get();
    expect(collection["@type"]).toBe("CollectionPage");
    expect(collection.mainEntity.itemListElement.map((item: Node) => item.url)).toEqual([`${BASE}/business/markets-week/`, `${BASE}/business/budget-live/`]);
  });

  it("has canonical, description, Open Graph and Twitter tags, and the article's language", () => {
    const $ = site.page("/news/rates-hold/");
    const meta = (key: string) => $(`meta[property="${key}"], meta[name="${key}"]`).map((_, m) => $(m).attr("content")).get();
    expect($("link[rel=canonical]").attr("href")).toBe(`${BASE}/news/rates-hold/`);
    expect(meta("description")).toEqual(['The bank said it would "wait and see" <b>before</b> moving.']);
    expect(meta("og:type")).toEqual(["article"]);
    expect(meta("og:title")).toEqual([HEADLINE]);
    expect(meta("og:image")).toEqual([expect.stringMatching(new RegExp(`^${BASE}/assets/img/[\\w-]+-16x9\\.jpeg$`))]);
    expect(meta("article:published_time")).toEqual(["2024-03-10T09:00:00+00:00"]);
    expect(meta("article:modified_time")).toEqual(["2024-03-11T08:00:00+00:00"]);
    expect(meta("article:section")).toEqual(["News"]);
    expect(meta("article:tag")).toEqual(["Interest Rates", "Economy"]);
    expect(meta("twitter:card")).toEqual(["summary_large_image"]);
    expect($("html").attr("lang")).toBe("en-GB");
    expect(site.page("/news/world/world-ceasefire/")("html").attr("lang")).toBe("fr");
  });

  it("shows corrections on the article, on /corrections/ newest first, and in a corrections feed", () => {
    const $ = site.page("/news/rates-hold/");
    expect($("#corrections li").map((_, li) => $(li).attr("id")).get()).toEqual(["correction-1", "correction-2"]);
    expect($("#corrections li").first().text()).toContain("An earlier version misstated the vote as 7-2. It was 6-3.");
    const page = site.page("/corrections/");
    expect(page(".correction-list li a").map((_, a) => page(a).attr("href")).get()).toEqual(["/news/rates-hold/#correction-2", "/news/rates-hold/#correction-1"]);
    const feed = parseXml(site.read("corrections/feed.xml")).feed as Node;
    expect(asNodes(feed.entry).map((e) => e.id)).toEqual([`${BASE}/news/rates-hold/#correction-2`, `${BASE}/news/rates-hold/#correction-1`]);
    expect(jsonFeedErrors(JSON.parse(site.read("corrections/feed.json")))).toEqual([]);
  });

  it("puts no draft, embargoed or expired article's text, slug or unique tag in any file", () => {
    const everything = site.everything();
    for (const secret of SECRETS) expect(everything, secret).not.toContain(secret);
    expect(site.files().filter((file) => /old-offer|secret-draft|embargoed-results/.test(file))).toEqual([]);
  });

  it("indexes for search exactly the published stories, each in its language's index, with section, authors and time", () => {
    const index = readSearchIndex(site.output);
    expect(index.stories.map((story) => story.url).sort()).toEqual(["/business/budget-live/", "/business/markets-week/", "/news/rates-hold/", "/news/world/world-ceasefire/"]);
    expect(Object.keys(index.languages).sort()).toEqual(["en-gb", "fr"]);
    expect(index.stories.find((story) => story.url === "/news/world/world-ceasefire/")!.language).toBe("fr");
    const rates = index.stories.find((story) => story.url === "/news/rates-hold/")!;
    expect(rates.meta.title).toBe(HEADLINE);
    expect(rates.meta.published).toBe("2024-03-10T09:00:00Z");
    expect(rates.filters.section).toEqual(["News"]);
    expect(rates.meta.section).toBe("News");
    expect(rates.filters.author).toEqual(["Mara Quinn", "O'Brien Kaye"]);
    const ceasefire = index.stories.find((story) => story.url === "/news/world/world-ceasefire/")!;
    expect(ceasefire.filters.section!.sort()).toEqual(["News", "News › World"]);
    // The story alone: its tags and corrections, not the chrome's headlines nor the comments under it,
    // nor its times, words every story has.
    expect(rates.content).toContain("Interest Rates");
    expect(rates.content).toContain("misstated the vote");
    expect(rates.content).not.toMatch(/Most Popular|Published|Sunday 10 March/);
    const held = JSON.stringify(index);
    for (const secret of SECRETS) expect(held, secret).not.toContain(secret);
  });

  it("prints when the clock alone will next change the site; npm run next-build prints just that time", async () => {
    const summary = site.stdout.trim().split("\n").find((line) => line.includes("articles published"));
    expect(summary).toMatch(/^\[dateline\] 4 articles published; held back: 1 draft, 1 embargoed, 1 expired; 45 files written in [\d.]+ s; photos: \d developed, \d from the cache; next change by the clock: 2024-03-11T20:00:00Z \(posts\/budget-live.md expires\)$/);
    const printed = await runScript("next-build", [DESK], { SOURCE_DATE_EPOCH: epoch(CLOCK) });
    expect(printed.stdout).toBe("2024-03-11T20:00:00Z\n");
  });
});

describe("ninjs for wire clients", () => {
  let site: BuiltSite;
  beforeAll(async () => {
    site = await buildSite(DESK, { SOURCE_DATE_EPOCH: epoch(CLOCK) });
    expect(site.code, site.stderr).toBe(0);
  });
  const read = (file: string) => JSON.parse(site.read(file)) as Record<string, unknown> & { associations?: Record<string, unknown>[] };

  it("writes every published story beside its page as a news item IPTC's ninjs 3.1 schema accepts, and nothing held back has one", () => {
    const files = site.files().filter((file) => file.endsWith("ninjs.json"));
    for (const file of files) expect(ninjsErrors(read(file)), file).toEqual([]);
    const { newsroom } = readNewsroom(DESK, CLOCK);
    const stories = newsroom!.articles.map((article) => `${article.url.slice(1)}ninjs.json`);
    expect(files.filter((file) => !["ninjs.json", "news/ninjs.json", "news/world/ninjs.json", "business/ninjs.json"].includes(file)).sort()).toEqual(stories.sort());
    const everything = files.map((file) => site.read(file)).join("\n");
    expect(SECRETS.filter((secret) => everything.includes(secret))).toEqual([]);
  });

  it("carries a story's headline and dek, dateline place, byline, body with its corrections, subjects, language and hero with its renditions", () => {
    const item = read("news/rates-hold/ninjs.json");
    expect(item).toMatchObject({
      uri: `${BASE}/news/rates-hold/`,
      type: "text",
      version: "3",
      firstCreated: "2024-03-10T09:00:00+00:00",
      versionCreated: "2024-03-11T08:00:00+00:00",
      language: "en-GB",
      located: "LONDON",
      by: "By Mara Quinn and O'Brien Kaye",
      headlines: [{ role: "main", value: HEADLINE }, { role: "subheadline", value: 'The bank said it would "wait and see" <b>before</b> moving.' }],
      people: [{ name: "Mara Quinn", rel: "author", uri: `${BASE}/authors/mara-quinn/` }, { name: "O'Brien Kaye", rel: "author", uri: `${BASE}/authors/o-brien-kaye/` }],
    });
    expect((item.subjects as { name: string; rel: string }[]).map((subject) => `${subject.rel}:${subject.name}`)).toEqual(["section:News", "tag:Interest Rates", "tag:Economy"]);
    const body = (item.bodies as { contentType: string; value: string }[])[0]!;
    expect(body.contentType).toBe("text/html");
    expect(body.value).toContain("An earlier version misstated the vote as 7-2.");
    expect(body.value).toContain(`href="${BASE}/documents/statement/"`);
    const hero = item.associations![0]!;
    expect(hero).toMatchObject({ name: "hero", type: "picture", descriptions: [{ role: "alt", value: "The bank's front steps in the rain" }] });
    expect((hero.renditions as { href: string; width: number }[]).every((r) => r.href.startsWith(`${BASE}/assets/img/`) && r.width > 0)).toBe(true);
    expect(read("news/world/world-ceasefire/ninjs.json").language).toBe("fr");
  });

  it("lists the newest stories in an index for the site and one for each section, subsections included, each with its ninjs file", () => {
    const index = read("ninjs.json");
    expect(index).toMatchObject({ uri: `${BASE}/ninjs.json`, type: "composite" });
    const { newsroom } = readNewsroom(DESK, CLOCK);
    expect(index.associations!.map((item) => item.uri)).toEqual(newsroom!.articles.map((article) => `${BASE}${article.url}`));
    expect((index.associations![0]!.renditions as { name: string; href: string }[])[0]).toEqual({ name: "ninjs", href: `${BASE}/news/world/world-ceasefire/ninjs.json`, contentType: "application/ninjs+json" });
    expect(read("news/ninjs.json").associations!.map((item) => item.uri)).toEqual([`${BASE}/news/world/world-ceasefire/`, `${BASE}/news/rates-hold/`]);
  });
});

