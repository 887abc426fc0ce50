import { z } from "zod";
import { isTimeZone } from "./dates.ts";
import type { ContentProblem } from "./errors.ts";

/**
 * The content contract, as schemas: what a newsroom writes in `_data/site.json`, in an article's
 * front matter and in `_data/comments/<slug>.json`. The types the generator uses are derived from
 * these, so the contract and the code cannot drift apart.
 */

/** Says "is required" for a missing field and "must be text" for one of another type. */
const required = (what: string, expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? `is required (${what})` : `${expected} (${what})`;

/**
 * An object whose every field is known: a field the contract does not have (`Draft: true`, `drafts`,
 * a misspelling) would otherwise be dropped without a word, and a draft published. Each unknown field
 * is a problem of its own, with the field meant when one is close.
 */
function fields<T extends z.ZodRawShape>(shape: T, error?: string) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? issue.keys.map((key) => unknownField(key, known)).join("\n") : error),
  });
}

function unknownField(key: string, known: readonly string[]): string {
  const meant = closest(key, known);
  return meant ? `is not a field; did you mean "${meant}"?` : `is not a field (known: ${known.join(", ")})`;
}

/** The known field a person most likely meant: same letters in another case, a plural, or two typos away. */
function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase().trim();
  const scored = known.map((name) => {
    const other = name.toLowerCase();
    const distance = lower === other || lower === `${other}s` || `${lower}s` === other ? 0 : editDistance(lower, other);
    return { name, distance };
  });
  const best = scored.sort((a, b) => a.distance - b.distance)[0];
  return best && best.distance <= Math.min(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

/** Edits (insert, delete, change, swap two neighbours: "titel") from one short name to another. */
function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, before[j - 2]! + 1);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/**
 * An address as a browser reads it: tabs and line breaks anywhere are dropped, and so are control
 * characters and spaces at either end, and a backslash counts as a slash. `java\tscript:` is
 * `javascript:`, and `/\\evil.example` is another site.
 */
const browserUrl = (url: string) => url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/\\/g, "/");

/** A site path (one leading slash) or an http(s) address, checked as a browser will read it. */
const siteOrWebAddress = (what: string) =>
  text(what).refine(
    (src) => {
      const url = browserUrl(src);
      return /^https?:\/\/[^/]/i.test(url) || (url !== "" && !url.startsWith("//") && !/^[a-z][a-z0-9+.-]*:/i.test(url));
    },
    { error: "must be an https:// address or a path on the site such as /media/photo.jpg (not another scheme, not //host/…)" },
  );

const text = (what: string) =>
  z.string({ error: required(what, "must be text") }).trim().min(1, { error: `must not be empty (${what})` });

const timeZone = z
  .string({ error: "must be an IANA time zone name such as Europe/Moscow" })
  .refine(isTimeZone, { error: (issue) => `"${String(issue.input)}" is not an IANA time zone (e.g. Europe/Moscow, America/New_York, UTC)` });

/** Whether a text is one BCP 47 language tag (en, en-GB, pt-BR, zh-Hant). */
export function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

const language = z.string({ error: "must be a language tag such as en or ru" }).refine(
  isLanguageTag,
  { error: (issue) => `"${String(issue.input)}" is not a BCP 47 language tag (e.g. en, en-GB, ru)` },
);

/** A name or a list of names: a lone `authors: Jane Doe` is what people write, and it means one name. */
const nameList = (what: string) =>
  z
    .preprocess(
      (value) => (typeof value === "string" ? [value] : value),
      z.array(z.string({ error: `each ${what} must be text (put it in quotes)` }), { error: `must be a list of ${what}s` }),
    )
    .transform((names) => names.map((name) => name.trim()).filter((name) => name.length > 0));

export interface NavSectionInput {
  key: string;
  title: string;
  children?: NavSectionInput[] | undefined;
}

const navSection: z.ZodType<NavSectionInput> = fields({
  key: z
    .string({ error: "must be text (the section's key)" })
    .regex(/^[a-z0-9][a-z0-9-]*$/, {
      error: "must be lowercase letters, digits and hyphens, since it becomes the section's URL",
    })
    .max(60, { error: "must be at most 60 characters, since it becomes a folder of every address in the section" }),
  title: text("the section's name"),
  get children() {
    return z.array(navSection).optional();
  },
});

/** The networks a story can be shared to, in the order their links are shown. */
export const SHARE_NETWORKS = ["email", "x", "facebook", "linkedin", "whatsapp", "telegram", "bluesky"] as const;

/** The longest slug or address segment, in bytes: file systems refuse names over 255. */
export const MAX_SEGMENT_BYTES = 180;

export const DEFAULT_DATELINE_FORMAT = "{place}, {date}. /{source}/.";

