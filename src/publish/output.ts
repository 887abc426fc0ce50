import { existsSync, lstatSync, readdirSync, realpathSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Eleventy } from "@11ty/eleventy";
import { inside, removeStale } from "../content/files.ts";
import { DATA_FILES } from "../content/folders.ts";
import datelinePlugin, { BuildSession, SITE_FOLDERS, THEME_DIR, type EleventyConfig } from "../eleventy/plugin.ts";
import type { SitePaths } from "../eleventy/session.ts";
import type { Newsroom } from "../model/newsroom.ts";
import { lockOutput } from "./lock.ts";
import { pagesPerPass, splitIntoPasses } from "./passes.ts";
import { newsroomDigest, renderWorkers, shareAddresses, shareOut, startWorkers, WORKER_HEAD_START, type RunningWorker } from "./workers.ts";
import { changedFeeds, pingHub } from "./websub.ts";
import { copyReused, filesFingerprint, manifestFile, planReuse, readManifest, recordSearch, writeManifest, type ReusePlan } from "./reuse.ts";
import { describeIndex, indexSite, SEARCH_FOLDER } from "../eleventy/search-index.ts";
import { mirrorBundle, searchKeys, searchTiming, type SearchRecord } from "./search.ts";

export interface BuildOptions {
  input: string;
  config: string;
  quiet: boolean;
  env?: NodeJS.ProcessEnv;
  /** The newsroom's preview (`npm start`): drafts and held-back stories shown, bannered, not for indexing. */
  preview?: boolean;
  /** performance.now() when the build was asked for; unset, the process's start. */
  startedAt?: number;
}

/** The build failed in Eleventy (which has printed why, content problems included): nothing was published. */
export class RenderError extends Error {
  constructor(cause: unknown) {
    super("the site could not be rendered", { cause });
    this.name = "RenderError";
  }
}

/** A build stopped by Dateline itself while publishing; the message says what failed. */
export class PublishError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PublishError";
  }
}

/** A build refused before it touched anything: the output folder given is not one a build may replace. */
export class OutputRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputRefusedError";
  }
}

const GENERATOR_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LOCKFILE = path.resolve(GENERATOR_DIR, "../package-lock.json");

/** Everything besides the content that pages are made from: the theme, the site's config and data files, the generator. */
export function codeFingerprint(paths: SitePaths, config: string): string {
  return filesFingerprint(
    // The site's own lockfile too: installed as a package, Dateline has none, and an upgrade of
    // markdown-it or nunjucks changes pages as surely as an edit of the theme.
    [THEME_DIR, paths.includes, GENERATOR_DIR, LOCKFILE, path.join(paths.input, "package-lock.json"), path.resolve(config), paths.data],
    (file) => file === path.join(paths.data, DATA_FILES.site) || file === path.join(paths.data, DATA_FILES.comments),
  );
}

/**
 * Runs Eleventy over the site into `folder` for every run the session's plan asks for, and returns
 * the absolute paths of every file written. Rejects with RenderError if Eleventy failed. `besides` are
 * the build's other folders, which Eleventy knows nothing of: a `.njk` file copied from public/ into
 * the published or the set-aside folder must not be read back as a template. (The input is given as
 * an absolute path: Eleventy mistakes ignores, its output folder's among them, for a site at ../site.)
 */
export async function render(folder: string, options: BuildOptions, session: BuildSession, besides: readonly string[] = []): Promise<Set<string>> {
  const written = new Set<string>();
  do {
    const eleventy = new Eleventy(options.input, folder, {
      configPath: options.config,
      quietMode: options.quiet,
      config: (config: EleventyConfig) => {
        for (const other of besides) config.ignores.add(`${path.relative(process.cwd(), other)}/**`);
        config.addPlugin(datelinePlugin, { session });
      },
    });
    try {
      await eleventy.write();
    } catch (error) {
      throw new RenderError(error);
    }
    for (const file of session.lastRunFiles) written.add(path.resolve(file));
    // The finished pass's pages are garbage now; collecting them before the next pass keeps the peak
    // at one pass's worth (the build command runs node with --expose-gc).
    (globalThis as { gc?: () => void }).gc?.();
  } while (session.unfinished);
  return written;
}

