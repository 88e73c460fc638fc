/** Source for CSV datasets: a small reader with one-hot categories and scaling. */
import type { DatasetRef } from '../../document/schema.ts';
import { constant, literal } from '../literal.ts';
import { NODE_IMPORTS, type Snippet } from '../snippet.ts';
import { SEEDED_RANDOM, SEEDED_SHUFFLE, TO_SPLIT } from './common.ts';

type CsvRef = Extract<DatasetRef, { kind: 'csv' }>;

const READER = `/** Splits one CSV line; a field may be wrapped in double quotes, with "" for a quote inside. Fields spanning lines are not supported. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell.trim());
  return cells;
}

interface Row {
  /** 1-based line in the file, for error messages. */
  readonly line: number;
  readonly cells: string[];
}

const isNumber = (text: string): boolean => text !== '' && Number.isFinite(Number(text));

interface Column {
  /** Encoded width: 1 for a number, one 0/1 column per category otherwise. */
  readonly width: number;
  readonly numeric: boolean;
  encode(text: string): number[];
}

/** Mostly-numeric columns stay numbers (and a stray text value is an error); others become one-hot categories. */
function encodeColumn(name: string, rows: readonly Row[], index: number, file: string): Column {
  const values = rows.map((r) => r.cells[index]);
  if (values.filter(isNumber).length * 2 >= values.length) {
    const bad = rows.find((r) => !isNumber(r.cells[index]));
    if (bad) throw new Error(\`\${file}:\${bad.line}: column "\${name}" holds numbers but this row has \${JSON.stringify(bad.cells[index])}\`);
    return { width: 1, numeric: true, encode: (text) => [Number(text)] };
  }
  const categories = [...new Set(values)].sort();
  return { width: categories.length, numeric: false, encode: (text) => categories.map((c) => (c === text ? 1 : 0)) };
}`;

function scalingSource(scaling: CsvRef['scaling']): string {
  switch (scaling) {
    case 'none':
      return '';
    case 'minmax':
      return `/** Maps each numeric column to 0–1 using the training rows' minimum and maximum, so the test rows stay unseen. */
function scaleColumns(rows: number[][], columns: readonly number[], trainCount: number): void {
  for (const c of columns) {
    let min = Infinity;
    let max = -Infinity;
    for (const row of rows.slice(0, trainCount)) {
      min = Math.min(min, row[c]);
      max = Math.max(max, row[c]);
    }
    // A constant column carries no information; 0 keeps it harmless.
    const range = max - min;
    for (const row of rows) row[c] = range > 0 ? (row[c] - min) / range : 0;
  }
}`;
    case 'standard':
      return `/** Shifts and scales each numeric column to mean 0, deviation 1 using the training rows only, so the test rows stay unseen. */
function scaleColumns(rows: number[][], columns: readonly number[], trainCount: number): void {
  const train = rows.slice(0, trainCount);
  for (const c of columns) {
    const mean = train.reduce((sum, row) => sum + row[c], 0) / Math.max(1, train.length);
    const variance = train.reduce((sum, row) => sum + (row[c] - mean) ** 2, 0) / Math.max(1, train.length);
    const deviation = Math.sqrt(variance);
    for (const row of rows) row[c] = deviation > 0 ? (row[c] - mean) / deviation : 0;
  }
}`;
    default:
      throw new Error(`unknown scaling ${scaling as string}`);
  }
}

function targetSource(task: CsvRef['task']): string {
  switch (task) {
    case 'classification':
      return `// Classes are numbered in sorted order (numerically when they are all numbers).
  const labels = [...new Set(rows.map((r) => r.cells[target]))];
  labels.sort((a, b) => (isNumber(a) && isNumber(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
  const targets = rows.map((r) => [labels.indexOf(r.cells[target])]);
  console.log(\`Classes: \${labels.join(', ')}\`);`;
    case 'regression':
      return `const targets = rows.map((r) => {
    if (!isNumber(r.cells[target])) throw new Error(\`\${file}:\${r.line}: the target "\${DATASET.target}" must be a number, got \${JSON.stringify(r.cells[target])}\`);
    return [Number(r.cells[target])];
  });`;
    default:
      throw new Error(`unknown task ${task as string}`);
  }
}

export function csvDescription(ref: CsvRef): string {
  return `${ref.path} (predicting "${ref.target}", ${ref.task})`;
}

export function csvSource(ref: CsvRef, seed: number): Snippet {
  const settings = { path: ref.path, target: ref.target, ignore: ref.ignore ?? [], testRatio: ref.testRatio, seed };
  const scaling = scalingSource(ref.scaling);
  const code = `${TO_SPLIT.code}

${SEEDED_RANDOM.code}

${SEEDED_SHUFFLE.code}

${READER}
${scaling ? `\n${scaling}\n` : ''}
/** The CSV file chosen in the project (relative to --data-dir or the working directory), its target column and test share. */
${constant('DATASET', settings)}

/** Reads the table, shuffles the rows with the seed, and holds out the last testRatio of them for testing. */
async function loadData(options: Options): Promise<Dataset> {
  const file = path.resolve(options.dataDir ?? '.', DATASET.path);
  const lines = fs.readFileSync(file, 'utf8').split(/\\r?\\n/);
  const header = splitCsvLine(lines[0] ?? '');
  const target = header.indexOf(DATASET.target);
  if (target < 0) throw new Error(\`\${file}: no column named "\${DATASET.target}" (the header has \${header.join(', ')})\`);
  const parsed: Row[] = [];
  lines.forEach((text, i) => {
    if (i === 0 || !text.trim()) return;
    const cells = splitCsvLine(text);
    if (cells.length !== header.length) throw new Error(\`\${file}:\${i + 1}: expected \${header.length} values, got \${cells.length}\`);
    parsed.push({ line: i + 1, cells });
  });
  const rows = shuffledIndices(parsed.length, seededRandom(DATASET.seed)).map((k) => parsed[k]);
  const used = header.map((_, c) => c).filter((c) => c !== target && !DATASET.ignore.includes(header[c]));
  const columns = used.map((c) => encodeColumn(header[c], rows, c, file));
  const inputs = rows.map((r) => used.flatMap((c, k) => columns[k].encode(r.cells[c])));
  ${targetSource(ref.task)}
  // At least one row trains.
  const trainCount = rows.length - Math.min(rows.length - 1, Math.round(rows.length * DATASET.testRatio));
${
  scaling
    ? `  // Where the numeric columns sit among the encoded ones (categories take several).
  const numeric: number[] = [];
  let offset = 0;
  for (const column of columns) {
    if (column.numeric) numeric.push(offset);
    offset += column.width;
  }
  scaleColumns(inputs, numeric, trainCount);
`
    : ''
}  return {
    title: ${literal(csvDescription(ref))},
    train: toSplit(inputs, targets, 0, trainCount),
    test: toSplit(inputs, targets, trainCount, rows.length),
    targetSize: 1,
  };
}`;
  return { imports: [NODE_IMPORTS.fs, NODE_IMPORTS.path], code };
}
