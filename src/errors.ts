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

/**
 * Thrown when content or site data cannot be published as written. It carries every problem found,
 * so one build reports them all and the newsroom fixes them in one pass.
 */
export class ContentValidationError extends Error {
  readonly problems: readonly ContentProblem[];
  /** Read by Eleventy's error handler: the problems are the message, a stack trace would only bury them. */
  readonly skipOriginalStack = true;

  constructor(problems: readonly ContentProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      `Dateline cannot build the site: ${count} in the content. Fix these and build again; ` +
        `the previously built site is left as it was.\n` +
        problems.map((p) => `  ${describeProblem(p)}`).join("\n"),
    );
    this.name = "ContentValidationError";
    this.problems = problems;
  }
}
