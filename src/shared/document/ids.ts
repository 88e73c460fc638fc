/** Short ids, unique within a document: `<prefix>_<n>` with the next free n. */
export function nextId(prefix: string, taken: Iterable<string>): string {
  let max = 0;
  const re = new RegExp(`^${prefix.replace(/[^\w]/g, '')}_(\\d+)$`);
  for (const id of taken) {
    const m = re.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix.replace(/[^\w]/g, '')}_${max + 1}`;
}
