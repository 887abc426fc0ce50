import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { articleText, splitArticle } from "../../content/frontmatter.ts";
import { readSiteSettings, siteArticles } from "../site-files.ts";
import { DATA_FILES, SITE_FOLDERS } from "../../content/folders.ts";
import { isLanguageTag, MAX_SEGMENT_BYTES, type NavSectionInput, type SiteConfig } from "../../content/schema.ts";
import { toSlug, type SlugStyle } from "../../content/slugs.ts";
import { readLabelFolder } from "../../content/data-files.ts";
import { label, makeLabelBook } from "../../model/labels.ts";
import { reservedBy, FRONT_PAGES, tagUrl } from "../../model/urls.ts";
import { THEME_DIR } from "../../eleventy/pages.ts";
import { normalizePermalink } from "../../content/article-file.ts";
import { readExport, type WxrChannel, type WxrComment, type WxrItem } from "./wxr.ts";
import { BodyConverter, takeDateline, type BodyContext, type MediaItem } from "./body.ts";
import { detached, firstWords, plainText } from "./text.ts";
import { ImportRecord, type Outcome } from "./record.ts";
import { Uploads } from "./uploads.ts";
import { withSections } from "./nav.ts";

export interface ImportOptions {
  /** The WordPress export (WXR). */
  file: string;
  /** The site's folder. */
  site: string;
  /** WordPress's `wp-content/uploads` folder, copied from the old server. */
  uploads?: string | undefined;
  /** Overwrite what the newsroom edited or deleted since the last import. */
  force: boolean;
}

/** The import cannot start: the site or the export is not what it needs. Each line says what to do. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}

export interface ImportReport {
  stories: { published: number; embargoed: number; drafts: number };
  files: Record<Outcome, string[]>;
  sectionsAdded: string[];
  /** Drafts whose category no published story has: the draft names it, nav does not yet. */
  draftSections: string[];
  comments: { imported: number; pingbacks: number; unapproved: number; early: number; empty: number };
  notStories: Record<string, number>;
  skipped: string[];
  warnings: string[];
  shortcodes: Map<string, Set<string>>;
  missing: string[];
  photos: number;
  redirects: number;
  /** Files an earlier import wrote for posts WordPress has since binned. */
  removed: string[];
  /** Links to the old site's other pages (not posts, uploads, categories or tags), left as they were. */
  oldLinks: number;
}

interface Attachment extends MediaItem {
  title: string;
  parent: string;
  width?: number | undefined;
  height?: number | undefined;
  credit?: string | undefined;
}

type Status = "published" | "embargoed" | "draft";

interface Outline {
  id: string;
  status: Status;
  slug: string;
  category: string;
  file: string;
  url: string;
  oldPath?: string | undefined;
}

interface Category {
  slug: string;
  name: string;
  parent: string;
}

const DRAFT_STATUSES = new Set(["draft", "pending", "private"]);
const SKIPPED_STATUSES: Record<string, string> = { "auto-draft": "an empty auto-draft", trash: "in the trash", inherit: "a revision" };
const SLUG = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;
const SECTION_KEY = /^[a-z0-9][a-z0-9-]*$/;

