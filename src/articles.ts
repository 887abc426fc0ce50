import type { DateTime } from "luxon";
import type { ContentProblem } from "./errors.ts";
import { parseContentDate, formatTimestamp, formatShortDate, isoTimestamp } from "./dates.ts";
import { formatDateline } from "./dateline.ts";
import { splitArticle } from "./frontmatter.ts";
import { articleSchema, issuesToProblems, type SiteConfig } from "./schema.ts";
import { breadcrumbs, type Crumb, type Section, type SectionTree } from "./sections.ts";
import { toSlug } from "./slugs.ts";

/** A moment shown to readers and machines alike, formatted once per build. */
export interface Stamp {
  iso: string;
  /** "December 24, 2021 at 2:30 AM GMT+3" */
  text: string;
  /** "Dec 24, 2021" */
  short: string;
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
  authors: Named[];
  tags: Named[];
  section: Section;
  breadcrumbs: Crumb[];
  timezone: string;
  published: Stamp;
  updated?: Stamp | undefined;
  dateline?: string | undefined;
  image?: HeroImage | undefined;
  commentsOpen: boolean;
  /** Markdown source; rendered when its page is written. */
  body: string;
}

export type ArticleStatus = "published" | "draft" | "embargoed";

export type ReadArticle =
  | { status: "invalid"; problems: ContentProblem[]; draft: boolean }
  | { status: ArticleStatus; article: Article };

export function stamp(date: DateTime, locale: string): Stamp {
  return { iso: isoTimestamp(date), text: formatTimestamp(date, locale), short: formatShortDate(date, locale), ms: date.toMillis() };
}

/** A person's or tag's page address. Tags that differ only in case are one tag, so the slug is the identity. */
export function named(name: string, base: "/tags/" | "/authors/"): Named {
  const slug = toSlug(name);
  return { name, slug, url: `${base}${slug}/` };
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

  const draft = split.data.draft === true;
  const parsed = articleSchema.safeParse(split.data);
  if (!parsed.success) return { status: "invalid", draft, problems: issuesToProblems(file, parsed.error) };
  const front = parsed.data;
  const problems: ContentProblem[] = [];

  const section = sections.byKey.get(front.section);
  if (!section) {
    problems.push({
      file,
      field: "section",
      message: `"${front.section}" is not a section in _data/site.json (known: ${[...sections.byKey.keys()].join(", ")})`,
    });
  }
  const timezone = front.timezone ?? site.timezone;
  const date = parseContentDate(front.date, timezone);
  if (!date.ok) problems.push({ file, field: "date", message: date.reason });
  const updated = front.updated === undefined ? undefined : parseContentDate(front.updated, timezone);
  if (updated && !updated.ok) problems.push({ file, field: "updated", message: updated.reason });

  const fileSlug = file.replace(/^.*\//, "").replace(/\.md$/i, "");
  const slug = front.slug ?? fileSlug;
  if (!front.slug && !/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u.test(slug)) {
    problems.push({ file, field: "slug", message: `the file name "${fileSlug}" cannot be a URL: rename the file or set slug to letters, digits and hyphens` });
  }
  let permalink: string | undefined;
  if (front.permalink !== undefined) {
    permalink = normalizePermalink(front.permalink);
    if (!permalink) {
      problems.push({ file, field: "permalink", message: `"${front.permalink}" must be a path inside the site starting with /, e.g. /special/election-results/` });
    }
  }
  if (!split.body.trim()) problems.push({ file, message: "has no body: write the story below the front matter" });

  if (problems.length > 0 || !section || !date.ok || (updated && !updated.ok)) return { status: "invalid", draft, problems };

  const locale = site.language;
  const published = date.value;
  const article: Article = {
    file,
    slug,
    url: permalink ?? `${section.url}${slug}/`,
    title: front.title,
    summary: front.summary?.trim() || undefined,
    authors: (front.authors ?? []).map((name) => named(name, "/authors/")),
    tags: uniqueBySlug((front.tags ?? []).map((name) => named(name, "/tags/"))),
    section,
    breadcrumbs: breadcrumbs(section, front.title),
    timezone,
    published: stamp(published, locale),
    updated: updated?.ok ? stamp(updated.value, locale) : undefined,
    dateline: front.dateline
      ? formatDateline(site.dateline.format, site.dateline.dateFormat, front.dateline, published, locale)
      : undefined,
    image: front.image,
    commentsOpen: site.comments.enabled && front.comments !== false,
    body: split.body,
  };
  const status: ArticleStatus = draft ? "draft" : published.toMillis() > now.toMillis() ? "embargoed" : "published";
  return { status, article: Object.freeze(article) };
}

function uniqueBySlug(items: Named[]): Named[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.slug) && seen.add(item.slug));
}
