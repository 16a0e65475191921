/**
 * jsonc-parser, imported from its ESM build on purpose: the package's "main" is a UMD wrapper whose
 * internal `require('./impl/format')` esbuild cannot follow, so a bundle using "main" (esbuild's
 * default for platform "node") crashes at load with "Cannot find module './impl/format'".
 * If esbuild.config.mjs sets mainFields ['module', 'main'] for node targets, this can go back to
 * a plain `from 'jsonc-parser'`.
 */
export { applyEdits, modify, parse, parseTree, printParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
export type { Node, ParseError } from 'jsonc-parser/lib/esm/main.js';
