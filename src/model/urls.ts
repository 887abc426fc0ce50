/**
 * Every address the generator owns, in one table: the pages it writes and the folders it fills. The
 * fronts, feeds, sitemaps, the page list and the check that an article's own address is its own all
 * read it here.
 */
export const URLS = {
  home: "/",
  notFound: "/404.html",
  tags: "/tags/",
  authors: "/authors/",
  corrections: "/corrections/",
  assets: "/assets/",
  media: "/media/",
  sitemap: "/sitemap.xml",
  sitemaps: "/sitemaps/",
  newsSitemap: "/news-sitemap.xml",
  robots: "/robots.txt",
  search: "/search/",
  /** Pagefind's bundle: the search page's script and the index it searches. */
  searchIndex: "/pagefind/",
  /** The newest stories as an IPTC ninjs package, for wire clients (a section's is at `/<section path>/ninjs.json`). */
  ninjs: "/ninjs.json",
  /** Old addresses and where each leads now, for hosts that read a redirects file (Netlify, Cloudflare Pages). */
  redirects: "/_redirects",
} as const;

export const tagUrl = (slug: string) => `${URLS.tags}${slug}/`;
export const authorUrl = (slug: string) => `${URLS.authors}${slug}/`;
export const sectionUrl = (parentUrl: string, key: string) => `${parentUrl}${key}/`;
export const articleUrl = (sectionPath: string, slug: string) => `${sectionPath}${slug}/`;
/** The folder of a front's later pages. */
export const FRONT_PAGES = "page";
/** Page `n` of a front: page 1 is the front itself, then `page/2/`, `page/3/`… */
export const frontPageUrl = (base: string, n: number) => (n === 1 ? base : `${base}${FRONT_PAGES}/${n}/`);
export const atomFeedUrl = (pageUrl: string) => `${pageUrl}feed.xml`;
export const jsonFeedUrl = (pageUrl: string) => `${pageUrl}feed.json`;
export const sitemapPartUrl = (n: number) => `${URLS.sitemaps}${n}.xml`;
/** A theme file's address, its content's hash in the name (`dateline.3f9a…css`) so that hosts may cache it forever. */
export const assetUrl = (name: string, hash: string) => `${URLS.assets}${name.replace(/(\.[^.]+)$/, `.${hash}$1`)}`;

/**
 * The site's path prefix: the path of site.json's `url`, `/` for a site at a domain's root and
 * `/repo/` for one served under `https://owner.github.io/repo`. Site paths (`/news/`) are written
 * into pages under it; the output folder's files are not.
 */
export const pathPrefix = (siteUrl: string) => new URL(`${siteUrl}/`).pathname;

/** A site path as a page links to it on the host: under the path prefix. Other addresses and fragments are kept. */
export const hostPath = (prefix: string, url: string) => (url.startsWith("/") && !url.startsWith("//") ? `${prefix}${url.slice(1)}` : url);

/** The file a site address is written to, relative to the output folder: `/news/` → `news/index.html`. */
export const outputFile = (url: string) => (url.endsWith("/") ? `${url}index.html` : url).replace(/^\//, "");

const FILES: Record<string, string> = {
  [URLS.home]: "the home page",
  [`${URLS.home}index.html`]: "the home page",
  [atomFeedUrl(URLS.home)]: "the site's Atom feed",
  [jsonFeedUrl(URLS.home)]: "the site's JSON feed",
  [URLS.sitemap]: "the sitemap",
  [URLS.newsSitemap]: "the news sitemap",
  [URLS.robots]: "robots.txt",
  [URLS.notFound]: "the page-not-found page",
  [URLS.ninjs]: "the site's ninjs index",
};

/** The folders the generator fills, whatever the content, and what each holds. */
const FOLDERS: Record<string, string> = {
  [URLS.tags]: "the tag pages",
  [URLS.authors]: "the author pages",
  [URLS.corrections]: "the corrections page",
  [URLS.assets]: "the theme's files",
  [URLS.media]: "the media folder",
  [URLS.sitemaps]: "the sitemap files",
  [URLS.search]: "the search page",
  [URLS.searchIndex]: "the search index",
};

export const GENERATED_FOLDERS: readonly string[] = Object.keys(FOLDERS);

/** Which generated page an article's address would overwrite, if any: its own address must be its own. */
export function reservedBy(url: string, sections: Iterable<{ url: string; title: string }>): string | undefined {
  const path = url.replace(/index\.html$/, "");
  const bare = path.replace(/\/$/, "");
  for (const [file, what] of Object.entries(FILES)) if (path === file || bare === file || path.startsWith(`${file}/`)) return what;
  for (const [folder, what] of Object.entries(FOLDERS)) if (path.startsWith(folder) || `${bare}/` === folder) return what;
  for (const section of sections) {
    if (path === section.url) return `the ${section.title} front`;
    if (path.startsWith(`${section.url}${FRONT_PAGES}/`)) return `the pages of the ${section.title} front`;
    for (const feed of [atomFeedUrl(section.url), jsonFeedUrl(section.url), `${section.url}ninjs.json`]) if (bare === feed || path.startsWith(`${feed}/`)) return `the ${section.title} feed`;
  }
  return undefined;
}
