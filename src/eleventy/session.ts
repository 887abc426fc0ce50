import type { DateTime } from "luxon";
import { buildClock } from "../content/clock.ts";
import { ContentValidationError } from "../content/errors.ts";
import type { SiteConfig } from "../content/schema.ts";
import { loadNewsroom, type Newsroom } from "../model/newsroom.ts";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { LocalPhoto } from "../content/photos.ts";
import { pagesToRender, PUBLISHER_ICON, THEME_DIR, themeAssets, type RenderShare } from "./pages.ts";
import { developPhotos, PhotoLibrary } from "./photos.ts";
import { publishFolder } from "./static-files.ts";
import { DATA_FILES, SITE_FOLDERS } from "../content/folders.ts";
import { readLabelFolder, readLabelsFile } from "../content/data-files.ts";
import { makeLabelBook, type LabelBook } from "../model/labels.ts";
import { buildSummary, Progress } from "./summary.ts";

export type { RenderShare } from "./pages.ts";

/** The theme's and a site's folder of label tables, one file a language (`en.json`, `ru.json`). */
const LABELS_FOLDER = "labels";
/** A site's own words for its language, from before there were tables by language. */
const LEGACY_LABELS = "labels.json";

/**
 * What builds keep for the next: `.cache/` in the site's folder, or DATELINE_CACHE_DIR when set.
 * CI that keeps this folder does no image work for old photos and reads only the articles that changed.
 */
const cacheFolder = (input: string, env: NodeJS.ProcessEnv) => env.DATELINE_CACHE_DIR || path.join(input, ".cache");

/** Where processed photos are kept between builds. */
export const photoCache = (input: string, env: NodeJS.ProcessEnv) => path.join(cacheFolder(input, env), "photos");

/** The folders of one site, as Eleventy resolved them. */
export interface SitePaths {
  input: string;
  posts: string;
  public: string;
  media: string;
  data: string;
  includes: string;
}

/** How a build's pages are rendered: in which runs, and how many were kept from an earlier build instead. */
export interface RenderPlan {
  shares: RenderShare[];
  unchanged: number;
}

export interface BuildSessionOptions {
  /** Where the build clock (SOURCE_DATE_EPOCH) and the run mode are read; defaults to the process's. */
  env?: NodeJS.ProcessEnv;
  /**
   * Show drafts and held-back articles, bannered and marked noindex. Unset, it is on for Eleventy's
   * `--serve` and `--watch` (`npm start`) and off for a build, which never shows them.
   */
  preview?: boolean;
  /** Splits a newsroom's pages into Eleventy runs; unset, one run renders everything. */
  plan?: (newsroom: Newsroom, paths: SitePaths) => RenderPlan;
  /** performance.now() when this build was asked for (a preview's rebuild); unset, the process's start. */
  startedAt?: number;
  /** Where the closing summary line goes; unset, it is printed when the build ends. */
  onSummary?: (line: string) => void;
  /** The build clock; unset, read from the environment (SOURCE_DATE_EPOCH, else now). A render worker is given its build's. */
  clock?: DateTime<true>;
  /** No warnings and no progress line: a render worker's build prints nothing that its build has printed already. */
  quiet?: boolean;
}

/**
 * One build's state, from reading the newsroom to the closing line: created by whoever starts the
 * build (the build command, or the plugin itself under `npx @11ty/eleventy` and `npm start`) and
 * handed to the plugin. A build may take several Eleventy runs (passes); the newsroom is read at the
 * first and shared by the rest. Under `--watch` each rebuild is a new build.
 */
export class BuildSession {
  readonly env: NodeJS.ProcessEnv;
  private readonly options: BuildSessionOptions;
  private newsroom: Newsroom | undefined;
  private plan: RenderPlan = { shares: [], unchanged: 0 };
  private run = 0;
  /** True from an Eleventy run's start to its end: still true at the next start, the run failed. */
  private running = false;
  private files = 0;
  private progress: Progress | undefined;
  private photoLibrary: Promise<PhotoLibrary> | undefined;
  private photoFigures: PhotoLibrary | undefined;
  private labelBook: LabelBook | undefined;
  /** performance.now() when the build began: the first build counts from the process's start, what the person waited. */
  private startedAt: number;
  private builds = 0;
  summary: string | undefined;
  /** The theme's template engine, which renders the theme's own files; the plugin sets it. */
  themeRenderer: ((template: string, variables: object) => string) | undefined;
  /** The files the last Eleventy run wrote (relative to the working folder, or absolute). */
  lastRunFiles: readonly string[] = [];

