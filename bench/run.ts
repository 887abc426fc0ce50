/**
 * `npm run bench`: builds the same synthetic newsroom with Dateline, with a bare Eleventy site and with
 * Hugo (when installed), interleaved, and prints median wall and CPU seconds, peak memory (of all a
 * build's processes together), pages written, time a page and the ratios. Every measured build is a
 * full one (each tool writes into the output folder its previous run left, and Dateline keeps no page
 * from it). Dateline builds without its search index here, as the baselines have none (`--search`
 * measures it). Then it measures republishing into a newsroom with search and photos, as a newsroom
 * publishes: one new story, and one corrected typo, timed until the new site is live.
 *
 *   npm run bench                      N = 1,000 and 10,000, 3 runs after a warm-up; then the
 *                                      republish of one new story and of one corrected typo into
 *                                      10,000 stories, against Hugo's full build in the same run
 *   npm run bench -- --large           adds N = 50,000 (one run, no warm-up; Eleventy left out
 *                                      above --eleventy-max, default 20,000: over 5 minutes a run)
 *   npm run bench -- --huge            adds N = 100,000, and a republish into it
 *   npm run bench -- --sizes=200 --runs=1 --republish=200 --skip-warm-up    a quick look
 *   npm run bench -- --write           also records the results in BENCHMARKS.md
 *   npm run bench -- --photos          Dateline with a 3000-pixel photo on every 20th article: the first
 *                                      build (no photo cache) and full builds with a warm cache, against
 *                                      the same site without photos
 *   npm run bench -- --search          the search index: its time, size and files in a full build, and
 *                                      a republish after one new story: when the site is live, and
 *                                      when the index that follows it is
 *   npm run bench -- --import          npm run import:wordpress on a synthetic 10,000-post export (about
 *                                      200 MB; --sizes sets the posts): a first import into an empty
 *                                      site, and the same export again (which changes nothing)
 */
import { execFile, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { addPhotos, article, generateSite, siteJson, writeArticle } from "./generate.ts";
import { writeExport } from "./wordpress.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TIME = "/usr/bin/time";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000" },
    large: { type: "boolean", default: false },
    huge: { type: "boolean", default: false },
    "eleventy-max": { type: "string", default: "20000" },
    runs: { type: "string", default: "3" },
    republish: { type: "string", default: "10000" },
    write: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    "skip-warm-up": { type: "boolean", default: false },
    photos: { type: "boolean", default: false },
    search: { type: "boolean", default: false },
    import: { type: "boolean", default: false },
  },
});
const sizes = values.sizes.split(",").map(Number).concat(values.large ? [50_000] : [], values.huge ? [100_000] : []);
const runs = Number(values.runs);
/** Above this size a build takes minutes: one run each, no warm-up. */
const LARGE = 50_000;
const runsAt = (n: number) => (n >= LARGE ? 1 : runs);
const republishAt = new Set([Number(values.republish), ...(values.huge ? [100_000] : [])]);
const eleventyMax = Number(values["eleventy-max"]);

interface Measurement {
  wall: number;
  /** Seconds until the build printed its summary, the moment the new site was published. */
  live: number;
  /** What the build printed. */
  stdout: string;
  cpu: number;
  rssMiB: number | undefined;
  pages: number;
}

interface Tool {
  name: string;
  site: string;
  output: string;
  command: string[];
  /** Makes the next run a full build: Dateline would otherwise keep every unchanged page. */
  forgetPreviousBuild?: () => void;
}

const hasHugo = await commandExists("hugo");
const hasTime = existsSync(TIME);
const work = mkdtempSync(path.join(tmpdir(), "dateline-bench-"));
const results: { n: number; tool: string; median: Measurement }[] = [];
const republishes: Republish[] = [];
/** A Dateline build of a one-article site: the fixed cost the time a page is counted beyond. */
let startUp: Measurement | undefined;

