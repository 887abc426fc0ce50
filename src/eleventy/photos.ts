import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { ImageMetadata, ImageOptions, ImageRendition, SharpLike } from "@11ty/eleventy-img";
import { linkOrCopy } from "../content/files.ts";
import { ContentValidationError, type ContentProblem } from "../content/errors.ts";
import type { LocalPhoto } from "../content/photos.ts";
import { hostPath, URLS } from "../model/urls.ts";

/**
 * Photos made fit for readers and for sharing, with @11ty/eleventy-img (sharp): for each photo of the
 * site's own, a responsive set in four widths as WebP with a JPEG (or PNG) fallback, and the three
 * crops Google asks for in structured data, the 16:9 one also the picture social networks show. SVG
 * and GIF are shown as they are. Renditions live in a cache folder kept between builds (`.cache/`),
 * named by their source's content and the options, and an index there maps each source file's size
 * and time to its renditions, so a rebuild does no image work for a photo that did not change.
 */

/** One file made from a photo, and where it is published. */
export interface Rendition {
  url: string;
  width: number;
  height: number;
  /** A MIME type, e.g. image/webp. */
  type: string;
  size: number;
}

export const CROPS = { "16x9": [1200, 675], "4x3": [1200, 900], "1x1": [1200, 1200] } as const;
export type Crop = keyof typeof CROPS;

export interface DevelopedPhoto {
  /** The size the photo is shown at, for `width` and `height`: its own. */
  width: number;
  height: number;
  /** Candidates for `srcset` by MIME type, narrowest first, the fallback type last; none when the photo is shown as it is. */
  sets: [string, Rendition[]][];
  crops: Partial<Record<Crop, Rendition>>;
}

/** A photo to develop, and whether it is only the publisher's icon, which needs its square crop alone. */
export interface PhotoOrder {
  photo: LocalPhoto;
  iconOnly?: boolean;
}

/** What a build's photos came to, and how much work they took. */
export class PhotoLibrary {
  readonly processed: number;
  readonly fromCache: number;
  private readonly photos: ReadonlyMap<string, DevelopedPhoto>;
  private readonly files: readonly string[];

  constructor(photos: ReadonlyMap<string, DevelopedPhoto>, files: readonly string[], processed: number, fromCache: number) {
    this.photos = photos;
    this.files = files;
    this.processed = processed;
    this.fromCache = fromCache;
  }

  /** A photo by the site path pages name it by; undefined for one on another site. */
  get(src: string): DevelopedPhoto | undefined {
    return this.photos.get(src);
  }

  /** Puts every rendition in the output folder (hard links to the cache where it can) and returns their paths. */
  publish(cacheDir: string, output: string): string[] {
    const folder = path.join(output, RENDITIONS);
    mkdirSync(folder, { recursive: true });
    return this.files.map((name) => {
      const target = path.join(folder, name);
      // A rendition's name is its content's: one already there is the same file.
      if (!existsSync(target)) linkOrCopy(path.join(cacheDir, name), target);
      return target;
    });
  }
}

/** Where renditions are published: with the theme's files, whose names are content hashes too, so hosts cache them for a year. */
const RENDITIONS = `${URLS.assets.slice(1)}img`;
/** Part of the cache index's key: a change to how photos are processed makes every entry stale. */
const RECIPE = "8";
const WIDTHS = [480, 800, 1200, 1600];
const ENCODERS: ImageOptions = {
  sharpJpegOptions: { quality: 78, progressive: true },
  sharpWebpOptions: { quality: 72 },
};
const AS_IS = new Set([".svg", ".gif"]);
const TYPES: Record<string, string> = { webp: "image/webp", jpeg: "image/jpeg", png: "image/png", svg: "image/svg+xml", gif: "image/gif", avif: "image/avif" };

interface CacheEntry {
  stamp: string;
  /** The source's content hash, for a file whose time changed and whose bytes did not. */
  sha: string;
  photo: { width: number; height: number; sets: [string, StoredRendition[]][]; crops: Partial<Record<Crop, StoredRendition>> };
}
type StoredRendition = Omit<Rendition, "url"> & { file: string };

