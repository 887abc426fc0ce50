import { existsSync, renameSync, rmSync } from "node:fs";
import { Eleventy } from "@11ty/eleventy";

export interface BuildOptions {
  input: string;
  config: string;
  quiet: boolean;
}

/** Builds the whole site into `folder` with Eleventy. Rejects (Eleventy has reported why) if anything failed. */
export async function buildInto(folder: string, options: BuildOptions): Promise<void> {
  rmSync(folder, { recursive: true, force: true });
  try {
    await new Eleventy(options.input, folder, { configPath: options.config, quietMode: options.quiet, source: "script" }).write();
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

/** Puts a finished build in place of the published folder: two renames, so readers never see half a site. */
export function publish(built: string, output: string): void {
  const previous = `${output}.previous-${process.pid}`;
  if (existsSync(output)) renameSync(output, previous);
  renameSync(built, output);
  rmSync(previous, { recursive: true, force: true });
}
