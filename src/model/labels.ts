/** The interface's words by key, from the theme's labels table (`_includes/labels.json`). */
export type Labels = Readonly<Record<string, string>>;

/** The words of a label with its `{placeholders}` filled in: "Page {number}" with 2 is "Page 2". An unknown key shows as itself. */
export function label(labels: Labels, key: string, values: Readonly<Record<string, string | number>> = {}): string {
  return (labels[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
