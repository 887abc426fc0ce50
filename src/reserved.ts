import type { SectionTree } from "./sections.ts";

const FILES: Record<string, string> = {
  "/": "the home page",
  "/index.html": "the home page",
  "/feed.xml": "the site's Atom feed",
  "/feed.json": "the site's JSON feed",
  "/sitemap.xml": "the sitemap",
  "/news-sitemap.xml": "the news sitemap",
  "/robots.txt": "robots.txt",
  "/404.html": "the page-not-found page",
};

const FOLDERS: Record<string, string> = {
  "/tags/": "the tag pages",
  "/authors/": "the author pages",
  "/corrections/": "the corrections page",
  "/assets/": "the theme's files",
  "/media/": "the media folder",
  "/sitemaps/": "the sitemap files",
};

/** Which generated page an article's address would overwrite, if any: its own address must be its own. */
export function reservedBy(url: string, sections: SectionTree): string | undefined {
  const path = url.replace(/index\.html$/, "");
  const bare = path.replace(/\/$/, "");
  for (const [file, what] of Object.entries(FILES)) if (path === file || bare === file) return what;
  for (const [folder, what] of Object.entries(FOLDERS)) if (path.startsWith(folder) || `${bare}/` === folder) return what;
  for (const section of sections.byKey.values()) {
    if (path === section.url) return `the ${section.title} front`;
    if (path.startsWith(`${section.url}page/`)) return `the pages of the ${section.title} front`;
    if (bare === `${section.url}feed.xml` || bare === `${section.url}feed.json`) return `the ${section.title} feed`;
  }
  return undefined;
}
