import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hash } from "../content/hash.ts";
import type { FrontPage } from "../model/fronts.ts";
import type { Newsroom, PublishedArticle } from "../model/newsroom.ts";
import type { RenderShare } from "../eleventy/session.ts";

/**
 * Eleventy renders on one core. A large build therefore hands part of its pages to render workers:
 * other processes of the same build, each reading the newsroom for itself (from the article cache the
 * build has just written) and rendering its share into the same folder, while the build renders its
 * own. Worth it only for a build with many pages to render: a worker's start and its reading of the
 * newsroom cost a second or two.
 */

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../bin/dateline.js");

/** At most this many workers: each holds a newsroom of its own, and memory, not cores, is what large sites run out of. */
const MAX_WORKERS = 3;

/** Fewer pages than this to render, and the build renders them alone (unless DATELINE_WORKERS asks for workers). */
export const WORKER_MIN_PAGES = 3_000;

/**
 * How many render workers a build with `pages` to render starts: DATELINE_WORKERS when set (0 turns
 * them off), else, from WORKER_MIN_PAGES pages, one fewer than the cores this process may use, at
 * most MAX_WORKERS.
 */
export function renderWorkers(pages: number, env: NodeJS.ProcessEnv = process.env): number {
  const wanted = Number(env.DATELINE_WORKERS);
  if (env.DATELINE_WORKERS !== undefined && env.DATELINE_WORKERS !== "" && Number.isInteger(wanted) && wanted >= 0) return pages > 0 ? wanted : 0;
  return pages >= WORKER_MIN_PAGES ? Math.min(MAX_WORKERS, availableParallelism() - 1) : 0;
}

/** A share of pages named by their addresses, as it crosses to a worker (redirect pages stay with the build). */
export interface ShareAddresses {
  articles: string[];
  fronts: string[];
  ninjs: string[];
}

/** What a worker is given: the build's site, folder and clock, what its newsroom must be, and its shares. */
export interface WorkerJob {
  input: string;
  config: string;
  folder: string;
  besides: string[];
  /** The build clock, as the build's newsroom has it (`buildTime`). */
  clock: string;
  /** A preview build's (`npm start`): drafts and held-back stories shown. */
  preview: boolean;
  /** The newsroom the build planned with (newsroomDigest): a worker that reads another stops. */
  digest: string;
  shares: ShareAddresses[];
}

/** What a worker reports: every file it wrote, or why it failed. */
export type WorkerResult = { files: string[] } | { error: string };

export const shareAddresses = (share: RenderShare): ShareAddresses => ({
  articles: share.articles.map((article) => article.url),
  fronts: share.fronts.map((front) => front.url),
  ninjs: share.ninjs.map((article) => article.url),
});

/** A share named by addresses, as pages of the worker's own newsroom. */
export function resolveShare(newsroom: Newsroom, share: ShareAddresses): RenderShare {
  const find = <T>(items: readonly T[], url: (item: T) => string) => {
    const byUrl = new Map(items.map((item) => [url(item), item]));
    return (wanted: string) => {
      const found = byUrl.get(wanted);
      if (!found) throw new Error(`a render worker found no page at ${wanted}: the content changed while the site was being built; build again`);
      return found;
    };
  };
  const article = find<PublishedArticle>(newsroom.articles, (a) => a.url);
  const front = find<FrontPage>(newsroom.fronts, (f) => f.url);
  return { articles: share.articles.map(article), fronts: share.fronts.map(front), redirects: [], ninjs: share.ninjs.map(article), others: false };
}

/** What a page of this newsroom can show: the theme and code (`code`), its settings, its articles and comments as files, its chrome's lists. */
export function newsroomDigest(newsroom: Newsroom, code: string): string {
  return hash(
    code,
    JSON.stringify(newsroom.site),
    JSON.stringify(newsroom.sitePhotos.map((photo) => [photo.src, photo.stamp])),
    newsroom.buildTime,
    newsroom.articles.map((article) => `${article.url} ${article.fingerprint}`).join("\n"),
    newsroom.popular.map((article) => article.url).join(" "),
    String(newsroom.fronts.length),
  );
}

