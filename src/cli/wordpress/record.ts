import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The import's own record in the site's folder: what it wrote, so that a second import knows what the newsroom changed since. */
export const RECORD_FILE = "wordpress-import.json";

export type Outcome = "written" | "unchanged" | "edited" | "deleted" | "foreign";

const digest = (content: string | Buffer) => createHash("sha256").update(content).digest("hex");

/**
 * Writes the import's files without losing a newsroom's work: a file edited since the import wrote
 * it, one deleted since (a story taken down stays down), or one the import never wrote is left as
 * it is unless `force`. The record keeps each written file's hash; keep it in the site's repository.
 */
export class ImportRecord {
  private readonly site: string;
  private readonly force: boolean;
  private readonly before: Record<string, string>;
  private readonly after: Record<string, string> = {};

  constructor(site: string, force: boolean) {
    this.site = site;
    this.force = force;
    const file = path.join(site, RECORD_FILE);
    let files: Record<string, string> = {};
    if (existsSync(file)) {
      try {
        files = (JSON.parse(readFileSync(file, "utf8")) as { files?: Record<string, string> }).files ?? {};
      } catch {
        throw new Error(`${RECORD_FILE}: is not the import's record (not JSON); restore it from the repository, or delete it and import with --force`);
      }
    }
    this.before = files;
  }

  /** Whether the import wrote this file before (it is the import's to replace). */
  owns(relative: string): boolean {
    return relative in this.before;
  }

  /** Writes `content` to the site's `relative` file, unless the newsroom's own version stands. */
  put(relative: string, content: string | Buffer): Outcome {
    const target = path.join(this.site, relative);
    const hash = digest(content);
    const recorded = this.before[relative];
    const current = existsSync(target) ? readFileSync(target) : undefined;
    if (current && digest(current) === hash) {
      this.after[relative] = hash;
      return "unchanged";
    }
    if (!this.force) {
      const kept: Outcome | undefined = current ? (recorded === undefined ? "foreign" : digest(current) !== recorded ? "edited" : undefined) : recorded !== undefined ? "deleted" : undefined;
      if (kept) {
        if (recorded !== undefined) this.after[relative] = recorded;
        return kept;
      }
    }
    mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.importing`;
    writeFileSync(temporary, content);
    renameSync(temporary, target);
    this.after[relative] = hash;
    return "written";
  }

  /** Keeps an earlier import's entry for a file this import did not touch (a post since removed from the export). */
  carryOver(): void {
    for (const [file, hash] of Object.entries(this.before)) if (!(file in this.after)) this.after[file] = hash;
  }

  /** Saves the record, sorted so that the same import writes the same bytes. */
  save(): void {
    const files = Object.fromEntries(Object.entries(this.after).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const text = `${JSON.stringify({ files }, null, 1)}\n`;
    const file = path.join(this.site, RECORD_FILE);
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) writeFileSync(file, text);
  }
}
