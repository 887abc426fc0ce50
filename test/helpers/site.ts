import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { load, type CheerioAPI } from "cheerio";
import { DateTime } from "luxon";
import { ContentValidationError, describeProblem } from "../../src/content/errors.ts";
import { loadNewsroom, type Newsroom } from "../../src/model/newsroom.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(ROOT, "test/fixtures");

export interface BuiltSite {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
  /** Output files, relative to the output folder, with forward slashes. */
  files(): string[];
  read(file: string): string;
  /** The page at a site URL, e.g. `/news/russia/slug/`, parsed. */
  page(url: string): CheerioAPI;
  /** Every output file's text, for "appears nowhere" checks. */
  everything(): string;
}

/** Writes a small site (path → content) into a fresh temp folder and returns its path. */
export function writeSite(files: Record<string, string>, base?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "dateline-site-"));
  if (base) cpSync(base, dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the project's commands as npm's scripts do, from the project folder: a Dateline command
 * (`build`, `check`, `next-build`) through bin/dateline.js, or a TypeScript file (`bench/run.ts`).
 * SOURCE_DATE_EPOCH is the test's to set: the caller's own is not passed on.
 */
export function runScript(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<Ran> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, SOURCE_DATE_EPOCH: undefined, ...env };
  for (const key of Object.keys(childEnv)) if (childEnv[key] === undefined) delete childEnv[key];
  return new Promise((resolve) => {
    const command = script.endsWith(".ts") ? ["--import", "tsx", path.join(ROOT, script)] : [path.join(ROOT, "bin/dateline.js"), script];
    execFile(process.execPath, ["--expose-gc", ...command, ...args], { cwd: ROOT, env: childEnv, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Builds a site folder with the real command a newsroom runs (`npm run build`), into a fresh output folder or `output`. */
export async function buildSite(input: string, env: Record<string, string | undefined> = {}, output = path.join(mkdtempSync(path.join(tmpdir(), "dateline-out-")), "_site")): Promise<BuiltSite> {
  const { code, stdout, stderr } = await runScript("build", [`--input=${input}`, `--output=${output}`], env);
  return builtSite(output, code, stdout, stderr);
}

/** Eleventy's timing notes, printed when a step took a large share of a build on a busy machine: not the build's output. */
const BENCHMARK_NOTE = /^\[11ty\] Benchmark .*\n?/gm;

function builtSite(output: string, code: number, stdout: string, stderrWithNotes: string): BuiltSite {
  const stderr = stderrWithNotes.replace(BENCHMARK_NOTE, "");
  const files = () =>
    (existsSync(output) ? readdirSync(output, { recursive: true, withFileTypes: true }) : [])
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(output, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
      .sort();
  const read = (file: string) => readFileSync(path.join(output, file), "utf8");
  return {
    code,
    stdout,
    stderr,
    output,
    files,
    read,
    page: (url: string) => load(read(url.endsWith("/") ? `${url.slice(1)}index.html` : url.slice(1))),
    everything: () => files().map(read).join("\n"),
  };
}

/** Seconds since the epoch for an ISO time, as SOURCE_DATE_EPOCH takes it. */
export function epoch(iso: string): string {
  return String(Math.floor(Date.parse(iso) / 1000));
}

/** The sample site's content (articles, site.json, comments) in a temp folder, plus extra files. */
export function sampleSiteWith(files: Record<string, string>): string {
  const dir = writeSite(files);
  for (const folder of ["posts", "_data", "media"]) cpSync(path.join(ROOT, folder), path.join(dir, folder), { recursive: true });
  return dir;
}

/** A site folder's folders, as the plugin gives them to a build session. */
export const sitePaths = (input: string) => ({
  input,
  posts: path.join(input, "posts"),
  data: path.join(input, "_data"),
  public: path.join(input, "public"),
  media: path.join(input, "media"),
  includes: path.join(input, "_includes"),
});

export interface ReadNewsroom {
  newsroom?: Newsroom;
  /** Every problem, as the build prints it: `file: field: message`. */
  problems: string[];
  /** Every warning, as the build prints it after `[dateline] warning: `. */
  warnings: string[];
}

/** Reads a site's content in this process, as a build's first step does, at the build clock `now`. */
export function readNewsroom(input: string, now: string): ReadNewsroom {
  try {
    const newsroom = loadNewsroom(sitePaths(input), DateTime.fromISO(now, { zone: "utc" }));
    return { newsroom, problems: [], warnings: [...newsroom.warnings] };
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    return { problems: error.problems.map(describeProblem), warnings: [...error.warnings] };
  }
}

/** Every file of a folder (relative paths, forward slashes) with a hash of its bytes, so two builds compare exactly; {} for no folder. */
export function snapshot(folder: string): Record<string, string> {
  if (!existsSync(folder)) return {};
  return Object.fromEntries(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name))
      .map((file) => [path.relative(folder, file).split(path.sep).join("/"), createHash("sha256").update(readFileSync(file)).digest("hex")]),
  );
}

/** The lines a build printed about problems and warnings, without Eleventy's prefixes. */
export function reported(stderr: string): { errors: string[]; warnings: string[] } {
  const lines = stderr.split("\n").map((line) => line.replace(/^\[11ty\]\s*/, "").replace(/ \(via ContentValidationError\)$/, "").trim());
  return {
    errors: [...new Set(lines.filter((line) => /^(posts|_data|media|public)\/|^SOURCE_DATE_EPOCH:/.test(line)))].sort(),
    warnings: [...new Set(lines.filter((line) => line.startsWith("[dateline] warning: ")).map((line) => line.replace("[dateline] ", "")))].sort(),
  };
}

/** A fixture's expected.txt: the exact problems, and the warnings (lines starting `warning: `), its build prints. */
export function expectedLines(fixture: string): { errors: string[]; warnings: string[] } {
  const lines = readFileSync(path.join(fixture, "expected.txt"), "utf8").split("\n").filter((line) => line && !line.startsWith("#"));
  return { errors: lines.filter((line) => !line.startsWith("warning: ")).sort(), warnings: lines.filter((line) => line.startsWith("warning: ")).sort() };
}