/**
 * Pages the build renders, beyond an even share, while a worker starts and reads the newsroom for
 * itself (about 4 s at 10,000 articles, measured), less what the build's own other pages (feeds,
 * sitemaps, home, indexes) cost: so that the build and its workers finish together.
 */
export const WORKER_HEAD_START = 800;

/**
 * Shares out the pages to render between the build (the first part) and `workers` workers: fronts,
 * articles and ninjs files in turn, cut into contiguous parts, the build's larger by `headStart` pages a worker.
 */
export function shareOut<T extends { fronts: readonly FrontPage[]; articles: readonly PublishedArticle[]; ninjs: readonly PublishedArticle[] }>(
  pages: T,
  workers: number,
  headStart = WORKER_HEAD_START,
): { fronts: FrontPage[]; articles: PublishedArticle[]; ninjs: PublishedArticle[] }[] {
  const all = [...pages.fronts.map((page) => ["fronts", page] as const), ...pages.articles.map((page) => ["articles", page] as const), ...pages.ninjs.map((page) => ["ninjs", page] as const)];
  const parts = workers + 1;
  const own = Math.min(all.length, Math.floor((all.length + headStart * workers) / parts));
  const rest = all.length - own;
  const bounds = [0, own, ...Array.from({ length: workers }, (_, i) => own + Math.round((rest * (i + 1)) / workers))];
  return Array.from({ length: parts }, (_, i) => {
    const part = { fronts: [] as FrontPage[], articles: [] as PublishedArticle[], ninjs: [] as PublishedArticle[] };
    for (const [kind, page] of all.slice(bounds[i], bounds[i + 1])) (part[kind] as (FrontPage | PublishedArticle)[]).push(page);
    return part;
  });
}

/** A worker rendering its shares; `done` resolves with the files it wrote, and rejects with why it failed. */
export interface RunningWorker {
  done: Promise<string[]>;
  stop(): void;
}

/**
 * Starts a render worker: the same Node, with the same flags, running `dateline render-worker` on a
 * job file. (Not sent over the IPC channel: the message would wait for this process's event loop,
 * which Eleventy keeps busy for seconds at a time while it renders.) The worker ends itself if this
 * process goes (its IPC channel closes), so none outlives its build.
 */
export function startWorker(job: WorkerJob, env: NodeJS.ProcessEnv): RunningWorker {
  const folder = mkdtempSync(path.join(tmpdir(), "dateline-worker-"));
  const file = path.join(folder, "job.json");
  const cleanUp = () => rmSync(folder, { recursive: true, force: true });
  let child: ChildProcess;
  try {
    writeFileSync(file, JSON.stringify(job));
    child = spawn(process.execPath, [...process.execArgv.filter((flag) => !flag.startsWith("--inspect")), BIN, "render-worker", file], {
      cwd: process.cwd(),
      env,
      // Eleventy's own lines ("Wrote 4,000 files") are the build's to print; a failure's are shown as they come.
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
  } catch (error) {
    cleanUp();
    throw error;
  }
  const done = new Promise<string[]>((resolve, reject) => {
    let result: WorkerResult | undefined;
    child.on("message", (message) => (result = message as WorkerResult));
    child.on("error", (error) => {
      cleanUp();
      reject(error);
    });
    // `close`, not `exit`: by then the IPC channel has delivered every message.
    child.on("close", (code, signal) => {
      cleanUp();
      if (code === 0 && result && "files" in result) resolve(result.files);
      else reject(new Error(result && "error" in result ? result.error : `a render worker stopped (${signal ?? `exit code ${code}`}) before it had written its pages`));
    });
  });
  // Handled here too: a worker may fail while the build is still rendering, before anything awaits it.
  done.catch(() => undefined);
  return {
    done,
    stop: () => {
      child.kill();
      cleanUp();
    },
  };
}

/**
 * Starts a worker for each list of shares; if one cannot be started, those already started are
 * stopped and the error is thrown.
 */
export function startWorkers(jobs: readonly WorkerJob[], env: NodeJS.ProcessEnv): RunningWorker[] {
  const started: RunningWorker[] = [];
  try {
    for (const job of jobs) started.push(startWorker(job, env));
  } catch (error) {
    for (const worker of started) worker.stop();
    throw error;
  }
  return started;
}
