import { constants, copyFileSync, existsSync, mkdirSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import { listFiles } from "../content/files.ts";

/**
 * Publishes a folder's files as they are (media/ at /media/, public/ at the site's root). A file
 * already in the output with the source's size and time (the copy a build before this one made) is
 * left alone: a newsroom's photo archive is not copied again on every build. `withheld` files (what
 * only held-back stories show) are not published. Copied, never linked,
 * so that a file edited in place does not change the published site before the next build.
 */
export function publishFolder(source: string, target: string, withheld: ReadonlySet<string>): string[] {
  if (!existsSync(source)) return [];
  return listFiles(source, (file) => file).files.filter((file) => !withheld.has(file)).map((file) => {
    const to = path.join(target, path.relative(source, file));
    const from = statSync(file);
    const there = statSync(to, { throwIfNoEntry: false });
    if (there?.size !== from.size || there.mtimeMs !== from.mtimeMs) {
      mkdirSync(path.dirname(to), { recursive: true });
      copyFileSync(file, to, constants.COPYFILE_FICLONE);
      utimesSync(to, from.atime, from.mtime);
    }
    return to;
  });
}
