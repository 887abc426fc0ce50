import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import path from "node:path";
import type { ImportRecord } from "./record.ts";

/** Where the old site's uploads go in the new one: `media/uploads/2019/05/photo.jpg`, published at `/media/uploads/…`. */
export const UPLOADS_FOLDER = "media/uploads";

/** The marks before an upload's own path in an address: WordPress.org, old multisite, Jetpack's image CDN. */
const MARKERS = ["/wp-content/uploads/", "/wp-content/blogs.dir/", "/files/"];

export type Brought = { ok: true; src: string } | { ok: false; why: string };

/**
 * The old site's uploads: which addresses are uploads (on the export's own hosts, or WordPress.com's
 * file hosts), and each one's copy in `media/`, made once from `--uploads`.
 */
export class Uploads {
  private readonly hosts: Set<string>;
  private readonly folder: string | undefined;
  private readonly record: ImportRecord;
  private readonly site: string;
  private readonly brought = new Map<string, Brought>();
  copied = 0;
  /** Files at a copy's place that the import never wrote: the newsroom's, kept and linked as they are. */
  readonly foreign: string[] = [];

  constructor(site: string, hosts: Iterable<string>, folder: string | undefined, record: ImportRecord) {
    this.site = site;
    this.hosts = new Set([...hosts].map((host) => host.toLowerCase()));
    this.folder = folder;
    this.record = record;
  }

  /** An upload's path below the uploads folder (`2019/05/photo.jpg`), or undefined for any other address. */
  relative(url: string): string | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url, "https://relative.invalid");
    } catch {
      return undefined;
    }
    const host = parsed.hostname.toLowerCase();
    const ours = host === "relative.invalid" || this.hosts.has(host) || /^i\d\.wp\.com$/.test(host);
    let pathname: string;
    try {
      pathname = decodeURIComponent(parsed.pathname);
    } catch {
      return undefined;
    }
    if (host.endsWith(".files.wordpress.com")) return clean(pathname.replace(/^\//, ""));
    if (!ours) return undefined;
    for (const marker of MARKERS) {
      const at = pathname.indexOf(marker);
      if (at === -1) continue;
      let rest = pathname.slice(at + marker.length);
      // Old multisite: /wp-content/blogs.dir/3/files/2019/05/photo.jpg.
      if (marker === "/wp-content/blogs.dir/") rest = rest.replace(/^\d+\/files\//, "");
      return clean(rest);
    }
    return undefined;
  }

  /**
   * The site path of an upload's copy, copying it the first time; or why it could not be. A picture
   * must be one (an empty file or a half-copied one would stop the build): else it stays on the old site.
   */
  bring(relative: string, kind: "image" | "link"): Brought {
    let result = this.brought.get(relative);
    if (!result) {
      result = this.copy(relative);
      this.brought.set(relative, result);
    }
    if (result.ok && kind === "image" && !isPicture(path.join(this.site, result.src))) return { ok: false, why: `${result.src.slice(1)} is not a picture the site can show` };
    return result;
  }

  private copy(relative: string): Brought {
    if (!this.folder) return { ok: false, why: "no --uploads folder was given" };
    // A network site's uploads (sites/3/2019/05/…) are in sites/3/ of the network's folder, or at the
    // top of a folder copied from that site alone. A resized copy (photo-300x200.jpg) stands for its
    // original: the site makes its own sizes from the largest.
    const own = relative.replace(/^sites\/\d+\//, "");
    const candidates = [relative, own].flatMap((file) => [file.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, "$1"), file]);
    const chosen = [...new Set(candidates)].find((candidate) => isFile(path.join(this.folder!, candidate)));
    if (!chosen) return { ok: false, why: `not in ${this.folder}` };
    const target = `${UPLOADS_FOLDER}/${chosen}`;
    const outcome = this.record.put(target, readFileSync(path.join(this.folder, chosen)));
    if (outcome === "written") this.copied++;
    if (outcome === "foreign") this.foreign.push(target);
    if (outcome === "deleted") return { ok: false, why: `${target} was deleted since the last import (--force brings it back)` };
    return { ok: true, src: `/${target}` };
  }
}

/** An upload's path as a file below the uploads folder: never outside it, never with a query. */
function clean(relative: string): string | undefined {
  const parts = relative.split("/").filter(Boolean);
  if (parts.length === 0 || parts.some((part) => part === ".." || part === "." || part.includes("\\"))) return undefined;
  return parts.join("/");
}

const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

/** The first bytes of each kind of picture the build develops or shows (JPEG, PNG, GIF, WebP, AVIF, TIFF, SVG). */
const SIGNATURES: ((head: Buffer) => boolean)[] = [
  (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff,
  (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  (head) => head.subarray(0, 4).toString("latin1") === "GIF8",
  (head) => head.subarray(0, 4).toString("latin1") === "RIFF" && head.subarray(8, 12).toString("latin1") === "WEBP",
  (head) => head.subarray(4, 8).toString("latin1") === "ftyp" && /^avi[fs]$/.test(head.subarray(8, 12).toString("latin1")),
  (head) => ["II*\0", "MM\0*"].includes(head.subarray(0, 4).toString("latin1")),
  (head) => /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head.toString("utf8")),
];

/** Whether a file starts as a picture does: an upload cut short or empty does not. */
function isPicture(file: string): boolean {
  let head: Buffer;
  try {
    const fd = openSync(file, "r");
    head = Buffer.alloc(512);
    const read = readSync(fd, head, 0, 512, 0);
    closeSync(fd);
    head = head.subarray(0, read);
  } catch {
    return false;
  }
  return head.length > 12 && SIGNATURES.some((signature) => signature(head));
}