interface Republish {
  n: number;
  photos: number;
  /** Hugo's full build of the same articles in this run, when Hugo is installed. */
  hugo: number | undefined;
  story: Measurement;
  typo: Measurement;
}

console.log(`Dateline benchmark: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${runs} runs${values["skip-warm-up"] ? ", no warm-up" : " after a warm-up"}; work in ${work}`);
if (!hasHugo) console.log("hugo is not installed (apt-get install -y hugo): Hugo is left out.");
if (!hasTime) console.log(`${TIME} is not installed (apt-get install -y time): peak memory is left out.`);

if (values.photos) {
  await benchPhotos();
  process.exit(0);
}
if (values.search) {
  await benchSearch();
  process.exit(0);
}

if (values.import) {
  await benchImport();
  process.exit(0);
}

{
  const base = datelineTool(path.join(work, "one"), path.join(work, "one-out"), "Dateline");
  generateSite(base.site, 1);
  setSearch(base.site, false);
  const samples: Measurement[] = [];
  for (let run = 0; run < runs + (values["skip-warm-up"] ? 0 : 1); run++) {
    base.forgetPreviousBuild!();
    samples.push(await measure(base));
  }
  startUp = medianOf(values["skip-warm-up"] ? samples : samples.slice(1));
  console.log(`one article: ${startUp.wall.toFixed(2)} s wall, ${startUp.pages} pages (the fixed cost of a build)`);
}

for (const n of sizes) {
  const tools = prepare(n);
  const full = (tool: Tool) => {
    tool.forgetPreviousBuild?.();
    return measure(tool);
  };
  // Warm-up: file caches, JIT, first-run costs, output folders.
  if (!values["skip-warm-up"] && n < LARGE) for (const tool of tools) await full(tool);
  const samples = new Map<string, Measurement[]>(tools.map((tool) => [tool.name, []]));
  for (let run = 0; run < runsAt(n); run++) {
    for (const tool of tools) samples.get(tool.name)!.push(await full(tool));
  }
  for (const tool of tools) {
    const median = medianOf(samples.get(tool.name)!);
    results.push({ n, tool: tool.name, median });
    console.log(`N=${n.toLocaleString("en")} ${tool.name.padEnd(9)} ${median.wall.toFixed(2)} s wall, ${median.cpu.toFixed(2)} s CPU, ${median.rssMiB ?? "?"} MiB, ${median.pages} pages`);
  }
  if (!values.keep) rmSync(path.join(work, String(n)), { recursive: true, force: true });
  if (republishAt.has(n)) {
    republishes.push(await benchRepublish(n, results.find((r) => r.n === n && r.tool === "Hugo")?.median.wall));
    const last = republishes.at(-1)!;
    console.log(`N=${n.toLocaleString("en")} republish: one new story live in ${last.story.live.toFixed(2)} s, one typo in ${last.typo.live.toFixed(2)} s`);
  }
}

const report = table();
console.log(`\n${report}`);
if (values.write) record(report);
if (!values.keep) rmSync(work, { recursive: true, force: true });

/**
 * A newsroom of N stories with search and a photo in every 20th story (50 at most), built and republished as a newsroom does: one new
 * story, then one typo corrected in an old story, each timed until the site is live (the search index
 * follows it). Two republishes first, unmeasured: the first after a full build also copies every
 * unchanged page into the folder it builds in.
 */
