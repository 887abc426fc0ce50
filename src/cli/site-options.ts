import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, type ParseArgsConfig } from "node:util";

/** Stops a command with what is wrong, as every command does: one line, no stack trace. */
export function stopCommand(command: string, message: string, code = 1): never {
  console.error(`[dateline] ${command}: ${message}`);
  process.exit(code);
}

/** A command's options, or its usage and exit code 2 for one it does not know. */
export function commandOptions<T extends NonNullable<ParseArgsConfig["options"]>>(command: string, options: T) {
  return commandArguments(command, options, false).values;
}

/** A command's options and the arguments after them (`import:wordpress export.xml`). */
export function commandArguments<T extends NonNullable<ParseArgsConfig["options"]>>(command: string, options: T, allowPositionals = true) {
  try {
    return parseArgs({ options, allowPositionals });
  } catch (error) {
    if (process.argv.some((arg) => /^--pathprefix(=|$)/i.test(arg))) {
      console.error(`[dateline] ${command}: --pathprefix is not needed: the site's path prefix is the path of "url" in _data/site.json (e.g. "url": "https://owner.github.io/repo" serves the site under /repo/)`);
      process.exit(2);
    }
    const known = Object.keys(options).map((name) => `--${name}`).join(" ");
    console.error(`[dateline] ${command}: ${(error as Error).message.replace(/\. To specify.*$/, "")}; it takes ${known}`);
    process.exit(2);
  }
}

const CONFIG = "eleventy.config.ts";
const GENERATOR_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The site folder as an absolute path (Eleventy mistakes its own ignores for a site given as
 * `../site`), and the config to build it with: `--config` if given, else the site's own
 * eleventy.config.ts, else the generator's, so that a cron job started in any folder finds one.
 */
export function siteOptions(values: { input: string; config?: string | undefined }): { input: string; config: string } {
  const input = path.resolve(values.input);
  const config = values.config ?? [path.join(input, CONFIG), path.join(GENERATOR_ROOT, CONFIG)].find((file) => existsSync(file))!;
  return { input, config: path.resolve(config) };
}

/**
 * Goes on in the site's folder, once every path the command was given is resolved. Eleventy takes a
 * path for one inside its working folder when the path's text merely starts with that folder's (it
 * checks no separator): run from ~/dateline, a site at ~/dateline-site lost its first letters and
 * failed to build. In the site's own folder every site path is truly inside.
 */
export function enterSite(input: string): void {
  if (existsSync(input)) process.chdir(input);
}

/** The error Eleventy's wrappers (each with a `cause` or an `originalError`) were first thrown for. */
export function rootCause(error: Error): Error {
  let inner: unknown = error;
  for (;;) {
    const next = (inner as { originalError?: unknown; cause?: unknown }).originalError ?? (inner as { cause?: unknown }).cause;
    if (!(next instanceof Error)) return inner instanceof Error ? inner : error;
    inner = next;
  }
}
