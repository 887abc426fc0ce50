import { existsSync, lstatSync, type Dirent } from "node:fs";
import path from "node:path";
import type { DateTime } from "luxon";
import { ContentValidationError, describeProblem, type ContentProblem } from "../content/errors.ts";
import { readArticleFile, type ReadArticleFile } from "../content/article-file.ts";
import { ArticleCache } from "../content/article-cache.ts";
import { illegalCharacters, TOO_DEEP } from "../content/characters.ts";
import { listFiles, readText } from "../content/files.ts";
import { DATA_FILES } from "../content/folders.ts";
import { readJsonFile } from "../content/data-files.ts";
import { assignSlugs, sameName } from "../content/slugs.ts";
import { hash } from "../content/hash.ts";
import { readComments, recentComments, type Comment, type RecentComment } from "../content/comments.ts";
import { bodyImages, resolvePhoto, type LocalPhoto } from "../content/photos.ts";
import { formatHeaderDate, parseContentDate } from "../content/dates.ts";
import { issuesToProblems, siteSchema, type SiteConfig } from "../content/schema.ts";
import { placeArticle, type Article, type ArticleStatus, type Named } from "./articles.ts";
import type { PublishedArticle } from "./published.ts";
import { nextClockChange, type ClockChange } from "./schedule.ts";
import { articleUrl, authorUrl, GENERATED_FOLDERS, hostPath, outputFile, pathPrefix, reservedBy, tagUrl, URLS } from "./urls.ts";
import { buildSections, type Section, type SectionTree } from "./sections.ts";
import { buildFronts, buildHome, type Directory, type FrontPage, type HomeBlock } from "./fronts.ts";
import { listCorrections, type CorrectionEntry } from "./corrections.ts";
import { buildFeeds, type Feed } from "./feeds.ts";
import { relatedStories } from "./related.ts";
import { NINJS_INDEX_SIZE, ninjsUrl } from "./ninjs.ts";
import { newsEntries, newsLanguage, sitemapEntries, sitemapFiles, type NewsEntry, type SitemapFile } from "./sitemaps.ts";

export type { PublishedArticle } from "./published.ts";

export interface NewsroomPaths {
  /** The site's folder: error messages name files relative to it. */
  input: string;
  posts: string;
  data: string;
  /** Files published as they are; none may take an address the generator or an article writes. */
  public?: string;
  /** Photos and graphics, published as they are at /media/. */
  media?: string;
}

/** The top bar's date; `live` when it follows the clock and a script may bring it up to the reader's day. */
export interface HeaderDate {
  iso: string;
  text: string;
  live: boolean;
}

/** A file of the theme published at /assets/: its text as rendered for this newsroom, and its address, named by that text's hash. */
export interface ThemeAsset {
  name: string;
  url: string;
  content: string;
}

export interface NewsroomOptions {
  /** Preview (`npm start`): drafts and held-back articles are shown, bannered and not for indexing. */
  preview: boolean;
  /** Where articles read at an earlier build are kept (see article-cache.ts); unset, every article is read. */
  cacheFolder?: string | undefined;
}

export interface NewsroomParts {
  site: SiteConfig;
  sectionTree: SectionTree;
  articles: readonly PublishedArticle[];
  popular: readonly PublishedArticle[];
  recentComments: readonly RecentComment[];
  headerDate: HeaderDate;
  buildTime: string;
  held: { drafts: number; embargoed: number; expired: number };
  nextChange: ClockChange | undefined;
  /** Preview (`npm start`): drafts and held-back articles are shown, bannered and not for indexing. */
  preview: boolean;
  /** Every photo and graphic of the site's own that a page shows, once each. */
  photos: readonly LocalPhoto[];
  /** site.json's logo and share picture, when they are the site's own: every page shows them. */
  sitePhotos: readonly LocalPhoto[];
  /** Files in media/ or public/ that only held-back stories show: not published until a story that shows them is. */
  withheldFiles: ReadonlySet<string>;
  /** The site's own `public/_redirects`, whose rules come first in the one the site's redirects make. */
  ownRedirects?: string | undefined;
  warnings: readonly string[];
}