/** Where a path really is, with every symbolic link in the folders above it resolved; it need not exist yet. */
function realLocation(target: string): string {
  let dir = path.resolve(target);
  const rest: string[] = [];
  while (!existsSync(dir) && path.dirname(dir) !== dir) {
    rest.unshift(path.basename(dir));
    dir = path.dirname(dir);
  }
  return path.join(realpathSync(dir), ...rest);
}

const lstat = (file: string) => {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
};

/** A folder that holds a site or a repository, whatever its name: a build would delete what is there. */
const HOLDS_A_PROJECT = [SITE_FOLDERS.posts, "package.json", ".git"];

/**
 * The output folder is replaced wholesale by each build, and its spare folder is emptied of all the
 * build did not write, so neither may be anything but a folder of the build's own: not the project,
 * the input folder or anything above them, not a content folder, not a link (whatever it points to
 * would be emptied), not a folder of other files.
 */
export function checkOutput(output: string, input: string): void {
  const refuse = (why: string) => {
    throw new OutputRefusedError(`--output=${output} ${why}; choose a folder of its own, such as _site`);
  };
  if (/\.(spare|previous|search)$/.test(output)) refuse("is named like the folder a build keeps beside its output");
  for (const folder of [output, `${output}.spare`, `${output}.previous`, `${output}.search`]) {
    const stat = lstat(folder);
    const what = folder === output ? "is" : `has ${path.basename(folder)} beside it, which is`;
    if (stat?.isSymbolicLink()) refuse(`${what} a symbolic link: a build would replace and empty what it points to`);
    if (stat && !stat.isDirectory()) refuse(`${what} a file, not a folder`);
    if (stat && HOLDS_A_PROJECT.some((name) => existsSync(path.join(folder, name)))) refuse(`${what} a folder holding a site or a repository (${HOLDS_A_PROJECT.join(", ")})`);
  }
  const real = realLocation(output);
  const site = realpathSync(input);
  for (const project of new Set([site, realpathSync(process.cwd())])) {
    if (inside(project, real)) refuse(`is ${real === project ? "" : "a parent of "}the site's own folder, which every build would replace`);
  }
  for (const folder of [SITE_FOLDERS.posts, SITE_FOLDERS.media, SITE_FOLDERS.public, "_data", "_includes"]) {
    if (inside(real, path.join(site, folder))) refuse(`is inside the site's ${folder}/ folder`);
  }
  // A first build may go into a new or empty folder; after that the folder has its manifest beside it.
  const built = existsSync(manifestFile(output)) || existsSync(path.join(output, "index.html"));
  if (existsSync(output) && readdirSync(output).length > 0 && !built) refuse("holds files no build wrote (no index.html in it, no manifest beside it): empty it first if it is yours to replace");
}

/** Set DATELINE_CRASH_AT to a step's name to kill the build there: the fault-injection tests prove every step is safe. */
export function crashPoint(env: NodeJS.ProcessEnv, step: string): void {
  if (env.DATELINE_CRASH_AT === step) process.kill(process.pid, "SIGKILL");
}

/** `a` takes `b`'s place and `b` takes `a`'s, through `<b>.previous`; `b` need not exist. */
function swap(a: string, b: string, env: NodeJS.ProcessEnv, step: string): void {
  const aside = `${b}.previous`;
  if (!existsSync(b)) {
    if (existsSync(a)) renameSync(a, b);
    return;
  }
  renameSync(b, aside);
  crashPoint(env, `${step}-aside`);
  if (existsSync(a)) renameSync(a, b);
  crashPoint(env, `${step}-in`);
  renameSync(aside, a);
}

/**
 * Puts right what a build that died while publishing left behind. Its folders are always whole (a
 * build swaps only finished folders), so each is put back in its place: a published folder set aside
 * and never replaced is published again. A manifest that no longer matches its folder is ignored
 * when read.
 */
function recover(output: string, spare: string): void {
  for (const [place, aside] of [[output, `${output}.previous`], [manifestFile(output), `${manifestFile(output)}.previous`]] as const) {
    if (!existsSync(aside)) continue;
    const own = place === output ? spare : manifestFile(spare);
    if (!existsSync(place)) renameSync(aside, place);
    else if (!existsSync(own)) renameSync(aside, own);
    else rmSync(aside, { recursive: true, force: true });
  }
}