async function benchRepublish(n: number, hugo: number | undefined): Promise<Republish> {
  const base = path.join(work, `${n}-republish`);
  const tool = datelineTool(path.join(base, "site"), path.join(base, "out"), "Dateline");
  generateSite(tool.site, n);
  // From 50,000 stories on without search: each index that follows a republish takes minutes there.
  if (n >= LARGE) setSearch(tool.site, false);
  const photos = await addPhotos(tool.site, n, Math.max(20, Math.ceil(n / 50)));
  await measure(tool);
  let next = n;
  const newStory = () => {
    writeArticle(tool.site, "dateline", { ...article(next), date: new Date().toISOString().replace(/\.\d{3}Z$/, "Z") }, next);
    next++;
  };
  const old = Math.floor(n / 2) + 1;
  const typoFile = path.join(tool.site, "posts", String(Math.floor(old / 1000)), `${article(old).slug}.md`);
  // A word of the story's text, not of its headline or summary: nothing but its page and files changes.
  const typo = (run: number) => {
    const text = readFileSync(typoFile, "utf8");
    const end = text.indexOf("\n---\n") + 5;
    const body = text.slice(end);
    writeFileSync(typoFile, text.slice(0, end) + (run % 2 ? body.replace(" teh ", " the ") : body.replace(" the ", " teh ")));
  };
  for (let run = 0; run < 2; run++) {
    newStory();
    await measure(tool);
  }
  const stories: Measurement[] = [];
  const typos: Measurement[] = [];
  for (let run = 0; run < runsAt(n); run++) {
    newStory();
    stories.push(await measure(tool));
    typo(run);
    typos.push(await measure(tool));
  }
  if (!values.keep) rmSync(base, { recursive: true, force: true });
  return { n, photos, hugo, story: medianOf(stories), typo: medianOf(typos) };
}

function setSearch(site: string, on: boolean): void {
  const file = path.join(site, "_data/site.json");
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), search: on }, null, 2));
}

/** One photo in twenty articles: the cost of the first build with them, and of later full builds with the cache warm. */
async function benchPhotos(): Promise<void> {
  const lines = [
    "| N | photos | build | wall s (median) | CPU s (median) | peak RSS MiB | with photos / without (wall) |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const n of sizes) {
    const base = path.join(work, String(n));
    const plain = datelineTool(path.join(base, "plain"), path.join(base, "out-plain"), "without photos");
    generateSite(plain.site, n);
    const photos = datelineTool(path.join(base, "photos"), path.join(base, "out-photos"), "with photos");
    generateSite(photos.site, n);
    const count = await addPhotos(photos.site, n, 20);
    const cache = path.join(photos.site, ".cache");
    const full = (tool: Tool) => {
      tool.forgetPreviousBuild?.();
      return measure(tool);
    };
    // The first build develops every photo: one run, as a newsroom's first build (or CI without its cache) would.
    rmSync(cache, { recursive: true, force: true });
    const first = await full(photos);
    if (!values["skip-warm-up"]) await full(plain);
    const samples = { plain: [] as Measurement[], photos: [] as Measurement[] };
    for (let run = 0; run < runs; run++) {
      samples.plain.push(await full(plain));
      samples.photos.push(await full(photos));
    }
    const [without, warm] = [medianOf(samples.plain), medianOf(samples.photos)];
    const row = (build: string, m: Measurement) =>
      `| ${n.toLocaleString("en")} | ${count.toLocaleString("en")} | ${build} | ${m.wall.toFixed(2)} | ${Number.isNaN(m.cpu) ? "?" : m.cpu.toFixed(2)} | ${m.rssMiB ?? "?"} | ${m === without ? "" : (m.wall / without.wall).toFixed(2)} |`;
    lines.push(row("without photos", without), row("first, cache empty (one run)", first), row("full, cache warm", warm));
    console.log(lines.slice(-3).join("\n"));
    if (!values.keep) rmSync(base, { recursive: true, force: true });
  }
  console.log(`\n${lines.join("\n")}`);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}