/** An old address of a published story, where a small page sends readers and search engines on to it. */
export interface Redirect {
  url: string;
  article: PublishedArticle;
}

/**
 * Everything the templates know about the newsroom for one build, computed once: the site's settings,
 * the published articles newest first, every front, and the sidebar's lists. A class, so that
 * Eleventy's data cascade hands it to every page by reference instead of copying thousands of articles.
 */
export class Newsroom {
  readonly site: SiteConfig;
  readonly sectionTree: SectionTree;
  readonly articles: readonly PublishedArticle[];
  readonly popular: readonly PublishedArticle[];
  readonly recentComments: readonly RecentComment[];
  readonly headerDate: HeaderDate;
  readonly buildTime: string;
  readonly held: { drafts: number; embargoed: number; expired: number };
  readonly nextChange: ClockChange | undefined;
  readonly preview: boolean;
  /**
   * The theme's files, rendered for this newsroom (they are templates: the icon shows the site's
   * initial). Set once by the build session, which renders them, before any page is.
   */
  themeAssets: readonly ThemeAsset[] = [];
  readonly photos: readonly LocalPhoto[];
  readonly sitePhotos: readonly LocalPhoto[];
  readonly withheldFiles: ReadonlySet<string>;
  readonly warnings: readonly string[];
  /** Every page of every section, tag and author front. */
  readonly fronts: readonly FrontPage[];
  /** The `/tags/` and `/authors/` index pages. */
  readonly directories: readonly Directory[];
  /** The search page, when site.json keeps search on (a list of none or one, as the pages are made from lists). */
  readonly searchPages: readonly { url: string }[];
  /** The ninjs indexes (site.json's `ninjs`): the site's newest stories, and each section's, subsections included. */
  readonly ninjsIndexes: readonly { url: string; name: string; pageUrl: string; articles: readonly PublishedArticle[]; updated: string }[];
  /** The stories each story offers after its last paragraph, by its address. */
  private readonly related: ReadonlyMap<string, readonly PublishedArticle[]>;
  /** A page at each old address (`aliases`) of a published story. */
  readonly redirects: readonly Redirect[];
  /** The `_redirects` file (a list of none or one): the same redirects as rules, for hosts that read them. */
  readonly redirectsFiles: readonly { url: string; text: string }[];
  readonly home: { top: PublishedArticle | undefined; blocks: HomeBlock[] };
  /** Every correction, newest first. */
  readonly corrections: readonly CorrectionEntry[];
  readonly feeds: readonly Feed[];
  readonly sitemaps: readonly SitemapFile[];
  readonly newsSitemap: readonly NewsEntry[];
  /**
   * The news sitemap (a list of none or one): with no story from the last 48 hours it is not written,
   * since a sitemap of no URLs is invalid against its schema, and robots.txt does not name it.
   */
  readonly newsSitemaps: readonly { url: string }[];
  readonly newsLanguage: string;
  /** The path the site is served under (site.json's `url`): `/`, or `/repo/` for a project site. */
  readonly pathPrefix: string;

