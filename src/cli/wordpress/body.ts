import TurndownService from "turndown";
import { gfm } from "turndown-plugin-gfm";
import { autop } from "@wordpress/autop";
import { attrs as shortcodeAttributes, next as nextShortcode, type Shortcode } from "@wordpress/shortcode";
import type { DatelineInput } from "../../content/dateline.ts";
import { withoutIllegalCharacters } from "../../content/characters.ts";
import { plainText } from "./text.ts";

/**
 * A WordPress post's HTML as the story's markdown. WordPress keeps what the editor saved: classic
 * posts without paragraphs (`wpautop` adds them when a page is shown), block posts with `<!-- wp: -->`
 * comments, and shortcodes. Shortcodes become HTML first (with WordPress's own parser), paragraphs
 * are added as WordPress adds them (its own `autop`), and turndown writes the markdown; nothing here
 * reads HTML with a regular expression except the one WordPress itself uses to split a caption.
 */

export interface MediaItem {
  url: string;
  alt: string;
  caption: string;
}

/** What a post's body needs from the rest of the import. */
export interface BodyContext {
  /** Where an address of the old site leads now: a copied upload's `/media/` path, a post's new address, or as it was. */
  address(url: string, kind: "image" | "link"): string;
  /** An attachment by its id, for a gallery; undefined (and noted) when the export lacks it. */
  attachment(id: string): MediaItem | undefined;
  /** The post's own attachments, for a gallery that names none. */
  attached(): MediaItem[];
  unknownShortcode(tag: string): void;
}

/** Shortcode names WordPress and its plugins use: lowercase. `[Editor's note: …]` is an editor's, not a shortcode. */
const SHORTCODE_NAME = "[a-z][a-z0-9_-]*";

/** Shortcodes that embed something from another site or a media file: a link to it is what a static page can show. */
const EMBEDS = new Set([
  "embed", "audio", "video", "youtube", "vimeo", "soundcloud", "tweet", "twitter", "instagram", "dailymotion", "googlemaps",
  "spotify", "ted", "facebook", "slideshare", "scribd", "flickr", "wpvideo", "vine", "getty",
]);

/** Shortcodes whose content is code to show as it is (SyntaxHighlighter's and Jetpack's). */
const CODE = new Set(["code", "sourcecode", "source"]);

/** Bracketed words an editor writes in a quote or a transcript, which WordPress shows as they are. */
const EDITORIAL = new Set(["sic", "laughs", "laughter", "applause", "inaudible", "crosstalk", "sighs", "pause", "silence", "music", "cheers", "unintelligible", "redacted", "unclear", "emphasis", "translation"]);

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * A bracketed name is a plugin's shortcode when it reads as one: it encloses content, closes itself,
 * has `name=value` attributes, a name with `_` or `-`, or an address or number for argument; a lone
 * word or plain words (`[sic]`, `[citation needed]`) are the writer's.
 */
function isShortcode(code: Shortcode): boolean {
  if (code.type === "closed" || code.type === "self-closing") return true;
  if (Object.keys(code.attrs.named).length > 0 || /[_\d-]/.test(code.tag)) return true;
  if (code.attrs.numeric.length > 0) return code.attrs.numeric.some((value) => /^=|:\/\/|^\d+$/.test(value));
  return !EDITORIAL.has(code.tag);
}

function expandShortcodes(html: string, context: BodyContext): string {
  let out = "";
  let from = 0;
  for (let match = nextShortcode(SHORTCODE_NAME, html, from); match; match = nextShortcode(SHORTCODE_NAME, html, from)) {
    out += html.slice(from, match.index);
    from = match.index + match.content.length;
    const code = match.shortcode;
    if (code.tag === "caption" || code.tag === "wp_caption") out += captionFigure(code, context);
    else if (CODE.has(code.tag) && code.type === "closed") out += `<pre><code>${escapeHtml(code.content ?? "")}</code></pre>`;
    else if (code.tag === "gallery") out += galleryList(code, context);
    else if (EMBEDS.has(code.tag)) out += embedLink(code, context);
    else if (!isShortcode(code)) out += match.content;
    else {
      context.unknownShortcode(code.tag);
      // A plugin's box around the writer's words: the words stay, the box goes.
      if (code.type === "closed") out += expandShortcodes(code.content ?? "", context);
    }
  }
  // `[[gallery]]` is how a writer shows a shortcode's name: WordPress prints it with one pair of brackets.
  return (out + html.slice(from)).replace(/\[(\[[a-z][a-z0-9_-]*(?:\s[^\[\]]*)?\])\]/g, "$1");
}

