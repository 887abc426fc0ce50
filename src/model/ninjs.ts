import type { SiteConfig } from "../content/schema.ts";
import { absolute } from "./structured-data.ts";
import type { PublishedArticle } from "./published.ts";

/**
 * Stories as IPTC ninjs 3.1 news items (https://www.iptc.org/std/ninjs/), for wire clients whose
 * editorial systems ingest them: one beside each published story's page, and an index of the newest
 * per site and per section. Built as plain objects; the tests validate every file against IPTC's
 * JSON Schema. A held-back story has none: nothing here is ever `embargoedUntil`.
 */

/** How many items an index lists, newest first. */
export const NINJS_INDEX_SIZE = 100;
/** The media type ninjs documents are served as (IPTC's registration). */
export const NINJS_TYPE = "application/ninjs+json";

/** The file beside a story's page: `/news/slug/ninjs.json`, or `/special/x.ninjs.json` for a page written as a file. */
export const ninjsUrl = (pageUrl: string) => (pageUrl.endsWith("/") ? `${pageUrl}ninjs.json` : pageUrl.replace(/\.html$/, ".ninjs.json"));

type Json = Record<string, unknown>;

export interface NinjsPicture {
  href: string;
  width: number;
  height: number;
  contentType: string;
}

const defined = (object: Json): Json => Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)));

/** A story's version: one, and one more for its `updated` time, each correction and each live update since. */
const version = (article: PublishedArticle) => String(1 + article.corrections.length + article.updates.length + (article.updated ? 1 : 0));

/**
 * One story as a ninjs news item. `body` is its HTML as feeds carry it (corrections first, every
 * address absolute); `byline` the byline as the page says it; `pictures` the hero's renditions when
 * it is the site's own photo.
 */
export function ninjsItem(site: SiteConfig, article: PublishedArticle, body: string, byline: string | undefined, pictures: readonly NinjsPicture[]): Json {
  const hero = article.image;
  return defined({
    uri: absolute(site, article.url),
    type: "text",
    representationType: "full",
    version: version(article),
    firstCreated: article.published.iso,
    versionCreated: article.modified.iso,
    pubStatus: "usable",
    language: article.language ?? site.language,
    headlines: [{ role: "main", value: article.title }, ...(article.summary ? [{ role: "subheadline", value: article.summary }] : [])],
    bodies: [{ role: "main", contentType: "text/html", value: body }],
    located: article.located,
    by: byline,
    people: article.authors.map((author) => ({ name: author.name, rel: "author", uri: absolute(site, author.url) })),
    subjects: [
      { name: article.section.title, rel: "section", uri: absolute(site, article.section.url) },
      ...article.tags.map((tag) => ({ name: tag.name, rel: "tag", uri: absolute(site, tag.url) })),
    ],
    copyrightNotice: site.copyrightNotice,
    usageTerms: site.usageTerms,
    altIds: [{ role: "slug", value: article.slug }],
    associations: hero
      ? [
          defined({
            name: "hero",
            rel: "illustration",
            uri: absolute(site, hero.src),
            type: "picture",
            descriptions: [{ role: "alt", value: hero.alt }],
            headlines: hero.caption ? [{ role: "caption", value: hero.caption }] : undefined,
            by: hero.credit,
            copyrightNotice: hero.credit,
            renditions: pictures.length > 0
              ? pictures.map((picture) => ({ name: `${picture.width}w ${picture.contentType.replace("image/", "")}`, href: picture.href, contentType: picture.contentType, width: picture.width, height: picture.height }))
              : [defined({ name: "original", href: absolute(site, hero.src), width: hero.width, height: hero.height })],
          }),
        ]
      : undefined,
  });
}

/** An index of stories as a ninjs package: a composite item whose associations are the stories, each with its ninjs file. */
export function ninjsIndex(site: SiteConfig, name: string, pageUrl: string, articles: readonly PublishedArticle[], updated: string): Json {
  return defined({
    uri: absolute(site, ninjsUrl(pageUrl)),
    type: "composite",
    versionCreated: articles.length > 0 ? updated : undefined,
    pubStatus: "usable",
    language: site.language,
    headlines: [{ role: "main", value: name }],
    copyrightNotice: site.copyrightNotice,
    usageTerms: site.usageTerms,
    associations: articles.slice(0, NINJS_INDEX_SIZE).map((article) =>
      defined({
        name: article.slug,
        rel: "item",
        uri: absolute(site, article.url),
        type: "text",
        version: version(article),
        firstCreated: article.published.iso,
        versionCreated: article.modified.iso,
        language: article.language ?? site.language,
        headlines: [{ role: "main", value: article.title }],
        renditions: [{ name: "ninjs", href: absolute(site, ninjsUrl(article.url)), contentType: NINJS_TYPE }, { name: "html", href: absolute(site, article.url), contentType: "text/html" }],
      }),
    ),
  });
}
