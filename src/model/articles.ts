import type { DateTime } from "luxon";
import type { ArticleFile } from "../content/article-file.ts";
import { stamp, type Stamp } from "../content/dates.ts";
import { formatDateline } from "../content/dateline.ts";
import type { SiteConfig } from "../content/schema.ts";
import { sameName } from "../content/slugs.ts";
import { breadcrumbs, type Crumb, type Section, type SectionTree } from "./sections.ts";
import { articleUrl } from "./urls.ts";

export interface Named {
  name: string;
  slug: string;
  url: string;
}

export interface HeroImage {
  src: string;
  alt: string;
  caption?: string | undefined;
  credit?: string | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

export interface Article {
  /** Where the article lives, relative to the site, e.g. `posts/russia/duma.md`: what error messages name. */
  file: string;
  slug: string;
  url: string;
  /** Old addresses that lead here: each a redirect page once the article is published. */
  aliases: readonly string[];
  title: string;
  summary?: string | undefined;
  /** Bylines and tags as written, each name once (names that differ only in case are one name). */
  authors: string[];
  tags: string[];
  section: Section;
  breadcrumbs: Crumb[];
  timezone: string;
  published: Stamp;
  /** The publication time in the site's zone, as fronts and lists show it. */
  listed: Stamp;
  updated?: Stamp | undefined;
  /**
   * When the story last changed for a reader: its publication, its `updated` time or its latest
   * correction (a correction is a change), whichever is latest. What the
   * structured data, `article:modified_time`, the sitemap and the feeds give as its modification.
   */
  modified: Stamp;
  /** When the article is taken down. */
  expires?: Stamp | undefined;
  /** Corrections and clarifications, oldest first as they were appended. */
  corrections: Correction[];
  /** Being updated now (front matter `live`): marked live, and first on its section's front. */
  live: boolean;
  /** Its updates up to the build clock, newest first; later ones are held back until then. */
  updates: LiveUpdate[];
  /** The time of its next update held back by the clock, for the scheduler. */
  nextUpdate?: number | undefined;
  /** When its coverage ended: its last update, once it is no longer live. */
  coverageEnded?: Stamp | undefined;
  /** The article's language when it differs from the site's. */
  language?: string | undefined;
  dateline?: string | undefined;
  /** The dateline's place alone (MOSCOW), for formats that carry it as a field of its own. */
  located?: string | undefined;
  image?: HeroImage | undefined;
  commentsOpen: boolean;
  /** Markdown source; rendered when its page is written. */
  body: string;
  /** A hash of the article's file, for knowing when its page must be rendered again. */
  sourceHash: string;
}

export interface Correction {
  date: Stamp;
  text: string;
  anchor: string;
}

/** A live story's update as pages show it: an anchor of its own, so a reader can link to it. */
export interface LiveUpdate {
  anchor: string;
  time: Stamp;
  title?: string | undefined;
  /** Markdown. */
  text: string;
}

/** Only a published article is in the output; the others are held back (and shown, bannered, in preview). */
export type ArticleStatus = "published" | "draft" | "embargoed" | "expired";

/**
 * Places a checked article file in the newsroom: its section, address and breadcrumbs, its times as
 * pages show them, and its status by the build clock `now` (an article dated after it is embargoed).
 */
export function placeArticle(input: ArticleFile, site: SiteConfig, sections: SectionTree, now: DateTime): { status: ArticleStatus; article: Article } {
  const { front, published, expires } = input;
  const section = sections.byKey.get(front.section)!;
  // The story's own times in its language; its time in lists, in the site's.
  const locale = front.language ?? site.language;
  const publishedStamp = stamp(published, locale);
  // Updates the clock has reached are shown; each has an anchor made from its time in UTC, which does not change.
  const shown = (front.updates ?? []).map((update, index) => ({ update, time: input.updateTimes[index]! })).filter(({ time }) => time.toMillis() <= now.toMillis()).sort((a, b) => b.time.toMillis() - a.time.toMillis());
  const held = input.updateTimes.filter((time) => time.toMillis() > now.toMillis()).map((time) => time.toMillis());
  const latest = [published, ...(input.updated ? [input.updated] : []), ...input.correctionDates, ...shown.map(({ time }) => time)].reduce((a, b) => (b.toMillis() > a.toMillis() ? b : a));
  const article: Article = {
    file: input.file,
    slug: input.slug,
    url: input.permalink ?? articleUrl(section.url, input.slug),
    aliases: input.aliases,
    title: front.title,
    summary: front.summary?.trim() || undefined,
    authors: uniqueNames(front.authors ?? []),
    tags: uniqueNames(front.tags ?? []),
    section,
    breadcrumbs: breadcrumbs(section, front.title),
    timezone: input.timezone,
    published: publishedStamp,
    listed: input.timezone === site.timezone && locale === site.language ? publishedStamp : stamp(published.setZone(site.timezone), site.language),
    updated: input.updated ? stamp(input.updated, locale) : undefined,
    modified: latest === published ? publishedStamp : stamp(latest, locale),
    expires: expires ? stamp(expires, locale) : undefined,
    corrections: (front.corrections ?? []).map((correction, index) => ({
      date: stamp(input.correctionDates[index]!, locale),
      text: correction.text,
      anchor: `correction-${index + 1}`,
    })),
    live: front.live === true,
    updates: shown.map(({ update, time }) => ({ anchor: `update-${time.toUTC().toFormat("yyyyMMdd'T'HHmmss")}`, time: stamp(time, locale), title: update.title, text: update.text })),
    nextUpdate: held.length > 0 ? Math.min(...held) : undefined,
    coverageEnded: front.live !== true && shown.length > 0 ? stamp(shown[0]!.time, locale) : undefined,
    language: front.language,
    dateline: front.dateline ? formatDateline(site.dateline.format, site.dateline.dateFormat, front.dateline, published, locale) : undefined,
    located: front.dateline?.place,
    image: front.image,
    commentsOpen: site.comments.enabled && front.comments !== false,
    body: input.body,
    sourceHash: input.sourceHash,
  };
  const status: ArticleStatus = input.draft
    ? "draft"
    : published.toMillis() > now.toMillis()
      ? "embargoed"
      : expires && expires.toMillis() <= now.toMillis()
        ? "expired"
        : "published";
  return { status, article: Object.freeze(article) };
}

function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => !seen.has(sameName(name)) && seen.add(sameName(name)));
}
