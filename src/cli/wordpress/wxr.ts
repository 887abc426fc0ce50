import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { SaxesParser, type SaxesTagNS } from "saxes";
import { detached } from "./text.ts";

/**
 * WordPress's export format (WXR 1.0–1.2, from WordPress.org and WordPress.com), read as a stream:
 * a 200 MB archive is never held whole, each `<item>` is handed on as soon as it closes. The
 * namespaces are matched by their address with either scheme (`http://wordpress.org/export/1.2/`
 * and `https://…` both occur), not by the prefixes an exporter happened to choose.
 */

export interface WxrAuthor {
  login: string;
  displayName: string;
}

/** A category, tag or custom term (Co-Authors Plus bylines are terms of the `author` taxonomy). */
export interface WxrTerm {
  id: string;
  taxonomy: string;
  slug: string;
  name: string;
  /** The parent's slug, for a category. */
  parent: string;
  description: string;
}

export interface WxrComment {
  id: string;
  author: string;
  date: string;
  dateGmt: string;
  content: string;
  approved: string;
  type: string;
  parent: string;
}

export interface WxrItem {
  title: string;
  link: string;
  creator: string;
  content: string;
  excerpt: string;
  id: string;
  date: string;
  dateGmt: string;
  modifiedGmt: string;
  commentStatus: string;
  name: string;
  status: string;
  type: string;
  password: string;
  attachmentUrl: string;
  /** The post an attachment belongs to. */
  parent: string;
  /** Whether the body has anything but white space (known even when bodies are skipped). */
  hasBody: boolean;
  /** `<category domain nicename>`: categories, tags, bylines, languages… as the post refers to them. */
  terms: { domain: string; slug: string; name: string }[];
  meta: Map<string, string>;
  comments: WxrComment[];
}

export interface WxrChannel {
  version: string;
  link: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  authors: WxrAuthor[];
  terms: WxrTerm[];
}

/** Why an export cannot be read, with the line and column where it breaks. */
export class WxrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WxrError";
  }
}

const newItem = (): WxrItem => ({
  title: "", link: "", creator: "", content: "", excerpt: "", id: "", date: "", dateGmt: "", modifiedGmt: "",
  commentStatus: "", name: "", status: "", type: "", password: "", attachmentUrl: "", parent: "", hasBody: false, terms: [], meta: new Map(), comments: [],
});

const ITEM_FIELDS: Record<string, keyof WxrItem> = {
  title: "title", link: "link", "dc:creator": "creator", "content:encoded": "content", "excerpt:encoded": "excerpt",
  "wp:post_id": "id", "wp:post_date": "date", "wp:post_date_gmt": "dateGmt", "wp:post_modified_gmt": "modifiedGmt",
  "wp:comment_status": "commentStatus", "wp:post_name": "name", "wp:status": "status", "wp:post_type": "type",
  "wp:post_password": "password", "wp:attachment_url": "attachmentUrl", "wp:post_parent": "parent",
};

const COMMENT_FIELDS: Record<string, keyof WxrComment> = {
  "wp:comment_id": "id", "wp:comment_author": "author", "wp:comment_date": "date", "wp:comment_date_gmt": "dateGmt",
  "wp:comment_content": "content", "wp:comment_approved": "approved", "wp:comment_type": "type", "wp:comment_parent": "parent",
};

const TERM_FIELDS: Record<string, keyof WxrTerm> = {
  "wp:term_id": "id", "wp:term_taxonomy": "taxonomy", "wp:term_slug": "slug", "wp:term_name": "name", "wp:term_parent": "parent",
  "wp:term_description": "description", "wp:category_nicename": "slug", "wp:category_parent": "parent", "wp:cat_name": "name",
  "wp:category_description": "description", "wp:tag_slug": "slug", "wp:tag_name": "name", "wp:tag_description": "description",
};

