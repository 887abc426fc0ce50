/** The fixed folder names of a site, inside its input folder. */
export const SITE_FOLDERS = {
  /** The articles. */
  posts: "posts",
  /** Photos and graphics the articles use, published at `/media/`. */
  media: "media",
  /** Files published at the site's root exactly as they are: CNAME, `.well-known/`, favicon.ico, verification files. */
  public: "public",
} as const;

/** The data files Dateline reads itself, inside the site's data folder: the settings and the readers' comments. */
export const DATA_FILES = {
  site: "site.json",
  comments: "comments",
} as const;
