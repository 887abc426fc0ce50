import type { SiteConfig } from "../content/schema.ts";
import type { PublishedArticle } from "./published.ts";
import type { Directory, FrontPage } from "./fronts.ts";
import { crumbName, type Crumb } from "./sections.ts";
import { label, type Labels } from "./labels.ts";
import { URLS } from "./urls.ts";

/**
 * schema.org structured data for search engines: NewsArticle and BreadcrumbList on articles,
 * CollectionPage on fronts. Built as plain objects; `toJsonLd` makes them safe inside <script>.
 */

type Thing = Record<string, unknown>;

/** An absolute URL for a site path; absolute URLs (a CDN's image) are kept. */
export function absolute(site: SiteConfig, url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `${site.url}${url.startsWith("/") ? "" : "/"}${url}`;
}

/** An image as structured data knows it: an absolute address and, when known, its size. */
export interface PictureObject {
  url: string;
  width?: number | undefined;
  height?: number | undefined;
}

const imageObject = (picture: PictureObject, credit?: string): Thing => ({
  "@type": "ImageObject",
  url: picture.url,
  width: picture.width,
  height: picture.height,
  creditText: credit,
  copyrightNotice: credit,
});

function publisher(site: SiteConfig, logo: PictureObject): Thing {
  return {
    "@type": "NewsMediaOrganization",
    name: site.title,
    url: absolute(site, URLS.home),
    logo: imageObject(logo),
  };
}

export function breadcrumbList(site: SiteConfig, crumbs: readonly Crumb[], currentUrl: string, labels: Labels): Thing {
  return {
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((crumb, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: crumbName(crumb, labels),
      item: absolute(site, crumb.url ?? currentUrl),
    })),
  };
}

/** `images`: the hero's crops (16:9, 4:3, 1:1) when it is the site's own photo; an image elsewhere is named as it is. */
export function articleStructuredData(site: SiteConfig, article: PublishedArticle, labels: Labels, logo: PictureObject, images?: readonly PictureObject[]): Thing[] {
  const url = absolute(site, article.url);
  // A story with updates is a live blog, whether still live or ended (its coverage then has an end).
  const liveBlog = article.updates.length > 0;
  const newsArticle: Thing = {
    "@context": "https://schema.org",
    "@type": liveBlog ? "LiveBlogPosting" : "NewsArticle",
    headline: article.title,
    description: article.summary,
    datePublished: article.published.iso,
    dateModified: article.modified.iso,
    author: article.authors.length
      ? article.authors.map((author) => ({ "@type": "Person", name: author.name, url: absolute(site, author.url) }))
      : [publisher(site, logo)],
    publisher: publisher(site, logo),
    image: images?.map((picture) => imageObject(picture, article.image?.credit)) ?? (article.image ? [absolute(site, article.image.src)] : undefined),
    articleSection: article.section.title,
    keywords: article.tags.length ? article.tags.map((tag) => tag.name) : undefined,
    dateline: article.dateline,
    inLanguage: article.language ?? site.language,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    correction: article.corrections.length
      ? article.corrections.map((correction) => ({ "@type": "CorrectionComment", text: correction.text, datePublished: correction.date.iso }))
      : undefined,
    coverageStartTime: liveBlog ? article.published.iso : undefined,
    coverageEndTime: liveBlog ? article.coverageEnded?.iso : undefined,
    liveBlogUpdate: liveBlog
      ? article.updates.map((update) => ({
          "@type": "BlogPosting",
          headline: update.title ?? article.title,
          datePublished: update.time.iso,
          url: `${url}#${update.anchor}`,
          // Its words, without markdown's marks.
          articleBody: update.text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_`]+/g, "").replace(/^[#>]+\s*/gm, ""),
        }))
      : undefined,
  };
  return [newsArticle, { "@context": "https://schema.org", ...breadcrumbList(site, article.breadcrumbs, article.url, labels) }];
}

/** A page that lists others (a front, the tag or author index): its name, the pages it lists, its breadcrumbs. */
function collectionPage(site: SiteConfig, name: string, url: string, listed: readonly { url: string }[], crumbs: readonly Crumb[], labels: Labels): Thing[] {
  return [
    {
      "@context": "https://schema.org",
      "@type": "CollectionPage",
      name,
      url: absolute(site, url),
      inLanguage: site.language,
      isPartOf: { "@type": "WebSite", name: site.title, url: absolute(site, URLS.home) },
      mainEntity: {
        "@type": "ItemList",
        itemListElement: listed.map((item, index) => ({ "@type": "ListItem", position: index + 1, url: absolute(site, item.url) })),
      },
    },
    { "@context": "https://schema.org", ...breadcrumbList(site, crumbs, url, labels) },
  ];
}

export function frontStructuredData(site: SiteConfig, front: FrontPage, labels: Labels): Thing[] {
  return collectionPage(site, front.name, front.url, front.articles, front.breadcrumbs, labels);
}

/** The `/tags/` and `/authors/` indexes: every tag's (or author's) page, in the index's order. */
export function directoryStructuredData(site: SiteConfig, directory: Directory, labels: Labels): Thing[] {
  return collectionPage(site, label(labels, directory.kind), directory.url, directory.entries, [{ label: "home", url: URLS.home }, { label: directory.kind }], labels);
}

export function homeStructuredData(site: SiteConfig, articles: readonly PublishedArticle[], logo: PictureObject): Thing[] {
  return [
    { "@context": "https://schema.org", "@type": "WebSite", name: site.title, url: absolute(site, URLS.home), inLanguage: site.language, publisher: publisher(site, logo) },
    {
      "@context": "https://schema.org",
      "@type": "CollectionPage",
      name: site.title,
      url: absolute(site, URLS.home),
      inLanguage: site.language,
      mainEntity: {
        "@type": "ItemList",
        itemListElement: articles.map((article, index) => ({ "@type": "ListItem", position: index + 1, url: absolute(site, article.url) })),
      },
    },
  ];
}

/**
 * JSON for a `<script type="application/ld+json">` block. `<`, `>` and `&` are written as JSON escapes,
 * so no headline (`</script>`, `<!--`) can end the block early; the JSON means the same.
 */
export function toJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
