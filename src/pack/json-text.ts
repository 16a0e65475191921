/**
 * Parsing manifest text so that every problem can point at a line and column: JSON syntax errors
 * come with their offset, and JSON Pointers (from Ajv or our own rules) are resolved against the
 * syntax tree of the ORIGINAL text. This is why we parse with jsonc-parser and not JSON.parse alone.
 */
import { parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { PackProblem } from './types';

export interface ParsedJson {
  text: string;
  /** The parsed value, or undefined when the text is not valid JSON. */
  value: unknown;
  root: Node | undefined;
  /** Syntax errors, already translated into problems with positions. */
  syntaxProblems: PackProblem[];
}

/** Parses strict JSON (no comments, no trailing commas: VS Code and other tools read these files as JSON). */
export function parseJsonText(text: string, file: string): ParsedJson {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM is harmless, keep offsets honest
  const errors: ParseError[] = [];
  const value = parse(clean, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  // jsonc-parser may report one mistake twice at the same offset (e.g. a trailing comma): keep one.
  const seen = new Set<string>();
  const syntaxProblems = errors.map((e) => syntaxProblem(clean, file, e)).filter((p) => {
    const key = `${p.line}:${p.column}:${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  if (clean.trim() === '') {
    return {
      text: clean, value: undefined, root: undefined,
      syntaxProblems: [{ file, jsonPath: '', line: 1, column: 1, severity: 'error',
        message: 'The file is empty.', fix: 'Write a JSON object here (see docs/authoring.md), or run `gradlab new` to generate one.' }],
    };
  }
  return { text: clean, value: errors.length ? undefined : value, root: parseTree(clean), syntaxProblems };
}

function syntaxProblem(text: string, file: string, e: ParseError): PackProblem {
  const before = text.slice(0, e.offset).trimEnd();
  const afterTrailingComma = before.endsWith(',') && /^\s*[}\]]/.test(text.slice(e.offset));
  // Point at the offending comma itself rather than at the bracket after it.
  const { line, column } = offsetToPosition(text, afterTrailingComma ? before.length - 1 : e.offset);
  let message: string;
  let fix: string;
  // ParseErrorCode is a const enum (not usable under isolatedModules): compare by its printed name.
  const code = printParseErrorCode(e.error);
  if (afterTrailingComma && (code === 'ValueExpected' || code === 'PropertyNameExpected')) {
    message = 'Invalid JSON: a trailing comma before a closing bracket is not allowed.';
    fix = 'Delete the comma after the last item.';
  } else {
    [message, fix] = SYNTAX_MESSAGES[code] ?? [`Invalid JSON (${code}).`, 'Correct the JSON syntax at this position.'];
  }
  return { file, jsonPath: '', line, column, message, fix, severity: 'error' };
}

const SYNTAX_MESSAGES: Record<string, [string, string]> = {
  InvalidSymbol: ['Invalid JSON: unexpected character.', 'Remove the character, or quote it inside a string.'],
  InvalidNumberFormat: ['Invalid JSON: malformed number.', 'Write numbers like 1, -0.5 or 1e-6 (no leading +, no trailing dot, no NaN/Infinity).'],
  PropertyNameExpected: ['Invalid JSON: a property name in double quotes was expected.', 'Put the key in double quotes, e.g. "id": …'],
  ValueExpected: ['Invalid JSON: a value was expected.', 'Add the missing value (a string in double quotes, number, true/false, array or object).'],
  ColonExpected: ['Invalid JSON: a colon was expected after the property name.', 'Write "key": value.'],
  CommaExpected: ['Invalid JSON: a comma was expected between two items.', 'Add a comma at the end of the previous item.'],
  CloseBraceExpected: ['Invalid JSON: a closing } was expected.', 'Close the object with }, or add the missing comma between its properties.'],
  CloseBracketExpected: ['Invalid JSON: a closing ] was expected.', 'Close the array with ], or add the missing comma between its items.'],
  EndOfFileExpected: ['Invalid JSON: more text after the end of the top-level value.', 'The file must hold exactly one JSON object; remove what follows it.'],
  InvalidCommentToken: ['Invalid JSON: comments are not allowed in this file.', 'Remove the comment; put explanations in "description" fields or the README.'],
  UnexpectedEndOfComment: ['Invalid JSON: unterminated comment.', 'Remove the comment.'],
  UnexpectedEndOfString: ['Invalid JSON: unterminated string.', 'Close the string with a double quote.'],
  UnexpectedEndOfNumber: ['Invalid JSON: unterminated number.', 'Complete the number.'],
  InvalidUnicode: ['Invalid JSON: malformed \\u escape.', 'Write \\u followed by exactly four hex digits.'],
  InvalidEscapeCharacter: ['Invalid JSON: invalid escape sequence in a string.', 'Use \\\\ for a backslash; valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX.'],
  InvalidCharacter: ['Invalid JSON: control character inside a string.', 'Write line breaks as \\n and tabs as \\t.'],
};

export function offsetToPosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Splits a JSON Pointer ("/checks/2/op") into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Position of the value at `pointer`, or of its nearest existing ancestor (a missing property is
 * reported where it should go: at the object that lacks it). With `atKey`, an object property is
 * located at its key rather than its value (for "unknown property" problems).
 */
export function locatePointer(parsed: ParsedJson, pointer: string, atKey = false): { line: number; column: number } | undefined {
  let node = parsed.root;
  if (!node) return undefined;
  for (const segment of pointerSegments(pointer)) {
    const child = childNode(node, segment);
    if (!child) break;
    node = child;
  }
  let target: Node = node;
  if (atKey && node.parent?.type === 'property' && node.parent.children?.[1] === node) target = node.parent.children[0];
  return offsetToPosition(parsed.text, target.offset);
}

function childNode(node: Node, segment: string): Node | undefined {
  if (node.type === 'object') {
    // Last duplicate key wins, as in JSON.parse.
    const props = (node.children ?? []).filter((p) => p.children?.[0]?.value === segment);
    return props[props.length - 1]?.children?.[1];
  }
  if (node.type === 'array' && /^(0|[1-9][0-9]*)$/.test(segment)) return node.children?.[Number(segment)];
  return undefined;
}
