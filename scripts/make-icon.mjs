#!/usr/bin/env node
// Draws media/icon.png (128×128, the marketplace icon) with no dependencies: a rounded dark tile,
// a bar chart of gradient norms shrinking layer by layer (vanishing) in the product's blue, and a
// clipped "exploding" orange bar with a dashed clip line. Anti-aliased by 4×4 supersampling.
// Run: node scripts/make-icon.mjs   (re-run after editing; the PNG is committed).
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SS = 4; // supersamples per axis

const BACKGROUND = [30, 36, 48];
const BLUE = [55, 148, 255];
const ORANGE = [240, 140, 40];
const CLIP = [230, 230, 230];

/** Colour (with alpha) of the continuous point (x, y) in icon pixels, or null for transparent. */
function shade(x, y) {
  // Rounded-square tile.
  const r = 22;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;

  // Clip line (dashed) at y = 34 across the plot.
  if (y >= 33 && y <= 36 && x >= 16 && x <= 112 && Math.floor((x - 16) / 8) % 2 === 0) return CLIP;

  // Bars on a baseline at y = 108: heights fall geometrically (gradient norms vanishing with depth).
  const baseline = 108;
  const bars = [
    { x0: 18, h: 64, colour: BLUE },
    { x0: 38, h: 38, colour: BLUE },
    { x0: 58, h: 22, colour: BLUE },
    { x0: 78, h: 12, colour: BLUE },
    { x0: 98, h: 90, colour: ORANGE }, // the exploding one, taller than the clip line
  ];
  for (const bar of bars) {
    if (x >= bar.x0 && x <= bar.x0 + 13 && y <= baseline && y >= baseline - bar.h) {
      // The part of the exploding bar above the clip line is faded: clipping cuts it off.
      if (bar.colour === ORANGE && y < 34) return [...ORANGE.map((c) => Math.round(c * 0.45 + BACKGROUND[0] * 0.55))];
      return bar.colour;
    }
  }
  // Axis baseline.
  if (y >= baseline + 2 && y <= baseline + 4 && x >= 14 && x <= 114) return CLIP;
  return BACKGROUND;
}

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  const row = py * (SIZE * 4 + 1);
  pixels[row] = 0; // PNG filter: none
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = shade(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
        if (!c) continue;
        r += c[0]; g += c[1]; b += c[2]; a += 1;
      }
    }
    const o = row + 1 + px * 4;
    // Colour averaged over covered samples (not premultiplied), alpha = coverage.
    pixels[o] = a ? Math.round(r / a) : 0;
    pixels[o + 1] = a ? Math.round(g / a) : 0;
    pixels[o + 2] = a ? Math.round(b / a) : 0;
    pixels[o + 3] = Math.round((255 * a) / (SS * SS));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'media', 'icon.png');
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