/** The search index in a full build, and in a republish after one new story, where it follows the published site. */
async function benchSearch(): Promise<void> {
  const lines = [
    "| N | full build s | index s | index MB | index files | all files | republish: site live s | republish: index followed s |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  const figures = (m: Measurement) => {
    const match = /search: [\d,]+ stor(?:y|ies) in \d+ languages? indexed in ([\d.]+) s[^(]*\(([\d.]+) MB in ([\d,]+) files\)/.exec(m.stdout);
    if (!match) throw new Error(`no search line in:\n${m.stdout}`);
    return { seconds: Number(match[1]), mb: Number(match[2]), files: Number(match[3]!.replace(/,/g, "")) };
  };
  for (const n of sizes) {
    const base = path.join(work, String(n));
    const tool = datelineTool(path.join(base, "site"), path.join(base, "out"), "Dateline");
    generateSite(tool.site, n);
    const fulls: Measurement[] = [];
    const again: Measurement[] = [];
    if (!values["skip-warm-up"]) await measure(tool);
    for (let run = 0; run < runs; run++) {
      tool.forgetPreviousBuild!();
      fulls.push(await measure(tool));
      const index = n + run;
      writeArticle(tool.site, "dateline", { ...article(index), date: new Date().toISOString().replace(/\.\d{3}Z$/, "Z") }, index);
      again.push(await measure(tool));
    }
    const full = medianOf(fulls);
    const index = figures(fulls.at(-1)!);
    const republished = medianOf(again);
    const files = readdirSync(tool.output, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
    lines.push(
      `| ${n.toLocaleString("en")} | ${full.wall.toFixed(2)} | ${median(fulls.map((m) => figures(m).seconds)).toFixed(2)} | ${index.mb.toFixed(1)} | ${index.files.toLocaleString("en")} | ${files.toLocaleString("en")} | ${republished.live.toFixed(2)} | ${republished.wall.toFixed(2)} |`,
    );
    console.log(lines.at(-1));
    if (!values.keep) rmSync(base, { recursive: true, force: true });
  }
  console.log(`\n${lines.join("\n")}`);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}

/** A WordPress archive brought in: the first import into a site with none of it, and the same export again. */
async function benchImport(): Promise<void> {
  const lines = ["| posts | export MB | import | wall s (median) | CPU s (median) | peak RSS MiB |", "| --- | --- | --- | --- | --- | --- |"];
  for (const n of values.sizes === "1000,10000" ? [10_000] : sizes) {
    const base = path.join(work, String(n));
    const file = path.join(base, "export.xml");
    mkdirSync(base, { recursive: true });
    writeExport(file, n);
    const site = path.join(base, "site");
    const tool: Tool = { name: "import", site, output: site, command: [process.execPath, path.join(ROOT, "bin/dateline.js"), "import:wordpress", file, `--into=${site}`] };
    const emptySite = () => {
      rmSync(site, { recursive: true, force: true });
      mkdirSync(path.join(site, "_data"), { recursive: true });
      writeFileSync(path.join(site, "_data/site.json"), JSON.stringify({ ...siteJson([]), nav: [{ key: "news", title: "News" }] }));
    };
    const first: Measurement[] = [];
    const again: Measurement[] = [];
    for (let run = 0; run < runs; run++) {
      emptySite();
      first.push(await measure(tool));
      again.push(await measure(tool));
    }
    const row = (what: string, m: Measurement) =>
      `| ${n.toLocaleString("en")} | ${(statSync(file).size / 1e6).toFixed(0)} | ${what} | ${m.wall.toFixed(2)} | ${Number.isNaN(m.cpu) ? "?" : m.cpu.toFixed(2)} | ${m.rssMiB ?? "?"} |`;
    lines.push(row("first, into an empty site", medianOf(first)), row("again, nothing changed", medianOf(again)));
    console.log(lines.slice(-2).join("\n"));
    if (!values.keep) rmSync(base, { recursive: true, force: true });
  }
  console.log(`\n${lines.join("\n")}`);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}

function datelineTool(site: string, output: string, name: string): Tool {
  return {
    name,
    site,
    output,
    command: [process.execPath, "--expose-gc", path.join(ROOT, "bin/dateline.js"), "build", `--input=${site}`, `--output=${output}`],
    forgetPreviousBuild: () => {
      for (const folder of [output, `${output}.spare`]) rmSync(`${folder}.manifest.json`, { force: true });
    },
  };
}

function prepare(n: number): Tool[] {
  const base = path.join(work, String(n));
  const dateline = path.join(base, "dateline");
  generateSite(dateline, n);
  setSearch(dateline, false);
  const tools: Tool[] = [datelineTool(dateline, path.join(base, "out-dateline"), "Dateline")];
  if (n <= eleventyMax) {
    const eleventy = path.join(base, "eleventy");
    generateSite(eleventy, n, 1, "eleventy");
    cpSync(path.join(ROOT, "bench/eleventy-baseline/site"), eleventy, { recursive: true });
    tools.push({
      name: "Eleventy",
      site: eleventy,
      output: path.join(base, "out-eleventy"),
      command: [process.execPath, path.join(ROOT, "node_modules/@11ty/eleventy/cmd.cjs"), "--config=bench/eleventy-baseline/eleventy.config.js", `--input=${eleventy}`, `--output=${path.join(base, "out-eleventy")}`, "--quiet"],
    });
  }
  if (hasHugo) {
    const hugo = path.join(base, "hugo");
    generateSite(hugo, n, 1, "hugo");
    cpSync(path.join(ROOT, "bench/hugo-baseline"), hugo, { recursive: true });
    tools.push({ name: "Hugo", site: hugo, output: path.join(base, "out-hugo"), command: ["hugo", "--quiet", "--source", hugo, "--destination", path.join(base, "out-hugo")] });
  }
  return tools;
}

/** The resident memory of a process and all its descendants (render workers, Pagefind), in KiB. */
async function treeRss(root: number): Promise<number> {
  const { stdout } = await run("ps", ["-A", "-o", "pid=,ppid=,rss="]);
  const rows = stdout.trim().split("\n").map((line) => line.trim().split(/\s+/).map(Number));
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of rows) {
      if (tree.has(pid!) || !tree.has(ppid!)) continue;
      tree.add(pid!);
      grew = true;
    }
  }
  return rows.reduce((sum, [pid, , rss]) => (tree.has(pid!) ? sum + rss! : sum), 0);
}

