import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The import's own record in the site's folder: what it wrote, so that a second import knows what the newsroom changed since. */
export const RECORD_FILE = "wordpress-import.json";
/** What an import wrote since the record was last saved, a line a file: an import cut short is not forgotten. */
const JOURNAL = `${RECORD_FILE}.journal`;

export type Outcome = "written" | "unchanged" | "edited" | "deleted" | "foreign";

const digest = (content: string | Buffer) => createHash("sha256").update(content).digest("hex");

interface Saved {
  /** Each file the import wrote (site-relative) and the hash of what it wrote. */
  files: Record<string, string>;
  /** The files written for each WordPress post, by its id: where a story was, when WordPress moves or bins it. */
  posts: Record<string, string[]>;
}

interface Entry {
  file: string;
  hash: string;
  post?: string | undefined;
}

/**
 * Writes the import's files without losing a newsroom's work: a file edited since the import wrote
 * it, one deleted since (a story taken down stays down), or one the import never wrote is left as
 * it is unless `force`. The record keeps each written file's hash and each post's files; keep it in
 * the site's repository. Each write is also appended to a journal at once, so an import that is
 * stopped half way (Ctrl-C, a full disk) knows on its next run which files were its own.
 */
export class ImportRecord {
  private readonly site: string;
  private readonly force: boolean;
  private readonly before: Saved;
  private readonly after: Saved = { files: {}, posts: {} };

  constructor(site: string, force: boolean) {
    this.site = site;
    this.force = force;
    const file = path.join(site, RECORD_FILE);
    let saved: Partial<Saved> = {};
    if (existsSync(file)) {
      try {
        saved = JSON.parse(readFileSync(file, "utf8")) as Partial<Saved>;
      } catch {
        throw new Error(`${RECORD_FILE}: is not the import's record (not JSON); restore it from the repository, or delete it and import with --force`);
      }
    }
    this.before = { files: { ...saved.files }, posts: { ...saved.posts } };
    const journal = path.join(site, JOURNAL);
    if (existsSync(journal)) {
      // A line cut short by the crash is the one write that may not have happened: it is left out.
      for (const line of readFileSync(journal, "utf8").split("\n")) {
        let entry: Entry;
        try {
          entry = JSON.parse(line) as Entry;
        } catch {
          continue;
        }
        this.before.files[entry.file] = entry.hash;
        if (entry.post !== undefined) this.before.posts[entry.post] = [...new Set([...(this.before.posts[entry.post] ?? []), entry.file])];
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

  /** Whether a file the import wrote is as it wrote it (or gone): the import may move or remove it. */
  untouched(relative: string): boolean {
    const target = path.join(this.site, relative);
    return !existsSync(target) || digest(readFileSync(target)) === this.before.files[relative];
  }

  /** Writes `content` to the site's `relative` file (for `post`), unless the newsroom's own version stands. */
  put(relative: string, content: string | Buffer, post?: string): Outcome {
    const target = path.join(this.site, relative);
    const hash = digest(content);
    const recorded = this.before.files[relative];
    const current = existsSync(target) ? readFileSync(target) : undefined;
    const kept = (hash: string) => {
      this.after.files[relative] = hash;
      if (post !== undefined) this.after.posts[post] = [...(this.after.posts[post] ?? []), relative];
    };
    if (current && digest(current) === hash) {
      kept(hash);
      return "unchanged";
    }
    if (!this.force) {
      const outcome: Outcome | undefined = current ? (recorded === undefined ? "foreign" : digest(current) !== recorded ? "edited" : undefined) : recorded !== undefined ? "deleted" : undefined;
      if (outcome) {
        if (recorded !== undefined) kept(recorded);
        return outcome;
      }
    }
    mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.importing`;
    writeFileSync(temporary, content);
    renameSync(temporary, target);
    appendFileSync(path.join(this.site, JOURNAL), `${JSON.stringify({ file: relative, hash, post } satisfies Entry)}\n`);
    kept(hash);
    return "written";
  }

  /** Removes a file the import wrote and the newsroom left as it was (a story WordPress moved or binned); false when the newsroom changed it. */
  retire(relative: string): boolean {
    if (!this.untouched(relative) && !this.force) {
      this.after.files[relative] = this.before.files[relative]!;
      return false;
    }
    rmSync(path.join(this.site, relative), { force: true });
    delete this.before.files[relative];
    return true;
  }

  /** Saves the record, sorted so that the same import writes the same bytes; an earlier import's entries this one did not touch are kept. */
  save(): void {
    for (const [file, hash] of Object.entries(this.before.files)) if (!(file in this.after.files)) this.after.files[file] = hash;
    for (const [post, files] of Object.entries(this.before.posts)) if (!(post in this.after.posts)) this.after.posts[post] = files.filter((file) => file in this.after.files);
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
}
