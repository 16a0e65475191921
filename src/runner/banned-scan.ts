/**
 * Finds uses of banned engine helpers in learner source before anything runs, so the learner hears
 * "write clipGradNorm_ yourself" with a line number instead of a runtime failure deep in a harness.
 *
 * Only uses that RESOLVE TO THE 'gradlab' MODULE count. The learner's own `function clipGradNorm_`,
 * `const globalNorm = …` or `{ relu: … }` is exactly what such an exercise asks for and is never
 * flagged. The scan reads sucrase's token stream (the parser the runner already uses to transform the
 * file; comments and strings are not tokens of interest, types are marked) and its scopes, and
 * follows:
 *   - import { clipGradNorm_ } / { clipGradNorm_ as c } / default / * as gl from 'gradlab',
 *     import gl = require('gradlab'), const gl = require('gradlab'), export { … } from 'gradlab';
 *   - member chains on those bindings: gl.clipGradNorm_, gl['clipGradNorm_'], gl?.nn!.BatchNorm1d;
 *   - aliases and destructuring: const n = gl.nn; const { BatchNorm1d } = n; const { nn: { X } } = gl;
 *   - shadowing: a parameter or local named like a gradlab binding hides it inside its scope.
 * Banned names are paths into the module: "clipGradNorm_", "nn.BatchNorm1d", "init.kaimingNormal_".
 * "Tensor.prototype.relu" bans an instance method: `.relu` read on any value that may be a tensor (types
 * are unknown here), i.e. anything but the gradlab module itself, `this`, and a `const` initialised
 * with an object literal (`const layer = { relu }; layer.relu(x)` is the learner's own).
 *
 * What the scan cannot see (gl['clip' + 'GradNorm_'], (gl as any)[name]) the runtime catches: the
 * learner's 'gradlab' module throws when a banned member is read (sandbox/runtime/modules.ts).
 */
import { parse } from 'sucrase/dist/parser';
import { IdentifierRole, type Token } from 'sucrase/dist/parser/tokenizer';
import { ContextualKeyword } from 'sucrase/dist/parser/tokenizer/keywords';
import { TokenType as tt } from 'sucrase/dist/parser/tokenizer/types';

export interface BannedUse {
  /** The bannedHelpers entry that was used, e.g. "clipGradNorm_" or "nn.BatchNorm1d". */
  name: string;
  /** 1-based line of the use. */
  line: number;
}

const MODULE_NAME = 'gradlab';
const PROTOTYPE = '.prototype.';

type Path = readonly string[];

interface Hit extends BannedUse {
  tokenIndex: number;
  /** Found in an import/export-from statement: reported only when no use in code is found. */
  inImport: boolean;
}

/** A name declared somewhere, visible in the token range [start, end) of its scope. */
interface Declaration {
  tokenIndex: number;
  start: number;
  end: number;
}

/**
 * The first use of a banned engine helper, with its 1-based line. A use in code beats a named import
 * of it, so the learner is pointed at the call they need to rewrite. Source that does not parse gives
 * undefined: syntax errors are the transform's to report.
 */
export function findBannedHelper(source: string, banned: readonly string[]): BannedUse | undefined {
  const hits = findBannedHelperUses(source, banned);
  const hit = hits.find((h) => !h.inImport) ?? hits[0];
  return hit ? { name: hit.name, line: hit.line } : undefined;
}

/** Every use found, in source order (import-statement hits flagged `inImport`). */
export function findBannedHelperUses(source: string, banned: readonly string[]): Array<BannedUse & { inImport: boolean }> {
  if (banned.length === 0) return [];
  let file;
  try {
    file = parse(source, false, true, false);
  } catch {
    return [];
  }
  const scan = new Scan(source, file.tokens, declarationsByName(source, file.tokens, file.scopes), banned);
  scan.run();
  return scan.hits
    .sort((a, b) => a.tokenIndex - b.tokenIndex)
    .map(({ name, line, inImport }) => ({ name, line, inImport }));
}

