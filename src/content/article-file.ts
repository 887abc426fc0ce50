import type { DateTime } from "luxon";
import type { ContentProblem } from "./errors.ts";
import { parseContentDate, isTimeZone } from "./dates.ts";
import { splitArticle } from "./frontmatter.ts";
import { hash } from "./hash.ts";
import { illegalCharacters } from "./characters.ts";
import { articleSchema, issuesToProblems, MAX_SEGMENT_BYTES, type ArticleFrontMatter, type SiteConfig } from "./schema.ts";

/** The longest permalink, in bytes: file systems refuse paths over 4,096, and the output folder's own path comes first. */
const MAX_PATH_BYTES = 1_000;

/** An article file that passed every check: its front matter as the schema read it, its dates parsed. */
export interface ArticleFile {
  /** Where the article lives, relative to the site, e.g. `posts/russia/duma.md`: what error messages name. */
  file: string;
  front: ArticleFrontMatter;
  slug: string;
  /** A path that replaces the article's address, normalised to end in `/` or `.html`. */
  permalink?: string | undefined;
  /** Old addresses that lead to the article, normalised as permalinks are. */
  aliases: string[];
  /** The zone its dates are read and shown in: its own `timezone`, else the site's. */
  timezone: string;
  published: DateTime<true>;
  updated?: DateTime<true> | undefined;
  expires?: DateTime<true> | undefined;
  /** Each correction's date, in the order of `front.corrections`. */
  correctionDates: DateTime<true>[];
  /** Each live update's time, in the order of `front.updates`. */
  updateTimes: DateTime<true>[];
  draft: boolean;
  /** Markdown source; rendered when its page is written. */
  body: string;
  /** A hash of the article's file, for knowing when its page must be rendered again. */
  sourceHash: string;
}

export type ReadArticleFile = { ok: false; problems: ContentProblem[]; draft: boolean } | { ok: true; article: ArticleFile };

const SLUG = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

/** A permalink (or an alias) as a site path ending in `/` or `.html`, or why it cannot be one. */
export function normalizePermalink(raw: string): { path: string } | { why: string } {
  const path = raw.trim();
  const example = "e.g. /special/election-results/";
  if (!path.startsWith("/") || path.startsWith("//") || path.split("/").some((part) => part === ".." || part === ".")) {
    return { why: `"${raw}" must be a path inside the site starting with /, ${example}` };
  }
  if (/[?#\s\\\u0000-\u001f\u007f]/.test(path)) return { why: `"${raw}" must be a path with no spaces, ?, #, backslashes or control characters, ${example}` };
  // A server decodes %2e%2e to .. and %66eed.xml to feed.xml: the address would not be the file written.
  if (path.includes("%")) return { why: `"${raw}" must not be percent-encoded: write the characters themselves, ${example}` };
  if (path.includes("//")) return { why: `"${raw}" has an empty part (//): write each folder once, ${example}` };
  if (path.split("/").some((part) => Buffer.byteLength(part) > MAX_SEGMENT_BYTES) || Buffer.byteLength(path) > MAX_PATH_BYTES) {
    return { why: `"${raw.slice(0, 40)}…" is too long for a file: at most ${MAX_SEGMENT_BYTES} bytes a part and ${MAX_PATH_BYTES} in all` };
  }
  // /a/index.html and /a/ are one page: written the short way, the two are seen to be one address.
  const folder = path.replace(/\/index\.html$/, "/");
  return { path: folder.endsWith("/") || folder.endsWith(".html") ? folder : `${folder}/` };
}

/**
 * Reads one article file and checks it against the content contract and the site (its sections, its
 * time zone), reporting every problem of the file at once rather than just the first kind.
 */
export function readArticleFile(file: string, source: string, site: SiteConfig, sectionKeys: ReadonlySet<string>): ReadArticleFile {
  const split = splitArticle(source);
  if (!split.ok) return { ok: false, draft: false, problems: [{ file, message: split.message }] };

  const raw = split.data;
  const draft = raw.draft === true;
  const parsed = articleSchema.safeParse(raw);
  const problems: ContentProblem[] = [...(parsed.success ? [] : issuesToProblems(file, parsed.error)), ...illegalCharacters(file, raw, split.body)];
  const asText = (value: unknown) => (typeof value === "string" ? value : undefined);

  const sectionKey = asText(raw.section);
  if (sectionKey !== undefined && !sectionKeys.has(sectionKey)) {
    problems.push({ file, field: "section", message: `"${sectionKey}" is not a section in _data/site.json (known: ${[...sectionKeys].join(", ")})` });
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
  const correctionDates = Array.isArray(raw.corrections)
    ? raw.corrections.map((entry: unknown, index) => readDate((entry as { date?: unknown } | null)?.date, `corrections[${index}].date`))
    : [];

  const updateTimes = Array.isArray(raw.updates)
    ? raw.updates.map((entry: unknown, index) => readDate((entry as { time?: unknown } | null)?.time, `updates[${index}].time`))
    : [];
  const seen = new Map<number, number>();
  updateTimes.forEach((time, index) => {
    const other = time && seen.get(time.toMillis());
    if (time && other !== undefined) problems.push({ file, field: `updates[${index}].time`, message: `is the time of updates[${other}] too; each update has its own time, which names its anchor` });
    if (time) seen.set(time.toMillis(), index);
    const written = String((raw.updates as { time?: unknown }[])[index]?.time);
    if (time && published && time < published) problems.push({ file, field: `updates[${index}].time`, message: `${written} is before the story was published; an update comes after its story` });
  });
  const fileSlug = file.replace(/^.*\//, "").replace(/\.md$/i, "");
  const slug = asText(raw.slug) ?? fileSlug;
  if (raw.slug === undefined && (!SLUG.test(slug) || Buffer.byteLength(slug) > MAX_SEGMENT_BYTES)) {
    problems.push({ file, field: "slug", message: `the file name "${fileSlug}" cannot be a URL: rename the file or set slug to letters, digits and hyphens, at most ${MAX_SEGMENT_BYTES} bytes` });
  }
  const permalinkText = asText(raw.permalink);
  const normalized = permalinkText === undefined ? undefined : normalizePermalink(permalinkText);
  if (normalized && "why" in normalized) problems.push({ file, field: "permalink", message: normalized.why });
  const permalink = normalized && "path" in normalized ? normalized.path : undefined;
  const aliases: string[] = [];
  (Array.isArray(raw.aliases) ? raw.aliases : []).forEach((alias: unknown, index) => {
    if (typeof alias !== "string") return;
    const old = normalizePermalink(alias);
    if ("why" in old) problems.push({ file, field: `aliases[${index}]`, message: old.why });
    else if (!aliases.includes(old.path)) aliases.push(old.path);
  });
  if (!split.body.trim()) problems.push({ file, message: "has no body: write the story below the front matter" });

  if (!parsed.success || problems.length > 0 || !published) return { ok: false, draft, problems };
  return {
    ok: true,
    article: {
      file,
      front: parsed.data,
      slug,
      permalink,
      aliases,
      timezone,
      published,
      updated,
      expires,
      correctionDates: correctionDates.filter((date) => date !== undefined),
      updateTimes: updateTimes.filter((time) => time !== undefined),
      draft,
      body: split.body,
      sourceHash: hash(file, source),
    },
  };
}