  constructor(parts: NewsroomParts) {
    this.site = parts.site;
    this.sectionTree = parts.sectionTree;
    this.articles = parts.articles;
    this.popular = parts.popular;
    this.recentComments = parts.recentComments;
    this.headerDate = parts.headerDate;
    this.buildTime = parts.buildTime;
    this.held = parts.held;
    this.nextChange = parts.nextChange;
    this.preview = parts.preview;
    this.photos = parts.photos;
    this.sitePhotos = parts.sitePhotos;
    this.withheldFiles = parts.withheldFiles;
    this.warnings = parts.warnings;
    const fronts = buildFronts(parts.articles, parts.sectionTree.byKey.values(), parts.site.language);
    this.fronts = fronts.pages;
    this.directories = fronts.directories;
    this.searchPages = parts.site.search ? [{ url: URLS.search }] : [];
    this.pathPrefix = pathPrefix(parts.site.url);
    this.redirects = parts.articles.flatMap((article) => article.aliases.map((url) => ({ url, article })));
    this.related = new Map([...relatedStories(parts.articles)].map(([article, others]) => [article.url, others]));
    const rule = (redirect: Redirect) => `${encodeURI(hostPath(this.pathPrefix, redirect.url))} ${encodeURI(hostPath(this.pathPrefix, redirect.article.url))} 301\n`;
    const own = parts.ownRedirects ? `${parts.ownRedirects.replace(/\n*$/, "")}\n` : "";
    this.redirectsFiles = this.redirects.length > 0 ? [{ url: URLS.redirects, text: own + this.redirects.map(rule).join("") }] : [];
    this.home = buildHome(parts.articles, parts.sectionTree.top, fronts.bySection);
    this.corrections = listCorrections(parts.articles);
    const base = parts.site.url;
    this.feeds = buildFeeds(base, parts.articles, parts.sectionTree.byKey.values(), fronts.bySection, this.corrections, parts.buildTime);
    const newest = (articles: readonly PublishedArticle[]) => articles.slice(0, NINJS_INDEX_SIZE);
    const updated = (articles: readonly PublishedArticle[]) => articles.reduce((latest, article) => (article.modified.ms > Date.parse(latest) ? article.modified.iso : latest), articles[0]?.modified.iso ?? parts.buildTime);
    this.ninjsIndexes = parts.site.ninjs
      ? [
          { url: URLS.ninjs, name: parts.site.title, pageUrl: URLS.home, articles: newest(parts.articles) },
          ...[...parts.sectionTree.byKey.values()].map((section) => ({ url: ninjsUrl(section.url), name: `${parts.site.title}: ${section.title}`, pageUrl: section.url, articles: newest(fronts.bySection.get(section.key) ?? []) })),
        ].map((index) => ({ ...index, updated: updated(index.articles) }))
      : [];
    this.sitemaps = sitemapFiles(base, sitemapEntries(base, parts.articles, this.fronts, this.directories, [URLS.corrections]));
    this.newsSitemap = newsEntries(base, parts.articles, Date.parse(parts.buildTime));
    this.newsSitemaps = this.newsSitemap.length > 0 ? [{ url: URLS.newsSitemap }] : [];
    this.newsLanguage = newsLanguage(parts.site.language);
  }

  /** The stories to offer after a story's last paragraph: sharing its tags and section, near it in time. */
  relatedTo(article: { url: string }): readonly PublishedArticle[] {
    return this.related.get(article.url) ?? [];
  }

  /** The address of a theme file (`dateline.css`), its content's hash in the name. */
  asset(name: string): string {
    const found = this.themeAssets.find((asset) => asset.name === name);
    if (!found) throw new Error(`the theme has no file assets/${name}`);
    return found.url;
  }

  get sections(): readonly Section[] {
    return this.sectionTree.top;
  }
}

const HELD_BACK: Record<ArticleStatus, string> = { published: "published", draft: "a draft", embargoed: "under embargo", expired: "expired" };
const STATUSES: readonly ArticleStatus[] = ["published", "draft", "embargoed", "expired"];

type ByStatus = Record<ArticleStatus, Article[]>;

/** What reading the newsroom found wrong: problems stop the build, warnings are printed and the build goes on. */
class Findings {
  readonly problems: ContentProblem[] = [];
  readonly warnings: string[] = [];
  readonly relative: (file: string) => string;
  constructor(relative: (file: string) => string) {
    this.relative = relative;
  }
}