const SITE_URL_HELP = "must be the site's absolute address alone, e.g. https://wire.example.org (no ?query, #fragment, spaces or user name)";

export const siteSchema = fields({
  title: text("the site's name"),
  url: z
    .string({ error: SITE_URL_HELP })
    .refine((raw) => {
      // Letters, digits and the few marks an address needs: nothing a page or robots.txt would have to escape.
      if (!/^https?:\/\/[\p{L}\p{N}.-]+(?::\d{1,5})?(?:\/[\p{L}\p{N}._~!$()*+,;=:@\/-]*)?$/u.test(raw)) return false;
      try {
        const url = new URL(raw);
        return /^https?:$/.test(url.protocol) && url.hostname !== "" && !url.search && !url.hash && !raw.includes("?") && !raw.includes("#") && !url.username && !url.password;
      } catch {
        return false;
      }
    }, { error: SITE_URL_HELP })
    // A path is where the site is served: `//repo` would make every page link to a host named "repo".
    .refine((raw) => !/^https?:\/\/[^/]+/i.test(raw) || raw.replace(/^https?:\/\/[^/]+/i, "").replace(/\/+$/, "").split("/").slice(1).every((segment) => segment !== "" && segment !== "." && segment !== ".."), {
      error: "must have a path without empty, . or .. parts, e.g. https://owner.github.io/repo",
    })
    .transform((url) => url.replace(/\/+$/, "")),
  language: language.default("en"),
  timezone: timeZone.default("UTC"),
  tagline: z.string().optional(),
  /** The site's name in a page's <title> when the full name would make it too long for search results (e.g. "HW"). */
  shortTitle: z.string({ error: "must be text, e.g. the site's initials" }).trim().min(1, { error: "must not be empty" }).optional(),
  /** The publisher's logo for structured data and social cards: an absolute URL or a site path. */
  logo: siteOrWebAddress("the publisher's logo").optional(),
  /** The picture social networks show for a page that has none of its own: a site path or an absolute URL. */
  shareImage: siteOrWebAddress("the picture shared for pages without one").optional(),
  headerDate: z.string({ error: "must be a date written YYYY-MM-DD" }).optional(),
  /** Without `headerDate`, a small deferred script shows the reader's day in the top bar of a page built on an earlier one. */
  liveHeaderDate: z.boolean({ error: "must be true or false" }).default(true),
  dateline: fields({
      format: z.string().default(DEFAULT_DATELINE_FORMAT),
      dateFormat: z.string().default("LLLL d"),
    })
    .default({ format: DEFAULT_DATELINE_FORMAT, dateFormat: "LLLL d" }),
  nav: z.array(navSection, { error: "must be a list of sections" }).min(1, { error: "must list at least one section" }),
  popular: z.array(z.string({ error: "each entry must be an article slug (text)" })).default([]),
  comments: fields({
      enabled: z.boolean().default(true),
      endpoint: z.url({ protocol: /^https?$/, error: "must be the absolute https:// address the comment form posts to" }).optional(),
      email: z.string().optional(),
    })
    .default({ enabled: true }),
  markdown: fields({ html: z.boolean().default(false) }).default({ html: false }),
  /** Addresses made from names (tags, authors): transliterated to Latin letters, or kept in their own. */
  slugs: z.enum(["transliterated", "native"], { error: 'must be "transliterated" or "native"' }).default("transliterated"),
  /** The site's own words for interface labels in its language, key by key over the theme's. */
  labels: z.record(z.string(), z.string({ error: "must be text" }), { error: 'must be labels by key, e.g. { "home": "Front page" }' }).optional(),
  /** Share links under each story (no script: plain addresses of each network's share page), or false for none. */
  share: z.union([z.literal(false), z.array(z.enum(SHARE_NETWORKS, { error: `must be one of ${SHARE_NETWORKS.join(", ")}` }))], { error: `must be false or a list of ${SHARE_NETWORKS.join(", ")}` }).default([...SHARE_NETWORKS]),
  /** A WebSub hub: feeds name it, and each build tells it which feeds changed once they are published. */
  hub: z
    .url({ protocol: /^https?$/, error: "must be the hub's absolute https:// address, e.g. https://pubsubhubbub.appspot.com/" })
    // Feeds publish it: no user name or password, and nothing a feed would have to escape.
    .refine((raw) => !/[\s#]/.test(raw) && !new URL(raw).username && !new URL(raw).password, { error: "must be the hub's address alone: no user name or password, spaces or #fragment" })
    .optional(),
  /** Each story as an IPTC ninjs news item beside its page, and indexes of the newest, for wire clients. */
  ninjs: z.boolean({ error: "must be true or false" }).default(true),
  /** The copyright notice and usage terms syndicated stories carry (ninjs `copyrightNotice` and `usageTerms`). */
  copyrightNotice: z.string({ error: "must be text" }).trim().min(1).optional(),
  usageTerms: z.string({ error: "must be text" }).trim().min(1).optional(),
  /** An estimated reading time in each story's byline. */
  readingTime: z.boolean({ error: "must be true or false" }).default(false),
  /** Site search (a /search/ page and its index, built with the site); false leaves both out. */
  search: z.boolean({ error: "must be true or false" }).default(true),
});

export type SiteInput = z.input<typeof siteSchema>;
export type SiteConfig = z.output<typeof siteSchema>;

export const articleSchema = fields({
  title: text("the headline"),
  date: z.string({ error: required("the publication time, ISO 8601, e.g. 2021-12-23T18:30", "must be a date written as text") }),
  section: z.string({ error: required("the key of a section in _data/site.json's nav", "must be text") }),
  dateline: fields(
    {
      place: text("the place the story was filed from, e.g. MOSCOW"),
      source: z.string().trim().min(1).optional(),
    },
    "must be { place: …, source: … } (source optional)",
  ).optional(),
  authors: nameList("author").optional(),
  tags: nameList("tag").optional(),
  summary: z.string({ error: "must be text (the dek)" }).optional(),
  updated: z.string({ error: "must be an ISO 8601 time (e.g. 2021-12-24T09:00)" }).optional(),
  expires: z.string({ error: "must be an ISO 8601 time (e.g. 2022-06-30T00:00) after which the article is taken down" }).optional(),
  corrections: z
    .array(
      fields({
        date: z.string({ error: "must be the ISO 8601 time of the correction" }),
        text: text("what was corrected"),
      }),
      { error: "must be a list of { date, text }" },
    )
    .optional(),
  language: language.optional(),
  /** A live story, being updated as events unfold: marked live and first on its section's front. */
  live: z.boolean({ error: "must be true or false" }).optional(),
  /** A live story's updates, each with its time: shown newest first under the story. */
  updates: z
    .array(
      fields({
        time: z.string({ error: "must be the ISO 8601 time of the update" }),
        title: z.string({ error: "must be text" }).trim().min(1).optional(),
        text: text("the update, in markdown"),
      }),
      { error: "must be a list of { time, title, text } (title optional)" },
    )
    .optional(),
  draft: z.boolean({ error: "must be true or false" }).optional(),
  comments: z.boolean({ error: "must be true or false" }).optional(),
  timezone: timeZone.optional(),
  slug: z
    .string({ error: "must be text" })
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, { error: "must be letters, digits, hyphens and underscores only" })
    .refine((slug) => Buffer.byteLength(slug) <= MAX_SEGMENT_BYTES, { error: `is too long for an address: at most ${MAX_SEGMENT_BYTES} bytes (about 60 letters of a non-Latin script)` })
    .optional(),
  permalink: z.string({ error: "must be a site path such as /special/report/" }).optional(),
  /** Addresses the story had before (on the old site, or before it moved): each leads to it. */
  aliases: z.array(z.string({ error: "each must be a site path such as /2019/05/12/old-slug/" }), { error: "must be a list of site paths, e.g. [/2019/05/12/old-slug/]" }).optional(),
  image: fields(
    {
      src: siteOrWebAddress("the image's address"),
      alt: text("a description of the image for readers who cannot see it"),
      caption: z.string().optional(),
      credit: z.string().optional(),
      /** For an image on another site, which Dateline does not fetch: its size, so the page does not jump as it loads. */
      width: z.number({ error: "must be the image's width in pixels" }).int().positive().optional(),
      height: z.number({ error: "must be the image's height in pixels" }).int().positive().optional(),
    },
    "must be { src: …, alt: … } (caption, credit, and width and height for an image on another site, optional)",
  ).optional(),
});

export type ArticleFrontMatter = z.output<typeof articleSchema>;

export const commentsSchema = z.array(
  fields({
    id: z.union([z.string().min(1), z.number()], { error: "must be text or a number, unique on the article" }),
    author: text("the commenter's name"),
    date: z.string({ error: "must be an ISO 8601 time" }),
    text: z.string({ error: "must be the comment's text" }),
    /** The id of the comment this one answers: it is shown under it. */
    replyTo: z.union([z.string().min(1), z.number()], { error: "must be the id of the comment it answers" }).optional(),
  }),
  { error: "must be a list of comments" },
);

export type CommentInput = z.output<typeof commentsSchema>[number];

/** Zod's issues as the newsroom's problems: the field path as people write it, then what is wrong; an unknown field each on its own line. */
export function issuesToProblems(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key, index) => ({ file, field: formatPath([...issue.path, key]), message: issue.message.split("\n")[index] ?? issue.message }))
      : [{ file, field: formatPath(issue.path), message: issue.message }],
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(whole file)";
}