/** The short name of an element: `wp:post_id` whatever prefix the file binds the WordPress namespace to. */
function qualified(tag: SaxesTagNS): string {
  const uri = tag.uri.replace(/^https?:\/\//, "").replace(/\/$/, "");
  if (uri === "") return tag.local;
  if (/^wordpress\.org\/export\/1\.\d+\/excerpt$/.test(uri)) return `excerpt:${tag.local}`;
  if (/^wordpress\.org\/export\/1\.\d+$/.test(uri)) return `wp:${tag.local}`;
  if (uri === "purl.org/rss/1.0/modules/content") return `content:${tag.local}`;
  if (uri === "purl.org/dc/elements/1.1") return `dc:${tag.local}`;
  return `{${tag.uri}}${tag.local}`;
}

/** The parser's text is a slice of the chunk it read: short fields, which the outline keeps, are copied out of it. */
const own = (text: string) => (text.length > 512 ? text : detached(text));

/** A decoder for the export's declared encoding: an old WordPress may write ISO-8859-1. */
function textDecoder(file: string): TextDecoder {
  const fd = openSync(file, "r");
  const head = Buffer.alloc(1024);
  const read = readSync(fd, head, 0, 1024, 0);
  closeSync(fd);
  const declared = /^\s*<\?xml[^>]*encoding=["']([^"']+)["']/i.exec(head.subarray(0, read).toString("latin1"))?.[1] ?? "utf-8";
  try {
    return new TextDecoder(declared);
  } catch {
    throw new WxrError(`${file}: is written in the encoding "${declared}", which cannot be read; save it as UTF-8`);
  }
}

/** Characters XML 1.0 forbids, which WordPress exports anyway when an editor pasted them: dropped, or the parser would stop. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Reads an export, calling `onItem` for each item as it closes. Resolves with the channel's
 * authors, terms and addresses (WordPress writes them before the items, so `channel` in `onItem`'s
 * second argument already holds them). `text: false` skips bodies and comments, for a pass that
 * only needs the archive's outline.
 */
export async function readExport(file: string, onItem: (item: WxrItem, channel: WxrChannel) => void, options: { bodies: boolean } = { bodies: true }): Promise<WxrChannel> {
  const channel: WxrChannel = { version: "", link: "", baseSiteUrl: "", baseBlogUrl: "", authors: [], terms: [] };
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: string[] = [];
  let item: WxrItem | undefined;
  let comment: WxrComment | undefined;
  let meta: { key: string; value: string } | undefined;
  let term: WxrTerm | undefined;
  let author: WxrAuthor | undefined;
  let category: { domain: string; slug: string } | undefined;
  let text = "";
  let keep = true;
  let failure: Error | undefined;

  parser.on("error", (error) => {
    failure ??= new WxrError(`${file}: ${error.message.replace(/^(?:[^:]*:)?(\d+):(\d+): /, "line $1, column $2: ")}`);
  });
  parser.on("opentag", (tag) => {
    const name = qualified(tag as SaxesTagNS);
    const parent = stack.at(-1);
    stack.push(name);
    text = "";
    keep = options.bodies || (name !== "content:encoded" && name !== "wp:comment_content");
    if (name === "item" && parent === "channel") item = newItem();
    else if (item && name === "wp:comment") comment = { id: "", author: "", date: "", dateGmt: "", content: "", approved: "", type: "", parent: "" };
    else if (item && name === "wp:postmeta") meta = { key: "", value: "" };
    else if (item && name === "category") {
      const attribute = (local: string) => own(Object.values((tag as SaxesTagNS).attributes).find((a) => a.local === local)?.value ?? "");
      category = { domain: attribute("domain"), slug: attribute("nicename") };
    } else if (!item && (name === "wp:term" || name === "wp:category" || name === "wp:tag")) {
      term = { id: "", taxonomy: name === "wp:category" ? "category" : name === "wp:tag" ? "post_tag" : "", slug: "", name: "", parent: "", description: "" };
    } else if (!item && name === "wp:author") author = { login: "", displayName: "" };
  });
  const addText = (chunk: string) => {
    if (keep) text += chunk;
    else if (item && !item.hasBody && stack.at(-1) === "content:encoded" && /\S/.test(chunk)) item.hasBody = true;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", () => {
    const name = stack.pop()!;
    const parent = stack.at(-1);
    text = own(text);
    if (comment) {
      if (name === "wp:comment") {
        item!.comments.push(comment);
        comment = undefined;
      } else if (COMMENT_FIELDS[name]) comment[COMMENT_FIELDS[name]] = text;
    } else if (meta) {
      if (name === "wp:postmeta") {
        item!.meta.set(meta.key, meta.value);
        meta = undefined;
      } else if (name === "wp:meta_key") meta.key = text;
      else if (name === "wp:meta_value") meta.value = text;
    } else if (item) {
      if (name === "item") {
        onItem(item, channel);
        item = undefined;
      } else if (name === "category" && category) {
        item.terms.push({ ...category, name: text });
        category = undefined;
      } else if (parent === "item" && ITEM_FIELDS[name]) {
        (item[ITEM_FIELDS[name]] as string) = text;
        if (name === "content:encoded" && /\S/.test(text)) item.hasBody = true;
      }
    } else if (term) {
      if (name === "wp:term" || name === "wp:category" || name === "wp:tag") {
        channel.terms.push(term);
        term = undefined;
      } else if (TERM_FIELDS[name]) term[TERM_FIELDS[name]] = text;
    } else if (author) {
      if (name === "wp:author") {
        channel.authors.push(author);
        author = undefined;
      } else if (name === "wp:author_login") author.login = text;
      else if (name === "wp:author_display_name") author.displayName = text;
    } else if (parent === "channel") {
      if (name === "wp:wxr_version") channel.version = text.trim();
      else if (name === "wp:base_site_url") channel.baseSiteUrl = text.trim();
      else if (name === "wp:base_blog_url") channel.baseBlogUrl = text.trim();
      else if (name === "link") channel.link = text.trim();
    }
    text = "";
  });

  const stream = createReadStream(file, { highWaterMark: 1 << 16 });
  let first = true;
  try {
    const decoder = textDecoder(file);
    for await (const chunk of stream) {
      let text = decoder.decode(chunk as Buffer, { stream: true }).replace(NOT_XML, "");
      // Blank lines before the declaration (a plugin's stray output) are no reason to refuse an export.
      if (first) text = text.replace(/^\s+(?=<\?xml)/, "");
      first = false;
      parser.write(text);
      if (failure) break;
    }
    if (!failure) parser.close();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    failure ??= new WxrError(`${file}: cannot be read (${code})`);
  } finally {
    stream.destroy();
  }
  if (failure) throw failure;
  if (!channel.version) throw new WxrError(`${file}: is not a WordPress export: it has no <wp:wxr_version> (export with Tools › Export in WordPress)`);
  return channel;
}
