/**
 * The Java parser the service uses: tree-sitter-java through web-tree-sitter, loaded by the adapters
 * (server, CLI, tests: server/src/javaParser.ts) and handed to the service with `setJavaParser`. The
 * service stays pure and synchronous: loading the grammar's `.wasm` is I/O and asynchronous, so it is
 * the adapters' job. Until a parser is set, a `.java` file that names Kafka gets the file-not-linted notice
 * and no findings.
 *
 * Only the members of web-tree-sitter's `Node` and `Tree` that the Java reader uses are listed here
 * (structurally: the real objects satisfy them). Offsets (`startIndex`/`endIndex`) are UTF-16 code
 * units, as the service's spans are.
 */

export interface JavaNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly text: string;
  readonly parent: JavaNode | null;
  readonly childCount: number;
  readonly namedChildCount: number;
  readonly isMissing: boolean;
  readonly isError: boolean;
  readonly hasError: boolean;
  /** The named children, read in one call (namedChild(i) walks from the first child each time). */
  readonly namedChildren: Array<JavaNode | null>;
  child(index: number): JavaNode | null;
  namedChild(index: number): JavaNode | null;
  childForFieldName(name: string): JavaNode | null;
  descendantForIndex(start: number, end?: number): JavaNode | null;
}

export interface JavaTree {
  readonly rootNode: JavaNode;
  /** Frees the tree's memory in the WebAssembly heap. */
  delete(): void;
}

export interface JavaParser {
  parse(text: string): JavaTree | null;
}

let current: JavaParser | undefined;
let failure: string | undefined;

/**
 * Hands the service a loaded Java parser (undefined: none, `.java` files are then not linted). `failed`:
 * why the adapter could not load it (the file-not-linted notice quotes it, and it is not tried again).
 */
export function setJavaParser(parser: JavaParser | undefined, failed?: string): void {
  current = parser;
  failure = parser ? undefined : failed;
}

export function javaParser(): JavaParser | undefined {
  return current;
}

/** Why the Java parser could not be loaded in this thread (undefined: it did not fail). */
export function javaParserFailure(): string | undefined {
  return failure;
}
