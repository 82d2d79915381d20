// The boundary checker (DESIGN "Seams"): given the source files of `src/` and `web/src/` as a map of
// path → text, it lists every import that crosses a room's wall, every file-level import cycle and
// every pure rule file that does I/O or reads the clock. It reads nothing itself: the test hands it
// the files on disk, and a test of the test hands it small made-up trees.
//
// The rooms, as DESIGN lays them out:
// - shared layers (kernel, store, engine, runtime) may be imported by anyone;
// - a capability (any other folder of src/ except the surfaces below) is entered only through its
//   face, `src/<cap>/index.ts`;
// - the surfaces (api, cli, demo) are no exception: they too go through the faces;
// - the composition root `src/main/` may also read each capability's plug, `capability.ts`,
//   because wiring the plugs is its job.
// A pure file is any capability file that is not one of the I/O roles (store*, service*, routes*,
// cli*, jobs, capability, workspace, adapter*), the face (index), a test or a test helper. A pure file may not
// import the store, the engine, the runtime, a surface, any capability's I/O-role file, a node built-in
// that does I/O or a driver (pg, nodemailer, fastify …), nor read the clock or randomness.
import ts from 'typescript';

export type Kind = 'internal' | 'cycle' | 'io' | 'clock';
export const KINDS: readonly Kind[] = ['internal', 'cycle', 'io', 'clock'];

export interface Violation {
  kind: Kind;
  /** The file at fault, relative to the repository root. */
  file: string;
  /** What it does: the imported file or module, or the clock read. */
  what: string;
}

export const SHARED = new Set(['kernel', 'store', 'engine', 'runtime']);
export const SURFACES = new Set(['api', 'cli', 'demo', 'main']);
/** Folders whose files do I/O by design: a pure file importing any of them is not pure. */
const IO_FOLDERS = new Set(['store', 'engine', 'runtime', 'api', 'cli', 'demo', 'main']);
/** Files of those folders that hold only types: the tables' row shapes (a query compiler reads them). */
const TYPES_ONLY = new Set(['src/store/schema.ts']);
/**
 * File names of a capability's I/O roles (DESIGN "Layout"). `workspace.ts` applies the capability's
 * section of the workspace file, a surface like `cli.ts`. An `adapter*.ts` talks to one outside
 * system through its driver or protocol (an SMTP server or relay, the Slack API, an SMS provider, a
 * webhook receiver): the use cases reach it only through an interface a pure file declares.
 */
const IO_ROLE = /^(store(-.*)?|service.*|routes.*|cli.*|jobs|capability|workspace|adapter.*)\.tsx?$/;
const NOT_PURE = /^(store(-.*)?|service.*|routes.*|cli.*|jobs|capability|workspace|adapter.*|index)\.tsx?$|\.test\.tsx?$|\.test-helpers\.tsx?$/;
const TEST = /\.test\.tsx?$/;
const TEST_HELPERS = /\.test-helpers\.tsx?$/;
/** Node built-ins that only compute; randomness from node:crypto is caught as a clock read. */
const PURE_NODE = new Set(['crypto', 'util', 'buffer', 'assert', 'string_decoder']);
/** Packages that talk to the outside world. */
const IO_PACKAGE = /^(pg|better-sqlite3|nodemailer|fastify|@fastify\/.*|smtp-server|mailparser|@slack\/web-api|pino|prom-client|undici|ws)(\/.*)?$/;

/** The cycle roots: an import cycle is looked for inside each. */
export const ROOTS = ['src/', 'web/src/'];

interface Import {
  specifier: string;
  /** Resolved repository path for a relative import that names a file of the tree. */
  target?: string;
}

