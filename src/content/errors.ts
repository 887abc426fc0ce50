/** One thing wrong with the newsroom's content, tied to the file (and field) a journalist must fix. */
export interface ContentProblem {
  file: string;
  field?: string;
  message: string;
}

export function describeProblem(problem: ContentProblem): string {
  return problem.field
    ? `${problem.file}: ${problem.field}: ${problem.message}`
    : `${problem.file}: ${problem.message}`;
}

/** A data file's JSON (a byte-order mark allowed), or the problem that names where it breaks. */
export function parseJson(file: string, source: string): { ok: true; value: unknown } | { ok: false; problem: ContentProblem } {
  const text = source.replace(/^\uFEFF/, "");
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: { file, message: describeJsonError(text, error) } };
  }
}

/** JSON.parse's complaint, with the line and column a person can find instead of a character offset. */
function describeJsonError(source: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  if (!position) return `is not valid JSON: ${message}`;
  const before = source.slice(0, Number(position[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `is not valid JSON (line ${line}, column ${column}): ${message.replace(/ in JSON at position \d+.*$/, "")}`;
}

/**
 * Thrown when content or site data cannot be published as written. It carries every problem found,
 * so one build reports them all and the newsroom fixes them in one pass.
 */
export class ContentValidationError extends Error {
  readonly problems: readonly ContentProblem[];
  /** Warnings found on the way, printed with the problems so nothing is lost when the build stops. */
  readonly warnings: readonly string[];

  constructor(problems: readonly ContentProblem[], warnings: readonly string[] = []) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      `Dateline cannot build the site: ${count} in the content. Fix these and build again; ` +
        `the previously built site is left as it was.\n` +
        problems.map((p) => `  ${describeProblem(p)}`).join("\n"),
    );
    this.name = "ContentValidationError";
    this.problems = problems;
    this.warnings = warnings;
  }
}
