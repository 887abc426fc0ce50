import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { filesBelow } from "../../content/files.ts";
import path from "node:path";

/** The import's own record in the site's folder: what it wrote, so that a second import knows what the newsroom changed since. */
export const RECORD_FILE = "wordpress-import.json";
/** What an import wrote since the record was last saved, a line a file: an import cut short is not forgotten. */
const JOURNAL = `${RECORD_FILE}.journal`;
/** The folders the import writes into: a record naming any other file (edited by hand) is not followed there. */
const WRITES_INTO = ["posts/", "_data/comments/", "media/uploads/"];

export type Outcome = "written" | "unchanged" | "edited" | "deleted" | "foreign";

const digest = (content: string | Buffer) => createHash("sha256").update(content).digest("hex");

/** Why the record cannot be read; the import stops before it writes anything. */
export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecordError";
  }
}

interface Saved {
  /** Each file the import wrote (site-relative) and the hash of what it wrote. */
  files: Record<string, string>;
  /** The files written for each WordPress post, by its id: where a story was, when WordPress moves or bins it. */
  posts: Record<string, string[]>;
}

const isText = (value: unknown): value is string => typeof value === "string";
const ours = (file: unknown): file is string =>
  isText(file) && WRITES_INTO.some((folder) => file.startsWith(folder)) && !file.split("/").some((part) => part === ".." || part === "." || part === "") && !file.includes("\\");

/**
 * Writes the import's files without losing a newsroom's work: a file edited since the import wrote
 * it, one deleted since (a story taken down stays down), or one the import never wrote is left as
 * it is (the first two unless `force`). The record keeps each written file's hash and each post's
 * files; keep it in the site's repository. Each write is also appended to a journal at once, so an
 * import that is stopped half way (Ctrl-C, a full disk) knows on its next run which files were its own.
 */
export class ImportRecord {
  private readonly site: string;
  private readonly force: boolean;
  private readonly before: Saved = { files: {}, posts: {} };
  private readonly after: Saved = { files: {}, posts: {} };
  /** Which post each file written in this run is for: a file one post takes is no longer another's to remove. */
  private readonly claimed = new Map<string, string | undefined>();