/** `[caption]<a><img></a> Words[/caption]`, split as WordPress's img_caption_shortcode splits it. */
function captionFigure(code: Shortcode, context: BodyContext): string {
  const inner = expandShortcodes(code.content ?? "", context);
  const split = /^\s*((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*<\/a>)?)(.*)$/is.exec(inner);
  const image = split ? split[1]! : inner;
  const caption = code.attrs.named.caption ?? (split ? split[2]! : "");
  return `<figure>${image}<figcaption>${caption.trim()}</figcaption></figure>`;
}

function galleryList(code: Shortcode, context: BodyContext): string {
  const ids = (code.attrs.named.ids ?? code.attrs.named.include ?? "").split(",").map((id) => id.trim()).filter(Boolean);
  const items = ids.length > 0 ? ids.map((id) => context.attachment(id)).filter((item) => item !== undefined) : context.attached();
  if (items.length === 0) return "";
  const figure = (item: MediaItem) =>
    `<li><figure><img src="${escapeHtml(item.url)}" alt="${escapeHtml(item.alt)}">${item.caption ? `<figcaption>${escapeHtml(item.caption)}</figcaption>` : ""}</figure></li>`;
  return `<ul>${items.map(figure).join("")}</ul>`;
}

function embedLink(code: Shortcode, context: BodyContext): string {
  const values = [code.content ?? "", ...Object.values(code.attrs.named), ...code.attrs.numeric].map((value) => (value ?? "").trim().replace(/^=/, ""));
  const url = values.find((value) => /^https?:\/\/\S+$/i.test(value));
  if (!url) {
    context.unknownShortcode(`${code.tag} (without an address)`);
    return "";
  }
  return `<p><a href="${escapeHtml(url)}">${escapeHtml(url)}</a></p>`;
}

/** A link or image address as markdown writes it: spaces and angle brackets encoded, parentheses escaped. */
const destination = (url: string) => url.replace(/[ <>]/g, (c) => encodeURIComponent(c)).replace(/([()])/g, "\\$1");
const titled = (text: string) => (text ? ` "${text.replace(/\s+/g, " ").trim().replace(/(["\\])/g, "\\$1")}"` : "");
const absolute = (url: string) => (url.startsWith("//") ? `https:${url}` : url);
const isUrl = (text: string) => /^https?:\/\/\S+$/i.test(text);
/** Turndown's DOM (domino) has no iterable query results and no `:scope`: elements are listed by hand. */
const elements = (node: Element, tag: string) => Array.from(node.getElementsByTagName(tag));
const captionOf = (figure: Element) => Array.from(figure.childNodes).find((child) => child.nodeName === "FIGCAPTION") as Element | undefined;

/** Converts posts one after another with one set of rules; `context` is the post being converted. */
export class BodyConverter {
  private readonly service: TurndownService;
  private context: BodyContext | undefined;