/**
 * Develops every photo (renditions made once, then read from the cache) with at most as many at a time
 * as the machine has cores, since a 3000-pixel photo decodes to tens of megabytes. `prefix` is the
 * site's path prefix: renditions, and a photo shown as it is, are published under it.
 */
export async function developPhotos(orders: readonly PhotoOrder[], cacheDir: string, prefix: string): Promise<PhotoLibrary> {
  const indexFile = path.join(cacheDir, "index.json");
  const index = readIndex(indexFile);
  const developed = new Map<string, DevelopedPhoto>();
  const files = new Set<string>();
  const problems: ContentProblem[] = [];
  const url = (file: string) => `${prefix}${RENDITIONS}/${file}`;
  let processed = 0;
  let fromCache = 0;
  let restamped = 0;

  const take = async ({ photo, iconOnly = false }: PhotoOrder) => {
    const key = `${photo.file}\u0000${RECIPE}\u0000${iconOnly}`;
    let entry = index[key];
    const cached = entry !== undefined && renditionFiles(entry).every((file) => existsSync(path.join(cacheDir, file)));
    // A fresh checkout (CI restoring its cache) gives every file a new time: the same bytes are the same photo.
    if (cached && entry!.stamp !== photo.stamp && entry!.sha === contentHash(photo.file)) {
      index[key] = entry = { ...entry!, stamp: photo.stamp };
      restamped++;
    }
    if (!entry || !cached || entry.stamp !== photo.stamp) {
      try {
        entry = { stamp: photo.stamp, sha: contentHash(photo.file), photo: await develop(photo.file, cacheDir, iconOnly) };
      } catch (error) {
        problems.push({ file: photo.usedBy.file, field: photo.usedBy.field, message: `${photo.src} could not be read as an image: ${(error as Error).message}` });
        return;
      }
      index[key] = entry;
      processed++;
    } else fromCache++;
    for (const file of renditionFiles(entry)) files.add(file);
    const published = (stored: StoredRendition): Rendition => ({ url: url(stored.file), width: stored.width, height: stored.height, type: stored.type, size: stored.size });
    developed.set(photo.src, {
      width: entry.photo.width,
      height: entry.photo.height,
      sets: entry.photo.sets.length > 0 ? entry.photo.sets.map(([type, list]) => [type, list.map(published)]) : [[TYPES[path.extname(photo.file).slice(1).toLowerCase()] ?? "image/*", [{ url: hostPath(prefix, photo.src), width: entry.photo.width, height: entry.photo.height, type: "", size: 0 }]]],
      crops: Object.fromEntries(Object.entries(entry.photo.crops).map(([crop, stored]) => [crop, published(stored)])),
    });
  };

  const queue = [...new Map(orders.map((order) => [order.photo.src, order])).values()];
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
    for (let order = queue.shift(); order; order = queue.shift()) await take(order);
  }));
  if (problems.length > 0) throw new ContentValidationError(problems);
  if (processed + restamped > 0) {
    // Another build of the site (the preview, a second job) may have added entries since: keep theirs too.
    const merged = { ...readIndex(indexFile), ...index };
    const temporary = `${indexFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(merged));
    renameSync(temporary, indexFile);
  }
  return new PhotoLibrary(developed, [...files], processed, fromCache);
}

const contentHash = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

function readIndex(file: string): Record<string, CacheEntry> {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, CacheEntry>;
  } catch {
    return {};
  }
}

const renditionFiles = (entry: CacheEntry) => [...entry.photo.sets.flatMap(([, list]) => list), ...Object.values(entry.photo.crops)].map((stored) => stored!.file);

const stored = (rendition: ImageRendition): StoredRendition => ({
  file: rendition.filename,
  width: rendition.width,
  height: rendition.height,
  type: TYPES[rendition.format] ?? `image/${rendition.format}`,
  size: rendition.size,
});

/**
 * Makes a photo's renditions, each written into a folder of this build's own and then renamed into
 * the cache, so that a build running beside this one never links a half-written file.
 */
async function develop(file: string, cacheDir: string, iconOnly: boolean): Promise<CacheEntry["photo"]> {
  const incoming = path.join(cacheDir, `.incoming-${process.pid}-${randomBytes(4).toString("hex")}`);
  mkdirSync(incoming, { recursive: true });
  try {
    const photo = await renditions(file, incoming, iconOnly);
    for (const name of readdirSync(incoming)) renameSync(path.join(incoming, name), path.join(cacheDir, name));
    return photo;
  } finally {
    rmSync(incoming, { recursive: true, force: true });
  }
}

async function renditions(file: string, outputDir: string, iconOnly: boolean): Promise<CacheEntry["photo"]> {
  // Loaded only when there is image work to do: a build whose photos are all in the cache never pays for sharp.
  const { default: Image } = await import("@11ty/eleventy-img");
  Image.concurrency = availableParallelism();
  // No in-memory cache: it keeps every source file's bytes for the life of the build (3 GB at 500
  // camera photos); the cache index above already does its work.
  // fixOrientation: a phone's photo stored on its side or upside down (EXIF orientation 2 to 8) is turned upright.
  const options: ImageOptions = { outputDir, urlPath: "/", useCache: false, fixOrientation: true, ...ENCODERS };
  const asIs = iconOnly || AS_IS.has(path.extname(file).toLowerCase());
  // A vector graphic is drawn at four times its size before it is cropped, so the crops are sharp.
  const source = asIs ? { sharpOptions: { animated: false, density: 288 } } : {};
  let width: number;
  let height: number;
  let sets: [string, StoredRendition[]][] = [];
  if (asIs) {
    const stats = await Image(file, { ...options, statsOnly: true, formats: ["auto"], widths: ["auto"] });
    const original = Object.values(stats)[0]![0]!;
    [width, height] = [original.width, original.height];
  } else {
    // The photo as it is seen: a photo stored on its side is as wide as it is stored high. A picture
    // with transparency falls back to PNG, any other (a JPEG, a WebP, an AVIF) to JPEG.
    const { default: sharp } = await import("sharp");
    const seen = await sharp(file).metadata();
    const ownWidth = (seen.orientation ?? 1) >= 5 ? seen.height! : seen.width!;
    const fallback = seen.hasAlpha ? "png" : "jpeg";
    // The standard widths below the photo's own, and its own up to the widest a page shows.
    const widths = [...new Set([...WIDTHS.filter((candidate) => candidate < ownWidth), Math.min(ownWidth, WIDTHS.at(-1)!)])];
    const metadata: ImageMetadata = await Image(file, { ...options, widths, formats: ["webp", fallback] });
    sets = Object.entries(metadata).map(([format, list]) => [TYPES[format] ?? `image/${format}`, list.map(stored)]);
    const largest = Object.values(metadata)[0]!.at(-1)!;
    [width, height] = [largest.width, largest.height];
  }
  const crops: Partial<Record<Crop, StoredRendition>> = {};
  for (const [crop, [cropWidth, cropHeight]] of (Object.entries(CROPS) as [Crop, readonly [number, number]][]).filter(([crop]) => !iconOnly || crop === "1x1")) {
    // eleventy-img names a file by its source and encoder options, not by a transform: the crop goes in the name.
    const transform = (sharp: SharpLike) => void sharp.flatten({ background: "#ffffff" }).resize({ width: cropWidth, height: cropHeight, fit: "cover", position: "attention" });
    const filenameFormat = (id: string, _src: string, _width: number, format: string) => `${id}-${crop}.${format}`;
    const metadata = await Image(file, { ...options, ...source, widths: ["auto"], formats: ["jpeg"], transform, filenameFormat });
    crops[crop] = stored(metadata.jpeg![0]!);
  }
  return { width, height, sets, crops };
}
