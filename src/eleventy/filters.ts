import type { MarkdownIt } from "markdown-it";
import { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";
import { createArticleMarkdown } from "./markdown.ts";
import { withoutIllegalCharacters } from "../content/characters.ts";
import type { Article } from "../model/articles.ts";
import type { Newsroom } from "../model/newsroom.ts";
import type { PublishedArticle } from "../model/published.ts";
import type { FrontPage } from "../model/fronts.ts";
import type { Feed, FeedItem } from "../model/feeds.ts";
import { label, type Labels } from "../model/labels.ts";
import { crumbName, type Crumb } from "../model/sections.ts";
import { atomFeedUrl, hostPath, jsonFeedUrl } from "../model/urls.ts";
import { absolute, articleStructuredData, frontStructuredData, homeStructuredData, toJsonLd } from "../model/structured-data.ts";

interface FilterHost {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addAsyncFilter(name: string, filter: (...args: never[]) => Promise<unknown>): void;
}

export interface FilterOptions {
  /** Renders a theme partial with the given variables (the feed's corrections box). */
  renderPartial(name: string, variables: object): string;
}

/** The theme's file that stands for the publisher in structured data when site.json names no `logo`. */
const PUBLISHER_LOGO = "favicon.svg";

const RTL_LANGUAGES = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"]);

/** An href, src or srcset that is not absolute (no scheme, not protocol-relative) nor a fragment. */
const RELATIVE_URL = /\s(?:href|src|srcset|poster|action)\s*=\s*["']?(?![a-z][a-z0-9+.-]*:|\/\/|#)/i;

/** Template filters, registered together. Each is a function of its arguments alone. */
export function filtersPlugin(eleventyConfig: FilterHost, options: FilterOptions): void {
  const renderers = new Map<boolean, MarkdownIt>();
  const renderBody = (article: Pick<Article, "body" | "dateline">, newsroom: Newsroom) => {
    const html = newsroom.site.markdown.html;
    let md = renderers.get(html);
    if (!md) renderers.set(html, (md = createArticleMarkdown({ html })));
    return withoutIllegalCharacters(md.render(article.body, { dateline: article.dateline, pathPrefix: newsroom.pathPrefix }));
  };

  /** The article's body as HTML, its first paragraph opened by the dateline. Markdown-it escapes what it does not render. */
  eleventyConfig.addFilter("articleBody", renderBody);

  /** An article as feed content: its corrections box first, then the full text, every URL absolute. Memoised: an article is in several feeds. */
  const feedContent = new WeakMap<PublishedArticle, Promise<string>>();
  eleventyConfig.addAsyncFilter("feedContent", (article: PublishedArticle, newsroom: Newsroom, labels: Labels) => {
    let content = feedContent.get(article);
    if (content === undefined) {
      const corrections = article.corrections.length ? options.renderPartial("partials/feed-corrections.njk", { article, labels }).trim() : "";
      const html = corrections + renderBody(article, newsroom);
      // Most stories link only to absolute addresses; rewriting (a full HTML parse) is for those that do not.
      content = RELATIVE_URL.test(html)
        ? convertHtmlToAbsoluteUrls(html, absolute(newsroom.site, article.url), { closingSingleTag: "slash" })
        : Promise.resolve(html);
      feedContent.set(article, content);
    }
    return content;
  });

  /** The words of a label, placeholders filled: `"page" | label(labels, { number: 2 })`. */
  eleventyConfig.addFilter("label", (key: string, labels: Labels, values?: Record<string, string | number>) => label(labels, key, values));
  eleventyConfig.addFilter("crumbName", (crumb: Crumb, labels: Labels) => crumbName(crumb, labels));
  eleventyConfig.addFilter("feedTitle", (feed: Feed, newsroom: Newsroom, labels: Labels) =>
    label(labels, `${feed.kind}Feed`, { site: newsroom.site.title, section: feed.section?.title ?? "" }),
  );
  /** A feed item's title: the headline, or for a correction the label that says so. */
  eleventyConfig.addFilter("itemTitle", (item: FeedItem, labels: Labels) => (item.article ? item.title : label(labels, "correctionItem", { headline: item.title })));

  /** "rtl" for languages written right to left (Arabic, Hebrew, Persian, Urdu…), else "ltr". */
  eleventyConfig.addFilter("textDirection", (language: string) => (RTL_LANGUAGES.has(language.toLowerCase().split("-")[0] ?? "") ? "rtl" : "ltr"));

  eleventyConfig.addFilter("absolute", (url: string, newsroom: Newsroom) => absolute(newsroom.site, url));
  /** A site path (`/news/`, an image's `/media/…`) as a page links to it: under the site's path prefix. */
  eleventyConfig.addFilter("href", (url: string, newsroom: Newsroom) => hostPath(newsroom.pathPrefix, url));
  /** Addresses from the one table of them (src/model/urls.ts): a page's feeds, a theme file. */
  eleventyConfig.addFilter("atomFeed", atomFeedUrl);
  eleventyConfig.addFilter("jsonFeed", jsonFeedUrl);
  eleventyConfig.addFilter("asset", (name: string, newsroom: Newsroom) => newsroom.asset(name));

  /** JSON-LD blocks, escaped for a <script> element: use with `| safe`. */
  eleventyConfig.addFilter("articleJsonLd", (article: PublishedArticle, newsroom: Newsroom, labels: Labels) => articleStructuredData(newsroom.site, article, labels, newsroom.asset(PUBLISHER_LOGO)).map(toJsonLd));
  eleventyConfig.addFilter("frontJsonLd", (front: FrontPage, newsroom: Newsroom, labels: Labels) => frontStructuredData(newsroom.site, front, labels).map(toJsonLd));
  eleventyConfig.addFilter("homeJsonLd", (newsroom: Newsroom) => homeStructuredData(newsroom.site, newsroom.articles.slice(0, 20), newsroom.asset(PUBLISHER_LOGO)).map(toJsonLd));

  /** A value as JSON text for the JSON Feed; use with `| safe` (JSON needs no HTML escaping). */
  eleventyConfig.addFilter("json", (value: unknown) => JSON.stringify(value));
}