/** Reads `_data/site.json`, every article and comment file; throws ContentValidationError listing every problem. */
export function loadNewsroom(paths: NewsroomPaths, now: DateTime, options: NewsroomOptions = { preview: false }): Newsroom {
  const found = new Findings((file) => path.relative(paths.input, file).split(path.sep).join("/"));
  const siteFile = found.relative(path.join(paths.data, DATA_FILES.site));
  // The data folder and site.json are read as they are found: neither may lead out of the site.
  for (const file of [paths.data, path.join(paths.data, DATA_FILES.site)]) {
    if (lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) found.problems.push({ file: found.relative(file), message: "is a symbolic link; Dateline reads only plain files and folders inside the site" });
  }
  if (found.problems.length > 0) throw new ContentValidationError(found.problems);
  const site = readSite(path.join(paths.data, DATA_FILES.site), siteFile, found.problems);
  if (!site) throw new ContentValidationError(found.problems);
  const { tree, problems: navProblems } = buildSections(site.nav, siteFile);
  found.problems.push(...navProblems);
  const headerDate = readHeaderDate(site, siteFile, now, found);

  const cache = options.cacheFolder ? new ArticleCache(options.cacheFolder, paths.posts, site.timezone, tree.byKey.keys()) : undefined;
  const byStatus = readArticles(paths.posts, site, tree, now, found, cache);
  try {
    cache?.save();
  } catch (error) {
    found.warnings.push(`the article cache in ${options.cacheFolder} cannot be written (${(error as NodeJS.ErrnoException).code ?? String(error)}); the next build reads every article again`);
  }
  checkAddresses([...byStatus.published, ...byStatus.embargoed], tree, found);
  const shown = new Map((options.preview ? STATUSES : ["published" as const]).flatMap((status) => byStatus[status].map((article) => [article, status] as const)));
  const threads = readThreads(path.join(paths.data, DATA_FILES.comments), byStatus, shown, site.language, now, found);
  if (paths.public) checkPublicFiles(paths.public, tree, [...shown.keys()], found);
  if (paths.media && existsSync(paths.media)) found.problems.push(...listFiles(paths.media, found.relative).problems);
  const photos = readPhotos([...shown.keys()], site, siteFile, paths, found);
  const withheld = withheldPhotos(STATUSES.flatMap((status) => byStatus[status]).filter((article) => !shown.has(article)), photos.all, paths);
  // With redirects of its own to write, the site's public/_redirects goes into that file, first.
  const ownRedirectsFile = paths.public ? path.join(paths.public, outputFile(URLS.redirects)) : undefined;
  const ownRedirects = ownRedirectsFile && existsSync(ownRedirectsFile) && [...shown.keys()].some((article) => article.aliases.length > 0) ? readText(ownRedirectsFile, found.relative(ownRedirectsFile)) : undefined;
  if (ownRedirects && !ownRedirects.ok) found.problems.push(ownRedirects.problem);
  if (found.problems.length > 0) throw new ContentValidationError(found.problems, found.warnings);
  if (ownRedirects) withheld.add(ownRedirectsFile!);

  const articles = publish(shown, threads, photos.stamps, site, found);
  return new Newsroom({
    site,
    sectionTree: tree,
    articles,
    popular: popularList(site, siteFile, articles, byStatus, found),
    recentComments: recentComments(articles, 5),
    headerDate: { iso: headerDate.toISODate() ?? "", text: formatHeaderDate(headerDate, site.language), live: site.headerDate === undefined && site.liveHeaderDate },
    buildTime: now.toISO() ?? "",
    held: { drafts: byStatus.draft.length, embargoed: byStatus.embargoed.length, expired: byStatus.expired.length },
    nextChange: nextClockChange(byStatus.published, byStatus.embargoed, now, [
      ...[...threads.values()].flatMap((thread) => thread.later),
      ...byStatus.published.flatMap((article) => (article.nextUpdate ? [{ ms: article.nextUpdate, reason: `an update of ${article.file} comes due` }] : [])),
      ...(site.headerDate === undefined ? [nextDay(now, site.timezone)] : []),
    ]),
    preview: options.preview,
    photos: photos.all,
    sitePhotos: photos.site,
    withheldFiles: withheld,
    ownRedirects: ownRedirects?.ok ? ownRedirects.text : undefined,
    warnings: found.warnings,
  });
}

