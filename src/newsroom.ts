import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import type { DateTime } from "luxon";
import { ContentValidationError, describeProblem, parseJson, type ContentProblem } from "./errors.ts";
import { readArticle, type Article, type ArticleStatus, type Named } from "./articles.ts";
import { assignSlugs, sameName } from "./slugs.ts";
import { hash } from "./reuse.ts";
import { nextClockChange, type ClockChange } from "./schedule.ts";
import { reservedBy } from "./reserved.ts";
import { readComments, recentComments, type Comment, type RecentComment } from "./comments.ts";
import { formatHeaderDate, parseContentDate } from "./dates.ts";
import { issuesToProblems, siteSchema, type SiteConfig } from "./schema.ts";
import { buildSections, type Section, type SectionTree } from "./sections.ts";
import { buildFronts, buildHome, type Directory, type FrontPage, type HomeBlock } from "./fronts.ts";
import { listCorrections, type CorrectionEntry } from "./corrections.ts";
import { buildFeeds, type Feed } from "./feeds.ts";
import { newsEntries, newsLanguage, sitemapEntries, sitemapFiles, type NewsEntry, type SitemapFile } from "./sitemaps.ts";

export interface NewsroomPaths {
  /** The site's folder: `posts/` and `_data/` are read from it. */
  input: string;
  posts: string;
  data: string;
}

/** An article as its pages show it: bylines and tags with their pages, its comments, its status ("published" unless previewing). */
export interface PublishedArticle extends Omit<Article, "authors" | "tags"> {
  authors: Named[];
  tags: Named[];
  comments: Comment[];
  status: ArticleStatus;
  /** A hash of all its page is made from besides the site's chrome: file, comments, tag and byline addresses. */
  fingerprint: string;
}

/**
 * Everything the templates know about the newsroom for one build, computed once: the site's settings,
 * the published articles newest first, and the sidebar's lists. A class, so that Eleventy's data
 * cascade hands it to every page by reference instead of copying thousands of articles per page.
 */
export interface NewsroomParts {
  site: SiteConfig;
  sectionTree: SectionTree;
  articles: readonly PublishedArticle[];
  popular: readonly PublishedArticle[];
  recentComments: readonly RecentComment[];
  headerDate: { iso: string; text: string };
  buildTime: string;
  held: { drafts: number; embargoed: number; expired: number };
  nextChange: ClockChange | undefined;
  /** Preview (`npm start`): drafts and held-back articles are shown, bannered and not for indexing. */
  preview: boolean;
  warnings: readonly string[];
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
  readonly headerDate: { iso: string; text: string };
  readonly buildTime: string;
  readonly held: { drafts: number; embargoed: number; expired: number };
  readonly nextChange: ClockChange | undefined;
  readonly preview: boolean;
  readonly warnings: readonly string[];
  /** Every page of every section, tag and author front. */
  readonly fronts: readonly FrontPage[];
  /** The `/tags/` and `/authors/` index pages. */
  readonly directories: readonly Directory[];
  readonly home: { top: PublishedArticle | undefined; blocks: HomeBlock[] };
  /** Every correction, newest first. */
  readonly corrections: readonly CorrectionEntry[];
  readonly feeds: readonly Feed[];
  readonly sitemaps: readonly SitemapFile[];
  readonly newsSitemap: readonly NewsEntry[];
  readonly newsLanguage: string;
  /**
   * What this Eleventy run renders: all of it, unless a build keeps unchanged pages (reuse.ts) or
   * renders a large site in passes (passes.ts), where `others` (home, feeds, sitemaps…) go in the first.
   */
  render: { articles: readonly PublishedArticle[]; fronts: readonly FrontPage[]; others: boolean };
  /** Theme files written to `/assets/`; each is a template in the theme's `assets/` folder, so a site can override it. */
  readonly assets = ["dateline.css", "favicon.svg"] as const;

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
    this.warnings = parts.warnings;
    const fronts = buildFronts(parts.articles, parts.sectionTree.byKey.values());
    this.fronts = fronts.pages;
    this.directories = fronts.directories;
    this.home = buildHome(parts.articles, parts.sectionTree.top, fronts.bySection);
    this.corrections = listCorrections(parts.articles);
    const base = parts.site.url;
    this.feeds = buildFeeds(parts.site.title, base, parts.articles, parts.sectionTree.byKey.values(), fronts.bySection, this.corrections, parts.buildTime);
    this.sitemaps = sitemapFiles(base, sitemapEntries(base, parts.articles, this.fronts, this.directories, ["/corrections/"]));
    this.newsSitemap = newsEntries(base, parts.articles, Date.parse(parts.buildTime));
    this.newsLanguage = newsLanguage(parts.site.language);
    this.render = { articles: parts.articles, fronts: this.fronts, others: true };
  }

  get sections(): readonly Section[] {
    return this.sectionTree.top;
  }
}

