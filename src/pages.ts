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
  permalink: (data: Data) => string;
}

const itemUrl = (alias: string, field: string, suffix = "") => (data: Data) => `${(data[alias] as Record<string, string>)[field]}${suffix}`;
const page = (url: string) => (url.endsWith(".html") ? url : `${url}index.html`);

export const GENERATED_PAGES: GeneratedPage[] = [
  { template: "article", each: { data: "newsroom.render.articles", alias: "article" }, permalink: (data) => page((data.article as { url: string }).url) },
  { template: "front", each: { data: "newsroom.render.fronts", alias: "front" }, permalink: itemUrl("front", "url", "index.html") },
  { template: "directory", each: { data: "newsroom.directories", alias: "directory" }, permalink: itemUrl("directory", "url", "index.html") },
  { template: "home", permalink: () => "/index.html" },
  { template: "corrections", permalink: () => "/corrections/index.html" },
  { template: "not-found", permalink: () => "/404.html" },
  { template: "feed-atom", each: { data: "newsroom.feeds", alias: "feed" }, permalink: itemUrl("feed", "atomUrl") },
  { template: "feed-json", each: { data: "newsroom.feeds", alias: "feed" }, permalink: itemUrl("feed", "jsonUrl") },
  { template: "sitemap", each: { data: "newsroom.sitemaps", alias: "sitemap" }, permalink: itemUrl("sitemap", "url") },
  { template: "news-sitemap", permalink: () => "/news-sitemap.xml" },
  { template: "robots", permalink: () => "/robots.txt" },
  { template: "assets", each: { data: "newsroom.assets", alias: "asset" }, permalink: (data) => `/assets/${String(data.asset)}` },
];
