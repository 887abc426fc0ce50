import type { PublishedArticle } from "./published.ts";
import { breadcrumbs, type Crumb, type Section } from "./sections.ts";
import type { Named } from "./articles.ts";
import { frontPageUrl, URLS } from "./urls.ts";

export const PER_PAGE = 20;
/** How many numbered page links a front shows around the current one before it elides with "…". */
const PAGE_LINK_SPAN = 2;

export interface PageLink {
  number: number;
  url: string;
  current: boolean;
}

/** One page of a front: a section, a tag or an author, newest first. */
export interface FrontPage {
  kind: "section" | "tag" | "author";
  /** What the reader is looking at: "Russia News", "Security", "Anna Petrova". */
  name: string;
  url: string;
  number: number;
  total: number;
  count: number;
  articles: readonly PublishedArticle[];
  prev?: string | undefined;
  next?: string | undefined;
  /** Numbered links, `null` where the run is elided. */
  pageLinks: (PageLink | null)[];
  breadcrumbs: Crumb[];
  section?: Section | undefined;
}

export interface DirectoryEntry extends Named {
  count: number;
}

export interface Directory {
  kind: "tags" | "authors";
  url: string;
  entries: DirectoryEntry[];
}

export interface HomeBlock {
  section: Section;
  articles: readonly PublishedArticle[];
}

/** Page numbers to link: the first, the last, and a span around the current page; `null` marks a gap. */
export function pageNumbers(current: number, total: number, span = PAGE_LINK_SPAN): (number | null)[] {
  const numbers: (number | null)[] = [];
  for (let n = 1; n <= total; n++) {
    if (n === 1 || n === total || Math.abs(n - current) <= span) numbers.push(n);
    else if (numbers.at(-1) !== null) numbers.push(null);
  }
  return numbers;
}

interface FrontSubject {
  kind: FrontPage["kind"];
  name: string;
  url: string;
  trail: Crumb[];
  section?: Section | undefined;
}

/** Splits a front's articles into pages of PER_PAGE; a front with no articles still has its first page. */
export function paginateFront(subject: FrontSubject, articles: readonly PublishedArticle[], perPage = PER_PAGE): FrontPage[] {
  const total = Math.max(1, Math.ceil(articles.length / perPage));
  const pages: FrontPage[] = [];
  for (let number = 1; number <= total; number++) {
    const url = frontPageUrl(subject.url, number);
    pages.push({
      kind: subject.kind,
      name: subject.name,
      url,
      number,
      total,
      count: articles.length,
      articles: articles.slice((number - 1) * perPage, number * perPage),
      prev: number > 1 ? frontPageUrl(subject.url, number - 1) : undefined,
      next: number < total ? frontPageUrl(subject.url, number + 1) : undefined,
      pageLinks: pageNumbers(number, total).map((n) => (n === null ? null : { number: n, url: frontPageUrl(subject.url, n), current: n === number })),
      breadcrumbs:
        number === 1
          ? [...subject.trail, { title: subject.name }]
          : [...subject.trail, { title: subject.name, url: subject.url }, { label: "page", number }],
      section: subject.section,
    });
  }
  return pages;
}

/**
 * Every front of the site, built in one pass over the articles (newest first): each article is added to
 * its section and that section's ancestors, its tags and its authors. Nothing re-filters the archive
 * per front, so the cost grows with the articles, not with articles × fronts.
 */
export function buildFronts(articles: readonly PublishedArticle[], sections: Iterable<Section>, language: string) {
  const bySection = new Map<string, PublishedArticle[]>();
  const byTag = new Map<string, { named: Named; articles: PublishedArticle[] }>();
  const byAuthor = new Map<string, { named: Named; articles: PublishedArticle[] }>();
  const file = (index: typeof byTag, named: Named, article: PublishedArticle) => {
    const entry = index.get(named.slug);
    if (entry) entry.articles.push(article);
    else index.set(named.slug, { named, articles: [article] });
  };
  for (const article of articles) {
    for (const key of article.section.trail) {
      const list = bySection.get(key);
      if (list) list.push(article);
      else bySection.set(key, [article]);
    }
    for (const tag of article.tags) file(byTag, tag, article);
    for (const author of article.authors) file(byAuthor, author, article);
  }

  const home: Crumb = { label: "home", url: URLS.home };
  const pages: FrontPage[] = [];
  for (const section of sections) {
    const trail = breadcrumbs(section).slice(0, -1);
    // A live story leads its own section's front while it is live; the rest keep their order.
    const listed = bySection.get(section.key) ?? [];
    const live = listed.filter((article) => article.live && article.section.key === section.key);
    const ordered = live.length > 0 ? [...live, ...listed.filter((article) => !live.includes(article))] : listed;
    pages.push(...paginateFront({ kind: "section", name: section.title, url: section.url, trail, section }, ordered));
  }
  const directories: Directory[] = [];
  for (const [index, kind, directoryKind, url] of [
    [byTag, "tag", "tags", URLS.tags],
    [byAuthor, "author", "authors", URLS.authors],
  ] as const) {
    const entries = [...index.values()]
      .map(({ named, articles: list }) => ({ ...named, count: list.length }))
      .sort((a, b) => a.name.localeCompare(b.name, language) || a.slug.localeCompare(b.slug));
    directories.push({ kind: directoryKind, url, entries });
    for (const { named, articles: list } of index.values()) {
      pages.push(...paginateFront({ kind, name: named.name, url: named.url, trail: [home, { label: directoryKind, url }] }, list));
    }
  }
  return { pages, directories, bySection };
}

/** The home page: the newest story on top, then each top-level section's newest stories, top story excluded. */
export function buildHome(articles: readonly PublishedArticle[], topSections: readonly Section[], bySection: Map<string, PublishedArticle[]>, perSection = 5) {
  const top = articles[0];
  const blocks: HomeBlock[] = topSections
    .map((section) => ({ section, articles: (bySection.get(section.key) ?? []).slice(0, perSection + 1).filter((a) => a !== top).slice(0, perSection) }))
    .filter((block) => block.articles.length > 0);
  return { top, blocks };
}