class Scan {
  readonly hits: Hit[] = [];
  /** Banned module paths ("nn.BatchNorm1d") → the entry to report. */
  private readonly modulePaths = new Set<string>();
  /** Banned instance members ("relu" from "Tensor.prototype.relu") → the entry to report. */
  private readonly instanceMembers = new Map<string, string>();
  /** Declaration token index → the module path that name is bound to. */
  private readonly bindings = new Map<number, Path>();
  /** Member-name tokens already read as part of a gradlab chain (not instance-member uses). */
  private readonly moduleMemberTokens = new Set<number>();
  /** Declaration token indexes of `const x = { … }`: receivers that cannot be tensors. */
  private readonly objectLiteralConstants = new Set<number>();
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
    private readonly declarations: Map<string, Declaration[]>,
    banned: readonly string[],
  ) {
    for (const entry of banned) {
      const at = entry.indexOf(PROTOTYPE);
      if (at > 0 && !entry.slice(at + PROTOTYPE.length).includes('.')) this.instanceMembers.set(entry.slice(at + PROTOTYPE.length), entry);
      this.modulePaths.add(entry);
    }
    for (let i = 0; i < source.length; i++) if (source[i] === '\n') this.lineStarts.push(i + 1);
    if (this.instanceMembers.size > 0) this.findObjectLiteralConstants();
  }

  private findObjectLiteralConstants(): void {
    const tokens = this.tokens;
    for (let i = 1; i < tokens.length; i++) {
      if (tokens[i].type !== tt.name || !isDeclarationRole(tokens[i]) || tokens[i - 1].type !== tt._const) continue;
      let j = i + 1;
      while (j < tokens.length && tokens[j].isType) j++;
      if (tokens[j]?.type === tt.eq && tokens[j + 1]?.type === tt.braceL) this.objectLiteralConstants.add(i);
    }
  }

  run(): void {
    const tokens = this.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.isType) continue;
      if (t.type === tt._import) {
        i = this.importStatement(i) - 1;
      } else if (t.type === tt._export) {
        i = this.exportFrom(i) - 1;
      } else if (t.type === tt.name && isRead(t)) {
        this.read(i);
      } else if ((t.type === tt.dot || t.type === tt.questionDot) && isPropertyName(tokens[i + 1]) && !this.moduleMemberTokens.has(i + 1)) {
        this.instanceMember(this.text(tokens[i + 1]), i + 1, i - 1);
      } else if (t.type === tt.bracketL && indexesValue(tokens, i) && !this.moduleMemberTokens.has(i + 1)) {
        const key = this.staticKey(i);
        if (key) this.instanceMember(key.name, i + 1, tokens[i - 1].type === tt.questionDot ? i - 2 : i - 1);
      }
    }
  }

  // ---- imports and re-exports ----

  /** `import …` at index i: records gradlab bindings; returns the index after the statement. */
  private importStatement(i: number): number {
    const tokens = this.tokens;
    let j = i + 1;
    const next = tokens[j];
    if (next.type === tt.parenL || next.type === tt.dot) return i + 1; // import('x'), import.meta: expressions
    if (next.type === tt.string) return j + 1; // import 'x' (side effects only)
    const typeOnly = next.type === tt.name && next.contextualKeyword === ContextualKeyword._type && !this.isFromKeyword(j + 1) && tokens[j + 1].type !== tt.comma && tokens[j + 1].type !== tt.eq;
    // import gl = require('gradlab')
    if (next.type === tt.name && tokens[j + 1].type === tt.eq) {
      if (this.isRequireCall(j + 2)) {
        if (!typeOnly && this.stringValue(tokens[j + 4]) === MODULE_NAME) this.bindings.set(j, []);
        return j + 6;
      }
      return j + 1;
    }
    const pending: Array<{ local: number; path: Path; at: number }> = [];
    while (j < tokens.length && tokens[j].type !== tt.eof && !this.isFromKeyword(j)) {
      const t = tokens[j];
      if (t.type === tt.star && tokens[j + 2]?.type === tt.name) {
        pending.push({ local: j + 2, path: [], at: j + 2 }); // * as gl
        j += 3;
      } else if (t.type === tt.braceL) {
        j = this.namedSpecifiers(j, (imported, local, at) => pending.push({ local, path: imported === 'default' ? [] : [imported], at }));
      } else {
        if (t.type === tt.name && t.identifierRole === IdentifierRole.ImportDeclaration && !t.isType) pending.push({ local: j, path: [], at: j });
        j++;
      }
    }
    const moduleName = this.stringValue(tokens[j + 1]);
    if (moduleName === MODULE_NAME && !typeOnly) {
      for (const { local, path, at } of pending) {
        this.bindings.set(local, path);
        const entry = this.bannedPath(path);
        if (entry) this.hit(entry, at, true);
      }
    }
    return j + 2;
  }

  /** `export { a as b } from 'gradlab'` re-exports gradlab's `a`: a use. Other exports are ordinary code. */
  private exportFrom(i: number): number {
    const tokens = this.tokens;
    let j = i + 1;
    if (tokens[j].type === tt.name && tokens[j].contextualKeyword === ContextualKeyword._type) return this.skipExportList(j + 1);
    if (tokens[j].type !== tt.braceL) return i + 1;
    const specifiers: Array<{ imported: string; at: number }> = [];
    const close = this.namedSpecifiers(j, (imported, _local, at) => specifiers.push({ imported, at }));
    if (!this.isFromKeyword(close)) return i + 1; // export { x }: the names are reads, handled as code
    j = close + 1;
    if (this.stringValue(tokens[j]) === MODULE_NAME) {
      for (const { imported, at } of specifiers) {
        const entry = this.bannedPath([imported]);
        if (entry) this.hit(entry, at, false);
      }
    }
    return j + 1;
  }

  private skipExportList(j: number): number {
    if (this.tokens[j].type !== tt.braceL) return j;
    const close = matchForward(this.tokens, j);
    return this.isFromKeyword(close) ? close + 2 : close;
  }

  /**
   * `{ a, b as c, type d, 'e' as f }` starting at the `{` at index open: calls `each` with the
   * exported name, the token index of the local name and of the exported name (types are skipped).
   * Returns the index after the `}`.
   */
  private namedSpecifiers(open: number, each: (imported: string, local: number, at: number) => void): number {
    const tokens = this.tokens;
    let j = open + 1;
    while (j < tokens.length && tokens[j].type !== tt.braceR && tokens[j].type !== tt.eof) {
      const start = j;
      while (j < tokens.length && tokens[j].type !== tt.comma && tokens[j].type !== tt.braceR && tokens[j].type !== tt.eof) j++;
      const parts = tokens.slice(start, j);
      const isType = parts.some((p) => p.isType) || (parts.length > 1 && parts[0].contextualKeyword === ContextualKeyword._type && parts[1].contextualKeyword !== ContextualKeyword._as);
      if (!isType && parts.length > 0) {
        const importedName = parts[0].type === tt.string ? this.stringValue(parts[0]) : this.text(parts[0]);
        if (importedName !== undefined) each(importedName, j - 1, start);
      }
      if (tokens[j].type === tt.comma) j++;
    }
    return j + 1;
  }

  // ---- reads of gradlab bindings and their member chains ----

  /** A read of a name at index i: if it resolves to gradlab, follow the member chain. */
  private read(i: number): void {
    const tokens = this.tokens;
    let path: Path | undefined;
    let chainStart: number;
    const name = this.text(tokens[i]);
    const declaration = this.resolve(name, i);
    if (name === 'require' && declaration === undefined && this.isRequireCall(i) && this.stringValue(tokens[i + 2]) === MODULE_NAME) {
      path = [];
      chainStart = i + 4;
    } else {
      path = declaration === undefined ? undefined : this.bindings.get(declaration);
      chainStart = i + 1;
    }
    if (!path) return;
    const entry = this.bannedPath(path);
    if (entry) {
      this.hit(entry, i, false);
      return;
    }
    const chain = this.memberChain(chainStart, path);
    if (chain.banned) return;
    this.bindResult(i, chain.end, chain.path);
  }

  /** Follows .a, ?.a, ['a'], !, from index j; stops at a banned member (recording it) or a computed key. */
  private memberChain(j: number, start: Path): { path: Path; end: number; banned: boolean } {
    const tokens = this.tokens;
    let path = start;
    for (;;) {
      const t = tokens[j];
      let key: string | undefined;
      let keyToken: number;
      let next: number;
      if (t.type === tt.nonNullAssertion) {
        j++;
        continue;
      } else if ((t.type === tt.dot || t.type === tt.questionDot) && isPropertyName(tokens[j + 1])) {
        key = this.text(tokens[j + 1]);
        keyToken = j + 1;
        next = j + 2;
      } else if (t.type === tt.bracketL || (t.type === tt.questionDot && tokens[j + 1].type === tt.bracketL)) {
        const open = t.type === tt.bracketL ? j : j + 1;
        const found = this.staticKey(open);
        if (!found) return { path, end: j, banned: false }; // computed: the runtime's job
        key = found.name;
        keyToken = open + 1;
        next = found.end;
      } else {
        return { path, end: j, banned: false };
      }
      // The facade's `default` is the facade itself (CommonJS interop).
      path = path.length === 0 && key === 'default' ? path : [...path, key];
      this.moduleMemberTokens.add(keyToken);
      const entry = this.bannedPath(path);
      if (entry) {
        this.hit(entry, keyToken, false);
        return { path, end: next, banned: true };
      }
      j = next;
    }
  }

  /**
   * After a gradlab chain that spans [start, end): if it is the whole initializer of a declaration,
   * `const n = gl.nn` binds n, and `const { BatchNorm1d, optim: { Adam } } = gl.nn` reads (and binds)
   * each key.
   */
  private bindResult(start: number, end: number, path: Path): void {
    const tokens = this.tokens;
    if (!this.endsInitializer(end)) return;
    const eq = this.previousValueToken(start);
    if (eq < 0 || tokens[eq].type !== tt.eq) return;
    const target = this.previousValueToken(eq);
    if (target < 0) return;
    const t = tokens[target];
    if (t.type === tt.name && isDeclarationRole(t)) {
      this.bindings.set(target, path);
    } else if (t.type === tt.braceR) {
      const open = matchBackward(tokens, target);
      const keyword = tokens[open - 1];
      if (keyword && (keyword.type === tt._const || keyword.type === tt._let || keyword.type === tt._var)) this.objectPattern(open, path);
    }
  }

  /** `{ a, b: c, d: { e } = …, 'f': g, ...rest }` from the `{` at index open, read from `path`. */
  private objectPattern(open: number, path: Path): void {
    const tokens = this.tokens;
    const close = matchForward(tokens, open) - 1;
    let j = open + 1;
    while (j < close) {
      const t = tokens[j];
      if (t.type === tt.ellipsis) {
        j = this.skipToPatternSeparator(j, close); // ...rest copies only the visible members
      } else {
        let key: string | undefined;
        let keyToken = j;
        if (t.type === tt.bracketL) {
          const found = this.staticKey(j);
          key = found?.name;
          keyToken = j + 1;
          j = found ? found.end : matchForward(tokens, j);
        } else {
          key = t.type === tt.string ? this.stringValue(t) : this.text(t);
          j++;
        }
        const child = key === undefined ? undefined : [...path, key];
        const entry = child && this.bannedPath(child);
        if (entry) this.hit(entry, keyToken, false);
        if (tokens[j].type === tt.colon) {
          j++;
          const target = tokens[j];
          if (target.type === tt.braceL) {
            if (child && !entry) this.objectPattern(j, child);
            j = matchForward(tokens, j);
          } else if (target.type === tt.bracketL) {
            j = matchForward(tokens, j);
          } else {
            if (child && !entry && target.type === tt.name && isDeclarationRole(target)) this.bindings.set(j, child);
            j++;
          }
        } else if (child && !entry && isDeclarationRole(t)) {
          this.bindings.set(keyToken, child); // shorthand { BatchNorm1d }
        }
        if (tokens[j].type === tt.eq) j = this.skipToPatternSeparator(j, close); // default value: ordinary code
      }
      if (tokens[j]?.type === tt.comma) j++;
    }
  }

  private skipToPatternSeparator(j: number, close: number): number {
    let depth = 0;
    for (; j < close; j++) {
      const type = this.tokens[j].type;
      if (isOpener(type)) depth++;
      else if (isCloser(type)) depth--;
      else if (type === tt.comma && depth === 0) return j;
    }
    return close;
  }

  /** A member read on something that is not the gradlab module: only instance-method bans apply. */
  private instanceMember(name: string, keyToken: number, receiverEnd: number): void {
    const entry = this.instanceMembers.get(name);
    if (!entry) return;
    const receiver = this.tokens[receiverEnd];
    if (receiver?.type === tt._this) return;
    // Only a bare name (not `a.b.relu`) can be resolved to its declaration.
    const before = this.tokens[receiverEnd - 1];
    const bare = !before || (before.type !== tt.dot && before.type !== tt.questionDot);
    if (receiver?.type === tt.name && bare && isRead(receiver)) {
      const declaration = this.resolve(this.text(receiver), receiverEnd);
      if (declaration !== undefined && this.objectLiteralConstants.has(declaration)) return;
    }
    this.hit(entry, keyToken, false);
  }

  // ---- token helpers ----

  /** The innermost declaration of `name` whose scope contains token i (undefined: a global). */
  private resolve(name: string, i: number): number | undefined {
    let best: Declaration | undefined;
    for (const d of this.declarations.get(name) ?? []) {
      if (d.start <= i && i < d.end && (!best || d.start >= best.start)) best = d;
    }
    return best?.tokenIndex;
  }

  private bannedPath(path: Path): string | undefined {
    if (path.length === 0) return undefined;
    const joined = path.join('.');
    return this.modulePaths.has(joined) ? joined : undefined;
  }

  private hit(name: string, tokenIndex: number, inImport: boolean): void {
    this.hits.push({ name, line: this.lineOf(this.tokens[tokenIndex].start), tokenIndex, inImport });
  }

  private lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  private text(t: Token): string {
    return this.source.slice(t.start, t.end);
  }

  /** The value of a plain string literal or substitution-free template; undefined for anything else. */
  private stringValue(t: Token | undefined): string | undefined {
    if (!t) return undefined;
    const raw = this.text(t);
    if (t.type === tt.string) {
      const inner = raw.slice(1, -1);
      return inner.includes('\\') ? undefined : inner; // escapes: leave to the runtime check
    }
    if (t.type === tt.template) return raw.includes('\\') ? undefined : raw;
    return undefined;
  }

  /** `['name']` or `[`name`]` at the `[` at index open → the name and the index after `]`. */
  private staticKey(open: number): { name: string; end: number } | undefined {
    const tokens = this.tokens;
    const a = tokens[open + 1];
    if (a?.type === tt.string && tokens[open + 2]?.type === tt.bracketR) {
      const name = this.stringValue(a);
      return name === undefined ? undefined : { name, end: open + 3 };
    }
    if (a?.type === tt.backQuote && tokens[open + 2]?.type === tt.template && tokens[open + 3]?.type === tt.backQuote && tokens[open + 4]?.type === tt.bracketR) {
      const name = this.stringValue(tokens[open + 2]);
      return name === undefined ? undefined : { name, end: open + 5 };
    }
    return undefined;
  }

  private isFromKeyword(j: number): boolean {
    const t = this.tokens[j];
    return t !== undefined && t.type === tt.name && t.contextualKeyword === ContextualKeyword._from && this.tokens[j + 1]?.type === tt.string;
  }

  /** require ( 'x' ) starting at index j. */
  private isRequireCall(j: number): boolean {
    const tokens = this.tokens;
    return this.text(tokens[j]) === 'require' && tokens[j + 1]?.type === tt.parenL && tokens[j + 2]?.type === tt.string && tokens[j + 3]?.type === tt.parenR;
  }

  /** The nearest token before j that is not part of a type annotation. */
  private previousValueToken(j: number): number {
    let k = j - 1;
    while (k >= 0 && this.tokens[k].isType) k--;
    return k;
  }

  /** Whether the expression that ended before index j is a complete initializer (not a call or operand). */
  private endsInitializer(j: number): boolean {
    const t = this.tokens[j];
    if (!t) return true;
    if ([tt.semi, tt.comma, tt.parenR, tt.braceR, tt.eof].includes(t.type)) return true;
    if (t.type === tt.name && (t.contextualKeyword === ContextualKeyword._as || t.contextualKeyword === ContextualKeyword._satisfies)) return true;
    // Automatic semicolon insertion: the next statement starts on a later line.
    return j > 0 && this.lineOf(t.start) > this.lineOf(this.tokens[j - 1].end) && t.type !== tt.parenL && t.type !== tt.bracketL && t.type !== tt.backQuote;
  }
}

