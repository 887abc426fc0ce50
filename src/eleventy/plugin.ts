import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { ContentValidationError } from "../content/errors.ts";
import { readJsonFile } from "../content/data-files.ts";
import { DATA_FILES, SITE_FOLDERS } from "../content/folders.ts";
import { inside } from "../content/files.ts";
import type { Newsroom } from "../model/newsroom.ts";
import { filtersPlugin } from "./filters.ts";
import { onePerSite, quietStack } from "./internals.ts";
import { GENERATED_PAGES, permalink, THEME_DIR } from "./pages.ts";
import { URLS } from "../model/urls.ts";
import { BuildSession, type SitePaths } from "./session.ts";
import type { PhotoLibrary } from "./photos.ts";
import { describeIndex, indexSite } from "./search-index.ts";

export { BuildSession } from "./session.ts";
export { THEME_DIR } from "./pages.ts";
export { SITE_FOLDERS } from "../content/folders.ts";

/** The Eleventy versions Dateline is built and tested against. */
export const ELEVENTY_VERSIONS = ">=3.1";

export interface DatelineOptions {
  /** The build this run belongs to; the build command passes its own. Unset, the plugin starts one per build. */
  session?: BuildSession;
}

interface EleventyDirectories {
  readonly input: string;
  readonly output: string;
  readonly data: string;
  readonly includes: string;
}

/** The part of Eleventy's configuration API that Dateline uses. */
export interface EleventyConfig {
  directories: EleventyDirectories;
  ignores: Set<string>;
  versionCheck(range: string): void;
  addGlobalData(name: string, value: unknown): void;
  addTemplate(virtualPath: string, content: string, data?: Record<string, unknown>): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addNunjucksGlobal(name: string, value: unknown): void;
  addAsyncFilter(name: string, filter: (...args: never[]) => Promise<unknown>): void;
  addPlugin<T>(plugin: (config: EleventyConfig, options: T) => void, options?: T): void;
  addWatchTarget(target: string): void;
  addTransform(name: string, transform: (content: unknown) => unknown): void;
  addDataExtension(extensions: string, options: { read: boolean; parser: (file: string) => unknown }): void;
  addPreprocessor(name: string, extensions: string, preprocess: (data: { page: { inputPath: string } }, content: string) => false | undefined): void;
  setLibrary(name: "njk", library: nunjucks.Environment): void;
  on(event: "eleventy.before", listener: () => void): void;
  on(event: "eleventy.after", listener: (event: { results: { outputPath?: string | false; url?: string | false; content?: string }[] }) => void | Promise<void>): void;
}

const TEMPLATES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "templates");

/**
 * The Dateline plugin: reads the newsroom's articles and site data once per build, and adds the pages
 * the generator owns. A site's own `_includes/` overrides any layout or partial of the theme.
 */
