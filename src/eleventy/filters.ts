import type { MarkdownIt } from "markdown-it";
import { DateTime } from "luxon";
import nunjucks from "nunjucks";
import { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";
import { createArticleMarkdown } from "./markdown.ts";
import { withoutIllegalCharacters } from "../content/characters.ts";
import type { Article, LiveUpdate } from "../model/articles.ts";
import type { Newsroom } from "../model/newsroom.ts";
import type { PublishedArticle } from "../model/published.ts";
import type { Directory, FrontPage } from "../model/fronts.ts";
import type { Feed, FeedItem } from "../model/feeds.ts";
import { formatsOf, label, type Labels } from "../model/labels.ts";
import { crumbName, type Crumb, type Section } from "../model/sections.ts";
import { atomFeedUrl, hostPath, jsonFeedUrl } from "../model/urls.ts";
import { absolute, articleStructuredData, directoryStructuredData, frontStructuredData, homeStructuredData, toJsonLd, type PictureObject } from "../model/structured-data.ts";
import type { HeroImage } from "../model/articles.ts";
import type { Stamp } from "../content/dates.ts";
import type { PhotoLibrary } from "./photos.ts";
import { escapeHtml, pictureHtml, remoteImageHtml, type PhotoPlace } from "./pictures.ts";
import { PUBLISHER_ICON } from "./pages.ts";
import { shareLinks } from "../model/share.ts";
import { ninjsIndex, ninjsItem } from "../model/ninjs.ts";

/** A page's picture for social networks and feeds: absolute, with its size when known. */
interface SharePicture {
  url: string;
  width?: number | undefined;
  height?: number | undefined;
  type?: string | undefined;
  size?: number | undefined;
  alt: string;
}

/** A rendition's address (under the site's path prefix) as an absolute URL. */
const onSite = (newsroom: Newsroom, url: string) => new URL(url, `${newsroom.site.url}/`).href;

interface FilterHost {
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addAsyncFilter(name: string, filter: (...args: never[]) => Promise<unknown>): void;
}

export interface FilterOptions {
  /** Renders a theme partial with the given variables (the feed's corrections box). */
  renderPartial(name: string, variables: object): string;
}

const RTL_LANGUAGES = new Set(["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"]);
const direction = (language: string) => (RTL_LANGUAGES.has(language.toLowerCase().split("-")[0] ?? "") ? "rtl" : "ltr");

/** An href, src or srcset that is not absolute (no scheme, not protocol-relative) nor a fragment. */
const RELATIVE_URL = /\s(?:href|src|srcset|poster|action)\s*=\s*["']?(?![a-z][a-z0-9+.-]*:|\/\/|#)/i;

/** Template filters, registered together. Each is a function of its arguments alone. */
export function filtersPlugin(eleventyConfig: FilterHost, options: FilterOptions): void {
  const renderers = new Map<boolean, MarkdownIt>();
  const renderBody = (article: Pick<Article, "body" | "dateline">, newsroom: Newsroom, photos: PhotoLibrary, feed = false) => {
    const html = newsroom.site.markdown.html;
    let md = renderers.get(html);
    if (!md) renderers.set(html, (md = createArticleMarkdown({ html })));
    return withoutIllegalCharacters(md.render(article.body, { dateline: article.dateline, pathPrefix: newsroom.pathPrefix, photos, feed }));
  };

  /** The article's body as HTML, its first paragraph opened by the dateline. Markdown-it escapes what it does not render. */
  eleventyConfig.addFilter("articleBody", (article: PublishedArticle, newsroom: Newsroom, photos: PhotoLibrary) => renderBody(article, newsroom, photos));
  /** A live update's text, rendered as a story's body is (no dateline). */
  eleventyConfig.addFilter("updateBody", (update: LiveUpdate, newsroom: Newsroom, photos: PhotoLibrary) => renderBody({ body: update.text, dateline: undefined }, newsroom, photos));

  /** A photo's smallest rendition (a search result's thumbnail), or the image itself when it is on another site. */
  eleventyConfig.addFilter("thumbnail", (image: HeroImage, photos: PhotoLibrary, newsroom: Newsroom) => {
    const photo = photos.get(image.src);
    return photo ? photo.sets.at(-1)![1][0]!.url : hostPath(newsroom.pathPrefix, image.src);
  });

  /** A story's image as a page shows it: developed into sizes when it is the site's own, as it is when it is elsewhere. */
  eleventyConfig.addFilter("picture", (image: HeroImage, photos: PhotoLibrary, newsroom: Newsroom, place: PhotoPlace, decorative = false) => {
    const alt = decorative ? "" : image.alt;
    const photo = photos.get(image.src);
    return photo ? pictureHtml(photo, place, { alt }) : remoteImageHtml(hostPath(newsroom.pathPrefix, image.src), place, { alt, width: image.width, height: image.height });
  });

  /**
   * The picture social networks and feed readers show for a page: its image's 16:9 crop, else
   * site.json's `shareImage`; an image on another site as it is.
   */
  const sharePicture = (image: HeroImage | undefined, photos: PhotoLibrary, newsroom: Newsroom): SharePicture | undefined => {
    const src = image?.src ?? newsroom.site.shareImage;
    if (!src) return undefined;
    const alt = image?.alt ?? newsroom.site.title;
    const crop = photos.get(src)?.crops["16x9"];
    if (crop) return { url: onSite(newsroom, crop.url), width: crop.width, height: crop.height, type: crop.type, size: crop.size, alt };
    return { url: absolute(newsroom.site, src), width: image?.width, height: image?.height, alt };
  };
  eleventyConfig.addFilter("sharePicture", sharePicture);

  /** The publisher's logo for structured data: site.json's `logo`, else the theme's icon drawn at 1200 pixels square. */
  const logo = (newsroom: Newsroom, photos: PhotoLibrary): PictureObject => {
    if (newsroom.site.logo) {
      const own = photos.get(newsroom.site.logo);
      const largest = own?.sets.at(-1)?.[1].at(-1);
      return largest && own ? { url: onSite(newsroom, largest.url), width: own.width, height: own.height } : { url: absolute(newsroom.site, newsroom.site.logo) };
    }
    const icon = photos.get(newsroom.asset(PUBLISHER_ICON))!.crops["1x1"]!;
    return { url: onSite(newsroom, icon.url), width: icon.width, height: icon.height };
  };
  /** The hero's three crops for structured data, when the hero is the site's own photo. */
  const crops = (image: HeroImage | undefined, photos: PhotoLibrary, newsroom: Newsroom): PictureObject[] | undefined => {
    const photo = image && photos.get(image.src);
    return photo && Object.values(photo.crops).map((crop) => ({ url: onSite(newsroom, crop!.url), width: crop!.width, height: crop!.height }));
  };

  /** An article as feed content: its corrections box first, then the full text, every URL absolute. Memoised: an article is in several feeds. */
  const feedContent = new WeakMap<PublishedArticle, Promise<string>>();
  eleventyConfig.addAsyncFilter("feedContent", (article: PublishedArticle, newsroom: Newsroom, labels: Labels, photos: PhotoLibrary) => {
    let content = feedContent.get(article);
    if (content === undefined) {
      const corrections = article.corrections.length ? options.renderPartial("partials/feed-corrections.njk", { article, labels }).trim() : "";
      // A live story's updates follow its text, newest first, each under its time, as its page shows them.
      const updates = article.updates.map((update) => `<h2 id="${update.anchor}"><time datetime="${escapeHtml(update.time.iso)}">${escapeHtml(update.time.text)}</time>${update.title ? ` ${escapeHtml(update.title)}` : ""}</h2>\n${renderBody({ body: update.text, dateline: undefined }, newsroom, photos, true)}`);
      const html = corrections + renderBody(article, newsroom, photos, true) + updates.join("\n");
      // Most stories link only to absolute addresses; rewriting (a full HTML parse) is for those that do not.
      content = RELATIVE_URL.test(html)
        ? convertHtmlToAbsoluteUrls(html, absolute(newsroom.site, article.url), { closingSingleTag: "slash" })
        : Promise.resolve(html);
      feedContent.set(article, content);
    }
    return content;
  });

  /** `lang` (and `dir` where it differs) for text in `language` inside a page or part in `around`; nothing when they are one. */
  eleventyConfig.addFilter("langIf", (language: string | undefined, around: string) => {
    if (!language || language.toLowerCase() === around.toLowerCase()) return "";
    const dir = direction(language) === direction(around) ? "" : ` dir="${direction(language)}"`;
    return new nunjucks.runtime.SafeString(` lang="${escapeHtml(language)}"${dir}`);
  });

  /**
   * A label whose placeholders take markup (`"byline" | labelHtml(labels, { names: … })`): the label's
   * words escaped, the markup as it is. Use with `| safe`.
   */
  eleventyConfig.addFilter("labelHtml", (key: string, labels: Labels, html: Record<string, string>, values: Record<string, string | number> = {}) =>
    escapeHtml(label(labels, key, values)).replace(/\{(\w+)\}/g, (whole, name: string) => (name in html ? String(html[name]) : whole)),
  );

  /** Names linked to their pages and joined as the language joins a list ("A, B and C", "A, B и C"); markup, for labelHtml. */
  eleventyConfig.addFilter("nameList", (people: readonly { name: string; url: string }[], newsroom: Newsroom, labels: Labels, filter = "") => {
    const attribute = filter ? ` data-pagefind-filter="${escapeHtml(filter)}"` : "";
    const links = people.map((person) => `<a href="${escapeHtml(hostPath(newsroom.pathPrefix, person.url))}" rel="author"${attribute}>${escapeHtml(person.name)}</a>`);
    const parts = formatsOf(labels).list.formatToParts(people.map((_, i) => String(i)));
    return parts.map((part) => (part.type === "element" ? links[Number(part.value)] : escapeHtml(part.value))).join("");
  });

  /** A time as a `<time>` element; markup, for labelHtml. */
  eleventyConfig.addFilter("timeHtml", (time: Stamp) => `<time datetime="${escapeHtml(time.iso)}">${escapeHtml(time.text)}</time>`);

  /** The words of a label, placeholders filled: `"page" | label(labels, { number: 2 })`. */
  eleventyConfig.addFilter("label", (key: string, labels: Labels, values?: Record<string, string | number>) => label(labels, key, values));
  /** The labels whose keys start with `prefix`, as JSON for a `<script type="application/json">` (the search page's words); use with `| safe`. */
  eleventyConfig.addFilter("labelsFor", (labels: Labels, prefix: string) => toJsonLd(Object.fromEntries(Object.entries(labels).filter(([key]) => key.startsWith(prefix)))));
  eleventyConfig.addFilter("crumbName", (crumb: Crumb, labels: Labels) => crumbName(crumb, labels));
  eleventyConfig.addFilter("feedTitle", (feed: Feed, newsroom: Newsroom, labels: Labels) =>
    label(labels, `${feed.kind}Feed`, { site: newsroom.site.title, section: feed.section?.title ?? "" }),
  );
  /** A feed item's title: the headline, or for a correction the label that says so. */
  eleventyConfig.addFilter("itemTitle", (item: FeedItem, labels: Labels) => (item.article ? item.title : label(labels, "correctionItem", { headline: item.title })));

  /** "rtl" for languages written right to left (Arabic, Hebrew, Persian, Urdu…), else "ltr". */
  eleventyConfig.addFilter("textDirection", direction);

  /** A section's names for search's section filter: "News", then "News › Local News" for a story in Local News. */
  eleventyConfig.addFilter("sectionFilters", (section: Section) => [...section.ancestors, section].map((_, i, all) => all.slice(0, i + 1).map((s) => s.title).join(" › ")));

  /** A language as Open Graph names a locale, language and territory: "en-GB" is en_GB, "ru" (likely Russia) ru_RU. Every page asks: worked out once a language. */
  const ogLocales = new Map<string, string>();
  eleventyConfig.addFilter("ogLocale", (language: string) => {
    let og = ogLocales.get(language);
    if (og === undefined) {
      const locale = new Intl.Locale(language).maximize();
      ogLocales.set(language, (og = locale.region ? `${locale.language}_${locale.region}` : locale.language));
    }
    return og;
  });

  /** A time as UTC ISO 8601 text, which sorts as the times do (site search orders stories by it). */
  eleventyConfig.addFilter("utcTime", (time: Stamp) => DateTime.fromMillis(time.ms, { zone: "utc" }).toISO({ suppressMilliseconds: true }));

  eleventyConfig.addFilter("absolute", (url: string, newsroom: Newsroom) => absolute(newsroom.site, url));
  /** A story as an IPTC ninjs item (JSON text): `body` is its feed content, the byline in the story's language. */
  eleventyConfig.addFilter("ninjs", (article: PublishedArticle, newsroom: Newsroom, labels: Labels, photos: PhotoLibrary, body: string) => {
    const names = formatsOf(labels).list.format(article.authors.map((author) => author.name));
    const byline = article.authors.length ? label(labels, "byline", { names, count: article.authors.length }) : undefined;
    const photo = article.image && photos.get(article.image.src);
    const pictures = photo ? photo.sets.flatMap(([, renditions]) => renditions).map((r) => ({ href: onSite(newsroom, r.url), width: r.width, height: r.height, contentType: r.type })) : [];
    return JSON.stringify(ninjsItem(newsroom.site, article, body, byline, pictures), null, 1);
  });
  eleventyConfig.addFilter("ninjsIndex", (index: Newsroom["ninjsIndexes"][number], newsroom: Newsroom) => JSON.stringify(ninjsIndex(newsroom.site, index.name, index.pageUrl, index.articles, index.updated), null, 1));
  eleventyConfig.addFilter("shareLinks", (article: PublishedArticle, newsroom: Newsroom) => shareLinks(newsroom.site, article));
  eleventyConfig.addFilter("titled", (heading: string, newsroom: Newsroom) => pageTitle(String(heading).trim(), newsroom.site));
  /** A site path (`/news/`, an image's `/media/…`) as a page links to it: under the site's path prefix. */
  eleventyConfig.addFilter("href", (url: string, newsroom: Newsroom) => hostPath(newsroom.pathPrefix, url));
  /** Addresses from the one table of them (src/model/urls.ts): a page's feeds, a theme file. */
  eleventyConfig.addFilter("atomFeed", atomFeedUrl);
  eleventyConfig.addFilter("jsonFeed", jsonFeedUrl);
  eleventyConfig.addFilter("asset", (name: string, newsroom: Newsroom) => newsroom.asset(name));

  /** JSON-LD blocks, escaped for a <script> element: use with `| safe`. */
  eleventyConfig.addFilter("articleJsonLd", (article: PublishedArticle, newsroom: Newsroom, labels: Labels, photos: PhotoLibrary) =>
    articleStructuredData(newsroom.site, article, labels, logo(newsroom, photos), crops(article.image, photos, newsroom)).map(toJsonLd),
  );
  eleventyConfig.addFilter("frontJsonLd", (front: FrontPage, newsroom: Newsroom, labels: Labels) => frontStructuredData(newsroom.site, front, labels).map(toJsonLd));
  eleventyConfig.addFilter("directoryJsonLd", (directory: Directory, newsroom: Newsroom, labels: Labels) => directoryStructuredData(newsroom.site, directory, labels).map(toJsonLd));
  eleventyConfig.addFilter("homeJsonLd", (newsroom: Newsroom, photos: PhotoLibrary) => homeStructuredData(newsroom.site, newsroom.articles.slice(0, 20), logo(newsroom, photos)).map(toJsonLd));

  /** A value as JSON text for the JSON Feed; use with `| safe` (JSON needs no HTML escaping). */
  eleventyConfig.addFilter("json", (value: unknown) => JSON.stringify(value));
}

/** Search results show about 70 characters of a <title>: past that the site's name is cut off, or cuts off the headline. */
const TITLE_LENGTH = 70;

/**
 * A page's <title>: its heading and the site's name, or site.json's `shortTitle` when the name
 * would make it longer than search results show, or the heading alone when even that would.
 */
export function pageTitle(heading: string, site: { title: string; shortTitle?: string | undefined }): string {
  const length = (text: string) => [...text].length;
  const names = [site.title, ...(site.shortTitle ? [site.shortTitle] : [])];
  const fits = names.map((name) => `${heading} – ${name}`).find((title) => length(title) <= TITLE_LENGTH);
  return fits ?? heading;
}