  constructor(site: string, force: boolean) {
    this.site = site;
    this.force = force;
    const file = path.join(site, RECORD_FILE);
    if (existsSync(file)) {
      let saved: unknown;
      try {
        saved = JSON.parse(readFileSync(file, "utf8"));
      } catch {
        saved = undefined;
      }
      const { files, posts } = (saved ?? {}) as Partial<Record<keyof Saved, unknown>>;
      if (typeof files !== "object" || files === null || Array.isArray(files) || typeof posts !== "object" || posts === null || Array.isArray(posts)) {
        throw new RecordError(`${RECORD_FILE}: is not the import's record ({ "files": …, "posts": … }); restore it from the site's repository (git checkout ${RECORD_FILE})`);
      }
      for (const [name, hash] of Object.entries(files)) if (ours(name) && isText(hash)) this.before.files[name] = hash;
      for (const [post, names] of Object.entries(posts)) if (Array.isArray(names)) this.before.posts[post] = names.filter((name) => ours(name) && name in this.before.files);
    }
    const journal = path.join(site, JOURNAL);
    if (existsSync(journal)) {
      // A line cut short by the crash is the one write that may not have happened: it is left out.
      for (const line of readFileSync(journal, "utf8").split("\n")) {
        let entry: { file?: unknown; hash?: unknown; post?: unknown } | null;
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          continue;
        }
        if (!entry || !ours(entry.file) || !isText(entry.hash)) continue;
        this.before.files[entry.file] = entry.hash;
        if (isText(entry.post)) this.before.posts[entry.post] = [...new Set([...(this.before.posts[entry.post] ?? []), entry.file])];
      }
    }
  }

  /** Whether the import wrote this file before (it is the import's to replace). */
  owns(relative: string): boolean {
    return relative in this.before.files;
  }

  /** The files an earlier import wrote for a post. */
  filesOf(post: string): readonly string[] {
    return this.before.posts[post] ?? [];
  }

  /** Whether a file the import wrote is as it wrote it, or gone: the import may move or remove it. */
  untouched(relative: string): boolean {
    const target = path.join(this.site, relative);
    return !existsSync(target) || digest(readFileSync(target)) === this.before.files[relative];
  }

  /** Whether the newsroom made an imported file its own since: edited it, or deleted it. */
  keptByNewsroom(relative: string): boolean {
    if (this.force || !this.owns(relative)) return false;
    const target = path.join(this.site, relative);
    return !existsSync(target) || digest(readFileSync(target)) !== this.before.files[relative];
  }

  /** Writes `content` to the site's `relative` file (for `post`), unless the newsroom's own version stands. */
  put(relative: string, content: string | Buffer, post?: string): Outcome {
    const target = path.join(this.site, relative);
    const hash = digest(content);
    const recorded = this.before.files[relative];
    const current = existsSync(target) ? readFileSync(target) : undefined;
    const keep = (hash: string) => {
      this.after.files[relative] = hash;
      this.claimed.set(relative, post);
      if (post !== undefined) this.after.posts[post] = [...(this.after.posts[post] ?? []), relative];
    };
    if (current && digest(current) === hash) {
      keep(hash);
      return "unchanged";
    }
    // A file the import never wrote is the newsroom's, --force or not.
    const outcome: Outcome | undefined = current ? (recorded === undefined ? "foreign" : !this.force && digest(current) !== recorded ? "edited" : undefined) : !this.force && recorded !== undefined ? "deleted" : undefined;
    if (outcome) {
      if (recorded !== undefined) keep(recorded);
      return outcome;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.importing`;
    writeFileSync(temporary, content);
    renameSync(temporary, target);
    appendFileSync(path.join(this.site, JOURNAL), `${JSON.stringify({ file: relative, hash, post })}\n`);
    keep(hash);
    return "written";
  }

  /**
   * Removes a file an earlier import wrote for `post` (a story WordPress moved or binned): "removed";
   * "kept" when the newsroom changed it since; "taken" when another post's file is there now.
   */
  retire(relative: string, post: string): "removed" | "kept" | "taken" {
    const claim = this.claimed.get(relative);
    if (this.claimed.has(relative) && claim !== post) return "taken";
    if (!this.untouched(relative) && !this.force) {
      this.after.files[relative] = this.before.files[relative]!;
      return "kept";
    }
    rmSync(path.join(this.site, relative), { force: true });
    delete this.before.files[relative];
    this.before.posts[post] = (this.before.posts[post] ?? []).filter((file) => file !== relative);
    return "removed";
  }

  /** Saves the record, sorted so that the same import writes the same bytes; an earlier import's entries this one did not touch are kept. */
  save(): void {
    for (const [file, hash] of Object.entries(this.before.files)) if (!(file in this.after.files)) this.after.files[file] = hash;
    for (const [post, files] of Object.entries(this.before.posts)) {
      if (!(post in this.after.posts)) this.after.posts[post] = files.filter((file) => file in this.after.files && (this.claimed.get(file) ?? post) === post);
    }
    const sorted = <T>(entries: Record<string, T>) => Object.fromEntries(Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const posts = sorted(Object.fromEntries(Object.entries(this.after.posts).filter(([, files]) => files.length > 0).map(([post, files]) => [post, [...new Set(files)].sort()])));
    const text = `${JSON.stringify({ files: sorted(this.after.files), posts }, null, 1)}\n`;
    const file = path.join(this.site, RECORD_FILE);
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) {
      writeFileSync(`${file}.importing`, text);
      renameSync(`${file}.importing`, file);
    }
    if (existsSync(path.join(this.site, JOURNAL))) unlinkSync(path.join(this.site, JOURNAL));
  }

  /** Removes what an import stopped half way left: files written under a temporary name, never renamed into place. */
  sweep(): void {
    for (const folder of WRITES_INTO) {
      const root = path.join(this.site, folder);
      if (!existsSync(root)) continue;
      for (const entry of filesBelow(root)) if (entry.endsWith(".importing")) rmSync(entry, { force: true });
    }
  }
}
