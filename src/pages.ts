import type { Newsroom } from "./newsroom.ts";

/**
 * The pages the generator owns: each is a template in `src/templates/` paginated over data the
 * newsroom computed once. Addresses are functions, not template strings, so Eleventy does not compile
 * and render a permalink template for each of tens of thousands of pages.
 */

type Data = { newsroom: Newsroom } & Record<string, unknown>;

export interface GeneratedPage {
  template: string;
  /** The newsroom list to paginate over, one page per item under `alias`. */
  each?: { data: string; alias: string };
  permalink: (data: Data) => string | false;
}

const itemUrl = (alias: string, field: string, suffix = "") => (data: Data) => `${(data[alias] as Record<string, string>)[field]}${suffix}`;
const page = (url: string) => (url.endsWith(".html") ? url : `${url}index.html`);

/** A page that is not an article or a front is written in the first pass only. */
const firstPass = (permalink: (data: Data) => string) => (data: Data) => (data.newsroom.render.others ? permalink(data) : false);

export const GENERATED_PAGES: GeneratedPage[] = [
  { template: "article", each: { data: "newsroom.render.articles", alias: "article" }, permalink: (data) => page((data.article as { url: string }).url) },
  { template: "front", each: { data: "newsroom.render.fronts", alias: "front" }, permalink: itemUrl("front", "url", "index.html") },
  { template: "directory", each: { data: "newsroom.directories", alias: "directory" }, permalink: firstPass(itemUrl("directory", "url", "index.html")) },
  { template: "home", permalink: firstPass(() => "/index.html") },
  { template: "corrections", permalink: firstPass(() => "/corrections/index.html") },
  { template: "not-found", permalink: firstPass(() => "/404.html") },
  { template: "feed-atom", each: { data: "newsroom.feeds", alias: "feed" }, permalink: firstPass(itemUrl("feed", "atomUrl")) },
  { template: "feed-json", each: { data: "newsroom.feeds", alias: "feed" }, permalink: firstPass(itemUrl("feed", "jsonUrl")) },
  { template: "sitemap", each: { data: "newsroom.sitemaps", alias: "sitemap" }, permalink: firstPass(itemUrl("sitemap", "url")) },
  { template: "news-sitemap", permalink: firstPass(() => "/news-sitemap.xml") },
  { template: "robots", permalink: firstPass(() => "/robots.txt") },
  { template: "assets", each: { data: "newsroom.assets", alias: "asset" }, permalink: firstPass((data) => `/assets/${String(data.asset)}`) },
];
