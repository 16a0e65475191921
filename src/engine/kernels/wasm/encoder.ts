/**
 * A tiny WebAssembly binary encoder: just the sections, LEB128 numbers and opcodes that the gemm
 * kernel in ./gemm-module.ts uses. Why hand-rolled: the kernel must be built from source in this
 * repository with no native toolchain and no downloads (the VSIX ships no compiler), and the whole
 * module is a few hundred bytes, so a 100-line encoder is simpler than vendoring an assembler.
 * Reference: WebAssembly Core Specification 2.0, §5 (binary format) and the SIMD proposal opcodes.
 */

export type Bytes = number[];

export const I32 = 0x7f;
export const V128 = 0x7b;

/** Unsigned LEB128 (sizes, indices, SIMD sub-opcodes). */
export function uleb(n: number): Bytes {
  const out: Bytes = [];
  let v = n >>> 0;
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 (i32.const immediates). */
export function sleb(n: number): Bytes {
  const out: Bytes = [];
  let v = n | 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** A length-prefixed vector of already-encoded items. */
function vec(items: Bytes[]): Bytes {
  const out = uleb(items.length);
  for (const it of items) out.push(...it);
  return out;
}

function section(id: number, body: Bytes): Bytes {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): Bytes {
  const bytes: Bytes = [];
  for (let i = 0; i < s.length; i++) bytes.push(s.charCodeAt(i)); // ASCII export names only
  return [...uleb(bytes.length), ...bytes];
}

/** memarg: alignment exponent and constant offset. */
const memarg = (alignLog2: number, offset: number): Bytes => [alignLog2, ...uleb(offset)];
const simd = (sub: number): Bytes => [0xfd, ...uleb(sub)];

/** The instructions the kernel needs, each returning its encoded bytes. */
export const op = {
  localGet: (i: number): Bytes => [0x20, ...uleb(i)],
  localSet: (i: number): Bytes => [0x21, ...uleb(i)],
  i32Const: (v: number): Bytes => [0x41, ...sleb(v)],
  i32Add: [0x6a] as Bytes,
  i32Sub: [0x6b] as Bytes,
  i32Mul: [0x6c] as Bytes,
  i32GeS: [0x4e] as Bytes,
  i32LeS: [0x4c] as Bytes,
  block: [0x02, 0x40] as Bytes, // empty block type
  loop: [0x03, 0x40] as Bytes,
  end: [0x0b] as Bytes,
  br: (depth: number): Bytes => [0x0c, ...uleb(depth)],
  brIf: (depth: number): Bytes => [0x0d, ...uleb(depth)],
  v128Load: (offset = 0): Bytes => [...simd(0x00), ...memarg(4, offset)],
  v128Store: (offset = 0): Bytes => [...simd(0x0b), ...memarg(4, offset)],
  v128Load64Splat: (offset = 0): Bytes => [...simd(0x0a), ...memarg(3, offset)],
  v128Zero: [...simd(0x0c), ...new Array<number>(16).fill(0)] as Bytes,
  f64x2Add: simd(0xf0),
  f64x2Mul: simd(0xf2),
};

export interface FunctionDef {
  exportName: string;
  params: number[];
  /** Extra locals after the params, as [count, type] runs. */
  locals: Array<[number, number]>;
  body: Bytes;
}

/** A module with one exported memory ("memory", initial `pages` × 64 KiB) and the given functions (no results). */
export function encodeModule(functions: FunctionDef[], pages: number): Uint8Array<ArrayBuffer> {
  const types = section(1, vec(functions.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...vec([])])));
  const funcs = section(3, vec(functions.map((_, i) => uleb(i))));
  const memory = section(5, vec([[0x00, ...uleb(pages)]]));
  const exports = section(7, vec([...functions.map((f, i) => [...name(f.exportName), 0x00, ...uleb(i)]), [...name('memory'), 0x02, 0x00]]));
  const code = section(
    10,
    vec(
      functions.map((f) => {
        const body = [...vec(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.body, ...op.end];
        return [...uleb(body.length), ...body];
      }),
    ),
  );
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...funcs, ...memory, ...exports, ...code]);
}