  constructor(options: BuildSessionOptions = {}) {
    this.options = options;
    this.env = options.env ?? process.env;
    this.startedAt = options.startedAt ?? 0;
  }

  get preview(): boolean {
    const mode = this.env.ELEVENTY_RUN_MODE;
    return this.options.preview ?? (mode === "serve" || mode === "watch");
  }

  /**
   * Called as an Eleventy run starts. After a run that failed (a template error under `npm start`),
   * the next run reads the newsroom afresh rather than finish the failed build with stale content.
   */
  startRun(): void {
    if (this.running) this.newsroom = undefined;
    this.running = true;
  }

  /** The newsroom for the current Eleventy run: read at a build's first run, shared by its later runs. */
  current(paths: SitePaths): Newsroom {
    if (!this.newsroom || this.run >= this.plan.shares.length) this.begin(paths);
    return this.newsroom!;
  }

  /**
   * The newsroom's photos, developed once per build (from the cache in `.cache/photos/` of the site's
   * folder when they did not change), and the theme's icon, drawn large for the publisher's logo.
   */
  photos(paths: SitePaths): Promise<PhotoLibrary> {
    const newsroom = this.current(paths);
    if (!this.photoLibrary) {
      const orders = [...newsroom.photos.map((photo) => ({ photo })), ...(newsroom.site.logo ? [] : [{ photo: this.icon(newsroom, paths), iconOnly: true }])];
      this.photoLibrary = developPhotos(orders, photoCache(paths.input, this.env), newsroom.pathPrefix);
    }
    return this.photoLibrary;
  }

