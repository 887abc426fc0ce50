import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildClock } from "./clock.ts";
import { filtersPlugin } from "./filters.ts";
import { loadNewsroom, type Newsroom } from "./newsroom.ts";
import { buildSummary, lastBuild, pagesToRender, Progress } from "./summary.ts";
import { GENERATED_PAGES } from "./pages.ts";
import { copyReused, folderFingerprint, planReuse, reuseContext } from "./reuse.ts";
import { passState, splitIntoPasses } from "./passes.ts";
import { ContentValidationError } from "./errors.ts";

export interface DatelineOptions {
  /** Folder of the articles, inside the input folder. */
  posts?: string;
  /** Folder of images and other files published as they are, at the same path. */
  media?: string;
  /** The build clock; defaults to SOURCE_DATE_EPOCH, else now. */
  env?: NodeJS.ProcessEnv;
  /**
   * Show drafts and held-back articles, bannered and marked noindex. Defaults to on for Eleventy's
   * `--serve` and `--watch` (`npm start`) and off for a build (`npm run build`), which never shows them.
   */
  preview?: boolean;
}

interface NunjucksEnvironment {
  loaders: { searchPaths?: string[] }[];
  render(name: string, context: object): string;
}

interface EleventyDirectories {
  readonly input: string;
  readonly data: string;
  readonly includes: string;
}

