import { accessSync, constants, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync, type Dirent } from "node:fs";
import path from "node:path";
import type { ContentProblem } from "./errors.ts";

const LINK = "is a symbolic link; Dateline reads only plain files and folders inside the site: copy what it points to here instead";

const readable = (file: string) => {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};

export interface Listed {
  /** Absolute paths of the regular files found, in a stable order. */
  files: string[];
  problems: ContentProblem[];
}

/**
 * Every regular file below `root`, in a stable order, without following links: a link could lead
 * out of the site (and publish what is there) or round in a loop. A link, or anything else that is
 * not a plain file or folder, is a problem naming its path; so is a folder that cannot be read.
 * `keep` picks the files and folders to look at (by name).
 */
export function listFiles(root: string, name: (file: string) => string, keep: (entry: Dirent) => boolean = () => true): Listed {
  const listed: Listed = { files: [], problems: [] };
  if (lstatSync(root).isSymbolicLink()) {
    listed.problems.push({ file: name(root), message: LINK });
    return listed;
  }
  const visit = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      listed.problems.push({ file: name(dir), message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (!keep(entry)) continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.isFile() && readable(file)) listed.files.push(file);
      else if (entry.isFile()) listed.problems.push({ file: name(file), message: "cannot be read: give the build's user permission to read it" });
      else if (entry.isSymbolicLink()) listed.problems.push({ file: name(file), message: LINK });
      else listed.problems.push({ file: name(file), message: "is not a plain file or folder; remove it" });
    }
  };
  visit(root);
  return listed;
}

/** Whether `child` is `parent` or somewhere below it. */
export function inside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith(`..${path.sep}`) && relative !== ".." && !path.isAbsolute(relative));
}

/** A file's text, or the problem that names why it cannot be read. */
export function readText(file: string, name: string): { ok: true; text: string } | { ok: false; problem: ContentProblem } {
  try {
    return { ok: true, text: readFileSync(file, "utf8") };
  } catch (error) {
    return { ok: false, problem: { file: name, message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` } };
  }
}

/** Deletes every file in `folder` but those in `kept` (absolute paths), and the folders left empty. */
export function removeStale(folder: string, kept: ReadonlySet<string>): void {
  const visit = (dir: string): boolean => {
    let empty = true;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (visit(file)) rmdirSync(file);
        else empty = false;
      } else if (kept.has(file)) {
        empty = false;
      } else {
        unlinkSync(file);
      }
    }
    return empty;
  };
  if (existsSync(folder)) visit(folder);
}

/** Every file below `folder` (absolute paths), none when it does not exist; for the build's own folders, which hold no links. */
export function filesBelow(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)) : [];
}

/** Puts `from` at `to` as a hard link (no data copied), or as a copy where the two are on different disks. */
export function linkOrCopy(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}
