import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import markdownIt from "markdown-it";
import { inside } from "./files.ts";

/** A photo or graphic of the site's own, as a page refers to it and as it is found on disk. */
export interface LocalPhoto {
  /** The site path pages name it by, e.g. `/media/ferry.jpg`. */
  src: string;
  file: string;
  /** Size and modification time: a changed file is processed again and its pages rendered again. */
  stamp: string;
  /** The first file and field that show it, for a problem found when it is processed. */
  usedBy: { file: string; field: string };
}

/** Where a reference points: a file of the site's, an address elsewhere (or a `data:` image), or something no browser could load. */
export type PhotoReference = { kind: "local"; photo: LocalPhoto } | { kind: "remote" } | { kind: "problem"; message: string };

/** An address with a scheme (`https:`, a `data:` image): someone else's, or carried in the page itself. */
const REMOTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The images a story's markdown shows (`![alt](/media/chart.png)`, reference-style too), in order.
 * Only bodies that contain an image are parsed: most stories have none.
 */
export function bodyImages(body: string): string[] {
  if (!body.includes("![")) return [];
  const sources: string[] = [];
  for (const block of markdownIt().parse(body, {})) {
    for (const token of block.children ?? []) {
      if (token.type === "image") sources.push(String(token.attrGet("src") ?? ""));
    }
  }
  return sources;
}

/**
 * Resolves an image address: `/media/…` is a file in `media/`, any other site path a file in `public/`
 * (both are published as they are), `https://…` is someone else's. A site path must name a readable file.
 */
export function resolvePhoto(src: string, folders: { media?: string | undefined; public?: string | undefined }, usedBy: LocalPhoto["usedBy"]): PhotoReference {
  if (REMOTE.test(src)) return { kind: "remote" };
  if (!src.startsWith("/") || src.startsWith("//")) return { kind: "problem", message: `"${src}" must be a site path such as /media/photo.jpg, or an https:// address` };
  let sitePath: string;
  try {
    sitePath = decodeURI(src.split(/[?#]/)[0]!);
  } catch {
    return { kind: "problem", message: `"${src}" is not a valid address` };
  }
  const [folder, root, within] = sitePath.startsWith("/media/") ? [folders.media, "media/", sitePath.slice("/media/".length)] : [folders.public, "public/", sitePath.slice(1)];
  const file = folder && path.join(folder, within);
  const stats = file && inside(file, folder) ? statSync(file, { throwIfNoEntry: false }) : undefined;
  if (!file || !stats?.isFile()) return { kind: "problem", message: `"${src}" is not a file in ${root} (looked for ${root}${within})` };
  try {
    accessSync(file, constants.R_OK);
  } catch {
    return { kind: "problem", message: `"${src}" cannot be read (${root}${within}: permission denied)` };
  }
  return { kind: "local", photo: { src, file, stamp: `${stats.size}:${stats.mtimeMs}`, usedBy } };
}
