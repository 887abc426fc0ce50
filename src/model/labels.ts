/**
 * The interface's words by key, in one language: the theme's table for it (`_includes/labels/<language>.json`)
 * over the English one, with the site's own words over both. A counted label has a form for each of
 * the language's plural categories (`comments.one`, `comments.few`, `comments.many`, `comments.other`).
 */
import { ContentValidationError, type ContentProblem } from "../content/errors.ts";

export type Labels = Readonly<Record<string, string>>;

/** The key under which a table names its language, for plural rules and numbers; not a label. */
export const LANGUAGE_KEY = "@language";

/** A language's plural rules, number and list formats: made once with its labels, not once a page. */
export interface LanguageFormats {
  plural: Intl.PluralRules;
  number: Intl.NumberFormat;
  list: Intl.ListFormat;
}
const FORMATS = Symbol("formats");
const makeFormats = (language: string): LanguageFormats => ({
  plural: new Intl.PluralRules(language),
  number: new Intl.NumberFormat(language),
  list: new Intl.ListFormat(language, { type: "conjunction" }),
});

/** The formats of the labels' language: those a label book made with them, else made now. */
export function formatsOf(labels: Labels): LanguageFormats {
  return (labels as { [FORMATS]?: LanguageFormats })[FORMATS] ?? makeFormats(labels[LANGUAGE_KEY] ?? "en");
}
const PLURAL_CATEGORIES = ["zero", "one", "two", "few", "many", "other"] as const;

/** The keys of `table` that are not labels of `reference` (nor a plural form of a counted one). */
export function unknownLabels(reference: Labels, table: object): string[] {
  return Object.keys(table).filter((key) => {
    if (key === LANGUAGE_KEY || key in reference) return false;
    const dot = key.lastIndexOf(".");
    return !(dot > 0 && (PLURAL_CATEGORIES as readonly string[]).includes(key.slice(dot + 1)) && `${key.slice(0, dot)}.other` in reference);
  });
}

/** The keys a site may word, for an error that lists them. */
export function knownLabels(reference: Labels): string[] {
  return Object.keys(reference).filter((key) => key !== LANGUAGE_KEY);
}

/**
 * Every language's labels for one site: `tables` are the theme's and the site's files by language
 * tag (lowercase), `reference` the English table every other falls back to, `own` the site's words
 * for its own language.
 */
export class LabelBook {
  private readonly tables: ReadonlyMap<string, Labels>;
  private readonly siteLanguage: string;
  private readonly own: Labels;
  private readonly made = new Map<string, Labels>();

  constructor(tables: ReadonlyMap<string, Labels>, siteLanguage: string, own: Labels) {
    this.tables = tables;
    this.siteLanguage = siteLanguage.toLowerCase();
    this.own = own;
  }

  /** The labels of a language: "pt-BR" takes the `pt` table, then any `pt-br` one, over English. */
  forLanguage(language: string): Labels {
    const tag = language.toLowerCase();
    let labels = this.made.get(tag);
    if (!labels) {
      const base = tag.split("-")[0]!;
      labels = Object.freeze({
        ...this.tables.get("en"),
        ...(base !== tag ? this.tables.get(base) : undefined),
        ...this.tables.get(tag),
        ...(tag === this.siteLanguage ? this.own : undefined),
        [LANGUAGE_KEY]: language,
        [FORMATS]: makeFormats(language),
      });
      this.made.set(tag, labels);
    }
    return labels;
  }
}

export interface LabelSources {
  /** The theme's tables by language tag; `en` holds every key. */
  theme: ReadonlyMap<string, { file: string; labels: Labels }>;
  /** The site's own tables (its `_includes/labels/`), key by key over the theme's. */
  site: ReadonlyMap<string, { file: string; labels: Labels }>;
  /** The site's words for its own language: its `_includes/labels.json`, then site.json's `labels`. */
  own: readonly { file: string; field?: string; labels: Labels }[];
  siteLanguage: string;
}

/** The site's label book, or every word given under a key that is no label, with the keys there are. */
export function makeLabelBook(sources: LabelSources): LabelBook {
  const reference = sources.theme.get("en")?.labels ?? {};
  const known = knownLabels(reference).join(", ");
  const problems: ContentProblem[] = [];
  const check = (file: string, labels: Labels, field?: string) => {
    for (const key of unknownLabels(reference, labels)) {
      const message =
        `${key}.other` in reference
          ? `is counted: give its forms, ${key}.one and ${key}.other, and ${key}.zero, .two, .few or .many where the language has them`
          : `is not a label (known: ${known})`;
      problems.push({ file, field: field ? `${field}.${key}` : key, message });
    }
  };
  for (const { file, labels } of sources.site.values()) check(file, labels);
  for (const { file, field, labels } of sources.own) check(file, labels, field);
  if (problems.length > 0) throw new ContentValidationError(problems);
  const tables = new Map<string, Labels>();
  for (const [tag, { labels }] of sources.theme) tables.set(tag, labels);
  for (const [tag, { labels }] of sources.site) tables.set(tag, { ...tables.get(tag), ...labels });
  return new LabelBook(tables, sources.siteLanguage, Object.assign({}, ...sources.own.map((own) => own.labels)));
}

/**
 * The words of a label with its `{placeholders}` filled in: "Page {number}" with 2 is "Page 2". With a
 * number `count`, a counted label's form for it by the language's plural rules ("5 комментариев"),
 * the number written as the language writes numbers. An unknown key shows as itself.
 */
export function label(labels: Labels, key: string, values: Readonly<Record<string, string | number>> = {}): string {
  let text = labels[key];
  const filled: Record<string, string | number> = { ...values };
  if (typeof values.count === "number" && labels[`${key}.other`] !== undefined) {
    const formats = formatsOf(labels);
    text = labels[`${key}.${formats.plural.select(values.count)}`] ?? labels[`${key}.other`];
    filled.count = formats.number.format(values.count);
  }
  return (text ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in filled ? String(filled[name]) : whole));
}
