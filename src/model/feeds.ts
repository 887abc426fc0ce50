import type { Named } from "./articles.ts";
import type { CorrectionEntry } from "./corrections.ts";
import type { PublishedArticle } from "./published.ts";
import type { Section } from "./sections.ts";
import { atomFeedUrl, jsonFeedUrl, URLS } from "./urls.ts";

/** Feed readers and aggregators want recent items, not the archive. */
export const FEED_SIZE = 50;

export interface FeedItem {
  /** Absolute URL, also the item's permanent id. */
  id: string;
  url: string;
  /** The article's headline; a correction's item is titled by the theme from it. */
  title: string;
  summary?: string | undefined;
  published: string;
  updated: string;
  authors: Named[];
  categories: Named[];
  /** The article whose full text is the item's content… */
  article?: PublishedArticle | undefined;
  /** …or, for a correction, the item's plain-text content. */
  text?: string | undefined;
}

export interface Feed {
  /** Whose feed it is: the whole site's, a section's (named by the theme with the site's title), or the corrections'. */
  kind: "site" | "section" | "corrections";
  section?: Section | undefined;
  /** Site path of the page the feed follows, e.g. `/news/`. */
  pageUrl: string;
  atomUrl: string;
  jsonUrl: string;
  updated: string;
  items: FeedItem[];
}

function articleItem(article: PublishedArticle, base: string): FeedItem {
  const url = `${base}${article.url}`;
  return {
    id: url,
    url,
    title: article.title,
    summary: article.summary,
    published: article.published.iso,
    updated: article.modified.iso,
    authors: article.authors,
    categories: [{ name: article.section.title, slug: article.section.key, url: article.section.url }, ...article.tags],
    article,
  };
}

function correctionItem({ article, correction }: CorrectionEntry, base: string): FeedItem {
  const url = `${base}${article.url}#${correction.anchor}`;
  return {
    id: url,
    url,
    title: article.title,
    published: correction.date.iso,
    updated: correction.date.iso,
    authors: [],
    categories: [],
    text: correction.text,
  };
}

function feed(kind: Feed["kind"], section: Section | undefined, pageUrl: string, items: FeedItem[], fallbackUpdated: string): Feed {
  const updated = items.reduce((newest, item) => (Date.parse(item.updated) > Date.parse(newest) ? item.updated : newest), items[0]?.updated ?? fallbackUpdated);
  return { kind, section, pageUrl, atomUrl: atomFeedUrl(pageUrl), jsonUrl: jsonFeedUrl(pageUrl), updated, items };
}

/**
 * The site's feeds: the whole site, each section (its subsections included), and the corrections.
 * Each carries the newest FEED_SIZE items; `bySection` lists each section's articles newest first.
 */
export function buildFeeds(
  base: string,
  articles: readonly PublishedArticle[],
  sections: Iterable<Section>,
  bySection: Map<string, PublishedArticle[]>,
  corrections: readonly CorrectionEntry[],
  buildTime: string,
): Feed[] {
  const items = (list: readonly PublishedArticle[]) => list.slice(0, FEED_SIZE).map((article) => articleItem(article, base));
  return [
    feed("site", undefined, URLS.home, items(articles), buildTime),
    ...[...sections].map((section) => feed("section", section, section.url, items(bySection.get(section.key) ?? []), buildTime)),
    feed("corrections", undefined, URLS.corrections, corrections.slice(0, FEED_SIZE).map((entry) => correctionItem(entry, base)), buildTime),
  ];
}