  constructor() {
    const service = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-", emDelimiter: "*", hr: "---" });
    service.use(gfm);
    service.remove(["script", "style", "noscript", "form", "button", "input", "select", "textarea", "object", "template"]);
    const address = (url: string | null | undefined, kind: "image" | "link" = "link") => (url ? this.context!.address(absolute(url.trim()), kind) : "");
    const image = (node: Element, caption = "") => {
      const src = address(node.getAttribute("src"), "image");
      return src ? `![${service.escape(node.getAttribute("alt") ?? "")}](${destination(src)}${titled(caption)})` : "";
    };
    const text = (node: Element | undefined) => (node?.textContent ?? "").replace(/\s+/g, " ").trim();
    const linkTo = (url: string, label: string) => (label && label !== url ? `[${service.escape(label)}](${destination(url)})` : `<${url}>`);

    // A figure: one picture with its caption (the title, which the story's page shows as the caption),
    // a gallery's pictures as a list, or an embed as a link to what it embedded.
    service.addRule("figure", {
      filter: "figure",
      replacement: (content, node) => {
        const figure = node as HTMLElement;
        const images = elements(figure, "img");
        const caption = text(captionOf(figure));
        if (images.length === 1) return figure.parentNode?.nodeName === "LI" ? image(images[0]!, caption) : `\n\n${image(images[0]!, caption)}\n\n`;
        if (images.length > 1) {
          const items = images.map((img) => {
            const own = img.parentNode?.nodeName === "FIGURE" && img.parentNode !== figure ? captionOf(img.parentNode as Element) : undefined;
            return `- ${image(img, text(own))}`;
          });
          return `\n\n${items.join("\n")}\n\n${caption ? `${service.escape(caption)}\n\n` : ""}`;
        }
        const embedded = [...elements(figure, "a").map((a) => a.getAttribute("href")), ...elements(figure, "iframe").map((f) => f.getAttribute("src")), ...elements(figure, "div").flatMap((div) => text(div).split(" "))]
          .map((url) => url ?? "")
          .find(isUrl);
        if (figure.className.includes("wp-block-embed") && embedded) return `\n\n${linkTo(address(embedded), caption)}\n\n`;
        return `\n\n${content.trim()}\n\n`;
      },
    });
    service.addRule("image", { filter: "img", replacement: (_content, node) => image(node as HTMLElement) });
    service.addRule("link", {
      filter: (node) => node.nodeName === "A" && !!node.getAttribute("href"),
      replacement: (content, node) => {
        const href = address((node as HTMLElement).getAttribute("href"));
        if (!content.trim()) return "";
        return /^(https?:|mailto:|\/|#)/i.test(href) ? `[${content}](${destination(href)})` : content;
      },
    });
    // Embedded players and media: a static story links to them.
    service.addRule("embedded", {
      filter: ["iframe", "video", "audio", "embed"],
      replacement: (_content, node) => {
        const element = node as HTMLElement;
        const src = element.getAttribute("src") ?? elements(element, "source").map((source) => source.getAttribute("src")).find(Boolean);
        return src ? `\n\n<${address(src)}>\n\n` : "";
      },
    });
    // A paragraph that is an address alone is an embed in WordPress (oEmbed): here, a link.
    service.addRule("addressParagraph", {
      filter: (node) => node.nodeName === "P" && node.children.length === 0 && isUrl((node.textContent ?? "").trim()),
      replacement: (_content, node) => `\n\n<${address((node.textContent ?? "").trim())}>\n\n`,
    });
    // Turndown escapes `_` and `*` in addresses written out in the text, which breaks them as links.
    const escape = service.escape.bind(service);
    service.escape = (value: string) => value.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) => (i % 2 === 1 ? part : escape(part))).join("");
    // A table without a heading row (the block editor's default) is kept as HTML by the GFM rules,
    // which a page shows as text: its first row becomes the heading, as markdown needs one.
    service.addRule("headlessTable", {
      filter: (node) => node.nodeName === "TABLE" && !Array.from((node as HTMLTableElement).rows[0]?.cells ?? []).every((cell) => cell.nodeName === "TH"),
      replacement: (_content, node) => {
        const rows = Array.from((node as HTMLTableElement).rows).map((row) => Array.from(row.cells).map((cell) => service.escape(text(cell)).replace(/\|/g, "\\|")));
        if (rows.length === 0) return "";
        const width = Math.max(...rows.map((row) => row.length));
        const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? "").join(" | ")} |`;
        return `\n\n${[line(rows[0]!), line(Array(width).fill("---")), ...rows.slice(1).map(line)].join("\n")}\n\n`;
      },
    });
    this.service = service;
  }

  /**
   * The post's HTML (as WordPress stored it) as markdown; `text`, its words alone (for a headline
   * the post did not have); `unreadable`, why its shortcodes were left as stored, when they were.
   */
  convert(html: string, context: BodyContext): { markdown: string; readonly text: string; unreadable?: string } {
    this.context = context;
    try {
      const blocks = html.includes("<!-- wp:");
      const bare = html.replace(/<!--[\s\S]*?-->/g, "");
      let expanded: string;
      let unreadable: string | undefined;
      try {
        expanded = expandShortcodes(bare, context);
      } catch (error) {
        // WordPress's parser recurses once per escaped shortcode: tens of thousands of them overflow the stack.
        if (!(error instanceof RangeError)) throw error;
        expanded = bare;
        unreadable = error.message;
      }
      const markdown = withoutIllegalCharacters(this.service.turndown(blocks ? expanded : autop(expanded)), "").replace(/\n{3,}/g, "\n\n").trim();
      return { markdown, unreadable, get text() { return plainText(expanded); } };
    } finally {
      this.context = undefined;
      // WordPress's parser remembers every attribute list it read, and searches that list on each
      // read: over an archive it grows with every post, in time and in memory.
      shortcodeAttributes.clear();
    }
  }
}

/**
 * All-capital words opening a story that are labels or names, not places: "UPDATE — …", "NATO — …"
 * are no datelines. A place has three letters at least ("AI —" is not one either).
 */
const NOT_PLACES = new Set([
  "UPDATE", "UPDATED", "BREAKING", "BREAKING NEWS", "EXCLUSIVE", "ANALYSIS", "OPINION", "WATCH", "VIDEO", "PHOTOS", "LIVE", "EDITORIAL",
  "COMMENTARY", "CORRECTION", "CLARIFICATION", "NOTE", "EDITOR'S NOTE", "FACT CHECK", "REVIEW", "OBITUARY", "INTERVIEW", "PODCAST", "LISTEN",
  "READ MORE", "SPONSORED", "ADVERTISEMENT", "NATO", "NASA", "FBI", "CIA", "USA", "COVID", "WHO", "OPEC", "IMF", "GDP", "CEO", "LGBT", "LGBTQ",
]);

const PLACE = String.raw`(?<place>\p{Lu}[\p{Lu}\p{M}'’.-]*(?: [\p{Lu}\p{M}'’.-]+)*)(?:, (?<region>\p{Lu}\p{Ll}[\p{L}.]*(?: \p{Lu}[\p{L}.]*)*))?`;
const DATE = String.raw`(?:, (?:[\p{L}]+\.? \d{1,2}|\d{1,2} [\p{L}]+\.?)(?:,? \d{4})?)?`;
const DATELINE = new RegExp(
  String.raw`^${PLACE}${DATE}(?:\.? ?/(?<slash>[^/\n]{1,40})/\.? +|\.? ?\((?<paren>[^)\n]{1,40})\) *(?:—|–|--?) *| *(?<dash>—|–| --? ) *)(?=\S)`,
  "u",
);

/**
 * A story that opens with its dateline (`MOSCOW, December 23. /TASS/. The…`, `WASHINGTON (AP) — The…`,
 * `PARIS — The…`) gets it as the `dateline` field, and the words after it open the story: the page
 * writes the dateline in the site's own style, dated from the story.
 */
export function takeDateline(markdown: string): { dateline?: DatelineInput; markdown: string } {
  const end = markdown.indexOf("\n\n");
  const first = end === -1 ? markdown : markdown.slice(0, end);
  const rest = end === -1 ? "" : markdown.slice(end);
  // An emphasised opening (`**WASHINGTON (AP)** — …`) is read as plain words.
  const lead = first.replace(/^(\*\*|__|\*|_)(?=\S)(.+?)\1(?!\1)/, "$2");
  const found = DATELINE.exec(lead);
  const groups = found?.groups;
  if (!found || !groups) return { markdown };
  const place = [groups.place!, groups.region].filter(Boolean).join(", ").replace(/[ .]+$/, "");
  const source = (groups.slash ?? groups.paren)?.trim();
  // A source is a name ("AP", "Reuters", "TASS"), never a time: "UPDATE (3:45 p.m.) —" is a label.
  if ([...groups.place!].filter((c) => /\p{L}/u.test(c)).length < 3 || NOT_PLACES.has(groups.place!.replace(/’/g, "'")) || (source && /\d/.test(source))) return { markdown };
  return { dateline: source ? { place, source } : { place }, markdown: lead.slice(found[0].length) + rest };
}
