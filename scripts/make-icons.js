#!/usr/bin/env node
// Draws the add-in icon (a clipboard with a check mark, Fluent blue #0F6CBD on a
// transparent background) and writes assets/icon-<size>.png for every size the
// manifest and the store listing use. Pure Node: PNG encoding with zlib, no packages.
//
//   node scripts/make-icons.js            writes assets/icon-{16,32,64,80,128}.png
//   node scripts/make-icons.js --check    exits 1 if a committed icon differs from a fresh render
//
// The output is deterministic, so the committed PNGs can be compared with a fresh render.
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const ICON_SIZES = Object.freeze([16, 32, 64, 80, 128]);
const ICON_COLOUR = Object.freeze({ r: 0x0f, g: 0x6c, b: 0xbd });
const ASSETS_DIR = path.resolve(__dirname, "..", "assets");
// Local bindings: global lookups are slow inside Jest's sandbox, and drawing makes ~1.5 M calls.
const { abs, hypot, max, min, round } = Math;

// ---------------------------------------------------------------- PNG encoding

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData), 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * Encodes straight (non-premultiplied) 8-bit RGBA pixels, row by row, as a PNG.
 * @param {number} width
 * @param {number} height
 * @param {Uint8Array} rgba width * height * 4 bytes
 * @returns {Buffer}
 */
function encodePng(width, height, rgba) {
  if (rgba.length !== width * height * 4) {
    throw new RangeError(`encodePng: expected ${width * height * 4} bytes, got ${rgba.length}`);
  }
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- drawing

// Signed distance (in pixels) from p to a rounded rectangle; negative inside.
function roundedRectDistance(px, py, rect) {
  const cx = (rect.x0 + rect.x1) / 2;
  const cy = (rect.y0 + rect.y1) / 2;
  const hx = (rect.x1 - rect.x0) / 2 - rect.r;
  const hy = (rect.y1 - rect.y0) / 2 - rect.r;
  const qx = abs(px - cx) - hx;
  const qy = abs(py - cy) - hy;
  const outside = hypot(max(qx, 0), max(qy, 0));
  const inside = min(max(qx, qy), 0);
  return outside + inside - rect.r;
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = max(0, min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * The glyph as a coverage test in pixel coordinates for an icon of `size` pixels.
 * Strokes never fall below 1 px (outline) and 2 px (check mark) so the 16 px icon stays legible.
 */
function glyph(size) {
  // Small icons snap edges and strokes to whole pixels so they render crisply.
  const small = size <= 32;
  const u = (v) => (small ? round(v * size) : v * size);
  const stroke = small ? max(1, round(size * 0.07)) : size * 0.085;
  const board = { x0: u(0.16), y0: u(0.14), x1: u(0.84), y1: u(0.95), r: u(0.1) };
  const clip = { x0: u(0.33), y0: u(0.05), x1: u(0.67), y1: u(0.25), r: u(0.06) };
  const clipHole = { x0: u(0.33) + stroke, y0: u(0.05) + stroke, x1: u(0.67) - stroke, y1: u(0.25) - stroke * 0.2, r: u(0.02) };
  const check = [
    [u(0.3), u(0.57)],
    [u(0.45), u(0.72)],
    [u(0.71), u(0.43)],
  ];
  const clipGap = { ...clip, x0: clip.x0 - stroke * 0.6, x1: clip.x1 + stroke * 0.6 };
  const checkStroke = small ? max(2, round(size * 0.09)) : size * 0.1;
  return (x, y) => {
    // Clipboard outline, broken where the clip sits so the clip reads as separate.
    const onBoard = abs(roundedRectDistance(x, y, board) + stroke / 2) <= stroke / 2;
    const underClip = roundedRectDistance(x, y, clipGap) <= 0;
    const onClip = roundedRectDistance(x, y, clip) <= 0 && !(size >= 64 && roundedRectDistance(x, y, clipHole) <= 0);
    const onCheck =
      segmentDistance(x, y, check[0][0], check[0][1], check[1][0], check[1][1]) <= checkStroke / 2 ||
      segmentDistance(x, y, check[1][0], check[1][1], check[2][0], check[2][1]) <= checkStroke / 2;
    return (onBoard && !underClip) || onClip || onCheck;
  };
}

/**
 * Renders the icon at `size` × `size` pixels with 8 × 8 supersampling for anti-aliasing.
 * @param {number} size
 * @returns {Buffer} PNG bytes
 */
function renderIcon(size) {
  if (!Number.isInteger(size) || size < 8 || size > 1024) {
    throw new RangeError(`renderIcon: size must be an integer from 8 to 1024, got ${size}`);
  }
  const covered = glyph(size);
  const samples = 8;
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (covered(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples)) hits++;
        }
      }
      const i = (y * size + x) * 4;
      const alpha = round((255 * hits) / (samples * samples));
      if (alpha > 0) {
        rgba[i] = ICON_COLOUR.r;
        rgba[i + 1] = ICON_COLOUR.g;
        rgba[i + 2] = ICON_COLOUR.b;
        rgba[i + 3] = alpha;
      }
    }
  }
  return encodePng(size, size, rgba);
}

/**
 * A favicon.ico holding the given square PNG icons as they are (the ICO format allows PNG images
 * since Windows Vista; every current browser reads them). `pngs` maps size → PNG bytes.
 */
function icoFromPngs(pngs) {
  const entries = Object.entries(pngs).map(([size, png]) => ({ size: Number(size), png }));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(entries.length, 4);
  let offset = 6 + 16 * entries.length;
  const directory = entries.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...directory, ...entries.map((e) => e.png)]);
}

/** The favicon the pane's pages use: the add-in's own 16 and 32 px icons, read from `dir`. */
function faviconIco(dir = ASSETS_DIR) {
  return icoFromPngs({ 16: fs.readFileSync(iconPath(16, dir)), 32: fs.readFileSync(iconPath(32, dir)) });
}

function iconPath(size, dir = ASSETS_DIR) {
  return path.join(dir, `icon-${size}.png`);
}

function main(argv) {
  const check = argv.includes("--check");
  let stale = 0;
  for (const size of ICON_SIZES) {
    const png = renderIcon(size);
    const file = iconPath(size);
    if (check) {
      const same = fs.existsSync(file) && fs.readFileSync(file).equals(png);
      if (!same) {
        stale++;
        console.error(`${path.relative(process.cwd(), file)} differs from a fresh render`);
      }
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, png);
      console.log(`wrote ${path.relative(process.cwd(), file)} (${size}×${size}, ${png.length} bytes)`);
    }
  }
  if (check && stale > 0) {
    console.error("Run `node scripts/make-icons.js` to regenerate the icons.");
    return 1;
  }
  return 0;
}

module.exports = { ICON_SIZES, ICON_COLOUR, encodePng, renderIcon, iconPath, crc32, icoFromPngs, faviconIco };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