export interface PublishOptions extends BuildOptions {
  /** How long to wait for another build publishing the same folder. */
  waitSeconds?: number;
  /** Called the moment the new site is published, before a search index that follows it is written. */
  onPublished?: (session: BuildSession) => void;
  /** Where the account of the search index goes (after onPublished); unset, nowhere. */
  report?: (line: string) => void;
}

/** Indexes the built folder `site`, through the scratch folder beside `output`; returns the summary's line. */
async function indexFolder(site: string, output: string, stories: number, when: "before" | "after"): Promise<string> {
  return describeIndex(await indexSite({ folder: site }, site, `${output}.search`, stories), when);
}

/**
 * Builds the site and publishes it atomically at `output`. The build is written into `<output>.spare`,
 * the folder the previous build was published from: writing over existing files and folders is several
 * times faster than creating tens of thousands of new ones (measured: 0.9 s against 5 to 8 s for 6,500
 * pages on ext4), and nothing has to be deleted but the pages that are gone. Only when everything
 * succeeded do renames swap it with the published folder, so readers never see half a site and a
 * failed build leaves `output` exactly as it was. The search index may follow the published site
 * (see search.ts); if writing it fails, that is a warning, not a failed build. Returns the session,
 * whose summary is the build's.
 */
export async function buildAndPublish(output: string, options: PublishOptions): Promise<BuildSession> {
  const env = options.env ?? process.env;
  checkOutput(output, options.input);
  const release = await lockOutput(output, options.waitSeconds ?? 1800, (message) => console.warn(`[dateline] ${message}`));
  try {
    const spare = `${output}.spare`;
    recover(output, spare);
    const own = readManifest(spare, output);
    const previous = readManifest(output, spare);
    // The spare's manifest describes it only until this build starts writing into it.
    rmSync(manifestFile(spare), { force: true });

    let reuse: { plan: ReusePlan; copying: Promise<unknown> } | undefined;
    let search: { stories: Record<string, string> } | undefined;
    let starting: Promise<RunningWorker[]> = Promise.resolve([]);
    let stopped = false;
    const besides = [output, `${output}.previous`];
    const plan = (newsroom: Newsroom, paths: SitePaths) => {
      const code = codeFingerprint(paths, options.config);
      const reusePlan = planReuse(newsroom, code, spare, output, own, previous);
      search = newsroom.site.search ? { stories: searchKeys(newsroom, code) } : undefined;
      // Caught now so that a failed copy cannot become an unhandled rejection while Eleventy renders.
      reuse = { plan: reusePlan, copying: copyReused(reusePlan, spare, output).then(() => undefined, (error: unknown) => error) };
      const pages = reusePlan.fronts.length + reusePlan.articles.length + reusePlan.ninjs.length;
      const helpers = renderWorkers(pages, env);
      const [mine, ...others] = shareOut(reusePlan, helpers, Math.min(WORKER_HEAD_START, Math.floor(pages / (helpers + 2))));
      const theirs = others.filter((part) => part.fronts.length + part.articles.length + part.ninjs.length > 0);
      // Each process holds one pass of pages at a time: smaller passes keep all of them together in the memory one would take.
      const size = Math.ceil(pagesPerPass(env) / (helpers + 1));
      if (theirs.length > 0) {
        const job = { input: options.input, config: options.config, folder: spare, besides, clock: newsroom.buildTime, preview: newsroom.preview, digest: newsroomDigest(newsroom, code) };
        const jobs = theirs.map((part) => ({ ...job, shares: splitIntoPasses(part.articles, part.fronts, [], part.ninjs, size).map(shareAddresses) }));
        // Once this plan is in place and the build's photos are developed (the workers find them in
        // the cache); not at all once the build has stopped.
        starting = new Promise<void>((resolve) => setImmediate(resolve))
          .then(() => session.photos(paths))
          .then(() => (stopped ? [] : startWorkers(jobs, env)));
        // Awaited once the build's own pages are rendered; handled now, as it may fail before that.
        starting.catch(() => undefined);
      }
      return { shares: splitIntoPasses(mine!.articles, mine!.fronts, reusePlan.redirects, mine!.ninjs, size), unchanged: reusePlan.kept.length + reusePlan.copied.length };
    };
    const session = new BuildSession({ env, preview: options.preview ?? false, startedAt: options.startedAt, plan, onSummary: () => undefined });
    let written: Set<string>;
    try {
      written = await render(spare, options, session, besides);
      const workers = await starting.catch((error: unknown) => Promise.reject(new RenderError(error)));
      for (const files of await Promise.all(workers.map((worker) => worker.done.catch((error: unknown) => Promise.reject(new RenderError(error)))))) {
        for (const file of files) written.add(file);
        session.addWrittenElsewhere(files.length);
      }
    } finally {
      stopped = true;
      for (const worker of await starting.catch(() => [])) worker.stop();
      const failed = await reuse?.copying;
      if (failed) throw new PublishError(`could not copy unchanged pages into ${spare}: ${(failed as Error).message}`, { cause: failed });
    }
    crashPoint(env, "rendered");
    const kept = reuse ? [...reuse.plan.kept, ...reuse.plan.copied].map((file) => path.join(spare, file)) : [];

    // The published index comes along unless this build must write its own first (see search.ts),
    // from the finished folder alone: what the build did not write is gone before anything is indexed.
    let record: SearchRecord | undefined;
    let follow: Record<string, string> | undefined;
    const lines: string[] = [];
    const live = search && previous.search && existsSync(path.join(output, SEARCH_FOLDER)) ? previous.search : undefined;
    const carried = search && live ? mirrorBundle(path.join(output, SEARCH_FOLDER), path.join(spare, SEARCH_FOLDER)) : [];
    removeStale(spare, new Set([...written, ...kept, ...carried]));
    if (search) {
      const timing = searchTiming(live, search.stories);
      if (timing === "now") {
        try {
          lines.push(await indexFolder(spare, output, Object.keys(search.stories).length, "before"));
          record = { stories: search.stories };
        } catch (error) {
          // A story taken down must go, index or not: the site is published without search, which
          // says it could not load, and the next build indexes again.
          rmSync(path.join(spare, SEARCH_FOLDER), { recursive: true, force: true });
          lines.push(`warning: ${(error as Error).message}; the site is published without a search index until the next build writes one`);
        }
      } else {
        record = live;
        if (timing === "after") follow = search.stories;
      }
    }
    if (reuse) writeManifest(spare, { ...reuse.plan.manifest, ...(record && { search: record }) }, reuse.plan.keptStamps);
    // Which feeds this build changes, read before the swap while both folders are where they were.
    const newsroom = session.built;
    const feeds = newsroom?.site.hub ? changedFeeds(newsroom, spare, output) : [];
    crashPoint(env, "manifest");
    swap(spare, output, env, "swap");
    crashPoint(env, "swapped");
    swap(manifestFile(spare), manifestFile(output), env, "manifest-swap");
    options.onPublished?.(session);
    if (newsroom?.site.hub) lines.push(...(await pingHub(newsroom.site.hub, feeds)));
    if (follow) {
      // Until the new index is recorded, the manifest says none is: a build that dies between the
      // two leaves the next one to index before it publishes, never to trust an index it did not record.
      recordSearch(output, undefined);
      crashPoint(env, "search-follows");
      try {
        lines.push(await indexFolder(output, output, Object.keys(follow).length, "after"));
        recordSearch(output, { stories: follow });
      } catch (error) {
        // The site is published; its search still answers from the previous index until the next build.
        lines.push(`warning: ${(error as Error).message}; the site is published, and its search still finds the stories of the previous index`);
      }
    }
    for (const line of lines) options.report?.(line);
    return session;
  } catch (error) {
    // Only the holder of the lock may move folders: put back whatever this build had set aside.
    recover(output, `${output}.spare`);
    throw error;
  } finally {
    release();
  }
}

/** Builds into a fresh scratch folder that nothing publishes (`npm run check`); returns the session. */
export async function buildScratch(folder: string, options: BuildOptions): Promise<BuildSession> {
  rmSync(folder, { recursive: true, force: true });
  const session = new BuildSession({ env: options.env ?? process.env, preview: false, onSummary: () => undefined });
  await render(folder, options, session);
  if (session.built?.site.search) await indexFolder(folder, folder, session.built.articles.length, "before");
  return session;
}
