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
  /**
   * How many pages and stories the front has at this build. The theme shows them on the front itself
   * only: an archive page is kept from build to build while what it shows is unchanged (see reuse.ts),
   * so a site's own layout that showed them there would show them as they were when it was written.
   */
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

/**
 * Page numbers to link, in reading order (the front, then the archive from its newest page down to
 * page 2, its oldest): the front, the oldest page and a span around the current page; `null` marks a
 * gap. A page's links change only when the archive grows past its span, so an old page stays as it was.
 */
export function pageNumbers(current: number, total: number, span = PAGE_LINK_SPAN): (number | null)[] {
  const order = [1, ...Array.from({ length: total - 1 }, (_, i) => total - i)];
  const at = order.indexOf(current);
  const numbers: (number | null)[] = [];
  order.forEach((n, i) => {
    if (i === 0 || i === order.length - 1 || Math.abs(i - at) <= span) numbers.push(n);
    else if (numbers.at(-1) !== null) numbers.push(null);
  });
  return numbers;
}

interface FrontSubject {
  kind: FrontPage["kind"];
  name: string;
  url: string;
  trail: Crumb[];
  section?: Section | undefined;
}

/**
 * Splits a front's articles (newest first) into pages of PER_PAGE; a front with no articles still has
 * its first page. The first page, the front itself, shows the newest. The rest, the archive, is cut
 * from its oldest story: page 2 holds the oldest PER_PAGE, page 3 the next, and the newest archive
 * page what remains. A new story changes the front and the newest archive page, not the hundreds
 * behind them, which keep their stories and their addresses for readers, crawlers and the next build.
 */
export function paginateFront(subject: FrontSubject, articles: readonly PublishedArticle[], perPage = PER_PAGE): FrontPage[] {
  const count = articles.length;
  const total = 1 + Math.ceil(Math.max(0, count - perPage) / perPage);
  const url = (number: number) => frontPageUrl(subject.url, number);
  const pages: FrontPage[] = [];
  for (let number = 1; number <= total; number++) {
    pages.push({
      kind: subject.kind,
      name: subject.name,
      url: url(number),
      number,
      total,
      count,
      articles: number === 1 ? articles.slice(0, perPage) : articles.slice(Math.max(perPage, count - (number - 1) * perPage), count - (number - 2) * perPage),
      // Newer and older, as readers go: from the front to the newest archive page, and down to page 2.
      prev: number === 1 ? undefined : number === total ? url(1) : url(number + 1),
      next: number === 1 ? (total > 1 ? url(total) : undefined) : number > 2 ? url(number - 1) : undefined,
      pageLinks: pageNumbers(number, total).map((n) => (n === null ? null : { number: n, url: url(n), current: n === number })),
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