/**
 * Every declared name with the token range of the scope it is visible in, following the same rules
 * sucrase uses to find shadowed globals: block-scoped names live in the innermost scope, `var` and
 * parameters in the nearest function scope, imports in the module scope.
 */
function declarationsByName(source: string, tokens: Token[], scopes: ReadonlyArray<{ startTokenIndex: number; endTokenIndex: number; isFunctionScope: boolean }>): Map<string, Declaration[]> {
  const out = new Map<string, Declaration[]>();
  const stack: Array<(typeof scopes)[number]> = [];
  let scopeIndex = scopes.length - 1;
  // Scopes are sorted by end index, so walking backwards keeps a proper stack of enclosing scopes.
  for (let i = tokens.length - 1; ; i--) {
    while (stack.length > 0 && stack[stack.length - 1].startTokenIndex === i + 1) stack.pop();
    while (scopeIndex >= 0 && scopes[scopeIndex].endTokenIndex === i + 1) stack.push(scopes[scopeIndex--]);
    if (i < 0) break;
    const t = tokens[i];
    if (t.type !== tt.name || t.isType || stack.length === 0) continue;
    let scope: (typeof scopes)[number] | undefined;
    if (t.identifierRole === IdentifierRole.ImportDeclaration) scope = stack[0];
    else if (isFunctionScoped(t)) scope = [...stack].reverse().find((s) => s.isFunctionScope) ?? stack[0];
    else if (isDeclarationRole(t)) scope = stack[stack.length - 1];
    if (!scope) continue;
    const name = source.slice(t.start, t.end);
    const list = out.get(name) ?? [];
    list.push({ tokenIndex: i, start: scope.startTokenIndex, end: scope.endTokenIndex });
    out.set(name, list);
  }
  return out;
}