/** Every import of a file: static (value or type), `export … from`, `import()` and `import('…')` types. */
export function importsOf(path: string, text: string): { imports: string[]; clockReads: string[] } {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const imports: string[] = [];
  const clockReads = new Set<string>();
  const literal = (n: ts.Node | undefined): string | undefined =>
    n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : undefined;
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier) {
      const s = literal(n.moduleSpecifier);
      if (s) imports.push(s);
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) {
      const s = literal(n.moduleReference.expression);
      if (s) imports.push(s);
    } else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const s = literal(n.arguments[0]);
      if (s) imports.push(s);
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) {
      const s = literal(n.argument.literal);
      if (s) imports.push(s);
    }
    const read = clockRead(n);
    if (read) clockReads.add(read);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return { imports, clockReads: [...clockReads] };
}

const CLOCK_CALLS = new Set(['Date.now', 'Math.random', 'performance.now', 'process.hrtime', 'process.hrtime.bigint', 'crypto.randomUUID', 'crypto.getRandomValues', 'crypto.randomBytes']);
const RANDOM_FUNCTIONS = new Set(['randomUUID', 'randomBytes', 'randomInt', 'getRandomValues', 'newId', 'newSecret']);

/** A read of the real clock or of randomness, named as written; undefined for anything else. */
function clockRead(n: ts.Node): string | undefined {
  if (ts.isCallExpression(n)) {
    const callee = dotted(n.expression);
    if (callee && CLOCK_CALLS.has(callee)) return `${callee}()`;
    if (callee && RANDOM_FUNCTIONS.has(callee)) return `${callee}()`;
  }
  if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'Date' && (!n.arguments || n.arguments.length === 0)) return 'new Date()';
  if (ts.isPropertyAccessExpression(n) && dotted(n) === 'Temporal.Now') return 'Temporal.Now';
  if (ts.isIdentifier(n) && n.text === 'systemClock') return 'systemClock';
  return undefined;
}

function dotted(e: ts.Expression): string | undefined {
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) {
    const left = dotted(e.expression);
    return left === undefined ? undefined : `${left}.${e.name.text}`;
  }
  return undefined;
}