function run(command: string, args: string[]): Promise<{ stdout: string }> {
  return new Promise((resolve) => execFile(command, args, (error, stdout) => resolve({ stdout: error ? "" : stdout })));
}

function measure(tool: Tool): Promise<Measurement> {
  const command = hasTime ? [TIME, "-v", ...tool.command] : tool.command;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, env: { ...process.env, CI: "true" }, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let stdout = "";
    let live = NaN;
    // Every 200 ms, the memory of the build's processes together: time -v sees only the largest one.
    let peak = 0;
    let polling = false;
    const poll = setInterval(() => {
      if (polling || child.pid === undefined) return;
      polling = true;
      void treeRss(child.pid).then((kib) => {
        peak = Math.max(peak, kib);
        polling = false;
      });
    }, 200);
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (Number.isNaN(live) && stdout.includes(" articles published")) live = (performance.now() - started) / 1000;
    });
    child.on("close", (code) => {
      clearInterval(poll);
      const wall = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`${tool.name} failed (${code}):\n${stderr.slice(-2000)}`));
      const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(stderr)?.[1] ?? NaN);
      const rss = Math.max(peak, field("Maximum resident set size \\(kbytes\\)") || 0);
      resolve({
        wall,
        live: Number.isNaN(live) ? wall : live,
        stdout,
        cpu: hasTime ? field("User time \\(seconds\\)") + field("System time \\(seconds\\)") : NaN,
        rssMiB: rss > 0 ? Math.round(rss / 1024) : undefined,
        pages: countPages(tool.output),
      });
    });
  });
}