function readSite(file: string, name: string, problems: ContentProblem[]): SiteConfig | undefined {
  if (!existsSync(file)) {
    problems.push({ file: name, message: "is missing: it holds the site's title, address, time zone and sections" });
    return undefined;
  }
  let value: unknown;
  try {
    value = readJsonFile(file, name);
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
  const illegal = illegalCharacters(name, value);
  // Data nested too deep is not handed to the schema, whose reader would overflow.
  const parsed = illegal.some((problem) => problem.message === TOO_DEEP) ? undefined : siteSchema.safeParse(value);
  problems.push(...illegal, ...(!parsed || parsed.success ? [] : issuesToProblems(name, parsed.error)));
  return parsed?.success && illegal.length === 0 ? parsed.data : undefined;
}

/** Midnight in the site's zone, when the top bar that follows the clock shows a new day. */
function nextDay(now: DateTime, zone: string): { ms: number; reason: string } {
  const midnight = now.setZone(zone).startOf("day").plus({ days: 1 });
  return { ms: midnight.toMillis(), reason: `the top bar's date turns to ${midnight.toISODate()}` };
}

/** The top bar's day: site.json's `headerDate` when set, else the build clock's day in the site's zone. */
function readHeaderDate(site: SiteConfig, siteFile: string, now: DateTime, found: Findings): DateTime {
  if (site.headerDate === undefined) return now.setZone(site.timezone);
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(site.headerDate) ? parseContentDate(site.headerDate, site.timezone) : undefined;
  if (parsed?.ok) return parsed.value;
  found.problems.push({ file: siteFile, field: "headerDate", message: `"${site.headerDate}" must be a real date, written YYYY-MM-DD` });
  return now.setZone(site.timezone);
}

/** Every article, by status. A draft with problems is only a warning: it was never going to be published. */
function readArticles(postsDir: string, site: SiteConfig, tree: SectionTree, now: DateTime, found: Findings, cache: ArticleCache | undefined): ByStatus {
  const byStatus: ByStatus = { published: [], draft: [], embargoed: [], expired: [] };
  const sectionKeys = new Set(tree.byKey.keys());
  const listed = existsSync(postsDir) ? listFiles(postsDir, found.relative, isArticleEntry) : { files: [], problems: [] };
  found.problems.push(...listed.problems);
  for (const file of listed.files) {
    const name = found.relative(file);
    const text = readText(file, name);
    if (!text.ok) {
      found.problems.push(text.problem);
      continue;
    }
    const cached = cache?.lookup(name, text.text);
    const read: ReadArticleFile = cached ? { ok: true, article: cached } : readArticleFile(name, text.text, site, sectionKeys);
    if (read.ok && !cached) cache?.store(text.text, read.article);
    if (read.ok) {
      const { status, article } = placeArticle(read.article, site, tree, now);
      byStatus[status].push(article);
    } else if (read.draft) {
      found.warnings.push(...read.problems.map((p) => `${describeProblem(p)} (a draft, so not published)`));
    } else {
      found.problems.push(...read.problems);
    }
  }
  return byStatus;
}

/** An article is a `.md` file under posts/; files and folders starting with `_` or `.` are notes, not articles. A link is looked at, to be refused. */
const isArticleEntry = (entry: Dirent) =>
  !entry.name.startsWith("_") && !entry.name.startsWith(".") && (entry.isDirectory() || entry.isSymbolicLink() || entry.name.toLowerCase().endsWith(".md"));

/**
 * Two articles at one address, or with one slug (slugs name comment files and popular entries), cannot
 * both be published; nor can an article take an address the generator writes.
 */
function checkAddresses(articles: readonly Article[], tree: SectionTree, found: Findings): void {
  const byUrl = new Map<string, Article>();
  const bySlug = new Map<string, Article>();
  for (const article of articles) {
    const sameUrl = byUrl.get(outputFile(article.url));
    if (sameUrl) {
      found.problems.push({ file: article.file, field: "url", message: `${article.url} is also the address of ${sameUrl.file}; give one of them another slug or permalink` });
    } else byUrl.set(outputFile(article.url), article);
    const sameSlug = bySlug.get(article.slug);
    if (sameSlug && sameSlug.url !== article.url) {
      found.problems.push({ file: article.file, field: "slug", message: `"${article.slug}" is also the slug of ${sameSlug.file}; slugs name comment files and popular entries, so each must be unique` });
    } else if (!sameSlug) bySlug.set(article.slug, article);
  }
  // An article written as a file (a permalink ending in .html), or a story's ninjs file beside its page,
  // cannot also be a folder of another's address.
  const files = new Map([
    ...articles.filter((article) => article.url.endsWith(".html")).map((article) => [article.url, article] as const),
    ...articles.map((article) => [ninjsUrl(article.url), article] as const),
  ]);
  for (const article of articles) {
    const parts = article.url.split("/");
    const file = parts.slice(1, -1).map((_, i) => parts.slice(0, i + 2).join("/")).find((folder) => files.has(folder));
    if (file) found.problems.push({ file: article.file, field: "permalink", message: `${article.url} is inside ${file}, the address of ${files.get(file)!.file}; choose another permalink` });
  }
  for (const article of articles) {
    const taken = reservedBy(article.url, tree.byKey.values());
    if (!taken) continue;
    const field = article.url === articleUrl(article.section.url, article.slug) ? "slug" : "permalink";
    found.problems.push({ file: article.file, field, message: `${article.url} is the address of ${taken}, which Dateline writes; choose another ${field}` });
  }
  // An old address leads to one story, and is no address anything else has now.
  const byAlias = new Map<string, Article>();
  for (const article of articles) {
    article.aliases.forEach((alias, index) => {
      const field = `aliases[${index}]`;
      const other = byUrl.get(outputFile(alias)) ?? byAlias.get(outputFile(alias));
      const taken = reservedBy(alias, tree.byKey.values());
      if (other === article && alias === article.url) found.problems.push({ file: article.file, field, message: `${alias} is the article's own address; remove it from aliases` });
      else if (other) found.problems.push({ file: article.file, field, message: `${alias} is also ${other.url === alias ? "the address" : "an old address"} of ${other.file}; an address can lead to one story` });
      else if (taken) found.problems.push({ file: article.file, field, message: `${alias} is the address of ${taken}, which Dateline writes; remove it from aliases` });
      else byAlias.set(outputFile(alias), article);
    });
  }
}

/** A file in public/ at an address the generator or a shown article writes would make the output depend on which was written last. */
function checkPublicFiles(dir: string, tree: SectionTree, articles: readonly Article[], found: Findings): void {
  if (!existsSync(dir)) return;
  const articleAt = new Map(articles.flatMap((article) => [article.url, ...article.aliases].map((url) => [outputFile(url), article] as const)));
  // Every folder the generator writes into: a file of the same name would stand where the folder goes.
  const folders = new Set<string>();
  for (const url of [...articles.flatMap((article) => [article.url, ...article.aliases]), ...[...tree.byKey.values()].map((section) => section.url), ...GENERATED_FOLDERS]) {
    const parts = url.split("/").filter(Boolean);
    if (!url.endsWith("/")) parts.pop();
    parts.forEach((_, i) => folders.add(parts.slice(0, i + 1).join("/")));
  }
  const listed = listFiles(dir, found.relative);
  found.problems.push(...listed.problems);
  for (const file of listed.files) {
    const output = path.relative(dir, file).split(path.sep).join("/");
    const taken = reservedBy(`/${output}`, tree.byKey.values()) ?? (articleAt.has(output) ? `the article ${articleAt.get(output)!.file}` : undefined);
    const parts = output.split("/");
    const inside = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("/")).find((folder) => articleAt.has(folder));
    if (taken) found.problems.push({ file: found.relative(file), message: `is published at /${output}, the address of ${taken}, which Dateline writes; remove or rename it` });
    else if (inside) found.problems.push({ file: found.relative(file), message: `is published inside /${inside}, the address of the article ${articleAt.get(inside)!.file}; remove or rename it` });
    else if (folders.has(output)) found.problems.push({ file: found.relative(file), message: `is published at /${output}, where Dateline writes the folder /${output}/; remove or rename it` });
  }
}

