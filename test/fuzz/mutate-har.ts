/**
 * Mutations of real HAR captures for the fuzz tests: flip a value's type, truncate, duplicate,
 * deepen (wrap a value in thousands of levels), insert control and bidi characters. A mutation is
 * plain data drawn by fast-check (so a failure shrinks and replays), applied to a fresh copy.
 *
 * The JSON bodies inside the HAR (postData.text, content.text) are mutated too: a plan may pick
 * a body, which is parsed, mutated like the rest and written back as text.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { jsonText } from '../../src/core/json-text';

export const REAL_DIR = 'test/fixtures/real';
export const REAL_HARS: readonly string[] = readdirSync(REAL_DIR).filter((name) => name.endsWith('.har')).sort();

const texts = new Map<string, string>();
/** A real capture's text (read once). */
export function realText(name: string): string {
  let text = texts.get(name);
  if (text === undefined) {
    text = readFileSync(`${REAL_DIR}/${name}`, 'utf8');
    texts.set(name, text);
  }
  return text;
}

/** What a HAR string can carry that a terminal or a parser may trip on. */
export const NASTY_STRINGS = [
  '\u001b]0;title\u0007', '\u001b]52;c;aGk=\u0007', '\u001b[2J', '\n      ✖ session-reused: fake', '\r', '\u0000', '\u007f', '\u0085', '\u009b31m',
  '\u202e', '\u2066', '\u200f', '\u2028', '\ud800', '\udc00', '\ufeff', '{"toString":1}', '__proto__', 'constructor', '', 'x'.repeat(5000),
];

export type Mutation =
  | { op: 'flip'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'deepen'; at: number; depth: number; array: boolean }
  | { op: 'insert-chars'; at: number; chars: string; offset: number }
  | { op: 'in-body'; body: number; mutation: Mutation };

export interface Plan {
  har: string;
  mutations: Mutation[];
  /** Cut the final text at this fraction of its length (a HAR cut off in a chat), or not. */
  truncateAt: number | null;
}

const nodeValue = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1e308, -0, 1e13, '', [], {}, 'NaN'),
  fc.constantFrom(...NASTY_STRINGS),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Any node of the tree, evenly (fc.nat() alone favours the first few). */
const anywhere = fc.noBias(fc.nat());

const baseMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: anywhere, value: nodeValue }),
  fc.record({ op: fc.constant('delete' as const), at: anywhere }),
  fc.record({ op: fc.constant('duplicate' as const), at: anywhere }),
  fc.record({ op: fc.constant('deepen' as const), at: anywhere, depth: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constantFrom(6_000, 20_000)), array: fc.boolean() }),
  fc.record({ op: fc.constant('insert-chars' as const), at: anywhere, chars: fc.constantFrom(...NASTY_STRINGS), offset: anywhere }),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: baseMutation },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('in-body' as const), body: anywhere, mutation: baseMutation }) },
);

export const plan: fc.Arbitrary<Plan> = fc.record({
  har: fc.constantFrom(...REAL_HARS),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  truncateAt: fc.option(fc.noBias(fc.integer({ min: 0, max: 1000 })).map((n) => n / 1000), { freq: 5 }),
});

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

/** Every place a value sits in `root` (parent and key), found without recursion. */
function slots(root: unknown): Slot[] {
  const found: Slot[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        found.push({ parent: node, key: i });
        stack.push(child);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        found.push({ parent: node as Record<string, unknown>, key });
        stack.push(child);
      }
    }
  }
  return found;
}

const get = (slot: Slot) => (slot.parent as Record<string | number, unknown>)[slot.key];
const set = (slot: Slot, value: unknown) => {
  (slot.parent as Record<string | number, unknown>)[slot.key] = value;
};

function nested(depth: number, array: boolean, inner: unknown): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = array ? [value] : { d: value };
  return value;
}

/** The bodies a mutation can reach: request and response text fields holding JSON. */
function bodySlots(har: unknown): Slot[] {
  return slots(har).filter((slot) => slot.key === 'text' && typeof get(slot) === 'string');
}

function apply(root: unknown, m: Mutation): void {
  if (m.op === 'in-body') {
    const bodies = bodySlots(root);
    const slot = bodies[m.body % Math.max(1, bodies.length)];
    if (!slot) return;
    let body: unknown;
    try {
      body = JSON.parse(get(slot) as string);
    } catch {
      body = get(slot);
    }
    const holder = { body };
    apply(holder, m.mutation);
    set(slot, typeof holder.body === 'string' ? holder.body : (jsonText(holder.body) ?? ''));
    return;
  }
  const all = slots(root);
  if (all.length === 0) return;
  const slot = all[m.at % all.length]!;
  const value = get(slot);
  switch (m.op) {
    case 'flip':
      set(slot, structuredClone(m.value));
      break;
    case 'delete':
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete slot.parent[slot.key as string];
      break;
    case 'duplicate':
      if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 0, value);
      else set(slot, [value, value]);
      break;
    case 'deepen':
      set(slot, nested(m.depth, m.array, value));
      break;
    case 'insert-chars':
      if (typeof value === 'string') {
        const at = m.offset % (value.length + 1);
        set(slot, value.slice(0, at) + m.chars + value.slice(at));
      } else if (!Array.isArray(slot.parent)) {
        // A key with the characters in it, next to the value.
        slot.parent[`${String(slot.key)}${m.chars}`] = value;
      }
      break;
  }
}

/** The HAR text a plan describes. */
export function mutatedText(p: Plan): string {
  const holder = { har: JSON.parse(realText(p.har)) as unknown };
  for (const m of p.mutations) apply(holder, m);
  const text = jsonText(holder.har, { indent: 2 }) ?? '';
  return p.truncateAt === null ? text : text.slice(0, Math.floor(text.length * p.truncateAt));
}

/** The entries of a mutated HAR, as the panel store would receive them (whatever they became). */
export function mutatedEntries(p: Plan): unknown[] {
  const har = JSON.parse(realText(p.har)) as { log: { entries: unknown[] } };
  const holder: { entries: unknown } = { entries: har.log.entries };
  for (const m of p.mutations) apply(holder, m);
  return Array.isArray(holder.entries) ? holder.entries : [holder.entries];
}

/** `depth` levels of `{"d":…}` or `[…]` around `inner`, as text (no JS value that deep is needed). */
export function deepText(depth: number, array: boolean, inner = '1'): string {
  return array ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}` : `${'{"d":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}
