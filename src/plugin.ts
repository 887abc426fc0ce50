import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildClock } from "./clock.ts";
import { filtersPlugin } from "./filters.ts";
import { loadNewsroom, type Newsroom } from "./newsroom.ts";
import { buildSummary } from "./summary.ts";
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
  addAsyncFilter(name: string, filter: (...args: never[]) => Promise<unknown>): void;
  addPlugin<T>(plugin: (config: EleventyConfig, options: T) => void, options?: T): void;
  addWatchTarget(target: string): void;
  addDataExtension(extensions: string, options: { read: boolean; parser: (file: string) => unknown }): void;
  addPassthroughCopy(paths: Record<string, string>): void;
  setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
  on(event: "eleventy.engine.njk", listener: (engine: { environment: { loaders: { searchPaths?: string[] }[] } }) => void): void;
  on(event: "eleventy.before", listener: () => void): void;
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
  eleventyConfig.on("eleventy.engine.njk", ({ environment }) => {
    for (const loader of environment.loaders) {
      if (loader.searchPaths && !loader.searchPaths.includes(THEME_DIR)) loader.searchPaths.push(THEME_DIR);
    }
  });

  let newsroom: Newsroom | undefined;
  let started = 0;
  eleventyConfig.on("eleventy.before", () => {
    started = performance.now();
  });
  eleventyConfig.addGlobalData("newsroom", (): Newsroom => {
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
    return newsroom;
  });
  eleventyConfig.on("eleventy.after", ({ results }) => {
    if (newsroom) console.log(buildSummary(newsroom, results.length, (performance.now() - started) / 1000));
  });

  eleventyConfig.addPlugin(filtersPlugin);

  for (const file of readdirSync(TEMPLATES_DIR)) {
    eleventyConfig.addTemplate(`dateline-${file}`, readFileSync(path.join(TEMPLATES_DIR, file), "utf8"));
  }
}