const SITE_FILE = "site.json";
const COMMENTS_FOLDER = "comments";
const POPULAR_FIELD = "popular";
const HELD_BACK: Record<ArticleStatus, string> = { published: "published", draft: "a draft", embargoed: "under embargo", expired: "expired" };

/** Reads `_data/site.json`, every article and comment file; throws ContentValidationError listing every problem. */
export function loadNewsroom(paths: NewsroomPaths, now: DateTime, options: { preview: boolean } = { preview: false }): Newsroom {
  const problems: ContentProblem[] = [];
  const warnings: string[] = [];
  const relative = (file: string) => path.relative(paths.input, file).split(path.sep).join("/");
  const siteFile = relative(path.join(paths.data, SITE_FILE));

  const site = readSite(path.join(paths.data, SITE_FILE), siteFile, problems);
  if (!site) throw new ContentValidationError(problems);
  const { tree, problems: navProblems } = buildSections(site.nav, siteFile);
  problems.push(...navProblems);

  let headerDate = now.setZone(site.timezone);
  if (site.headerDate !== undefined) {
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(site.headerDate) ? parseContentDate(site.headerDate, site.timezone) : undefined;
    if (parsed?.ok) headerDate = parsed.value;
    else problems.push({ file: siteFile, field: "headerDate", message: `"${site.headerDate}" must be a real date, written YYYY-MM-DD` });
  }

  const byStatus: Record<ArticleStatus, Article[]> = { published: [], draft: [], embargoed: [], expired: [] };
  for (const file of listArticles(paths.posts)) {
    const name = relative(file);
    const result = readArticle(name, readFileSync(file, "utf8"), site, tree, now);
    if (result.status === "invalid") {
      if (result.draft) warnings.push(...result.problems.map((p) => `${describeProblem(p)} (a draft, so not published)`));
      else problems.push(...result.problems);
    } else {
      byStatus[result.status].push(result.article);
    }
  }
  problems.push(...collisions([...byStatus.published, ...byStatus.embargoed]));
  for (const article of [...byStatus.published, ...byStatus.embargoed]) {
    const taken = reservedBy(article.url, tree);
    if (taken) {
      const field = article.url === `${article.section.url}${article.slug}/` ? "slug" : "permalink";
      problems.push({ file: article.file, field, message: `${article.url} is the address of ${taken}, which Dateline writes; choose another ${field}` });
    }
  }

  // Later statuses win a shared slug: a published article's comments and popular entry are its own.
  const bySlug = new Map<string, { article: Article; status: ArticleStatus }>();
  for (const status of ["draft", "expired", "embargoed", "published"] as const) {
    for (const article of byStatus[status]) bySlug.set(article.slug, { article, status });
  }
  const shownStatuses: readonly ArticleStatus[] = options.preview ? ["published", "draft", "embargoed", "expired"] : ["published"];
  const shown = new Map(shownStatuses.flatMap((status) => byStatus[status].map((article) => [article, status] as const)));

  const threads = new Map<Article, Comment[]>();
  const threadSources = new Map<Article, string>();
  const commentsDir = path.join(paths.data, COMMENTS_FOLDER);
  for (const file of existsSync(commentsDir) ? readdirSync(commentsDir).sort() : []) {
    if (!file.endsWith(".json")) continue;
    const name = relative(path.join(commentsDir, file));
    const slug = file.slice(0, -".json".length);
    const owner = bySlug.get(slug);
    if (!owner) {
      warnings.push(`${name}: there is no article with the slug "${slug}"; these comments are not shown`);
      continue;
    }
    if (!shown.has(owner.article)) continue;
    const source = readFileSync(path.join(commentsDir, file), "utf8");
    const read = readComments(name, source, owner.article, site.language);
    problems.push(...read.problems);
    threads.set(owner.article, read.comments);
    threadSources.set(owner.article, source);
  }

  if (problems.length > 0) throw new ContentValidationError(problems, warnings);

  const tagSlugs = assignSlugs([...shown.keys()].flatMap((article) => article.tags));
  const authorSlugs = assignSlugs([...shown.keys()].flatMap((article) => article.authors));
  for (const collision of [...tagSlugs.collisions, ...authorSlugs.collisions]) warnings.push(`names that differ: ${collision}`);
  const named = (slugs: Map<string, string>, base: string) => (name: string): Named => {
    const slug = slugs.get(sameName(name))!;
    return { name, slug, url: `${base}${slug}/` };
  };
  const articles = [...shown]
    .sort(([a], [b]) => b.published.ms - a.published.ms || a.url.localeCompare(b.url))
    .map(([article, status]): PublishedArticle => {
      const authors = article.authors.map(named(authorSlugs.slugOf, "/authors/"));
      const tags = article.tags.map(named(tagSlugs.slugOf, "/tags/"));
      const addresses = [...authors, ...tags].map((n) => n.url).join(" ");
      const fingerprint = hash(article.sourceHash, threadSources.get(article) ?? "", addresses, status);
      return Object.freeze({ ...article, authors, tags, comments: threads.get(article) ?? [], status, fingerprint });
    });
  const shownBySlug = new Map(articles.map((article) => [article.slug, article]));

  const popular: PublishedArticle[] = [];
  for (const slug of site.popular) {
    const article = shownBySlug.get(slug);
    if (article) {
      popular.push(article);
      continue;
    }
    const status = bySlug.get(slug)?.status;
    const why = status === undefined ? "is not the slug of any article" : `is ${HELD_BACK[status]}`;
    warnings.push(`${siteFile}: ${POPULAR_FIELD}: "${slug}" ${why}; left out of Most Popular`);
  }

  return new Newsroom({
    site,
    sectionTree: tree,
    articles,
    popular,
    recentComments: recentComments(articles, 5),
    headerDate: { iso: headerDate.toISODate() ?? "", text: formatHeaderDate(headerDate, site.language) },
    buildTime: now.toISO() ?? "",
    held: { drafts: byStatus.draft.length, embargoed: byStatus.embargoed.length, expired: byStatus.expired.length },
    nextChange: nextClockChange(byStatus.published, byStatus.embargoed, now),
    preview: options.preview,
    warnings,
  });
}

