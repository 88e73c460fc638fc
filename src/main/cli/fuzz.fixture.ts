/**
 * Malformed project files for the fuzz test (fuzz.test.ts): each case is the
 * text of a starter template, mutated the way broken editors, truncated
 * downloads, hostile senders and careless scripts mutate files. A case is a
 * pure function of (seed, index), so one failing case can be replayed alone.
 */
import { CATALOG } from '../../shared/catalog/index.ts';
import { MAX_EDGES, MAX_NODES, serializeDocument } from '../../shared/document/index.ts';
import { TEMPLATES } from '../../shared/templates/index.ts';
import { mulberry32 } from '../../shared/datasets/random.ts';

export interface FuzzCase {
  readonly index: number;
  /** The mutations applied, e.g. "lenet-cnn: deep-nesting nodes[2].params.kernelSize (5,000 arrays)". */
  readonly label: string;
  readonly bytes: Uint8Array;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

class Random {
  readonly next: () => number;
  constructor(seed: number) {
    // The app's seeded generator picks the mutations.
    this.next = mulberry32(seed);
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const TEMPLATE_TEXTS = TEMPLATES.map((t) => ({ id: t.id, text: serializeDocument(t.build()) }));
const KINDS = [...CATALOG.keys()];
const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', '__defineGetter__', 'isPrototypeOf'];
const BAD_UTF8: readonly number[][] = [[0xff], [0xfe], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x82]];
/** Number literals as text: some overflow to Infinity when parsed, some are not JSON at all. */
const NUMBER_TEXTS = ['0', '-0', '-1', '0.5', '1e308', '-1e308', '1e999', '-1e999', '1e-320', '2147483648', '4294967296', '9007199254740993', '18446744073709551616', '123456789012345678901234567890', '65536', '65537', '1000000001', 'NaN', 'Infinity', '0x10', '01', '1.', '.5', '+1'];
/** Text kept on a value only through placeholders (JSON.stringify cannot write it). */
const RAW = '@@raw';

/** Everything a mutation may aim at: containers with one of their keys, found without recursion. */
function slots(root: Json): { parent: Container; key: string | number; path: string }[] {
  const out: { parent: Container; key: string | number; path: string }[] = [];
  const stack: { value: Json; path: string }[] = [{ value: root, path: '' }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { value, path } = top;
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        out.push({ parent: value, key: i, path: `${path}[${i}]` });
        stack.push({ value: v, path: `${path}[${i}]` });
      });
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const at = path ? `${path}.${k}` : k;
        out.push({ parent: value, key: k, path: at });
        stack.push({ value: v, path: at });
      }
    }
  }
  return out;
}

function containers(root: Json): { value: Container; path: string }[] {
  const out: { value: Container; path: string }[] = [{ value: root as Container, path: '(root)' }];
  for (const s of slots(root)) {
    const v = (s.parent as Record<string | number, Json>)[s.key];
    if (v && typeof v === 'object') out.push({ value: v, path: s.path });
  }
  return out;
}

/**
 * A document under construction: JSON plus raw text that JSON.stringify cannot
 * produce (deep nesting, duplicate or prototype keys, overflowing numbers),
 * spliced in through placeholder strings when the text is written.
 */
class Draft {
  private readonly raw = new Map<string, string>();
  constructor(public doc: Json) {}

  /** A placeholder value that is written as `text`. */
  rawValue(text: string): string {
    const token = `${RAW}${this.raw.size}@@`;
    this.raw.set(`"${token}"`, text);
    return token;
  }

  /** Adds `"key": value` as written text to an object (works for `__proto__` and repeated keys). */
  rawEntry(target: { [key: string]: Json }, key: string, valueText: string): void {
    const token = `${RAW}${this.raw.size}@@`;
    target[token] = 0;
    this.raw.set(`"${token}":0`, `${JSON.stringify(key)}:${valueText}`);
  }

  text(): string {
    let text = JSON.stringify(this.doc);
    // Every placeholder appears once; split/join keeps `$` in raw text literal.
    for (const [token, replacement] of this.raw) text = text.split(token).join(replacement);
    return text;
  }
}

function nestedText(depth: number, objects: boolean): string {
  return objects ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) : '['.repeat(depth) + '1' + ']'.repeat(depth);
}