export default function datelinePlugin(eleventyConfig: EleventyConfig, options: DatelineOptions = {}): void {
  eleventyConfig.versionCheck(ELEVENTY_VERSIONS);
  const session = options.session ?? new BuildSession();
  const dirs = eleventyConfig.directories;
  const paths = (): SitePaths => ({
    input: dirs.input,
    posts: path.join(dirs.input, SITE_FOLDERS.posts),
    public: path.join(dirs.input, SITE_FOLDERS.public),
    media: path.join(dirs.input, SITE_FOLDERS.media),
    data: dirs.data,
    includes: dirs.includes,
  });

  // Articles are read by Dateline itself, never run as templates: their text is data, not code. Files
  // in media/ and public/ are published as they are, not run as templates either.
  for (const folder of Object.values(SITE_FOLDERS)) eleventyConfig.ignores.add(`${path.relative(process.cwd(), path.join(dirs.input, folder)) || "."}/**`);
  eleventyConfig.addWatchTarget(path.join(dirs.input, SITE_FOLDERS.posts));

  // Eleventy misreads those ignores for a site given as ../site: whatever slips through is still no page.
  const siteFolders = Object.values(SITE_FOLDERS).map((folder) => path.resolve(dirs.input, folder));
  eleventyConfig.addPreprocessor("dateline-site-folders", "*", (data: { page: { inputPath: string } }) =>
    siteFolders.some((folder) => inside(path.resolve(data.page.inputPath), folder)) ? false : undefined,
  );

  // site.json and the comment files are Dateline's to read: it reports their problems by file and field.
  // Left to Eleventy they would be parsed twice, and bad JSON in a reader's comment would stop the build
  // with a stack trace instead of a line naming the file.
  const ownData = (file: string) => {
    const relative = path.relative(dirs.data, file).split(path.sep).join("/");
    return relative === DATA_FILES.site || relative.startsWith(`${DATA_FILES.comments}/`);
  };
  eleventyConfig.addDataExtension("json", {
    read: false,
    parser: (file: string) => (ownData(file) ? undefined : quietly(() => readJsonFile(file, path.relative(dirs.input, file)))),
  });

  // The site's own _includes/ first, then the theme: a site overrides any one file of the theme. Nothing
  // else is a template: not the working folder (Eleventy's default), whose files are in no reuse key.
  const environment = new nunjucks.Environment(
    [new nunjucks.FileSystemLoader(dirs.includes), new nunjucks.FileSystemLoader(THEME_DIR)],
    { autoescape: true, trimBlocks: true, lstripBlocks: true },
  );
  eleventyConfig.setLibrary("njk", environment);
  session.themeRenderer = (template, variables) => environment.render(template, variables);

  // The chrome (top bar, navigation, sidebar, footer) is the same on thousands of pages: each partial
  // is rendered once per build for each distinct `key` (the nav: once per section) and reused. A
  // partial rendered this way sees only the variables it is given.
  const chromeCache = new WeakMap<Newsroom, Map<string, string>>();
  eleventyConfig.addNunjucksGlobal("chrome", (name: string, variables: { newsroom: Newsroom }, key = "") => {
    let cache = chromeCache.get(variables.newsroom);
    if (!cache) chromeCache.set(variables.newsroom, (cache = new Map()));
    const id = `${name}\u0000${key}`;
    let html = cache.get(id);
    if (html === undefined) cache.set(id, (html = environment.render(name, variables)));
    return html;
  });

  eleventyConfig.addGlobalData("newsroom", (): Newsroom => quietly(() => session.current(paths())));
  eleventyConfig.addGlobalData("photos", async (): Promise<PhotoLibrary> => {
    try {
      return await session.photos(paths());
    } catch (error) {
      throw error instanceof ContentValidationError ? quietStack(error) : error;
    }
  });
  eleventyConfig.addGlobalData("render", () => {
    session.current(paths());
    return session.share;
  });
  // The interface's words: `labels` in the page's language (an article layout sets its own with
  // `labelsIn`), `siteLabels` in the site's, for the chrome every page shares.
  const siteLabels = () => {
    const book = quietly(() => session.labels(paths()));
    return book.forLanguage(session.current(paths()).site.language);
  };
  eleventyConfig.addGlobalData("labels", siteLabels);
  eleventyConfig.addGlobalData("siteLabels", siteLabels);
  eleventyConfig.addFilter("labelsIn", (language: string) => session.labels(paths()).forLanguage(language));
  // The chrome partials are rendered outside the data cascade: the table of addresses is a global of the environment.
  eleventyConfig.addNunjucksGlobal("urls", URLS);
  eleventyConfig.addTransform("dateline-progress", (content: unknown) => {
    session.rendered();
    return content;
  });
  eleventyConfig.on("eleventy.before", () => session.startRun());
  eleventyConfig.on("eleventy.after", async ({ results }) => {
    const output = path.resolve(dirs.output);
    const photos = await session.publishPhotos(paths(), output);
    session.endRun(results, [...session.publishStaticFiles(paths(), output), ...(photos?.files ?? [])], photos?.library);
    // Under Eleventy's own command the plugin owns the build, and indexes the story pages this run
    // wrote (never older files left in the output folder). The build command indexes for itself.
    if (!options.session && session.built?.site.search) {
      // In the order of their files, as Pagefind reads a folder: the same pages give the same index.
      const stories = results
        .flatMap((result) => (result.url && result.outputPath && result.content?.includes("data-pagefind-body") ? [{ file: result.outputPath, url: result.url, content: result.content }] : []))
        .sort((a, b) => (a.file < b.file ? -1 : 1))
        .map(({ url, content }) => ({ url, content }));
      console.log(`[dateline] ${describeIndex(await indexSite({ pages: stories }, output, `${output}.search`, stories.length), "before")}`);
    }
  });

  eleventyConfig.addPlugin(filtersPlugin, { renderPartial: (name: string, variables: object) => environment.render(name, variables) });

  for (const page of GENERATED_PAGES) {
    eleventyConfig.addTemplate(`dateline-${page.template}.njk`, readFileSync(path.join(TEMPLATES_DIR, `${page.template}.njk`), "utf8"), {
      ...(page.each && { pagination: { data: page.each.data, size: 1, alias: page.each.alias } }),
      permalink: permalink(page),
      eleventyExcludeFromCollections: true,
    });
  }
}

onePerSite(datelinePlugin);

/** Runs `read`; a content problem it finds is printed as its lines, with no stack trace. */
function quietly<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw error instanceof ContentValidationError ? quietStack(error) : error;
  }
}
