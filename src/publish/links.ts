import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Parser } from "htmlparser2";
import { pathPrefix } from "../model/urls.ts";

export interface BrokenLink {
  /** The page with the link, relative to the site folder. */
  page: string;
  link: string;
  problem: string;
}

interface PageFacts {
  ids: Set<string>;
  links: string[];
}

/** The attributes that lead a reader's browser to another address; `srcset` lists several. */
const LINKING: Record<string, readonly string[]> = {
  a: ["href"],
  link: ["href"],
  img: ["src", "srcset"],
  source: ["src", "srcset"],
  script: ["src"],
  iframe: ["src"],
  form: ["action"],
  video: ["src", "poster"],
  audio: ["src"],
};

const srcsetUrls = (srcset: string) => srcset.split(/,\s+/).map((candidate) => candidate.trim().split(/\s+/)[0] ?? "").filter(Boolean);

function readPage(file: string): PageFacts {
  const facts: PageFacts = { ids: new Set(), links: [] };
  const parser = new Parser({
    onopentag(name, attributes) {
      if (attributes.id) facts.ids.add(attributes.id);
      if (name === "a" && attributes.name) facts.ids.add(attributes.name);
      for (const attribute of LINKING[name] ?? []) {
        const value = attributes[attribute];
        if (value) facts.links.push(...(attribute === "srcset" ? srcsetUrls(value) : [value]));
      }
    },
  });
  parser.end(readFileSync(file, "utf8"));
  return facts;
}

/**
 * Checks every internal link and anchor of a built site as the host serves it, under the path of
 * `siteUrl`: each must lead to a file of the site and, with a `#fragment`, to an element with that id.
 * Absolute links to `siteUrl` are internal too.
 */
export function checkLinks(root: string, siteUrl: string): { pages: number; links: number; broken: BrokenLink[] } {
  const prefix = pathPrefix(siteUrl);
  const prefixSegments = segments(prefix)!;
  const pages = readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".html"))
    .map((file) => file.split(path.sep).join("/"))
    .sort();
  const facts = new Map<string, PageFacts>();
  const factsOf = (page: string) => {
    let known = facts.get(page);
    if (!known) facts.set(page, (known = readPage(path.join(root, page))));
    return known;
  };
  const broken: BrokenLink[] = [];
  let links = 0;
  for (const page of pages) {
    // Where a browser finds this page on the host: links are resolved against it as a browser would.
    const servedAt = new URL("http://host/");
    servedAt.pathname = `${decodeURIComponent(prefix)}${page.replace(/(^|\/)index\.html$/, "$1")}`;
    for (const link of factsOf(page).links) {
      const internal = link === siteUrl || link.startsWith(`${siteUrl}/`) ? `${prefix}${link.slice(siteUrl.length + 1)}` : link;
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(internal)) continue;
      links++;
      const resolved = new URL(internal, servedAt);
      const parts = segments(resolved.pathname);
      if (!parts || !prefixSegments.every((segment, i) => i === prefixSegments.length - 1 || parts[i] === segment)) {
        broken.push({ page, link, problem: `leads outside the site's path ${prefix} (a site path written without the prefix: in a template, use \`| href(newsroom)\`; in a story, a markdown link)` });
        continue;
      }
      const sitePath = `/${parts.slice(prefixSegments.length - 1).join("/")}`;
      const fragment = resolved.hash ? safeDecode(resolved.hash.slice(1)) : undefined;
      const target = resolveTarget(root, sitePath);
      if (!target) {
        broken.push({ page, link, problem: "no such page or file" });
      } else if (fragment && target.endsWith(".html") && !factsOf(target).ids.has(fragment)) {
        broken.push({ page, link, problem: `${target} has no element with id "${fragment}"` });
      }
    }
  }
  return { pages: pages.length, links, broken };
}

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** A URL path's segments, decoded one by one (so `%3F` and `%23` in a file's name stay part of it); undefined for one no file can have. */
function segments(pathname: string): string[] | undefined {
  const parts = pathname.split("/").slice(1).map(safeDecode);
  return parts.some((part) => part.includes("/")) ? undefined : parts;
}

function resolveTarget(root: string, sitePath: string): string | undefined {
  const candidates = sitePath.endsWith("/") ? [`${sitePath}index.html`] : [sitePath, `${sitePath}/index.html`];
  return candidates.map((candidate) => candidate.replace(/^\//, "")).find((candidate) => existsSync(path.join(root, candidate)));
}