  /** The theme's icon as rendered for this newsroom, written beside the photo cache for sharp to draw. */
  private icon(newsroom: Newsroom, paths: SitePaths): LocalPhoto {
    const icon = newsroom.themeAssets.find((asset) => asset.name === PUBLISHER_ICON)!;
    const file = path.join(photoCache(paths.input, this.env), "theme", path.basename(icon.url));
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, icon.content);
    }
    return { src: icon.url, file, stamp: icon.url, usedBy: { file: `_includes/assets/${PUBLISHER_ICON}`, field: "logo" } };
  }

  /** Publishes media/ and public/ as they are, in the run that writes the other files; their paths in the output. */
  publishStaticFiles(paths: SitePaths, output: string): string[] {
    if (!this.newsroom || !this.share.others) return [];
    const withheld = this.newsroom.withheldFiles;
    return [...publishFolder(paths.media, path.join(output, SITE_FOLDERS.media), withheld), ...publishFolder(paths.public, output, withheld)];
  }

  /** Publishes the build's photo renditions into the output folder (in the run that writes the other files). */
  async publishPhotos(paths: SitePaths, output: string): Promise<{ library: PhotoLibrary; files: string[] } | undefined> {
    if (!this.photoLibrary || !this.share.others) return undefined;
    const library = await this.photoLibrary;
    return { library, files: library.publish(photoCache(paths.input, this.env), output) };
  }

  /** Every language's interface words for this build: the theme's tables, the site's own, site.json's `labels`. */
  labels(paths: SitePaths): LabelBook {
    const newsroom = this.current(paths);
    if (!this.labelBook) {
      const own = path.resolve(paths.includes) !== THEME_DIR;
      const relative = (file: string) => path.relative(paths.input, file).split(path.sep).join("/");
      const legacy = path.join(paths.includes, LEGACY_LABELS);
      this.labelBook = makeLabelBook({
        theme: readLabelFolder(path.join(THEME_DIR, LABELS_FOLDER), (file) => `${LABELS_FOLDER}/${file}`),
        site: own ? readLabelFolder(path.join(paths.includes, LABELS_FOLDER), (file) => relative(path.join(paths.includes, LABELS_FOLDER, file))) : new Map(),
        own: [
          ...(own && existsSync(legacy) ? [{ file: relative(legacy), labels: readLabelsFile(legacy, relative(legacy)) }] : []),
          ...(newsroom.site.labels ? [{ file: `_data/${DATA_FILES.site}`, field: "labels", labels: newsroom.site.labels }] : []),
        ],
        siteLanguage: newsroom.site.language,
      });
    }
    return this.labelBook;
  }

  /** The newsroom this build read: undefined before it began. */
  get built(): Newsroom | undefined {
    return this.newsroom;
  }

  /** The settings of the newsroom being built, as site.json's schema read them. */
  get site(): SiteConfig | undefined {
    return this.newsroom?.site;
  }

  get share(): RenderShare {
    return this.plan.shares[this.run] ?? { articles: [], fronts: [], redirects: [], ninjs: [], others: false };
  }

  /** The build command runs Eleventy again while this is true: its plan has passes left. */
  get unfinished(): boolean {
    return this.newsroom !== undefined && this.run < this.plan.shares.length;
  }

  /** Each page Eleventy writes moves the progress line on. */
  rendered(): void {
    this.progress?.tick();
  }

  /**
   * Counts the files render workers wrote for this build (see src/publish/workers.ts) into its
   * summary, which then gives the time until the last of them was written.
   */
  addWrittenElsewhere(files: number): void {
    if (!this.newsroom || this.summary === undefined) return;
    this.files += files;
    this.summary = this.summarize(this.newsroom);
  }

  /** Called with what an Eleventy run wrote; the last run of a build ends it with the summary line. */
  endRun(results: readonly { outputPath?: string | false }[], copied: readonly string[] = [], photos?: PhotoLibrary): void {
    this.running = false;
    if (!this.newsroom) return;
    this.lastRunFiles = [...results.flatMap((result) => (result.outputPath ? [result.outputPath] : [])), ...copied];
    if (photos) this.photoFigures = photos;
    this.files += results.length;
    this.run++;
    if (this.unfinished) return;
    this.progress?.end();
    this.summary = this.summarize(this.newsroom);
    (this.options.onSummary ?? console.log)(this.summary);
  }

  /** The closing line as of now: the build's time counts to this moment. */
  private summarize(newsroom: Newsroom): string {
    return buildSummary(newsroom, this.files, (performance.now() - this.startedAt) / 1000, this.plan.unchanged, this.photoFigures);
  }

  private begin(paths: SitePaths): void {
    if (this.builds++ > 0) this.startedAt = performance.now();
    this.newsroom = undefined;
    this.photoLibrary = undefined;
    this.photoFigures = undefined;
    this.labelBook = undefined;
    const warn = (warnings: readonly string[]) => this.options.quiet || warnings.forEach((warning) => console.warn(`[dateline] warning: ${warning}`));
    let newsroom: Newsroom;
    try {
      newsroom = loadNewsroom(paths, this.options.clock ?? buildClock(this.env), { preview: this.preview, cacheFolder: path.join(cacheFolder(paths.input, this.env), "articles") });
      if (this.themeRenderer) newsroom.themeAssets = themeAssets((template) => this.themeRenderer!(template, { newsroom }), newsroom.site.search);
    } catch (error) {
      if (error instanceof ContentValidationError) warn(error.warnings);
      throw error;
    }
    warn(newsroom.warnings);
    this.plan = this.options.plan?.(newsroom, paths) ?? { shares: [{ articles: newsroom.articles, fronts: newsroom.fronts, redirects: newsroom.redirects, ninjs: newsroom.site.ninjs ? newsroom.articles : [], others: true }], unchanged: 0 };
    this.newsroom = newsroom;
    this.run = 0;
    this.files = 0;
    this.summary = undefined;
    this.progress = this.options.quiet ? undefined : new Progress(pagesToRender(newsroom, this.plan.shares), performance.now(), process.stderr, this.env);
  }
}