function countPages(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((file) => /\.(html|xml|json)$/.test(file)).length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianOf(samples: Measurement[]): Measurement {
  const rss = samples.map((s) => s.rssMiB).filter((v): v is number => v !== undefined);
  return {
    wall: median(samples.map((s) => s.wall)),
    live: median(samples.map((s) => s.live)),
    stdout: samples.at(-1)!.stdout,
    cpu: median(samples.map((s) => s.cpu)),
    rssMiB: rss.length ? median(rss) : undefined,
    pages: samples.at(-1)!.pages,
  };
}

function table(): string {
  const baselines = ["Eleventy", "Hugo"].filter((tool) => results.some((r) => r.tool === tool));
  const lines = [
    `| N | tool | wall s (median) | CPU s (median) | peak RSS MiB, all processes | pages written | ms a page | ms a page beyond a build's fixed cost | ${baselines.map((tool) => `Dateline / ${tool} (wall)`).join(" | ")} |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | ${baselines.map(() => "---").join(" | ")} |`,
  ];
  for (const { n, tool, median: m } of results) {
    const ms = (m.wall * 1000) / m.pages;
    const beyond = tool === "Dateline" && startUp ? (((m.wall - startUp.wall) * 1000) / (m.pages - startUp.pages)).toFixed(2) : "";
    const ratios = baselines.map((baseline) => {
      const other = results.find((r) => r.n === n && r.tool === baseline)?.median;
      return tool === "Dateline" && other ? (m.wall / other.wall).toFixed(2) : "";
    });
    lines.push(`| ${n.toLocaleString("en")} | ${tool} | ${m.wall.toFixed(2)} | ${Number.isNaN(m.cpu) ? "?" : m.cpu.toFixed(2)} | ${m.rssMiB ?? "?"} | ${m.pages.toLocaleString("en")} | ${ms.toFixed(2)} | ${beyond} | ${ratios.join(" | ")} |`);
  }
  if (startUp) lines.push("", `A build's fixed cost: a site of one article, ${startUp.wall.toFixed(2)} s (${startUp.pages} pages).`);
  if (republishes.length > 0) {
    lines.push(
      "",
      `Republishing (search on below ${LARGE.toLocaleString("en")} stories, its index following the live site; photos developed earlier, cache warm), median of ${runs} (one run from ${LARGE.toLocaleString("en")}):`,
      "",
      "| N | photos | one new story: live s | / Hugo's full build | search followed s | one typo corrected: live s | / Hugo's full build | files written (new story, typo) |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
    );
    const written = (m: Measurement) => / ([\d,]+) files? written/.exec(m.stdout)?.[1] ?? "?";
    for (const r of republishes) {
      const ratio = (m: Measurement) => (r.hugo ? (m.live / r.hugo).toFixed(2) : "?");
      lines.push(`| ${r.n.toLocaleString("en")} | ${r.photos} | ${r.story.live.toFixed(2)} | ${ratio(r.story)} | ${r.story.wall.toFixed(2)} | ${r.typo.live.toFixed(2)} | ${ratio(r.typo)} | ${written(r.story)}, ${written(r.typo)} |`);
    }
  }
  return lines.join("\n");
}

/** Replaces the results section of BENCHMARKS.md with this run's, dated and with the machine. */
function record(report: string): void {
  const file = path.join(ROOT, "BENCHMARKS.md");
  const start = "<!-- bench:results -->";
  const end = "<!-- /bench:results -->";
  const text = existsSync(file) ? readFileSync(file, "utf8") : `# Benchmarks\n\n${start}\n${end}\n`;
  const stamp = `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${hasHugo ? "" : ", Hugo not installed"}; \`npm run bench${values.large || values.huge ? ` --${values.large ? " --large" : ""}${values.huge ? " --huge" : ""}` : ""}\`, ${runs} interleaved runs after a warm-up (${LARGE.toLocaleString("en")} articles and more: one run, no warm-up).`;
  const [before, rest = ""] = text.split(start);
  const after = rest.includes(end) ? rest.slice(rest.indexOf(end)) : end;
  writeFileSync(file, `${before}${start}\n${stamp}\n\n${report}\n${after}`);
}

async function commandExists(name: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(name, ["version"], { stdio: "ignore" });
    child.on("error", () => resolve(false));
    child.on("close", (code) => resolve(code === 0));
  });
}
