import { createHash } from "node:crypto";
import { minify } from "csso";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Newsroom, Redirect, ThemeAsset } from "../model/newsroom.ts";
import { assetUrl, atomFeedUrl, jsonFeedUrl, outputFile, URLS } from "../model/urls.ts";
import type { FrontPage } from "../model/fronts.ts";
import type { PublishedArticle } from "../model/published.ts";
import { ninjsUrl } from "../model/ninjs.ts";

/**
 * The pages the generator owns: each is a template in `src/eleventy/templates/` paginated over data
 * the newsroom computed once. Addresses are functions, not template strings, so Eleventy does not
 * compile and render a permalink template for each of tens of thousands of pages.
 */

/** What one Eleventy run renders: its share of article, front and redirect pages and, when `others`, every other page. */
export interface RenderShare {
  articles: readonly PublishedArticle[];
  fronts: readonly FrontPage[];
  redirects: readonly Redirect[];
  /** The stories whose ninjs file this run writes (site.json's `ninjs`). */
  ninjs: readonly PublishedArticle[];
  others: boolean;
}

type Data = { newsroom: Newsroom; render: RenderShare } & Record<string, unknown>;

export interface GeneratedPage {
  template: string;
  /** The list to paginate over (a path into `{ newsroom, render }`), one page per item under `alias`. */
  each?: { data: string; alias: string };
  /** Article, front and redirect pages are shared out between runs (and kept when unchanged); every other page is written with the first share. */
  shared: boolean;
  /** Where the page is written, as a site path. */
  url: (data: Data) => string;
}

/** The theme: every layout and partial a site does not override in its own `_includes/`. */
export const THEME_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../_includes");

/** The theme's own files, published at `/assets/`; each is a template in the theme's `assets/` folder, so a site can override it. */
export const THEME_ASSETS = ["dateline.css", "favicon.svg", "today.js", "search.js", "search.css"] as const;

/** The search page's own files, published only with it. */
const SEARCH_ASSETS = new Set<string>(["search.js", "search.css"]);

/** The theme's file that stands for the publisher in structured data when site.json names no `logo`. */
export const PUBLISHER_ICON = "favicon.svg";

/**
 * Each theme file rendered (`render` is the theme's template engine), with its address named by a
 * hash of the text. Stylesheets are minified (csso, without reordering rules): the theme's comments
 * say why a rule is there, and readers need not download them.
 */
export function themeAssets(render: (template: string) => string, search: boolean): ThemeAsset[] {
  return THEME_ASSETS.filter((name) => search || !SEARCH_ASSETS.has(name)).map((name) => {
    const rendered = render(`assets/${name}`);
    const content = name.endsWith(".css") ? minify(rendered, { restructure: false }).css : rendered;
    return { name, content, url: assetUrl(name, createHash("sha256").update(content).digest("hex").slice(0, 10)) };
  });
}

const item = (alias: string, field: string) => (data: Data) => (data[alias] as Record<string, string>)[field]!;
const fixed = (url: string) => () => url;

export const GENERATED_PAGES: readonly GeneratedPage[] = [
  { template: "article", each: { data: "render.articles", alias: "article" }, shared: true, url: item("article", "url") },
  { template: "front", each: { data: "render.fronts", alias: "front" }, shared: true, url: item("front", "url") },
  { template: "directory", each: { data: "newsroom.directories", alias: "directory" }, shared: false, url: item("directory", "url") },
  { template: "home", shared: false, url: fixed(URLS.home) },
  { template: "corrections", shared: false, url: fixed(URLS.corrections) },
  { template: "not-found", shared: false, url: fixed(URLS.notFound) },
  { template: "search", each: { data: "newsroom.searchPages", alias: "searchPage" }, shared: false, url: item("searchPage", "url") },
  { template: "feed-atom", each: { data: "newsroom.feeds", alias: "feed" }, shared: false, url: (data) => atomFeedUrl(item("feed", "pageUrl")(data)) },
  { template: "feed-json", each: { data: "newsroom.feeds", alias: "feed" }, shared: false, url: (data) => jsonFeedUrl(item("feed", "pageUrl")(data)) },
  { template: "sitemap", each: { data: "newsroom.sitemaps", alias: "sitemap" }, shared: false, url: item("sitemap", "url") },
  { template: "news-sitemap", each: { data: "newsroom.newsSitemaps", alias: "newsSitemap" }, shared: false, url: item("newsSitemap", "url") },
  { template: "robots", shared: false, url: fixed(URLS.robots) },
  { template: "redirect", each: { data: "render.redirects", alias: "redirect" }, shared: true, url: item("redirect", "url") },
  { template: "ninjs", each: { data: "render.ninjs", alias: "article" }, shared: true, url: (data) => ninjsUrl(item("article", "url")(data)) },
  { template: "ninjs-index", each: { data: "newsroom.ninjsIndexes", alias: "index" }, shared: false, url: item("index", "url") },
  { template: "redirects", each: { data: "newsroom.redirectsFiles", alias: "redirectsFile" }, shared: false, url: item("redirectsFile", "url") },
  { template: "assets", each: { data: "newsroom.themeAssets", alias: "asset" }, shared: false, url: item("asset", "url") },
];

/** Eleventy's permalink for a generated page: its output file, or `false` in a run whose share leaves it out. */
export function permalink(page: GeneratedPage): (data: Data) => string | false {
  return (data) => (page.shared || data.render.others ? `/${outputFile(page.url(data))}` : false);
}

/** How many pages the generator will render in these shares, for the progress line. */
export function pagesToRender(newsroom: Newsroom, shares: readonly RenderShare[]): number {
  let total = 0;
  for (const render of shares) {
    const data = { newsroom, render };
    for (const page of GENERATED_PAGES) {
      if (!page.shared && !render.others) continue;
      total += page.each ? (page.each.data.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], data) as unknown[]).length : 1;
    }
  }
  return total;
}
