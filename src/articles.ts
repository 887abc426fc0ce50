import type { DateTime } from "luxon";
import type { ContentProblem } from "./errors.ts";
import { parseContentDate, formatTimestamp, isoTimestamp, isTimeZone } from "./dates.ts";
import { formatDateline } from "./dateline.ts";
import { splitArticle } from "./frontmatter.ts";
import { articleSchema, issuesToProblems, type SiteConfig } from "./schema.ts";
import { breadcrumbs, type Crumb, type Section, type SectionTree } from "./sections.ts";
import { sameName } from "./slugs.ts";
import { hash } from "./reuse.ts";

/** A moment shown to readers and machines alike, formatted once per build. */
export interface Stamp {
  iso: string;
  /** "December 24, 2021 at 2:30 AM GMT+3" */
  text: string;
  ms: number;
}

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
}

export interface Article {
  /** Where the article lives, relative to the site, e.g. `posts/russia/duma.md`: what error messages name. */
  file: string;
  slug: string;
  url: string;
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
  /** When the article is taken down. */
  expires?: Stamp | undefined;
  /** Corrections and clarifications, oldest first as they were appended. */
  corrections: Correction[];
  /** The article's language when it differs from the site's. */
  language?: string | undefined;
  dateline?: string | undefined;
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

/** Only a published article is in the output; the others are held back (and shown, bannered, in preview). */
export type ArticleStatus = "published" | "draft" | "embargoed" | "expired";

export type ReadArticle =
  | { status: "invalid"; problems: ContentProblem[]; draft: boolean }
  | { status: ArticleStatus; article: Article };

export function stamp(date: DateTime, locale: string): Stamp {
  return { iso: isoTimestamp(date), text: formatTimestamp(date, locale), ms: date.toMillis() };
}


function normalizePermalink(raw: string): string | undefined {
  const path = raw.trim();
  if (!path.startsWith("/") || path.startsWith("//") || path.split("/").some((part) => part === ".." || part === ".")) return undefined;
  if (/[?#\s\\]/.test(path)) return undefined;
  return path.endsWith("/") || path.endsWith(".html") ? path : `${path}/`;
}

/**
 * Reads one article file into what its page needs, or the problems that keep it from being published.
 * `now` is the build clock: an article dated after it is embargoed.
 */
export function readArticle(file: string, source: string, site: SiteConfig, sections: SectionTree, now: DateTime): ReadArticle {
  const split = splitArticle(source);
  if (!split.ok) return { status: "invalid", draft: false, problems: [{ file, message: split.message }] };

  const raw = split.data;
  const draft = raw.draft === true;
  const parsed = articleSchema.safeParse(raw);
  // The schema checks each field's shape; the checks below need the site (sections, time zone) and run
  // on whatever is text, so one build reports every problem of the file, not just the first kind.
  const problems: ContentProblem[] = parsed.success ? [] : issuesToProblems(file, parsed.error);
  const asText = (value: unknown) => (typeof value === "string" ? value : undefined);

  const sectionKey = asText(raw.section);
  const section = sectionKey === undefined ? undefined : sections.byKey.get(sectionKey);
  if (sectionKey !== undefined && !section) {
    problems.push({
      file,
      field: "section",
      message: `"${sectionKey}" is not a section in _data/site.json (known: ${[...sections.byKey.keys()].join(", ")})`,
    });
  }
  const zone = asText(raw.timezone);
  const timezone = zone !== undefined && isTimeZone(zone) ? zone : site.timezone;
  const readDate = (value: unknown, field: string) => {
    if (typeof value !== "string") return undefined;
    const date = parseContentDate(value, timezone);
    if (date.ok) return date.value;
    problems.push({ file, field, message: date.reason });
    return undefined;
  };
  const published = readDate(raw.date, "date");
  const updated = readDate(raw.updated, "updated");
  const expires = readDate(raw.expires, "expires");
  if (published && expires && expires <= published) {
    problems.push({ file, field: "expires", message: `${String(raw.expires)} is not after the article's date; an article must be up before it is taken down` });
  }
  const corrections = Array.isArray(raw.corrections)
    ? raw.corrections.map((entry: unknown, index) => readDate((entry as { date?: unknown } | null)?.date, `corrections[${index}].date`))
    : [];

  const fileSlug = file.replace(/^.*\//, "").replace(/\.md$/i, "");
  const slug = asText(raw.slug) ?? fileSlug;
  if (raw.slug === undefined && !/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u.test(slug)) {
    problems.push({ file, field: "slug", message: `the file name "${fileSlug}" cannot be a URL: rename the file or set slug to letters, digits and hyphens` });
  }
  const permalinkText = asText(raw.permalink);
  const permalink = permalinkText === undefined ? undefined : normalizePermalink(permalinkText);
  if (permalinkText !== undefined && !permalink) {
    problems.push({ file, field: "permalink", message: `"${permalinkText}" must be a path inside the site starting with /, e.g. /special/election-results/` });
  }
  if (!split.body.trim()) problems.push({ file, message: "has no body: write the story below the front matter" });

  if (!parsed.success || problems.length > 0 || !section || !published) return { status: "invalid", draft, problems };
  const front = parsed.data;

  const locale = site.language;
  const publishedStamp = stamp(published, locale);
  const article: Article = {
    file,
    slug,
    url: permalink ?? `${section.url}${slug}/`,
    title: front.title,
    summary: front.summary?.trim() || undefined,
    authors: uniqueNames(front.authors ?? []),
    tags: uniqueNames(front.tags ?? []),
    section,
    breadcrumbs: breadcrumbs(section, front.title),
    timezone,
    published: publishedStamp,
    listed: timezone === site.timezone ? publishedStamp : stamp(published.setZone(site.timezone), locale),
    updated: updated ? stamp(updated, locale) : undefined,
    expires: expires ? stamp(expires, locale) : undefined,
    corrections: (front.corrections ?? []).map((correction, index) => ({
      date: stamp(corrections[index]!, locale),
      text: correction.text,
      anchor: `correction-${index + 1}`,
    })),
    language: front.language,
    dateline: front.dateline
      ? formatDateline(site.dateline.format, site.dateline.dateFormat, front.dateline, published, locale)
      : undefined,
    image: front.image,
    commentsOpen: site.comments.enabled && front.comments !== false,
    body: split.body,
    sourceHash: hash(file, source),
  };
  const status: ArticleStatus = draft
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