const decode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** A WordPress time: the GMT one when WordPress set it (a draft's is 0000-00-00), else the local one read in the site's zone. */
function wordpressTime(gmt: string, local: string, zone: string): DateTime | undefined {
  const valid = (text: string) => text.trim() !== "" && !text.startsWith("0000");
  const time = valid(gmt) ? DateTime.fromSQL(gmt.trim(), { zone: "UTC" }) : valid(local) ? DateTime.fromSQL(local.trim(), { zone }) : undefined;
  return time?.isValid ? time.setZone(zone) : undefined;
}

const isoTime = (time: DateTime) => time.toISO({ suppressMilliseconds: true, includeOffset: true })!;

/** A field of PHP's serialised attachment metadata: `s:5:"width";i:1200;` or a string's bytes, as PHP counted them. */
function phpField(serialized: string, key: string): string | undefined {
  const at = serialized.indexOf(`s:${Buffer.byteLength(key)}:"${key}";`);
  if (at === -1) return undefined;
  const rest = serialized.slice(at + key.length + 6 + String(Buffer.byteLength(key)).length);
  const integer = /^i:(\d+);/.exec(rest);
  if (integer) return integer[1];
  const text = /^s:(\d+):"/.exec(rest);
  if (!text) return undefined;
  return Buffer.from(rest.slice(text[0].length)).subarray(0, Number(text[1])).toString();
}

/**
 * Brings a WordPress archive into a Dateline site: two passes over the export (the first learns the
 * archive's outline: attachments, bylines, sections, slugs, old addresses; the second writes each
 * story as it is read), so memory holds the outline, never the bodies.
 */
export async function importWordPress(options: ImportOptions): Promise<ImportReport> {
  const siteFile = path.join(options.site, "_data", DATA_FILES.site);
  if (!existsSync(options.file)) throw new ImportError(`${options.file}: no such file; give the WordPress export (Tools › Export in WordPress)`);
  if (options.uploads && !existsSync(options.uploads)) throw new ImportError(`--uploads ${options.uploads}: no such folder; give WordPress's wp-content/uploads folder`);
  if (!existsSync(siteFile)) throw new ImportError(`${path.relative(process.cwd(), siteFile) || siteFile}: no such file; import into a Dateline site (--into <folder>)`);
  const siteSource = readFileSync(siteFile, "utf8");
  const site = readSiteSettings(siteSource, (problems) => new ImportError(`fix the site's settings first:\n${problems}`));
  const anonymous = anonymousLabel(options.site, site);
  const record = new ImportRecord(options.site, options.force);
  record.sweep();
  const report: ImportReport = {
    stories: { published: 0, embargoed: 0, drafts: 0 },
    files: { written: [], unchanged: [], edited: [], deleted: [], foreign: [] },
    sectionsAdded: [],
    draftSections: [],
    comments: { imported: 0, pingbacks: 0, unapproved: 0, early: 0, empty: 0 },
    notStories: {},
    skipped: [],
    warnings: [],
    shortcodes: new Map(),
    missing: [],
    photos: 0,
    redirects: 0,
    removed: [],
    oldLinks: 0,
  };
  const now = DateTime.now();

  // Pass one: the outline.
  const attachments = new Map<string, Attachment>();
  const attachedTo = new Map<string, string[]>();
  const guests = new Map<string, string>();
  const hosts = new Set<string>();
  const posts: { id: string; status: Status; name: string; title: string; categories: string[]; primary: string; link: string; hasBody: boolean }[] = [];
  const binned: string[] = [];
  const undeclared = new Map<string, Category>();
  const tagNames = new Map<string, string>();
  const channel = await readExport(options.file, (item) => {
    if (item.type !== "post") report.notStories[item.type] = (report.notStories[item.type] ?? 0) + 1;
    if (item.type === "attachment") {
      const metadata = item.meta.get("_wp_attachment_metadata") ?? "";
      const width = Number(phpField(metadata, "width")) || undefined;
      const height = Number(phpField(metadata, "height")) || undefined;
      attachments.set(item.id, {
        url: item.attachmentUrl.trim(),
        alt: plainText(item.meta.get("_wp_attachment_image_alt") ?? ""),
        caption: plainText(item.excerpt),
        title: plainText(item.title),
        parent: item.parent,
        width,
        height,
        credit: plainText(phpField(metadata, "credit") ?? "") || undefined,
      });
      if (item.parent && item.parent !== "0") attachedTo.set(item.parent, [...(attachedTo.get(item.parent) ?? []), item.id]);
      addHost(hosts, item.attachmentUrl);
    } else if (item.type === "guest-author") {
      const login = item.meta.get("cap-user_login");
      const name = item.meta.get("cap-display_name");
      if (login && name) guests.set(login, plainText(name));
    } else if (item.type === "post") {
      const title = plainText(item.title, { asTitle: true });
      const skip = SKIPPED_STATUSES[item.status] ?? (item.hasBody ? undefined : "has no text");
      if (skip) {
        report.skipped.push(`post ${item.id} "${title}": ${skip}`);
        binned.push(item.id);
        return;
      }
      const categories = item.terms.filter((term) => term.domain === "category");
      for (const tag of item.terms) if (tag.domain === "post_tag" && !tagNames.has(tag.slug)) tagNames.set(tag.slug, plainText(tag.name));
      for (const category of categories) if (!undeclared.has(category.slug)) undeclared.set(category.slug, { slug: category.slug, name: plainText(category.name), parent: "" });
      posts.push({
        id: item.id,
        status: item.password ? "draft" : item.status === "publish" ? "published" : item.status === "future" ? "embargoed" : "draft",
        name: item.name,
        title,
        categories: categories.map((category) => category.slug),
        primary: item.meta.get("_yoast_wpseo_primary_category") ?? "",
        link: item.link.trim(),
        hasBody: item.hasBody,
      });
      if (!DRAFT_STATUSES.has(item.status) && !["publish", "future"].includes(item.status)) {
        report.warnings.push(`post ${item.id} "${title}": status "${item.status}" is not WordPress's own; imported as a draft`);
      }
    }
  }, { bodies: false });
  for (const url of [channel.link, channel.baseSiteUrl, channel.baseBlogUrl]) addHost(hosts, url);
  for (const term of channel.terms) if (term.taxonomy === "post_tag" && term.name) tagNames.set(term.slug, plainText(term.name));
  // www.example.org and example.org are one site to the links that point at it.
  for (const host of [...hosts]) hosts.add(host.startsWith("www.") ? host.slice(4) : `www.${host}`);
  const oldSite = channel.link || channel.baseSiteUrl || channel.baseBlogUrl;

  // Sections from categories, the existing nav first.
  const categories = new Map<string, Category>([...undeclared]);
  const categoryById = new Map<string, string>();
  for (const term of channel.terms) {
    if (term.taxonomy !== "category") continue;
    categories.set(term.slug, { slug: term.slug, name: plainText(term.name) || term.slug, parent: term.parent });
    categoryById.set(term.id, term.slug);
  }
  const sections = new SectionPlan(site, categories);
  const placed = posts.map((post) => {
    const primary = categoryById.get(post.primary);
    const category = primary && post.categories.includes(primary) ? primary : post.categories[0] ?? "uncategorized";
    if (!categories.has(category)) categories.set(category, { slug: category, name: category === "uncategorized" ? "Uncategorized" : category, parent: "" });
    // A story the newsroom deleted or made its own since is not the import's: its category adds no section.
    const story = record.filesOf(post.id).find((file) => file.startsWith(`${SITE_FOLDERS.posts}/`));
    return { post, category, section: sections.place(category, post.status !== "draft" && !(story && record.keptByNewsroom(story))) };
  });
  report.sectionsAdded = sections.added();
  report.draftSections = sections.draftOnly();
  report.warnings.push(...sections.merged());

  // Slugs and addresses, once every section is known: none may be the site's own or a page Dateline writes.
  const own = siteArticles(options.site, (key) => sections.pathOf(key), (file) => record.owns(file));
  const fronts = [...sections.urls()].map((url) => ({ url, title: url }));
  const taken = (url: string) => reservedBy(url, fronts) !== undefined || own.urls.has(url);
  const slugs = new Set(own.slugs);
  const outlines = new Map<string, Outline>();
  const byOldPath = new Map<string, string>();
  // WordPress's own slugs first: a draft without one must not take the slug a published story has.
  const byName = [...placed.filter(({ post }) => post.name.trim() !== ""), ...placed.filter(({ post }) => post.name.trim() === "")];
  for (const { post, category, section } of byName) {
    const wanted = slugFor(post.name, post.title, post.id, site);
    let slug = wanted;
    for (let n = 2; slugs.has(slug) || taken(`/${section.join("/")}/${slug}/`); n++) slug = `${wanted}-${n}`;
    slugs.add(slug);
    const url = `/${section.join("/")}/${slug}/`;
    const oldPath = oldAddress(post.link);
    outlines.set(post.id, { id: post.id, status: post.status, slug, category, file: `${SITE_FOLDERS.posts}/${section.join("/")}/${slug}.md`, url, oldPath });
    if (oldPath && post.status !== "draft") byOldPath.set(oldPath, url);
  }
  const newUrls = new Set([...outlines.values()].map((outline) => outline.url));
  const links = new OldLinks(oldSite, hosts, byOldPath, outlines, sections, tagNames, site);

  // Pass two: the stories.
  const uploads = new Uploads(options.site, hosts, options.uploads, record);
  const converter = new BodyConverter();
  await readExport(options.file, (item) => {
    const outline = item.type === "post" ? outlines.get(item.id) : undefined;
    if (!outline) return;
    const missing: string[] = [];
    const address = (raw: string, kind: "image" | "link"): string => {
      // An address relative to the page it was on (TinyMCE writes them) is read against the old site.
      const url = /^([a-z][a-z0-9+.-]*:|\/|#)/i.test(raw) || !oldSite ? raw : new URL(raw, `${oldSite}/`).href;
      const relative = uploads.relative(url);
      if (relative) {
        const brought = uploads.bring(relative, kind);
        if (brought.ok) return brought.src;
        missing.push(detached(`${url} (${brought.why})`));
        return url.startsWith("/") && oldSite ? new URL(url, oldSite).href : url;
      }
      // An anchor in a body (a footnote, a heading's id) does not survive as markdown: a link to one
      // goes to its story, or, on the same page, is its words alone.
      if (url.startsWith("#")) return "";
      return links.resolve(url) ?? url;
    };
    const context: BodyContext = {
      address,
      attachment: (id) => {
        const found = attachments.get(id);
        if (!found) missing.push(detached(`gallery image ${id} (not in the export)`));
        return found && { ...found, url: address(found.url, "image") };
      },
      attached: () => (attachedTo.get(item.id) ?? []).map((id) => attachments.get(id)!).map((found) => ({ ...found, url: address(found.url, "image") })),
      unknownShortcode: (tag) => report.shortcodes.set(detached(tag), (report.shortcodes.get(tag) ?? new Set()).add(outline.file)),
    };
    const converted = converter.convert(item.content, context);
    if (converted.unreadable) report.warnings.push(`${outline.file}: its shortcodes could not be read (${converted.unreadable}); they are shown as WordPress stored them`);
    const body = takeDateline(converted.markdown);
    const title = plainText(item.title, { asTitle: true }) || firstWords(converted.text);
    if (!body.markdown.trim()) {
      report.skipped.push(`post ${item.id} "${title}": has no text`);
      return;
    }
    const date = wordpressTime(item.dateGmt, item.date, site.timezone) ?? wordpressTime(item.modifiedGmt, "", site.timezone);
    if (!date) {
      report.skipped.push(`post ${item.id} "${title}": has no date`);
      return;
    }
    const previous = record.filesOf(item.id).filter((file) => file !== outline.file && file.startsWith(`${SITE_FOLDERS.posts}/`));
    const edited = previous.find((file) => !record.untouched(file));
    if (edited) {
      report.warnings.push(`${edited}: WordPress now has this story at ${outline.file}, but it was edited here: left where it is (--force moves it)`);
      return;
    }
    const modified = wordpressTime(item.modifiedGmt, "", site.timezone);
    const front: Record<string, unknown> = { title: title || `Untitled ${item.id}`, date: isoTime(date) };
    if (modified && outline.status === "published" && modified.toMillis() > date.toMillis() + 60_000 && modified <= now) front.updated = isoTime(modified);
    front.section = sections.keyOf(outline.category);
    if (body.dateline) front.dateline = body.dateline;
    const authors = bylines(item, channel, guests);
    if (authors.length > 0) front.authors = authors;
    const tags = unique(item.terms.filter((term) => term.domain === "post_tag").map((term) => plainText(term.name)).filter(Boolean));
    if (tags.length > 0) front.tags = tags;
    const summary = plainText(item.excerpt);
    if (summary) front.summary = summary;
    const language = item.terms.find((term) => term.domain === "language")?.slug;
    if (language && language.split("-")[0] !== site.language.split("-")[0] && isLanguageTag(language)) front.language = language;
    if (outline.status === "draft") front.draft = true;
    if (item.commentStatus === "closed") front.comments = false;
    const image = heroImage(item, outline.file, attachments, address, title, report);
    if (image) front.image = image;
    // Its old addresses: WordPress's, and those an earlier import gave it (a story moved since keeps the one it had here).
    const formerly = [...new Set([outline.oldPath, ...[outline.file, ...previous].flatMap((file) => formerAddresses(options.site, file, sections))])].filter((url): url is string => !!url && url !== outline.url);
    const aliases = outline.status === "draft" ? [] : formerly.filter((url) => {
      const why = newUrls.has(url) ? "is now another story's address" : taken(url) ? "is an address the site has now" : undefined;
      if (why) report.warnings.push(`${outline.file}: the old address ${url} ${why}; no redirect`);
      return !why;
    });
    if (aliases.length > 0) {
      front.aliases = aliases;
      report.redirects += aliases.length;
    }
    if (outline.status !== "draft" && !outline.oldPath && item.link) {
      report.warnings.push(`${outline.file}: the old address ${item.link} cannot be answered by a static host (a query, or too long); no redirect`);
    }
    if (item.password) report.warnings.push(`${outline.file}: was password-protected in WordPress; imported as a draft, so its text is never published`);
    for (const url of missing) report.missing.push(`${outline.file}: ${url}`);
    report.stories[outline.status === "draft" ? "drafts" : outline.status]++;

    const text = articleText(front, body.markdown);
    report.files[record.put(outline.file, text, item.id)].push(outline.file);
    // Comments that are no longer approved (marked as spam since) leave with the file that held them.
    const thread = comments(item.comments, date, site.timezone, anonymous, report);
    if (thread.length > 0) report.files[record.put(commentsFile(outline.slug), `${JSON.stringify(thread, null, 2)}\n`, item.id)].push(commentsFile(outline.slug));
    for (const file of record.filesOf(item.id)) {
      if (file === outline.file || (file === commentsFile(outline.slug) && thread.length > 0)) continue;
      if (record.retire(file, item.id) === "kept") report.warnings.push(`${file}: WordPress no longer has it for this story, but it was edited here: kept`);
    }
  });
  report.photos = uploads.copied;
  report.files.foreign.push(...uploads.foreign);
  report.oldLinks = links.unresolved;

  // A story WordPress now has in its trash goes, unless the newsroom has made it its own since.
  for (const id of binned) {
    for (const file of record.filesOf(id)) {
      const outcome = record.retire(file, id);
      if (outcome === "removed") report.removed.push(`${file} (in WordPress's trash, or emptied)`);
      else if (outcome === "kept") report.warnings.push(`${file}: is in WordPress's trash, but was edited here: kept (delete it, or set draft: true)`);
    }
  }

  // site.json is the newsroom's own file, never the import's: only its nav gains the new sections.
  if (report.sectionsAdded.length > 0) {
    writeFileSync(`${siteFile}.importing`, withSections(siteSource, sections.nav()));
    renameSync(`${siteFile}.importing`, siteFile);
  }
  record.save();
  return report;
}

const commentsFile = (slug: string) => `_data/${DATA_FILES.comments}/${slug}.json`;

/** The addresses an imported story file gives itself: its own (as it was when written) and its aliases. */
function formerAddresses(site: string, file: string, sections: SectionPlan): string[] {
  const target = path.join(site, file);
  if (!file.startsWith(`${SITE_FOLDERS.posts}/`) || !existsSync(target)) return [];
  const split = splitArticle(readFileSync(target, "utf8"));
  if (!split.ok) return [];
  const section = typeof split.data.section === "string" ? sections.pathOf(split.data.section) : undefined;
  const own = section ? [`/${section.join("/")}/${path.basename(file, ".md")}/`] : [];
  return [...own, ...(Array.isArray(split.data.aliases) ? split.data.aliases.filter((alias): alias is string => typeof alias === "string") : [])];
}

/** WordPress's name for a comment without one, in the site's language ("Anonymous"). */
function anonymousLabel(siteFolder: string, site: SiteConfig): string {
  const labels = (folder: string) => (existsSync(folder) ? readLabelFolder(folder, (file) => file) : new Map());
  const book = makeLabelBook({ theme: labels(path.join(THEME_DIR, "labels")), site: labels(path.join(siteFolder, "_includes", "labels")), own: [], siteLanguage: site.language });
  return label(book.forLanguage(site.language), "anonymousReader");
}

function addHost(hosts: Set<string>, url: string): void {
  try {
    if (url.trim()) hosts.add(new URL(url.trim()).hostname.toLowerCase());
  } catch {
    // Not an address: nothing to learn from it.
  }
}

const unique = (names: string[]) => names.filter((name, index) => names.findIndex((other) => other.toLowerCase() === name.toLowerCase()) === index);


/** WordPress's slug (percent-encoded for other scripts), or one made from the headline. */
function slugFor(name: string, title: string, id: string, site: SiteConfig): string {
  const decoded = decode(name.trim()).normalize("NFC");
  if (decoded && SLUG.test(decoded) && Buffer.byteLength(decoded) <= MAX_SEGMENT_BYTES) return decoded.toLowerCase();
  const source = decoded || title;
  return source ? toSlug(source, site.slugs) : `post-${id}`;
}


/** The path of a post's old address, as a site path (decoded), or undefined for one a static host cannot answer (`?p=12`, too long). */
function oldAddress(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (url.search || url.pathname === "/") return undefined;
  const normal = normalizePermalink(decode(url.pathname));
  return "path" in normal ? normal.path : undefined;
}

/**
 * Links to the old site, pointed at the new one: a post's permalink or short link (`?p=12`) to its
 * new address, a category's archive to its section's front, a tag's to its tag page. Any other page
 * of the old site is left as it was, and counted.
 */
class OldLinks {
  unresolved = 0;
  private readonly base: string;
  private readonly hosts: ReadonlySet<string>;
  private readonly byOldPath: ReadonlyMap<string, string>;
  private readonly byId: ReadonlyMap<string, Outline>;
  private readonly sections: SectionPlan;
  private readonly tags: ReadonlyMap<string, string>;
  private readonly slugs: SlugStyle;

  constructor(base: string, hosts: ReadonlySet<string>, byOldPath: ReadonlyMap<string, string>, byId: ReadonlyMap<string, Outline>, sections: SectionPlan, tags: ReadonlyMap<string, string>, site: SiteConfig) {
    this.base = base;
    this.hosts = hosts;
    this.byOldPath = byOldPath;
    this.byId = byId;
    this.sections = sections;
    // Slugs as the links write them: percent-encoded, in any case.
    this.tags = new Map([...tags].map(([slug, name]) => [decode(slug).toLowerCase(), name]));
    this.slugs = site.slugs;
  }

  /** The new address of an old-site link, or undefined to leave the link as it is. */
  resolve(url: string): string | undefined {
    if (!this.base || /^(#|mailto:|tel:)/i.test(url)) return undefined;
    let parsed: URL;
    try {
      parsed = new URL(url, this.base);
    } catch {
      return undefined;
    }
    if (!this.hosts.has(parsed.hostname.toLowerCase()) || !/^https?:$/.test(parsed.protocol)) return undefined;
    const id = parsed.searchParams.get("p");
    const post = id && parsed.pathname === "/" ? this.byId.get(id) : undefined;
    const found = post && post.status !== "draft" ? post.url : parsed.search ? undefined : this.page(parsed.pathname);
    // Not its #fragment: the anchors of WordPress's markup (a heading's id, a footnote) are not in the markdown.
    if (found) return found;
    if (parsed.pathname !== "/") this.unresolved++;
    return undefined;
  }

  private page(pathname: string): string | undefined {
    const key = oldAddress(`https://x${pathname}`);
    const post = key ? this.byOldPath.get(key) ?? this.byOldPath.get(key.toLowerCase()) : undefined;
    if (post) return post;
    const archive = /^\/(category|tag)\/(.+?)\/?$/.exec(decode(pathname));
    if (!archive) return undefined;
    const slug = archive[2]!.split("/").at(-1)!.toLowerCase();
    if (archive[1] === "tag") {
      const name = this.tags.get(slug);
      return name ? tagUrl(toSlug(name, this.slugs)) : undefined;
    }
    const section = this.sections.shownPathOfCategory(slug);
    return section && `/${section.join("/")}/`;
  }
}

/** The byline: Co-Authors Plus's authors in their order when the post has them, else its WordPress author, by display name. */
function bylines(item: WxrItem, channel: WxrChannel, guests: ReadonlyMap<string, string>): string[] {
  const displayName = (login: string) => {
    const user = channel.authors.find((author) => author.login === login);
    return plainText(user?.displayName ?? "") || guests.get(login);
  };
  const coauthors = item.terms.filter((term) => term.domain === "author");
  const names = coauthors.length > 0
    ? coauthors.map((term) => {
        const login = plainText(term.name).replace(/^cap-/, "");
        const described = channel.terms.find((other) => other.taxonomy === "author" && other.slug === term.slug)?.description ?? "";
        return displayName(login) ?? nameFromDescription(described, login) ?? login;
      })
    : [displayName(item.creator.trim()) ?? plainText(item.creator)];
  return unique(names.filter(Boolean));
}

/**
 * Co-Authors Plus describes a byline's term as "display first last login id email": the display
 * name is what comes before the first and last names (or before the login when those are empty).
 */
function nameFromDescription(description: string, login: string): string | undefined {
  const words = description.trim().split(/\s+/);
  const at = words.lastIndexOf(login);
  if (at <= 0) return undefined;
  const before = words.slice(0, at);
  const half = before.length / 2;
  if (Number.isInteger(half) && before.slice(0, half).join(" ") === before.slice(half).join(" ")) return before.slice(0, half).join(" ");
  return before.join(" ");
}

/** The featured image (`_thumbnail_id`) as the hero, with the alt text, caption and credit WordPress has. */
function heroImage(item: WxrItem, file: string, attachments: ReadonlyMap<string, Attachment>, address: (url: string, kind: "image") => string, title: string, report: ImportReport): Record<string, unknown> | undefined {
  const id = item.meta.get("_thumbnail_id");
  if (!id) return undefined;
  const attachment = attachments.get(id);
  if (!attachment?.url) {
    report.missing.push(`${file}: featured image ${id} (not in the export)`);
    return undefined;
  }
  const src = address(attachment.url, "image");
  const filenameLike = /^[\w-]+$/.test(attachment.title) && /\d/.test(attachment.title);
  const alt = attachment.alt || attachment.caption || (filenameLike ? "" : attachment.title) || title;
  if (!attachment.alt) report.warnings.push(`${file}: image.alt: the featured image ${attachment.url} has no alt text in WordPress; "${alt}" was used: describe the picture in image.alt`);
  const image: Record<string, unknown> = { src, alt };
  if (attachment.caption) image.caption = attachment.caption;
  if (attachment.credit) image.credit = attachment.credit;
  if (/^https?:/i.test(src) && attachment.width && attachment.height) Object.assign(image, { width: attachment.width, height: attachment.height });
  return image;
}

/**
 * A post's approved comments (no pingbacks or trackbacks) as the comment file's entries, oldest
 * first, each reply under the comment it answers (or the nearest one above that is kept).
 */
function comments(list: readonly WxrComment[], published: DateTime, zone: string, anonymous: string, report: ImportReport): Record<string, unknown>[] {
  const kept: { entry: Record<string, unknown>; ms: number }[] = [];
  const parentOf = new Map(list.map((comment) => [comment.id.trim(), comment.parent.trim()]));
  const keptIds = new Map<string, number>();
  for (const comment of list) {
    if (comment.type === "pingback" || comment.type === "trackback") {
      report.comments.pingbacks++;
      continue;
    }
    if (comment.approved.trim() !== "1" || (comment.type !== "" && comment.type !== "comment")) {
      report.comments.unapproved++;
      continue;
    }
    const time = wordpressTime(comment.dateGmt, comment.date, zone);
    const text = plainText(comment.content, { paragraphs: true });
    if (!time || !text) {
      report.comments.empty++;
      continue;
    }
    if (time < published) {
      report.comments.early++;
      continue;
    }
    const id = comment.id.trim();
    keptIds.set(id, time.toMillis());
    kept.push({ entry: { id: /^\d+$/.test(id) ? Number(id) : id, author: plainText(comment.author) || anonymous, date: isoTime(time), text }, ms: time.toMillis() });
    report.comments.imported++;
  }
  for (const { entry, ms } of kept) {
    let parent = parentOf.get(String(entry.id));
    for (const seen = new Set<string>(); parent && parent !== "0" && !keptIds.has(parent) && !seen.has(parent); parent = parentOf.get(parent)) seen.add(parent);
    // A reply dated before what it answers (a clock gone wrong) stands on its own rather than stop the build.
    if (parent && (keptIds.get(parent) ?? Infinity) <= ms) entry.replyTo = /^\d+$/.test(parent) ? Number(parent) : parent;
  }
  return kept.sort((a, b) => a.ms - b.ms).map((comment) => comment.entry);
}

/**
 * Where each WordPress category goes in `nav`: a section of the same key when the site has one,
 * else a new section under its parent category's, the chain up to the top added with it. Only
 * sections of published or scheduled stories are added: a draft's category would otherwise show
 * in the navigation of the published site.
 */
class SectionPlan {
  private readonly tree: NavSectionInput[];
  private readonly existing = new Map<string, string[]>();
  private readonly categories: ReadonlyMap<string, Category>;
  private readonly planned = new Map<string, { key: string; title: string; path: string[]; parent: string | undefined }>();
  private readonly needed = new Set<string>();
  private readonly keys = new Map<string, string>();

  constructor(site: SiteConfig, categories: ReadonlyMap<string, Category>) {
    this.tree = structuredClone(site.nav);
    this.categories = categories;
    const walk = (sections: readonly NavSectionInput[], above: string[]) => {
      for (const section of sections) {
        this.existing.set(section.key, [...above, section.key]);
        walk(section.children ?? [], [...above, section.key]);
      }
    };
    walk(this.tree, []);
  }

  keyOf(category: string): string {
    return this.keys.get(category)!;
  }

  /** The path of a section in the site's nav, by its key. */
  pathOf(key: string): readonly string[] | undefined {
    return this.existing.get(key) ?? (this.needed.has(key) ? this.planned.get(key)!.path : undefined);
  }

  /** The path of a category's section, when it is one the published site shows; `slug` as a link writes it (decoded, any case). */
  shownPathOfCategory(slug: string): readonly string[] | undefined {
    const found = [...this.keys].find(([category]) => decode(category).toLowerCase() === slug);
    return found && this.pathOf(found[1]);
  }

  /** Categories that became one section, each said once: "Café" and "Cafe" are both "cafe". */
  merged(): string[] {
    const byKey = new Map<string, string[]>();
    for (const [slug, key] of this.keys) byKey.set(key, [...(byKey.get(key) ?? []), this.categories.get(slug)?.name ?? slug]);
    return [...byKey].filter(([, names]) => new Set(names).size > 1).map(([key, names]) => `categories ${names.map((name) => `"${name}"`).join(" and ")} are one section, "${key}"`);
  }

  /** The section path of a category's stories, marking its new sections as needed when `shown`. */
  place(slug: string, shown: boolean, seen = new Set<string>()): string[] {
    const category = this.categories.get(slug) ?? { slug, name: slug, parent: "" };
    const parent = category.parent && !seen.has(category.parent) && this.categories.has(category.parent) ? this.place(category.parent, shown, seen.add(slug)) : undefined;
    let key = this.keys.get(slug);
    if (!key) {
      key = sectionKey(category.slug, parent === undefined);
      this.keys.set(slug, key);
    }
    const existing = this.existing.get(key);
    if (existing) return existing;
    const planned = this.planned.get(key) ?? { key, title: category.name, path: [...(parent ?? []), key], parent: parent?.at(-1) };
    this.planned.set(key, planned);
    if (shown) this.needed.add(key);
    return planned.path;
  }

  added(): string[] {
    return [...this.needed].map((key) => `${this.planned.get(key)!.path.join("/")} (${this.planned.get(key)!.title})`);
  }

  draftOnly(): string[] {
    return [...this.planned.keys()].filter((key) => !this.needed.has(key)).map((key) => this.planned.get(key)!.path.join("/"));
  }

  /** Every front's address, the new sections' included. */
  urls(): Set<string> {
    return new Set([...this.existing.values(), ...[...this.planned.values()].map((planned) => planned.path)].map((keys) => `/${keys.join("/")}/`));
  }

  /** The nav with the needed new sections in it, parents before children, in the export's order. */
  nav(): NavSectionInput[] {
    const find = (sections: NavSectionInput[], key: string): NavSectionInput | undefined => {
      for (const section of sections) {
        if (section.key === key) return section;
        const inner = find(section.children ?? [], key);
        if (inner) return inner;
      }
      return undefined;
    };
    for (const planned of this.planned.values()) {
      if (!this.needed.has(planned.key)) continue;
      const parent = planned.parent ? find(this.tree, planned.parent) : undefined;
      const section = { key: planned.key, title: planned.title };
      if (parent) parent.children = [...(parent.children ?? []), section];
      else this.tree.push(section);
    }
    return this.tree;
  }
}

/** A category's slug as a section key: lowercase Latin letters, digits and hyphens, never a folder Dateline writes. */
function sectionKey(slug: string, top: boolean): string {
  const decoded = decode(slug);
  let key = SECTION_KEY.test(decoded) ? decoded : toSlug(decoded, "transliterated");
  if (!SECTION_KEY.test(key)) key = `section-${[...decoded].map((c) => c.codePointAt(0)!.toString(16)).join("").slice(0, 40)}`;
  key = key.slice(0, 50).replace(/-+$/, "");
  const reserved = top ? reservedBy(`/${key}/`, []) !== undefined : key === FRONT_PAGES;
  return reserved ? `${key}-section` : key;
}
