/**
 * Reads a Maven `pom.xml` into the generic build model with a real XML parser: saxes (a streaming,
 * strictly conforming XML 1.0 parser, the one jsdom uses). It gives the offset of every token, so
 * each value keeps its exact line; it does not process the DTD: entities declared in an internal
 * subset are not expanded (an entity reference other than the five predefined ones and character
 * references is an error, left as written), so no entity expansion can blow up. Parse errors are
 * collected and parsing goes on (a pom with a stray error still gives what it declares).
 *
 * Read: `<parent>`, `<properties>` (direct children with text content), every `<dependency>` with its
 * `groupId`, `artifactId`, `version`, `scope`, `type` (managed when inside `<dependencyManagement>`;
 * an `import`-scoped `pom` there is a BOM). Not read: `<build>` (plugin dependencies), `<reporting>`,
 * `<profiles>` (not active by default) and `<exclusions>`, nor comments.
 */
import { SaxesParser } from 'saxes';
import { LineIndex } from '../text';
import { emptyModel, type BuildModel, type Written } from './model';

/** Elements whose subtree is not the project's own dependency set. */
const SKIPPED = new Set(['build', 'reporting', 'profiles', 'exclusions']);

interface Open {
  name: string;
  /** Offset after the start tag's `>`. */
  innerStart: number;
  /** The element's text (text and CDATA) and where its first non-blank character is. */
  text: string;
  firstContent: number;
  /** Child elements seen (an element with children has no text value). */
  children: number;
  selfClosing: boolean;
  /** First child values, by name (dependency/parent fields). */
  fields?: Map<string, Written>;
}

const isXmlSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

export interface PomRead {
  model: BuildModel;
  /** XML well-formedness errors (line: message), at most a few. */
  errors: string[];
}

/** A closed element with text and no child elements is a value: a field of its parent, or a property. */
function recordValue(model: BuildModel, e: Open, parent: Open | undefined, lineOf: (offset: number) => number): void {
  // (a self-closing element has none)
  if (e.selfClosing || e.children > 0 || !parent) return;
  const raw = e.text.trim();
  const offset = e.firstContent >= 0 ? e.firstContent : e.innerStart;
  const w: Written = { raw, line: lineOf(offset), offset };
  if (parent.fields && !parent.fields.has(e.name)) parent.fields.set(e.name, w);
  if (parent.name === 'properties' && /^[A-Za-z_][\w.-]*$/.test(e.name)) model.properties.set(e.name, { value: raw, line: w.line, offset });
}

/** A closed `<parent>` of the project, or a `<dependency>` (an `import`-scoped `pom` under `<dependencyManagement>`: a BOM). */
function recordDeclaration(
  model: BuildModel,
  e: Open,
  where: { topLevel: boolean; managed: boolean; text: string; lineOf: (offset: number) => number },
): void {
  if (!e.fields) return;
  const { lineOf } = where;
  if (e.name === 'parent' && where.topLevel) {
    const group = e.fields.get('groupId');
    const artifact = e.fields.get('artifactId');
    if (group && artifact) model.parents.push({ group, artifact, version: e.fields.get('version'), line: lineOf(e.innerStart) });
  }
  if (e.name !== 'dependency') return;
  const group = e.fields.get('groupId');
  const artifact = e.fields.get('artifactId');
  if (!group || !artifact) return;
  const scope = e.fields.get('scope')?.raw;
  const type = e.fields.get('type')?.raw;
  const version = e.fields.get('version');
  const managed = where.managed;
  // the start tag's line: the element starts before its inner text
  const startOffset = where.text.lastIndexOf('<', e.innerStart - 1);
  const line = lineOf(Math.max(0, startOffset));
  if (managed && scope === 'import' && type === 'pom') {
    model.boms.push({ how: 'import', group, artifact, version, line });
    return;
  }
  model.dependencies.push({ group, artifact, version, managed, scope, type, line, offset: Math.max(0, startOffset) });
}

export function readPom(text: string): PomRead {
  const model = emptyModel('maven');
  const errors: string[] = [];
  const lines = new LineIndex(text);
  const lineOf = (offset: number) => lines.lineOf(offset) + 1;
  const parser = new SaxesParser({ position: true });
  const stack: Open[] = [];
  let skipDepth = 0; // > 0 inside a skipped subtree
  let managedDepth = 0; // > 0 inside <dependencyManagement>
  let cursor = 0; // where the next token starts

  const firstNonBlank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (!isXmlSpace(text.charCodeAt(i))) return i;
    return -1;
  };
  const addContent = (chunk: string, from: number, to: number, cdata: boolean) => {
    const top = stack[stack.length - 1];
    if (!top || skipDepth > 0) return;
    top.text += chunk;
    if (top.firstContent < 0) top.firstContent = cdata ? from : firstNonBlank(from, to);
  };

  parser.on('error', (e) => {
    if (errors.length < 5) errors.push(e.message);
  });
  parser.on('opentag', (tag) => {
    const end = parser.position;
    cursor = end;
    const name = tag.name;
    if (skipDepth > 0 || SKIPPED.has(name)) {
      if (!tag.isSelfClosing) skipDepth++;
      return;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children++;
    if (name === 'dependencyManagement') managedDepth++;
    const open: Open = { name, innerStart: end, text: '', firstContent: -1, children: 0, selfClosing: tag.isSelfClosing };
    if (name === 'dependency' || name === 'parent') open.fields = new Map();
    stack.push(open);
  });
  parser.on('text', (t) => {
    // a text token runs to the '<' that ends it (the position is after that '<')
    const end = Math.max(cursor, parser.position - 1);
    addContent(t, cursor, end, false);
    cursor = end;
  });
  parser.on('cdata', (t) => {
    addContent(t, cursor, parser.position, true);
    cursor = parser.position;
  });
  parser.on('comment', () => {
    cursor = parser.position;
  });
  parser.on('processinginstruction', () => {
    cursor = parser.position;
  });
  parser.on('doctype', () => {
    cursor = parser.position;
  });
  parser.on('closetag', (tag) => {
    cursor = parser.position;
    if (skipDepth > 0) {
      if (!tag.isSelfClosing) skipDepth--;
      return;
    }
    const e = stack.pop();
    if (!e) return;
    if (e.name === 'dependencyManagement') managedDepth--;
    recordValue(model, e, stack[stack.length - 1], lineOf);
    recordDeclaration(model, e, { topLevel: stack.length === 1, managed: managedDepth > 0, text, lineOf });
  });
  try {
    parser.write(text).close();
  } catch (e) {
    // saxes throws only from handlers; ours do not, but a parser bug must not stop linting
    errors.push(e instanceof Error ? e.message : String(e));
  }
  return { model, errors };
}
