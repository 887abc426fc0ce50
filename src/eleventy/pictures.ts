import type { DevelopedPhoto, Rendition } from "./photos.ts";

/**
 * The markup of a photo: `<picture>` with a WebP source and a JPEG or PNG `<img>`, every candidate width
 * in `srcset`, and the photo's own `width` and `height` so the page keeps its place while it loads.
 */

/** Where a photo stands on a page: how wide it is shown, and whether the reader sees it at once. */
export type PhotoPlace = "hero" | "lead" | "body" | "teaser";

const SIZES: Record<PhotoPlace, string> = {
  // The story column: 42rem wide from a 44rem viewport, the whole width less the page's margins below.
  hero: "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
  body: "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
  // A story's thumbnail in a list: 7.5rem wide, 6rem on a phone (the stylesheet's .teaser-photo).
  teaser: "(min-width: 40rem) 7.5rem, 6rem",
  // The home page's top story: the main column beside the sidebar from 60rem.
  lead: "(min-width: 76rem) 52.5rem, (min-width: 60rem) calc(100vw - 23.5rem), calc(100vw - 2rem)",
};

/** Text for HTML, in an element or a double-quoted attribute. */
export const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const srcset = (list: readonly Rendition[]) => list.map((rendition) => `${rendition.url} ${rendition.width}w`).join(", ");

export interface PhotoAttributes {
  alt: string;
  title?: string | undefined;
}

/** A developed photo for a page: the one at the top (a story's hero, the home page's lead) is fetched first and never lazily, the others when the reader nears them. */
export function pictureHtml(photo: DevelopedPhoto, place: PhotoPlace, attributes: PhotoAttributes): string {
  const fallback = photo.sets.at(-1)![1];
  const largest = fallback.at(-1)!;
  const loading = place === "body" || place === "teaser" ? ' loading="lazy" decoding="async"' : ' fetchpriority="high" decoding="async"';
  const title = attributes.title ? ` title="${escapeHtml(attributes.title)}"` : "";
  const responsive = fallback.length > 1 || photo.sets.length > 1;
  const img = `<img src="${escapeHtml(largest.url)}"${responsive ? ` srcset="${escapeHtml(srcset(fallback))}" sizes="${SIZES[place]}"` : ""} alt="${escapeHtml(attributes.alt)}"${title} width="${photo.width}" height="${photo.height}"${loading}>`;
  if (!responsive) return img;
  const sources = photo.sets.slice(0, -1).map(([type, list]) => `<source type="${type}" srcset="${escapeHtml(srcset(list))}" sizes="${SIZES[place]}">`);
  return `<picture>${sources.join("")}${img}</picture>`;
}

/** An image on another site, shown as it is; with the size the story gives, when it gives one. */
export function remoteImageHtml(src: string, place: PhotoPlace, attributes: PhotoAttributes & { width?: number | undefined; height?: number | undefined }): string {
  const size = attributes.width && attributes.height ? ` width="${attributes.width}" height="${attributes.height}"` : "";
  const loading = place === "body" || place === "teaser" ? ' loading="lazy" decoding="async"' : ' decoding="async"';
  const title = attributes.title ? ` title="${escapeHtml(attributes.title)}"` : "";
  return `<img src="${escapeHtml(src)}" alt="${escapeHtml(attributes.alt)}"${title}${size}${loading}>`;
}

/** A photo in a feed: one plain image, since feed readers show `<picture>` unevenly. */
export function feedImageHtml(photo: DevelopedPhoto, alt: string): string {
  const largest = photo.sets.at(-1)![1].at(-1)!;
  return `<img src="${escapeHtml(largest.url)}" alt="${escapeHtml(alt)}" width="${photo.width}" height="${photo.height}">`;
}