function longString(random: Random, length: number): string {
  const alphabet = ['a', 'Z', '9', ' ', 'é', '中', '😀', '\n', '\u0000', '"', '\\', '\u2028', '\ud800'];
  const unit = Array.from({ length: 16 }, () => random.pick(alphabet)).join('');
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** A value of some other type than most fields expect. */
function wrongValue(random: Random, draft: Draft): Json {
  switch (random.int(12)) {
    case 0:
      return null;
    case 1:
      return random.chance(0.5);
    case 2:
      return draft.rawValue(random.pick(NUMBER_TEXTS));
    case 3:
      return '';
    case 4:
      return random.pick(['x', 'Dense', 'input_1', 'adam', 'true', '2', 'softmax', '../../etc/passwd', 'C:\\x']);
    case 5:
      return [];
    case 6:
      return {};
    case 7:
      return [1, 'two', null, [3]];
    case 8:
      return { kind: random.pick(['builtin', 'csv', 'generated', 'nope']), x: 1 };
    case 9:
      return longString(random, random.pick([65, 201, 5_001, 10_001]));
    case 10:
      return Array.from({ length: random.pick([9, 100, 10_000]) }, (_, i) => i);
    default:
      return random.int(2000) - 1000;
  }
}

type Mutation = (random: Random, draft: Draft) => string;

/** Structure-aware mutations: each changes the parsed document and says what it did. */
const JSON_MUTATIONS: Record<string, { weight: number; run: Mutation }> = {
  'delete-key': {
    weight: 8,
    run(random, draft) {
      const s = random.pick(slots(draft.doc));
      if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
      else delete s.parent[s.key as string];
      return s.path;
    },
  },
  'duplicate-key': {
    weight: 5,
    run(random, draft) {
      const objects = containers(draft.doc).filter((c) => !Array.isArray(c.value) && Object.keys(c.value).length);
      const target = random.pick(objects);
      const object = target.value as { [key: string]: Json };
      const key = random.pick(Object.keys(object));
      draft.rawEntry(object, key, JSON.stringify(random.chance(0.5) ? object[key] : wrongValue(random, draft)));
      return `${target.path}.${key}`;
    },
  },
  'wrong-type': {
    weight: 14,
    run(random, draft) {
      const s = random.pick(slots(draft.doc));
      (s.parent as Record<string | number, Json>)[s.key] = wrongValue(random, draft);
      return s.path;
    },
  },
  'huge-number': {
    weight: 8,
    run(random, draft) {
      const numbers = slots(draft.doc).filter((s) => typeof (s.parent as Record<string | number, Json>)[s.key] === 'number');
      const s = random.pick(numbers);
      const text = random.pick(NUMBER_TEXTS);
      (s.parent as Record<string | number, Json>)[s.key] = draft.rawValue(text);
      return `${s.path} = ${text}`;
    },
  },
  'deep-nesting': {
    weight: 5,
    run(random, draft) {
      const s = random.pick(slots(draft.doc));
      const depth = random.pick([12, 13, 16, 17, 64, 1_000, 5_000, 100_000]);
      const objects = random.chance(0.3);
      (s.parent as Record<string | number, Json>)[s.key] = draft.rawValue(nestedText(depth, objects));
      return `${s.path} (${depth.toLocaleString('en-US')} ${objects ? 'objects' : 'arrays'})`;
    },
  },
  'long-string': {
    weight: 6,
    run(random, draft) {
      const length = random.pick([8, 30, 64, 65, 140, 141, 200, 201, 5_001, 10_001, 100_000, 1_000_000]);
      if (random.chance(0.3)) {
        const target = random.pick(containers(draft.doc).filter((c) => !Array.isArray(c.value)));
        draft.rawEntry(target.value as { [key: string]: Json }, longString(random, length), '1');
        return `${target.path} gets a key of ${length} characters`;
      }
      const strings = slots(draft.doc).filter((s) => typeof (s.parent as Record<string | number, Json>)[s.key] === 'string');
      const s = random.pick(strings);
      (s.parent as Record<string | number, Json>)[s.key] = longString(random, length);
      return `${s.path} (${length} characters)`;
    },
  },
  'prototype-key': {
    weight: 8,
    run(random, draft) {
      const objects = containers(draft.doc).filter((c) => !Array.isArray(c.value));
      const target = random.chance(0.5) ? objects.find((c) => c.path.endsWith('.params')) ?? random.pick(objects) : random.pick(objects);
      const key = random.pick(PROTO_KEYS);
      const value = random.pick(['{"polluted":true}', '1', '"x"', '[]', 'null', '{}', '{"units":1}']);
      draft.rawEntry(target.value as { [key: string]: Json }, key, value);
      return `${target.path}.${key} = ${value}`;
    },
  },
  'layer-kind': {
    weight: 6,
    run(random, draft) {
      const node = random.pick(nodesOf(draft));
      node.kind = random.pick([...KINDS, ...KINDS, 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'dense', 'Dense3', '']);
      // Mostly with the new kind's defaults, so the file loads and the analysis and export meet an odd network.
      if (random.chance(0.7)) node.params = {};
      return `${node.id}.kind = ${JSON.stringify(node.kind)}`;
    },
  },
  'layer-name': {
    weight: 4,
    run(random, draft) {
      const node = random.pick(nodesOf(draft));
      node.name = random.pick([longString(random, random.pick([1, 8, 30, 64])), 'dense_1', 'input_1', '1abc', 'a b', '', '\u001b[2J\u001b[31mred', 'x\ny', '\u202egnp.exe']);
      return `${node.id}.name = ${JSON.stringify(node.name)}`;
    },
  },
  'big-but-allowed': {
    weight: 5,
    run(random, draft) {
      const nodes = nodesOf(draft);
      const input = nodes.find((n) => n.kind === 'Input');
      const dims = [1, 2, 7, 28, 1_024, 65_536, 1_000_000];
      if (input && random.chance(0.5)) {
        input.params = { shape: Array.from({ length: 1 + random.int(4) }, () => random.pick(dims)) };
        return `${input.id} shape ${JSON.stringify(input.params.shape)}`;
      }
      const node = random.pick(nodes);
      const spec = CATALOG.get(String(node.kind))?.params ?? {};
      const name = random.pick(Object.keys(spec).length ? Object.keys(spec) : ['units']);
      const p = spec[name];
      const big = p?.type === 'ints' ? Array.from({ length: p.length ?? 1 + random.int(3) }, () => random.pick([1, p.limit ?? 1_024, 1_024, 65_536])) : random.pick([65_536, 1_000_000, 1_024, 1]);
      node.params = { ...(node.params as object), [name]: big };
      return `${node.id}.params.${name} = ${JSON.stringify(big)}`;
    },
  },
  'layer-param': {
    weight: 10,
    run(random, draft) {
      const node = random.pick(nodesOf(draft));
      const params = (node.params && typeof node.params === 'object' && !Array.isArray(node.params) ? node.params : (node.params = {})) as { [key: string]: Json };
      const name = random.pick(['units', 'filters', 'kernelSize', 'strides', 'poolSize', 'shape', 'targetShape', 'rate', 'inputDim', 'outputDim', 'axis', 'activation', 'padding', 'dilationRate', 'returnSequences', 'momentum', 'epsilon', 'dtype']);
      const value = random.pick<() => Json>([
        () => draft.rawValue(random.pick(NUMBER_TEXTS)),
        () => [random.pick([0, 1, 3, 1024, 1025, 65_536, 1_000_000, 1_000_001, 2 ** 31, -1, -2])],
        () => [1_000_000, 1_000_000, 1_000_000],
        () => [-1, -1],
        () => [0, 0],
        () => [2 ** 31, 2 ** 31],
        () => Array.from({ length: random.pick([1, 2, 3, 4, 5, 8, 9]) }, () => random.int(5000)),
        () => random.pick(['relu', 'valid', 'same', 'nope', '']),
        () => wrongValue(random, draft),
      ])();
      params[name] = value;
      return `${node.id}.params.${name}`;
    },
  },
  'edges': {
    weight: 8,
    run(random, draft) {
      const nodes = nodesOf(draft);
      const edges = edgesOf(draft);
      const objects = edges.filter((e): e is { [key: string]: Json } => !!e && typeof e === 'object' && !Array.isArray(e));
      const id = () => (random.chance(0.9) ? String(random.pick(nodes).id) : random.pick(['missing', '', 'constructor', '__proto__']));
      const kind = random.int(6);
      if (kind === 0) {
        const n = String(random.pick(nodes).id);
        edges.push({ id: `fz_self_${edges.length}`, source: n, target: n, targetPort: 0 });
        return `self-loop on ${n}`;
      }
      if (kind === 1 && objects.length) {
        const e = random.pick(objects);
        edges.push({ id: `fz_back_${edges.length}`, source: e.target, target: e.source, targetPort: random.pick([0, 1]) });
        return 'a connection back against the flow (a cycle)';
      }
      if (kind === 2) {
        for (let i = 0; i < nodes.length; i++) edges.push({ id: `fz_ring_${i}`, source: String(nodes[i].id), target: String(nodes[(i + 1) % nodes.length].id), targetPort: 0 });
        return 'a ring through every layer';
      }
      if (kind === 3 && objects.length) {
        const e = random.pick(objects);
        e[random.pick(['source', 'target', 'id'])] = id();
        return 'an edge end moved';
      }
      if (kind === 4 && objects.length) {
        const e = random.pick(objects);
        e.targetPort = draft.rawValue(random.pick(['1', '7', '-1', '0.5', '1e308', '2147483648', '"0"', 'null']));
        return 'an odd input slot';
      }
      const copies = random.pick([1, 2, 50]);
      for (let i = 0; i < copies && objects.length; i++) edges.push({ ...random.pick(objects) });
      return `${copies} duplicated edge(s)`;
    },
  },
  'schema-version': {
    weight: 3,
    run(random, draft) {
      const text = random.pick(['1', '0', '3', '-1', '"2"', '2.5', 'null', '1e308', '[2]']);
      (draft.doc as { [key: string]: Json }).schemaVersion = draft.rawValue(text);
      return text;
    },
  },
};

/** How often a case is a graph near the size limits: each takes a second or more, so they come on a schedule rather than by chance. */
export const HUGE_EVERY = 250;

const hugeGraph: Mutation = (random, draft) => {
  const count = random.pick([1_000, 5_000, MAX_NODES, MAX_NODES + 1]);
  const shape = random.pick(['chain', 'ring', 'fan', 'many-edges'] as const);
  const nodes: Json[] = [{ id: 'in', kind: 'Input', params: { shape: [4] }, position: { x: 0, y: 0 } }];
  for (let i = 1; i < count; i++) {
    // Mostly layers that load, so the analysis meets the whole graph; a few of other kinds with their defaults.
    nodes.push({ id: `n${i}`, kind: random.chance(0.95) ? 'Dense' : random.pick(KINDS), params: {}, position: { x: i, y: 0 } });
  }
  const edges: Json[] = [];
  const edge = (s: number, t: number, port = 0) => edges.push({ id: `e${edges.length}`, source: s ? `n${s}` : 'in', target: t ? `n${t}` : 'in', targetPort: port });
  if (shape === 'chain' || shape === 'ring') for (let i = 1; i < count; i++) edge(i - 1, i);
  if (shape === 'ring') edge(count - 1, 1);
  if (shape === 'fan') for (let i = 1; i < count; i++) edge(0, i);
  if (shape === 'many-edges') {
    const total = random.pick([count * 2, MAX_EDGES, MAX_EDGES + 1]);
    for (let i = 0; edges.length < total; i++) edge(i % (count - 1), (i % (count - 1)) + 1, Math.floor(i / (count - 1)));
  }
  const doc = draft.doc as { [key: string]: Json };
  doc.nodes = nodes;
  doc.edges = edges;
  return `huge-graph ${shape} of ${count.toLocaleString('en-US')} layers, ${edges.length.toLocaleString('en-US')} edges`;
};

/** The layer objects of the document, after earlier mutations; never empty. */
function nodesOf(draft: Draft): { [key: string]: Json }[] {
  const doc = draft.doc as { [key: string]: Json };
  if (!Array.isArray(doc.nodes)) doc.nodes = [];
  const nodes = doc.nodes as Json[];
  const objects = nodes.filter((n): n is { [key: string]: Json } => !!n && typeof n === 'object' && !Array.isArray(n));
  if (objects.length) return objects;
  const input = { id: 'input_1', kind: 'Input', params: {}, position: { x: 0, y: 0 } };
  nodes.push(input);
  return [input];
}

function edgesOf(draft: Draft): Json[] {
  const doc = draft.doc as { [key: string]: Json };
  if (!Array.isArray(doc.edges)) doc.edges = [];
  return doc.edges as Json[];
}

/** Byte-level mutations of the written text: what editors, encodings and truncated copies do. */
const BYTE_MUTATIONS: Record<string, { weight: number; run: (random: Random, bytes: Uint8Array) => { bytes: Uint8Array; detail: string } }> = {
  'flip-bytes': {
    weight: 8,
    run(random, bytes) {
      const out = bytes.slice();
      const count = random.pick([1, 1, 2, 4, 16]);
      for (let i = 0; i < count && out.length; i++) out[random.int(out.length)] = random.chance(0.5) ? random.int(256) : out[random.int(out.length)] ^ (1 << random.int(8));
      return { bytes: out, detail: `${count} byte(s)` };
    },
  },
  'truncate': {
    weight: 5,
    run(random, bytes) {
      const at = random.chance(0.1) ? 0 : random.int(bytes.length);
      return { bytes: bytes.slice(0, at), detail: `at byte ${at}` };
    },
  },
  'splice': {
    weight: 4,
    run(random, bytes) {
      const from = random.int(bytes.length);
      const to = Math.min(bytes.length, from + 1 + random.int(64));
      if (random.chance(0.5)) return { bytes: concat(bytes.subarray(0, from), bytes.subarray(to)), detail: `bytes ${from}–${to} deleted` };
      return { bytes: concat(bytes.subarray(0, to), bytes.subarray(from, to), bytes.subarray(to)), detail: `bytes ${from}–${to} repeated` };
    },
  },
  'bom': {
    weight: 3,
    run(random, bytes) {
      const marks = random.pick([1, 1, 2]);
      return { bytes: concat(...Array<Uint8Array>(marks).fill(new Uint8Array([0xef, 0xbb, 0xbf])), bytes), detail: `${marks} byte-order mark(s)` };
    },
  },
  'invalid-utf8': {
    weight: 5,
    run(random, bytes) {
      const bad = new Uint8Array(random.pick(BAD_UTF8));
      // Mostly inside a string (after a quote), where a lenient decoder would hide it.
      const quotes = [...bytes.keys()].filter((i) => bytes[i] === 0x22);
      const at = quotes.length && random.chance(0.8) ? random.pick(quotes) + 1 : random.int(bytes.length + 1);
      return { bytes: concat(bytes.subarray(0, at), bad, bytes.subarray(at)), detail: `${[...bad].map((b) => b.toString(16)).join(' ')} at byte ${at}` };
    },
  },
  'nul-and-controls': {
    weight: 2,
    run(random, bytes) {
      const at = random.int(bytes.length + 1);
      return { bytes: concat(bytes.subarray(0, at), new Uint8Array([random.pick([0, 1, 8, 0x1b, 0x7f])]), bytes.subarray(at)), detail: `at byte ${at}` };
    },
  },
};

/** Whole files that are not a project at all. */
const ODD_FILES = ['', ' ', '\n', 'null', 'true', '0', '-1e999', '"netwright-project"', '[]', '{}', '[{"format":"netwright-project"}]', '{"format":"netwright-project"}', '{"format":"netwright-project","schemaVersion":2}', '{', '}', '{"a":1,}', "{'a':1}", '\ufeff', '\ufeff\ufeff{}', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}'];

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function weighted<T extends { weight: number }>(random: Random, table: Record<string, T>): [string, T] {
  const entries = Object.entries(table);
  let roll = random.next() * entries.reduce((n, [, e]) => n + e.weight, 0);
  for (const entry of entries) {
    roll -= entry[1].weight;
    if (roll < 0) return entry;
  }
  return entries[entries.length - 1];
}

/** Case `index` of the run seeded with `seed`: the same bytes every time. */
export function fuzzCase(seed: number, index: number): FuzzCase {
  const random = new Random((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const template = random.pick(TEMPLATE_TEXTS);
  const encoder = new TextEncoder();
  const huge = index % HUGE_EVERY === HUGE_EVERY - 1;
  if (!huge && random.chance(0.02)) {
    const text = random.pick(ODD_FILES);
    return { index, label: `odd file ${JSON.stringify(text)}`, bytes: encoder.encode(text) };
  }
  const steps: string[] = [];
  let text = template.text;
  // Most cases change the structure; the rest damage the bytes of the template as written (pretty, many lines).
  if (huge || random.chance(0.8)) {
    const draft = new Draft(JSON.parse(template.text) as Json);
    if (huge) steps.push(hugeGraph(random, draft));
    // A huge graph mostly stays loadable, so that the analysis meets all of it.
    const count = random.pick(huge ? [0, 0, 1] : [1, 1, 1, 2, 3]);
    for (let i = 0; i < count; i++) {
      const [name, mutation] = weighted(random, JSON_MUTATIONS);
      steps.push(`${name} ${mutation.run(random, draft)}`);
    }
    text = draft.text();
  }
  let bytes: Uint8Array = encoder.encode(text);
  if (!steps.length || random.chance(0.2)) {
    const [name, mutation] = weighted(random, BYTE_MUTATIONS);
    const result = mutation.run(random, bytes);
    bytes = result.bytes;
    steps.push(`${name} ${result.detail}`);
  }
  return { index, label: `${template.id}: ${steps.join('; ')}`, bytes };
}