function readSite(file: string, name: string, problems: ContentProblem[]): SiteConfig | undefined {
  if (!existsSync(file)) {
    problems.push({ file: name, message: "is missing: it holds the site's title, address, time zone and sections" });
    return undefined;
  }
  const json = parseJson(name, readFileSync(file, "utf8"));
  if (!json.ok) {
    problems.push(json.problem);
    return undefined;
  }
  const parsed = siteSchema.safeParse(json.value);
  if (!parsed.success) {
    problems.push(...issuesToProblems(name, parsed.error));
    return undefined;
  }
  return parsed.data;
}

/** Every `.md` file under posts/, in a stable order; files and folders starting with `_` or `.` are notes, not articles. */
function listArticles(postsDir: string): string[] {
  if (!existsSync(postsDir)) return [];
  return readdirSync(postsDir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.toLowerCase().endsWith(".md") && !file.split(path.sep).some((part) => part.startsWith("_") || part.startsWith(".")))
    .sort()
    .map((file) => path.join(postsDir, file));
}

/** Two articles at one address, or with one slug (slugs name comment files and popular entries), cannot both be published. */
function collisions(articles: readonly Article[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byUrl = new Map<string, Article>();
  const bySlug = new Map<string, Article>();
  for (const article of articles) {
    const sameUrl = byUrl.get(article.url);
    if (sameUrl) {
      problems.push({ file: article.file, field: "url", message: `${article.url} is also the address of ${sameUrl.file}; give one of them another slug or permalink` });
    } else byUrl.set(article.url, article);
    const sameSlug = bySlug.get(article.slug);
    if (sameSlug && sameSlug.url !== article.url) {
      problems.push({ file: article.file, field: "slug", message: `"${article.slug}" is also the slug of ${sameSlug.file}; slugs name comment files and popular entries, so each must be unique` });
    } else if (!sameSlug) bySlug.set(article.slug, article);
  }
  return problems;
}