/** The part of Eleventy's configuration API that Dateline uses. */
export interface EleventyConfig {
  directories: EleventyDirectories;
  ignores: Set<string>;
  addGlobalData(name: string, value: unknown): void;
  addTemplate(virtualPath: string, content: string, data?: Record<string, unknown>): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addNunjucksGlobal(name: string, value: unknown): void;
  addAsyncFilter(name: string, filter: (...args: never[]) => Promise<unknown>): void;
  addPlugin<T>(plugin: (config: EleventyConfig, options: T) => void, options?: T): void;
  addWatchTarget(target: string): void;
  addTransform(name: string, transform: (content: unknown) => unknown): void;
  addDataExtension(extensions: string, options: { read: boolean; parser: (file: string) => unknown }): void;
  addPassthroughCopy(paths: Record<string, string>): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  on(event: "eleventy.engine.njk", listener: (engine: { environment: NunjucksEnvironment }) => void): void;
  on(event: "eleventy.after", listener: (event: { results: unknown[] }) => void): void;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** The theme a site falls back to for every layout and partial it does not override in its own `_includes/`. */
export const THEME_DIR = path.resolve(here, "../_includes");
const TEMPLATES_DIR = path.join(here, "templates");

/**
 * The Dateline plugin: reads the newsroom's articles and site data once per build, and adds the pages
 * the generator owns. A site's own `_includes/` overrides any layout or partial of the theme.
 */
export default function datelinePlugin(eleventyConfig: EleventyConfig, options: DatelineOptions = {}): void {
  const settings = { posts: "posts", media: "media", env: process.env, ...options };
  const dirs = eleventyConfig.directories;
  const postsDir = () => path.join(dirs.input, settings.posts);

  // Articles are read by Dateline itself, never run as templates: their text is data, not code.
  eleventyConfig.ignores.add(path.join(dirs.input, settings.posts, "**"));
  eleventyConfig.addWatchTarget(postsDir());
  // Photos and graphics the articles use, published as they are.
  eleventyConfig.addPassthroughCopy({ [path.join(dirs.input, settings.media)]: settings.media });

  // site.json and the comment files are Dateline's to read: it reports their problems by file and field.
  // Left to Eleventy they would be parsed twice, and bad JSON in a reader's comment would stop the build
  // with a stack trace instead of a line naming the file.
  const ownData = (file: string) => {
    const relative = path.relative(dirs.data, file).split(path.sep).join("/");
    return relative === "site.json" || relative.startsWith("comments/");
  };
  eleventyConfig.addDataExtension("json", {
    read: false,
    parser: (file: string) => (ownData(file) ? undefined : JSON.parse(readFileSync(file, "utf8"))),
  });

  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, trimBlocks: true, lstripBlocks: true });
  let nunjucks: NunjucksEnvironment | undefined;
  eleventyConfig.on("eleventy.engine.njk", ({ environment }) => {
    nunjucks = environment;
    for (const loader of environment.loaders) {
      if (loader.searchPaths && !loader.searchPaths.includes(THEME_DIR)) loader.searchPaths.push(THEME_DIR);
    }
  });

  // The chrome (top bar, navigation, sidebar, footer) is the same on thousands of pages: each partial
  // is rendered once per build for each distinct `key` (the nav: once per section) and reused. A
  // partial rendered this way sees only the variables it is given.
  const chromeCache = new WeakMap<Newsroom, Map<string, string>>();
  eleventyConfig.addNunjucksGlobal("chrome", (name: string, variables: { newsroom: Newsroom }, key = "") => {
    let cache = chromeCache.get(variables.newsroom);
    if (!cache) chromeCache.set(variables.newsroom, (cache = new Map()));
    const id = `${name}\u0000${key}`;
    let html = cache.get(id);
    if (html === undefined) {
      if (!nunjucks) throw new Error("Dateline: the Nunjucks environment is not ready");
      cache.set(id, (html = nunjucks.render(name, variables)));
    }
    return html;
  });

  let newsroom: Newsroom | undefined;
  eleventyConfig.addGlobalData("newsroom", (): Newsroom => {
    // A later pass of a build renders the next share of the pages of the newsroom the first pass read.
    if (passState.active && passState.index > 0 && passState.newsroom) {
      newsroom = passState.newsroom;
      const pass = passState.passes[passState.index]!;
      newsroom.render = { articles: pass.articles, fronts: pass.fronts, others: false };
      return newsroom;
    }
    const mode = settings.env.ELEVENTY_RUN_MODE;
    const preview = settings.preview ?? (mode === "serve" || mode === "watch");
    const warn = (warnings: readonly string[]) => warnings.forEach((warning) => console.warn(`[dateline] warning: ${warning}`));
    try {
      newsroom = loadNewsroom({ input: dirs.input, posts: postsDir(), data: dirs.data }, buildClock(settings.env), { preview });
    } catch (error) {
      if (error instanceof ContentValidationError) warn(error.warnings);
      throw error;
    }
    warn(newsroom.warnings);
    const { folder, published, own, previous } = reuseContext;
    if (!preview && folder && published && own && previous) {
      const code = folderFingerprint([THEME_DIR, dirs.includes, here, path.join(here, "../package-lock.json")]);
      const plan = planReuse(newsroom, code, folder, published, own, previous);
      newsroom.render = { articles: plan.articles, fronts: plan.fronts, others: true };
      reuseContext.plan = plan;
      reuseContext.copying = copyReused(plan, folder, published);
    }
    passState.written = 0;
    passState.progress = new Progress(pagesToRender(newsroom), performance.now());
    if (passState.active) {
      passState.newsroom = newsroom;
      passState.passes = splitIntoPasses(newsroom.render.articles, newsroom.render.fronts);
      newsroom.render = { ...passState.passes[0]!, others: true };
    }
    return newsroom;
  });
  eleventyConfig.addTransform("dateline-progress", (content: unknown) => {
    passState.progress?.tick();
    return content;
  });
  eleventyConfig.on("eleventy.after", ({ results }) => {
    passState.written += results.length;
    if (passState.active && passState.index < passState.passes.length - 1) return;
    passState.progress?.end();
    if (!newsroom) return;
    // Seconds since the process started: what the person at the terminal waited.
    const plan = reuseContext.plan;
    lastBuild.siteUrl = newsroom.site.url;
    lastBuild.summary = buildSummary(newsroom, passState.written, process.uptime(), plan ? plan.kept.length + plan.copied.length : 0);
    if (settings.env.ELEVENTY_RUN_MODE !== "build") console.log(lastBuild.summary);
  });

  eleventyConfig.addPlugin(filtersPlugin);

  for (const { template, each, permalink } of GENERATED_PAGES) {
    eleventyConfig.addTemplate(`dateline-${template}.njk`, readFileSync(path.join(TEMPLATES_DIR, `${template}.njk`), "utf8"), {
      ...(each && { pagination: { data: each.data, size: 1, alias: each.alias } }),
      permalink,
      eleventyExcludeFromCollections: true,
    });
  }
}
