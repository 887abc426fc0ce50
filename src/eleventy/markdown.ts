import markdownIt, { type MarkdownIt, type StateCore } from "markdown-it";
import { Parser } from "htmlparser2";
import { hostPath } from "../model/urls.ts";
import type { DevelopedPhoto } from "./photos.ts";
import { feedImageHtml, pictureHtml, remoteImageHtml } from "./pictures.ts";

export interface MarkdownOptions {
  /** Raw HTML in article bodies: off unless a newsroom turns it on for embeds. */
  html: boolean;
}

export interface ArticleRenderEnv {
  /** Text of the dateline that opens the first paragraph, if the article has one. */
  dateline?: string | undefined;
  /** The site's path prefix: links and images to site paths (`/news/…`, `/media/…`) are written under it. */
  pathPrefix?: string | undefined;
  /** The site's photos, developed: an image of the site's own is shown in the sizes made of it. */
  photos?: { get(src: string): DevelopedPhoto | undefined } | undefined;
  /** For a feed: one plain image per photo. */
  feed?: boolean | undefined;
}

/**
 * The markdown renderer for article bodies. markdown-it's link validation already renders
 * `javascript:`, `vbscript:` and non-image `data:` links as text; the headline is the page's only
 * `<h1>`, so a `#` heading in a body becomes an `<h2>`.
 */
export function createArticleMarkdown(options: MarkdownOptions): MarkdownIt {
  const md = markdownIt({ html: options.html, linkify: true, typographer: true });
  md.core.ruler.push("dateline_headings", (state) => {
    demoteBodyHeadlines(state);
    captionFigures(state);
    openWithDateline(state);
    prefixSitePaths(state);
  });
  md.renderer.rules.figcaption = (tokens, index) => `<figcaption>${md.utils.escapeHtml(tokens[index]?.content ?? "")}</figcaption>`;
  md.renderer.rules.dateline = (tokens, index) =>
    `<span class="dateline">${md.utils.escapeHtml(tokens[index]?.content ?? "")}</span> `;
  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    const { photos, feed, pathPrefix } = (env ?? {}) as ArticleRenderEnv;
    const src = String(token.attrGet("src") ?? "");
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const title = token.attrGet("title");
    const attributes = { alt, title: title === null ? undefined : String(title) };
    const photo = photos?.get(src);
    if (photo) return feed ? feedImageHtml(photo, alt) : pictureHtml(photo, "body", attributes);
    return remoteImageHtml(hostPath(pathPrefix ?? "/", src), "body", attributes);
  };
  return md;
}

/**
 * A picture alone in its paragraph with a title (`![A ferry](/media/ferry.jpg "The night ferry at
 * Port Halden")`) is a figure, and the title its caption: markdown has no caption of its own, and
 * this is how a caption reads in the text. Written here rather than with markdown-it-implicit-figures,
 * which makes every lone picture a figure and so changes pages that have no caption.
 */
function captionFigures(state: StateCore): void {
  const { tokens } = state;
  for (let i = 1; i < tokens.length - 1; i++) {
    const inline = tokens[i]!;
    const children = inline.children?.filter((child) => !(child.type === "text" && child.content.trim() === "") && child.type !== "softbreak");
    const image = children?.length === 1 && children[0]!.type === "image" ? children[0]! : undefined;
    const caption = image?.attrGet("title");
    if (!image || !caption || tokens[i - 1]!.type !== "paragraph_open" || tokens[i + 1]!.type !== "paragraph_close") continue;
    // In a tight list the paragraph is not written; the figure must be, for its caption to be inside one.
    for (const edge of [tokens[i - 1]!, tokens[i + 1]!]) Object.assign(edge, { tag: "figure", hidden: false });
    const figcaption = new state.Token("figcaption", "figcaption", 0);
    figcaption.content = String(caption);
    image.attrs = (image.attrs ?? []).filter(([name]) => name !== "title");
    inline.children = [image, figcaption];
  }
}

function demoteBodyHeadlines(state: StateCore): void {
  for (const token of state.tokens) {
    if ((token.type === "heading_open" || token.type === "heading_close") && token.tag === "h1") token.tag = "h2";
  }
}

/** A story links to `/news/other/` as the newsroom sees its site; under a path prefix the link must carry it. */
function prefixSitePaths(state: StateCore): void {
  const prefix = (state.env as ArticleRenderEnv | undefined)?.pathPrefix;
  if (!prefix || prefix === "/") return;
  for (const block of state.tokens) {
    if (block.type === "html_block") block.content = prefixRawHtml(block.content, prefix);
    // Images are written by their own rule, which knows the photos by their site paths.
    for (const token of block.children ?? []) {
      if (token.type === "html_inline") token.content = prefixRawHtml(token.content, prefix);
      const value = token.type === "link_open" ? token.attrGet("href") : null;
      if (typeof value === "string") token.attrSet("href", hostPath(prefix, value));
    }
  }
}

const URL_ATTRIBUTES = new Set(["href", "src", "action", "poster", "data"]);

/**
 * A newsroom that embeds raw HTML (`markdown.html`) writes site paths in it as in markdown: each
 * attribute that holds an address gets the prefix, found by an HTML parser, the rest left as written.
 */
function prefixRawHtml(html: string, prefix: string): string {
  const edits: { start: number; end: number; text: string }[] = [];
  const parser = new Parser({
    onattribute(name, value) {
      const attribute = name.toLowerCase();
      const next = URL_ATTRIBUTES.has(attribute)
        ? hostPath(prefix, value)
        : attribute === "srcset"
          ? value.split(",").map((candidate) => candidate.trim().replace(/^\S+/, (url) => hostPath(prefix, url))).join(", ")
          : value;
      if (next !== value) edits.push({ start: parser.startIndex, end: parser.endIndex, text: `${name}="${next.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}"` });
    },
  });
  parser.end(html);
  return edits.reduceRight((text, edit) => text.slice(0, edit.start) + edit.text + text.slice(edit.end), html);
}

function openWithDateline(state: StateCore): void {
  const text = (state.env as ArticleRenderEnv | undefined)?.dateline;
  if (!text) return;
  const marker = new state.Token("dateline", "span", 0);
  marker.content = text;
  const { tokens } = state;
  const first = tokens.findIndex((token, i) => token.type === "inline" && tokens[i - 1]?.type === "paragraph_open" && tokens[i - 1]?.tag === "p" && token.level === 1);
  const inline = tokens[first];
  if (inline?.children) {
    inline.children.unshift(marker);
    return;
  }
  const open = new state.Token("paragraph_open", "p", 1);
  const line = new state.Token("inline", "", 0);
  line.children = [marker];
  const close = new state.Token("paragraph_close", "p", -1);
  tokens.unshift(open, line, close);
}
