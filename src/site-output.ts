import { existsSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync } from "node:fs";
import path from "node:path";
import { Eleventy } from "@11ty/eleventy";
import { finishReuse, manifestFile, readManifest, reuseContext } from "./reuse.ts";
import { passState, startPasses } from "./passes.ts";

export interface BuildOptions {
  input: string;
  config: string;
  quiet: boolean;
}

type WriteResults = [{ map: Record<string, string> }[], { outputPath: string | false }[]];

/**
 * Builds the whole site into `folder` with Eleventy and returns the absolute paths of every file it
 * wrote. Rejects (Eleventy has reported why) if anything failed.
 */
export async function buildInto(folder: string, options: BuildOptions): Promise<Set<string>> {
  const eleventy = new Eleventy(options.input, folder, { configPath: options.config, quietMode: options.quiet, source: "script" });
  const [passthrough, templates] = (await eleventy.write()) as WriteResults;
  const written = [...templates.flatMap((t) => (t.outputPath ? [t.outputPath] : [])), ...passthrough.flatMap((p) => Object.values(p.map))];
  return new Set(written.map((file) => path.resolve(file)));
}

/** Deletes every file in `folder` that this build did not write, and the folders left empty. */
export function removeStale(folder: string, written: ReadonlySet<string>): void {
  const visit = (dir: string): boolean => {
    let empty = true;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (visit(file)) rmdirSync(file);
        else empty = false;
      } else if (written.has(file)) {
        empty = false;
      } else {
        unlinkSync(file);
      }
    }
    return empty;
  };
  if (existsSync(folder)) visit(folder);
}

/**
 * Builds the site and publishes it atomically at `output`. The build is written into `<output>.spare`,
 * the folder the previous build was published from: writing over existing files and folders is several
 * times faster than creating tens of thousands of new ones (measured: 0.9 s against 5 to 8 s for 6,500
 * pages on ext4), and nothing has to be deleted but the pages that are gone. Only when everything
 * succeeded do two renames swap it with the published folder, so readers never see half a site and a
 * failed build leaves `output` exactly as it was.
 */
export async function buildAndPublish(output: string, options: BuildOptions): Promise<void> {
  const spare = `${output}.spare`;
  // The spare's manifest describes it only until this build starts writing into it.
  Object.assign(reuseContext, { folder: spare, published: output, own: readManifest(spare), previous: readManifest(output), plan: undefined, copying: undefined });
  rmSync(manifestFile(spare), { force: true });
  const written = new Set<string>();
  startPasses();
  try {
    do {
      for (const file of await buildInto(spare, options)) written.add(file);
      passState.index++;
      // The finished pass's pages are garbage now; collecting them before the next pass keeps the peak
      // at one pass's worth (the build command runs node with --expose-gc).
      (globalThis as { gc?: () => void }).gc?.();
    } while (passState.index < passState.passes.length);
  } finally {
    passState.active = false;
    await reuseContext.copying;
  }
  const reused = reuseContext.plan ? finishReuse(reuseContext.plan, spare) : [];
  removeStale(spare, new Set([...written, ...reused]));
  swap(spare, output);
  if (existsSync(manifestFile(spare)) || existsSync(manifestFile(output))) swap(manifestFile(spare), manifestFile(output));
}

/** Exchanges two paths with renames; `b` need not exist. */
function swap(a: string, b: string): void {
  if (!existsSync(b)) {
    if (existsSync(a)) renameSync(a, b);
    return;
  }
  const aside = `${b}.swap-${process.pid}`;
  renameSync(b, aside);
  if (existsSync(a)) renameSync(a, b);
  renameSync(aside, a);
}

/** Builds into a fresh scratch folder that nothing publishes (`npm run check`). */
export async function buildScratch(folder: string, options: BuildOptions): Promise<void> {
  rmSync(folder, { recursive: true, force: true });
  await buildInto(folder, options);
}