/** `a/b/../c.ts` → `a/c.ts`. */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** The file a relative specifier names, trying the extensions TypeScript would. */
export function resolve(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = normalize(`${from.slice(0, from.lastIndexOf('/'))}/${specifier}`);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  for (const c of [base, `${stem}.ts`, `${stem}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) if (files.has(c)) return c;
  return undefined;
}

/** `src/<folder>/…` → folder; undefined outside src or for a file directly in src. */
export function folderOf(path: string): string | undefined {
  const m = /^src\/([^/]+)\/./.exec(path);
  return m ? m[1] : undefined;
}

export function isCapability(folder: string | undefined): folder is string {
  return folder !== undefined && !SHARED.has(folder) && !SURFACES.has(folder);
}

export function isPure(path: string): boolean {
  return isCapability(folderOf(path)) && !NOT_PURE.test(path.slice(path.lastIndexOf('/') + 1));
}

/** Is importing `imp` I/O, for a pure file? */
function ioImport(imp: Import): boolean {
  if (imp.target) {
    if (TYPES_ONLY.has(imp.target)) return false;
    const folder = folderOf(imp.target);
    if (folder && IO_FOLDERS.has(folder)) return true;
    return isCapability(folder) && IO_ROLE.test(imp.target.slice(imp.target.lastIndexOf('/') + 1));
  }
  const s = imp.specifier;
  if (s.startsWith('.')) return false;
  const node = /^node:([^/]+)/.exec(s)?.[1];
  if (node) return !PURE_NODE.has(node);
  if (/^(fs|net|http|https|http2|child_process|dgram|dns|tls|os|worker_threads|cluster|readline)(\/|$)/.test(s)) return true;
  return IO_PACKAGE.test(s);
}

/** Does `from` reach past `target`'s face (both in src/)? */
function crossesWall(from: string, target: string): boolean {
  const to = folderOf(target);
  if (!isCapability(to)) return false;
  if (folderOf(from) === to) return false;
  if (target === `src/${to}/index.ts`) return false;
  if (folderOf(from) === 'main' && target === `src/${to}/capability.ts`) return false;
  // Test fixtures exist to be shared: a test may build its situations with another room's helpers.
  if (TEST.test(from) && TEST_HELPERS.test(target)) return false;
  return true;
}

/** Every file's imports (deduplicated) and clock reads. */
export interface Graph {
  edges: Map<string, Import[]>;
  clock: Map<string, string[]>;
}

export function graphOf(files: Record<string, string>): Graph {
  const names = new Set(Object.keys(files));
  const edges = new Map<string, Import[]>();
  const clock = new Map<string, string[]>();
  for (const [path, text] of Object.entries(files)) {
    const { imports, clockReads } = importsOf(path, text);
    const seen = new Set<string>();
    const list: Import[] = [];
    for (const specifier of imports) {
      const target = resolve(path, specifier, names);
      const key = target ?? specifier;
      if (seen.has(key)) continue;
      seen.add(key);
      list.push({ specifier, target });
    }
    edges.set(path, list);
    clock.set(path, clockReads);
  }
  return { edges, clock };
}

/** Strongly connected components (Tarjan), as a map from file to its component's number. */
function components(nodes: string[], next: (n: string) => string[]): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const comp = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let compCount = 0;
  // Iterative, so a long chain of imports cannot overflow the call stack.
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; i: number }> = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const out = next(top.node);
      if (top.i < out.length) {
        const w = out[top.i++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === index.get(top.node)) {
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.set(w, compCount);
        } while (w !== top.node);
        compCount++;
      }
    }
  }
  return comp;
}

/**
 * Every violation in the tree, sorted. A cycle is reported as each import edge that lies on one
 * (both ends in the same strongly connected component), so removing one import removes its line
 * and the rest stay put. Type-only imports count: a cycle of types is still a knot to a reader.
 */
export function checkBoundaries(files: Record<string, string>): Violation[] {
  return checkGraph(graphOf(files));
}

export function checkGraph({ edges, clock }: Graph): Violation[] {
  const out: Violation[] = [];
  for (const [file, list] of edges) {
    const pure = isPure(file);
    for (const imp of list) {
      if (file.startsWith('src/') && imp.target?.startsWith('src/') && crossesWall(file, imp.target)) out.push({ kind: 'internal', file, what: imp.target });
      if (pure && ioImport(imp)) out.push({ kind: 'io', file, what: imp.target ?? imp.specifier });
    }
    if (pure) for (const read of clock.get(file) ?? []) out.push({ kind: 'clock', file, what: read });
  }
  for (const root of ROOTS) {
    const nodes = [...edges.keys()].filter((f) => f.startsWith(root)).sort();
    const next = (n: string) => (edges.get(n) ?? []).map((i) => i.target).filter((t): t is string => !!t && t.startsWith(root));
    const comp = components(nodes, next);
    for (const n of nodes) {
      for (const t of next(n)) {
        if (comp.get(n) !== comp.get(t)) continue;
        out.push({ kind: 'cycle', file: n, what: t });
      }
    }
  }
  return out.sort((a, b) => line(a).localeCompare(line(b)));
}

/** One violation as a line: `kind file -> what`. */
export function line(v: Violation): string {
  return `${v.kind} ${v.file} -> ${v.what}`;
}

export function countByKind(violations: readonly Violation[]): Record<Kind, number> {
  const counts = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  for (const v of violations) counts[v.kind]++;
  return counts;
}

/** A shortest import path from `to` back to `from`, to show a reader the cycle an edge closes. */
export function cycleThrough({ edges }: Graph, from: string, to: string): string[] {
  const prev = new Map<string, string>([[to, to]]);
  const queue = [to];
  while (queue.length) {
    const n = queue.shift()!;
    if (n === from) break;
    for (const i of edges.get(n) ?? []) {
      if (i.target && !prev.has(i.target)) {
        prev.set(i.target, n);
        queue.push(i.target);
      }
    }
  }
  if (!prev.has(from)) return [];
  const path = [from];
  for (let n = from; n !== to; ) path.unshift((n = prev.get(n)!));
  return [from, ...path];
}
