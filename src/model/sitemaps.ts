import type { PublishedArticle } from "./published.ts";
import type { FrontPage, Directory } from "./fronts.ts";
import { NEWS_WINDOW_MS } from "./schedule.ts";
import { sitemapPartUrl, URLS } from "./urls.ts";

/** The sitemap protocol's limit on URLs in one file. */
export const SITEMAP_LIMIT = 50_000;
/** Google News reads at most this many stories from a news sitemap. */
export const NEWS_SITEMAP_LIMIT = 1_000;

export interface SitemapEntry {
  loc: string;
  lastmod?: string | undefined;
}

export interface SitemapFile {
  url: string;
  kind: "urlset" | "index";
  entries: SitemapEntry[];
}

export interface NewsEntry {
  loc: string;
  published: string;
  title: string;
}

const lastChange = (article: PublishedArticle | undefined) => article?.modified.iso;

/** A page's address as sitemaps must give it: absolute, with letters outside ASCII percent-encoded (`/tags/москва/`). */
const location = (base: string, url: string) => new URL(`${base}${url}`).href;

/** Every published page a crawler should know: the home page, articles, fronts and indexes. */
export function sitemapEntries(
  base: string,
  articles: readonly PublishedArticle[],
  fronts: readonly FrontPage[],
  directories: readonly Directory[],
  extraPages: readonly string[],
): SitemapEntry[] {
  const newest = lastChange(articles[0]);
  return [
    { loc: location(base, URLS.home), lastmod: newest },
    ...articles.map((article) => ({ loc: location(base, article.url), lastmod: lastChange(article) })),
    ...fronts.map((front) => ({ loc: location(base, front.url), lastmod: lastChange(front.articles[0]) })),
    ...directories.map((directory) => ({ loc: location(base, directory.url), lastmod: newest })),
    ...extraPages.map((url) => ({ loc: location(base, url), lastmod: newest })),
  ];
}

/** `/sitemap.xml` alone, or, past the protocol's limit, a sitemap index over `/sitemaps/N.xml`. */
export function sitemapFiles(base: string, entries: readonly SitemapEntry[], limit = SITEMAP_LIMIT): SitemapFile[] {
  if (entries.length <= limit) return [{ url: URLS.sitemap, kind: "urlset", entries: [...entries] }];
  const parts: SitemapFile[] = [];
  for (let start = 0; start < entries.length; start += limit) {
    parts.push({ url: sitemapPartUrl(parts.length + 1), kind: "urlset", entries: entries.slice(start, start + limit) });
  }
  const index: SitemapFile = {
    url: URLS.sitemap,
    kind: "index",
    entries: parts.map((part) => ({
      loc: location(base, part.url),
      lastmod: part.entries.reduce<string | undefined>((newest, e) => (e.lastmod && (!newest || Date.parse(e.lastmod) > Date.parse(newest)) ? e.lastmod : newest), undefined),
    })),
  };
  return [index, ...parts];
}

/** Google News names a publication's language by its ISO 639 code; Chinese alone keeps a region, zh-cn or zh-tw. */
export function newsLanguage(language: string): string {
  const [primary = "en", ...rest] = language.toLowerCase().split("-");
  if (primary !== "zh") return primary;
  return rest.some((part) => ["tw", "hk", "mo", "hant"].includes(part)) ? "zh-tw" : "zh-cn";
}

/** Stories published within 48 hours before the build clock, newest first, as Google News wants them. */
export function newsEntries(base: string, articles: readonly PublishedArticle[], nowMs: number): NewsEntry[] {
  return articles
    .filter((article) => article.published.ms <= nowMs && nowMs - article.published.ms < NEWS_WINDOW_MS)
    .slice(0, NEWS_SITEMAP_LIMIT)
    .map((article) => ({ loc: location(base, article.url), published: article.published.iso, title: article.title }));
}
