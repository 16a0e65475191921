/**
 * Types for sucrase's parser modules, which the package ships as JavaScript under dist/parser/ with
 * their declarations under dist/types/parser/. The banned-helper scan (banned-scan.ts) reads the
 * token stream and scopes the parser produces; the public `sucrase` entry only exposes `transform`.
 */
declare module 'sucrase/dist/parser' {
  export { parse, File } from 'sucrase/dist/types/parser/index';
}
declare module 'sucrase/dist/parser/tokenizer' {
  export * from 'sucrase/dist/types/parser/tokenizer/index';
}
declare module 'sucrase/dist/parser/tokenizer/types' {
  export * from 'sucrase/dist/types/parser/tokenizer/types';
}
declare module 'sucrase/dist/parser/tokenizer/keywords' {
  export * from 'sucrase/dist/types/parser/tokenizer/keywords';
}
