import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { DateTime } from "luxon";
import type { ArticleFile } from "./article-file.ts";
import { normalizedSource } from "./frontmatter.ts";
import { hash } from "./hash.ts";

/**
 * Articles as they were read and checked at an earlier build, so that a republish parses and validates
 * only the files that changed. An entry is used only for the very text it was made from (a hash of the
 * file's path and bytes: the text is read anyway, its body is needed, and a hash holds across a fresh
 * checkout, where every file's times and inode are new) and only by the code that made it: the
 * generator's version, the content modules' text, the lockfiles and the Node version (its time-zone
 * rules) are in the cache's key, and so are the site settings an article's reading depends on (the
 * default time zone and the section keys). Each site has its own file, so sites sharing
 * DATELINE_CACHE_DIR do not evict each other. A cache that is missing, from other code or unreadable is
 * simply not used: the articles are read again.
 */

const CONTENT_DIR = path.dirname(fileURLToPath(import.meta.url));
const PACKAGE_FILE = path.resolve(CONTENT_DIR, "../../package.json");
/** The generator's lockfile, and the site's (commands run in the site's folder): installed as a package, Dateline has none of its own. */
const LOCKFILES = [path.resolve(CONTENT_DIR, "../../package-lock.json"), path.resolve("package-lock.json")];

/** An ArticleFile as stored: its dates as milliseconds (rebuilt in the article's zone), its body left in its file. */
interface Entry {
  article: Omit<ArticleFile, "published" | "updated" | "expires" | "correctionDates" | "updateTimes" | "body">;
  dates: { published: number; updated?: number | undefined; expires?: number | undefined; corrections: number[]; updates: number[] };
  /** Where the body starts in the file's text once its line ends are normalised, as splitArticle reads it. */
  bodyStart: number;
}

interface Stored {
  key: string;
  entries: Record<string, Entry>;
}

/** The code that reads an article: the generator's version, the content modules' text, the installed packages, Node's time-zone rules. */
function codeKey(): string {
  const sources = readdirSync(CONTENT_DIR).filter((name) => name.endsWith(".ts")).sort();
  const text = (file: string) => (existsSync(file) ? readFileSync(file, "utf8") : "");
  return hash(
    readFileSync(PACKAGE_FILE, "utf8"),
    ...sources.flatMap((name) => [name, readFileSync(path.join(CONTENT_DIR, name), "utf8")]),
    ...LOCKFILES.map(text),
    process.version,
    process.versions.tz ?? "",
    process.versions.icu ?? "",
  );
}

export class ArticleCache {
  private readonly file: string;
  private readonly key: string;
  private readonly previous: Record<string, Entry>;
  private readonly next: Record<string, Entry> = {};
  private changed = false;
  hits = 0;
  misses = 0;

  /** The cache in `folder` for the site whose articles are in `posts`, read with this time zone and these section keys. */
  constructor(folder: string, posts: string, timezone: string, sectionKeys: Iterable<string>) {
    this.file = path.join(folder, `${hash(path.resolve(posts)).slice(0, 16)}.bin`);
    this.key = hash(codeKey(), timezone, [...sectionKeys].sort().join("\u0000"));
    let stored: Stored | undefined;
    try {
      stored = deserialize(readFileSync(this.file)) as Stored;
    } catch {
      // None yet, or cut short: every article is read.
    }
    this.previous = stored?.key === this.key && stored.entries && typeof stored.entries === "object" ? stored.entries : {};
  }

  /** The article read earlier from `name` (as error messages name it) with `source` as its text, if there is one. */
  lookup(name: string, source: string): ArticleFile | undefined {
    const entry = this.previous[name];
    if (!entry || entry.article.sourceHash !== hash(name, source)) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.next[name] = entry;
    const { article, dates } = entry;
    const at = (ms: number) => DateTime.fromMillis(ms, { zone: article.timezone }) as DateTime<true>;
    return {
      ...article,
      published: at(dates.published),
      updated: dates.updated === undefined ? undefined : at(dates.updated),
      expires: dates.expires === undefined ? undefined : at(dates.expires),
      correctionDates: dates.corrections.map(at),
      updateTimes: dates.updates.map(at),
      // Most files have no byte-order mark or \r to normalise: their body is where it was found.
      body: (source.charCodeAt(0) === 0xfeff || source.includes("\r") ? normalizedSource(source) : source).slice(entry.bodyStart),
    };
  }

  /** Keeps an article read now for the next build. */
  store(source: string, read: ArticleFile): void {
    const { published, updated, expires, correctionDates, updateTimes, body, ...article } = read;
    const normalized = normalizedSource(source);
    if (!normalized.endsWith(body)) return;
    this.next[read.file] = {
      article,
      dates: { published: published.toMillis(), updated: updated?.toMillis(), expires: expires?.toMillis(), corrections: correctionDates.map((d) => d.toMillis()), updates: updateTimes.map((d) => d.toMillis()) },
      bodyStart: normalized.length - body.length,
    };
    this.changed = true;
  }

  /**
   * Writes what this build read, when it differs from what was stored (new or changed articles, or
   * some gone); written whole and renamed into place, so a build that dies leaves the old cache.
   */
  save(): void {
    if (!this.changed && Object.keys(this.next).length === Object.keys(this.previous).length) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}`;
    try {
      writeFileSync(temporary, serialize({ key: this.key, entries: this.next } satisfies Stored));
      renameSync(temporary, this.file);
    } finally {
      rmSync(temporary, { force: true });
    }
  }
}