function isDeclarationRole(t: Token): boolean {
  const r = t.identifierRole;
  return (
    r === IdentifierRole.TopLevelDeclaration ||
    r === IdentifierRole.BlockScopedDeclaration ||
    r === IdentifierRole.FunctionScopedDeclaration ||
    r === IdentifierRole.ObjectShorthandTopLevelDeclaration ||
    r === IdentifierRole.ObjectShorthandBlockScopedDeclaration ||
    r === IdentifierRole.ObjectShorthandFunctionScopedDeclaration
  );
}

function isFunctionScoped(t: Token): boolean {
  return t.identifierRole === IdentifierRole.FunctionScopedDeclaration || t.identifierRole === IdentifierRole.ObjectShorthandFunctionScopedDeclaration;
}

/** A name read as a value (not declared, not a property key). */
function isRead(t: Token): boolean {
  const r = t.identifierRole;
  return r === IdentifierRole.Access || r === IdentifierRole.ExportAccess || r === IdentifierRole.ObjectShorthand;
}

/** After `.`, keywords are property names too (gl.default, x.delete). */
function isPropertyName(t: Token | undefined): boolean {
  return t !== undefined && !t.isType && (t.type === tt.name || (t.type & tt.IS_KEYWORD) !== 0);
}

/** Whether the `[` at index i indexes into a value (x[…], x?.[…]) rather than starting an array literal. */
function indexesValue(tokens: Token[], i: number): boolean {
  const prev = tokens[i - 1];
  if (!prev) return false;
  if (prev.type === tt.name) {
    // A variable read, or a property name after a dot; not a contextual keyword such as `of`.
    const before = tokens[i - 2];
    return prev.identifierRole !== null || (before !== undefined && (before.type === tt.dot || before.type === tt.questionDot));
  }
  return [tt.parenR, tt.bracketR, tt.string, tt.backQuote, tt.nonNullAssertion, tt.questionDot, tt._this, tt._super].includes(prev.type);
}

function isOpener(type: tt): boolean {
  return type === tt.braceL || type === tt.dollarBraceL || type === tt.bracketL || type === tt.parenL;
}

function isCloser(type: tt): boolean {
  return type === tt.braceR || type === tt.bracketR || type === tt.parenR;
}

/** Index after the bracket that closes the one at index open. */
function matchForward(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    if (isOpener(tokens[j].type)) depth++;
    else if (isCloser(tokens[j].type) && --depth === 0) return j + 1;
  }
  return tokens.length;
}

/** Index of the bracket that opens the one closing at index close. */
function matchBackward(tokens: Token[], close: number): number {
  let depth = 0;
  for (let j = close; j >= 0; j--) {
    if (isCloser(tokens[j].type)) depth++;
    else if (isOpener(tokens[j].type) && --depth === 0) return j;
  }
  return 0;
}