/** Later statuses win a shared slug: a published article's comments and popular entry are its own. */
function bySlug(byStatus: ByStatus): Map<string, { article: Article; status: ArticleStatus }> {
  const map = new Map<string, { article: Article; status: ArticleStatus }>();
  for (const status of ["draft", "expired", "embargoed", "published"] as const) {
    for (const article of byStatus[status]) map.set(article.slug, { article, status });
  }
  return map;
}

interface Thread {
  comments: Comment[];
  source: string;
  /** Comments held back until the clock reaches them. */
  later: { ms: number; reason: string }[];
}

/** The comment files of the articles shown; a file for no article is a warning, one for a held-back article is not read. */
function readThreads(dir: string, byStatus: ByStatus, shown: ReadonlyMap<Article, ArticleStatus>, locale: string, now: DateTime, found: Findings): Map<Article, Thread> {
  const threads = new Map<Article, Thread>();
  const owners = bySlug(byStatus);
  const listed = existsSync(dir) ? listFiles(dir, found.relative, (entry) => !entry.isDirectory() && (entry.isSymbolicLink() || entry.name.endsWith(".json"))) : { files: [], problems: [] };
  found.problems.push(...listed.problems);
  for (const file of listed.files) {
    const name = found.relative(file);
    const slug = path.basename(file, ".json");
    const owner = owners.get(slug);
    if (!owner) {
      found.warnings.push(`${name}: there is no article with the slug "${slug}"; these comments are not shown`);
      continue;
    }
    if (!shown.has(owner.article)) continue;
    const text = readText(file, name);
    if (!text.ok) {
      found.problems.push(text.problem);
      continue;
    }
    const { published } = owner.article;
    const read = readComments(name, text.text, owner.article.timezone, owner.article.language ?? locale, { published, now: now.toMillis() });
    found.problems.push(...read.problems);
    found.warnings.push(...read.later.map((comment) => comment.warning));
    const later = read.later.map((comment) => ({ ms: comment.ms, reason: `a comment on ${owner.article.file} is due` }));
    threads.set(owner.article, { comments: read.comments, source: text.text, later });
  }
  return threads;
}

