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

const text = (what: string) =>
  z.string({ error: required(what, "must be text") }).trim().min(1, { error: `must not be empty (${what})` });

const timeZone = z
  .string({ error: "must be an IANA time zone name such as Europe/Moscow" })
  .refine(isTimeZone, { error: (issue) => `"${String(issue.input)}" is not an IANA time zone (e.g. Europe/Moscow, America/New_York, UTC)` });

const language = z.string({ error: "must be a language tag such as en or ru" }).refine(
  (tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  },
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

const navSection: z.ZodType<NavSectionInput> = z.object({
  key: z
    .string({ error: "must be text (the section's key)" })
    .regex(/^[a-z0-9][a-z0-9-]*$/, {
      error: "must be lowercase letters, digits and hyphens, since it becomes the section's URL",
    }),
  title: text("the section's name"),
  get children() {
    return z.array(navSection).optional();
  },
});

export const DEFAULT_DATELINE_FORMAT = "{place}, {date}. /{source}/.";

export const siteSchema = z.looseObject({
  title: text("the site's name"),
  url: z
    .url({ protocol: /^https?$/, error: "must be the site's absolute address, e.g. https://wire.example.org" })
    .transform((url) => url.replace(/\/+$/, "")),
  language: language.default("en"),
  timezone: timeZone.default("UTC"),
  tagline: z.string().optional(),
  /** The publisher's logo for structured data and social cards: an absolute URL or a site path. */
  logo: z.string().optional(),
  headerDate: z.string({ error: "must be a date written YYYY-MM-DD" }).optional(),
  dateline: z
    .object({
      format: z.string().default(DEFAULT_DATELINE_FORMAT),
      dateFormat: z.string().default("LLLL d"),
    })
    .default({ format: DEFAULT_DATELINE_FORMAT, dateFormat: "LLLL d" }),
  nav: z.array(navSection, { error: "must be a list of sections" }).min(1, { error: "must list at least one section" }),
  popular: z.array(z.string({ error: "each entry must be an article slug (text)" })).default([]),
  comments: z
    .object({
      enabled: z.boolean().default(true),
      endpoint: z.url({ protocol: /^https?$/, error: "must be the absolute https:// address the comment form posts to" }).optional(),
      email: z.string().optional(),
    })
    .default({ enabled: true }),
  markdown: z.object({ html: z.boolean().default(false) }).default({ html: false }),
});

export type SiteInput = z.input<typeof siteSchema>;
export type SiteConfig = z.output<typeof siteSchema>;

export const articleSchema = z.looseObject({
  title: text("the headline"),
  date: z.string({ error: required("the publication time, ISO 8601, e.g. 2021-12-23T18:30", "must be a date written as text") }),
  section: z.string({ error: required("the key of a section in _data/site.json's nav", "must be text") }),
  dateline: z
    .object(
      {
        place: text("the place the story was filed from, e.g. MOSCOW"),
        source: z.string().trim().min(1).optional(),
      },
      { error: "must be { place: …, source: … } (source optional)" },
    )
    .optional(),
  authors: nameList("author").optional(),
  tags: nameList("tag").optional(),
  summary: z.string({ error: "must be text (the dek)" }).optional(),
  updated: z.string({ error: "must be an ISO 8601 time (e.g. 2021-12-24T09:00)" }).optional(),
  expires: z.string({ error: "must be an ISO 8601 time (e.g. 2022-06-30T00:00) after which the article is taken down" }).optional(),
  corrections: z
    .array(
      z.object({
        date: z.string({ error: "must be the ISO 8601 time of the correction" }),
        text: text("what was corrected"),
      }),
      { error: "must be a list of { date, text }" },
    )
    .optional(),
  language: language.optional(),
  draft: z.boolean({ error: "must be true or false" }).optional(),
  comments: z.boolean({ error: "must be true or false" }).optional(),
  timezone: timeZone.optional(),
  slug: z
    .string({ error: "must be text" })
    .regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, { error: "must be letters, digits, hyphens and underscores only" })
    .optional(),
  permalink: z.string({ error: "must be a site path such as /special/report/" }).optional(),
  image: z
    .object(
      {
        src: text("the image's address").refine((src) => /^(https?:\/\/|\/)/i.test(src) || !/^[a-z][a-z0-9+.-]*:/i.test(src), {
          error: "must be an https:// address or a path on the site",
        }),
        alt: text("a description of the image for readers who cannot see it"),
        caption: z.string().optional(),
        credit: z.string().optional(),
      },
      { error: "must be { src: …, alt: … } (caption and credit optional)" },
    )
    .optional(),
});

export type ArticleFrontMatter = z.output<typeof articleSchema>;

export const commentsSchema = z.array(
  z.object({
    id: z.union([z.string().min(1), z.number()], { error: "must be text or a number, unique on the article" }),
    author: text("the commenter's name"),
    date: z.string({ error: "must be an ISO 8601 time" }),
    text: z.string({ error: "must be the comment's text" }),
  }),
  { error: "must be a list of comments" },
);

export type CommentInput = z.output<typeof commentsSchema>[number];

/** Zod's issues as the newsroom's problems: the field path as people write it, then what is wrong. */
export function issuesToProblems(file: string, error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => ({
    file,
    field: formatPath(issue.path),
    message: issue.message,
  }));
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(whole file)";
}