/** The shown articles newest first, with their tag and byline pages and comments. */
function publish(shown: ReadonlyMap<Article, ArticleStatus>, threads: ReadonlyMap<Article, Thread>, photoStamps: ReadonlyMap<Article, string>, site: SiteConfig, found: Findings): PublishedArticle[] {
  const slugs = site.slugs;
  const tagSlugs = assignSlugs([...shown.keys()].flatMap((article) => article.tags), slugs);
  const authorSlugs = assignSlugs([...shown.keys()].flatMap((article) => article.authors), slugs);
  for (const collision of [...tagSlugs.collisions, ...authorSlugs.collisions]) found.warnings.push(`names that differ: ${collision}`);
  const named = (slugs: Map<string, string>, url: (slug: string) => string) => (name: string): Named => {
    const slug = slugs.get(sameName(name))!;
    return { name, slug, url: url(slug) };
  };
  return [...shown]
    .sort(([a], [b]) => b.published.ms - a.published.ms || a.url.localeCompare(b.url))
    .map(([article, status]): PublishedArticle => {
      const authors = article.authors.map(named(authorSlugs.slugOf, authorUrl));
      const tags = article.tags.map(named(tagSlugs.slugOf, tagUrl));
      const thread = threads.get(article);
      const addresses = [...authors, ...tags].map((n) => n.url).join(" ");
      // The updates the clock has reached are part of what the page shows: one coming due is a new page.
      const fingerprint = hash(article.sourceHash, thread?.source ?? "", addresses, status, photoStamps.get(article) ?? "", article.updates.map((update) => update.anchor).join(","));
      const readingMinutes = site.readingTime ? readingTime(article.body, article.language ?? site.language) : undefined;
      return Object.freeze({ ...article, authors, tags, comments: thread?.comments ?? [], status, fingerprint, readingMinutes });
    });
}

/** Words a minute an adult reads a news story at, in any language (Brysbaert 2019: 238 in English non-fiction). */
const WORDS_A_MINUTE = 238;

/** Minutes to read a story: its words as its language divides them (Intl.Segmenter knows Chinese and Thai too), links' addresses left out. */
function readingTime(body: string, language: string): number {
  const text = body.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/<https?:[^>]*>/g, "");
  let words = 0;
  for (const segment of new Intl.Segmenter(language, { granularity: "word" }).segment(text)) if (segment.isWordLike) words++;
  return Math.max(1, Math.round(words / WORDS_A_MINUTE));
}

/**
 * The photos the shown articles and site.json name: each local one must be a readable file (its size
 * and time go into its article's fingerprint); a remote one without width and height is a warning,
 * since its page will jump as it loads.
 */
function readPhotos(shown: readonly Article[], site: SiteConfig, siteFile: string, paths: NewsroomPaths, found: Findings): { all: LocalPhoto[]; stamps: Map<Article, string>; site: LocalPhoto[] } {
  const all = new Map<string, LocalPhoto>();
  const stamps = new Map<Article, string>();
  const folders = { media: paths.media, public: paths.public };
  const check = (src: string, file: string, field: string): LocalPhoto | "remote" | "problem" => {
    const reference = resolvePhoto(src, folders, { file, field });
    if (reference.kind === "problem") found.problems.push({ file, field, message: reference.message });
    if (reference.kind !== "local") return reference.kind;
    if (!all.has(reference.photo.src)) all.set(reference.photo.src, reference.photo);
    return reference.photo;
  };
  const ofSite: LocalPhoto[] = [];
  for (const [field, src] of [["logo", site.logo], ["shareImage", site.shareImage]] as const) {
    const photo = src ? check(src, siteFile, field) : undefined;
    if (typeof photo === "object") ofSite.push(photo);
  }
  for (const article of shown) {
    const own: string[] = [];
    if (article.image) {
      const photo = check(article.image.src, article.file, "image");
      if (typeof photo === "object") own.push(photo.stamp);
      else if (photo === "remote" && (!article.image.width || !article.image.height)) found.warnings.push(`${article.file}: image: ${article.image.src} has no width and height; give both so the page does not jump as it loads`);
    }
    for (const src of bodyImages(article.body)) {
      const photo = check(src, article.file, "body");
      if (typeof photo === "object") own.push(`${src}=${photo.stamp}`);
      else if (/^https?:/i.test(src)) found.warnings.push(`${article.file}: body: the image ${src} is on another site, shown as it is, without width and height`);
    }
    if (own.length > 0) stamps.set(article, own.join(" "));
  }
  return { all: [...all.values()], stamps, site: ofSite };
}

/**
 * The site's own images that only held-back stories (drafts, embargoed, expired) show: an embargoed
 * story's photo must not be on the site before the story is. Problems with them are not reported:
 * the story is not published.
 */
function withheldPhotos(heldBack: readonly Article[], shown: readonly LocalPhoto[], paths: NewsroomPaths): Set<string> {
  const published = new Set(shown.map((photo) => photo.file));
  const withheld = new Set<string>();
  for (const article of heldBack) {
    for (const src of [...(article.image ? [article.image.src] : []), ...bodyImages(article.body)]) {
      const reference = resolvePhoto(src, { media: paths.media, public: paths.public }, { file: article.file, field: "image" });
      if (reference.kind === "local" && !published.has(reference.photo.file)) withheld.add(reference.photo.file);
    }
  }
  return withheld;
}

/** site.json's `popular` slugs as articles; a slug that is unknown or held back is left out with a warning. */
function popularList(site: SiteConfig, siteFile: string, articles: readonly PublishedArticle[], byStatus: ByStatus, found: Findings): PublishedArticle[] {
  const shownBySlug = new Map(articles.map((article) => [article.slug, article]));
  const owners = bySlug(byStatus);
  const popular: PublishedArticle[] = [];
  for (const slug of site.popular) {
    const article = shownBySlug.get(slug);
    if (article) {
      popular.push(article);
      continue;
    }
    const status = owners.get(slug)?.status;
    const why = status === undefined ? "is not the slug of any article" : `is ${HELD_BACK[status]}`;
    found.warnings.push(`${siteFile}: popular: "${slug}" ${why}; left out of Most Popular`);
  }
  return popular;
}
