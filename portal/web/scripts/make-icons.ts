/**
 * Draws the portal's PNG icons (web app manifest, home screen) from the hopscotch of
 * `public/favicon.svg`, with nothing but Node: the shapes are rasterised here (4×4 samples per
 * pixel) and written as PNG with zlib. Run once after changing the drawing, and commit the files:
 *
 *   node --import tsx portal/web/scripts/make-icons.ts
 *
 * Output (portal/web/public/icons/): icon-192.png and icon-512.png ("any": the drawing on a
 * white rounded square), icon-maskable-512.png ("maskable": full-bleed header blue, the drawing
 * inside the central safe circle), apple-touch-icon.png (180 px, opaque).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

type Rgba = readonly [number, number, number, number];

const NAVY: Rgba = [0x1e, 0x3a, 0x8a, 255]; // the portal header (--c-primary-dark)
const WHITE: Rgba = [255, 255, 255, 255];
const YELLOW: Rgba = [0xfb, 0xbf, 0x24, 255];
const LIGHT_BLUE: Rgba = [0x93, 0xc5, 0xfd, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

// ---- the drawing, in the favicon's 64×64 units ------------------------------------------------

const STROKE_HALF = 1.5; // stroke-width="3", round joins

interface Shape {
  fill: Rgba;
  /** Inside the filled area. */
  inside(x: number, y: number): boolean;
  /** Distance to the outline (for the stroke). */
  edge(x: number, y: number): number;
}

function rect(x0: number, y0: number, w: number, h: number, fill: Rgba = WHITE): Shape {
  const x1 = x0 + w;
  const y1 = y0 + h;
  return {
    fill,
    inside: (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1,
    edge: (x, y) => {
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1) return Math.min(x - x0, x1 - x, y - y0, y1 - y);
      const dx = Math.max(x0 - x, 0, x - x1);
      const dy = Math.max(y0 - y, 0, y - y1);
      return Math.hypot(dx, dy);
    },
  };
}

/** `M20 14 A12 12 0 0 1 44 14 Z`: the upper half disc of centre (32, 14), radius 12. */
function halfDisc(cx: number, cy: number, r: number, fill: Rgba): Shape {
  const toEnds = (x: number, y: number) => Math.min(Math.hypot(x - (cx - r), y - cy), Math.hypot(x - (cx + r), y - cy));
  return {
    fill,
    inside: (x, y) => y <= cy && Math.hypot(x - cx, y - cy) <= r,
    edge: (x, y) => {
      const arc = y <= cy ? Math.abs(Math.hypot(x - cx, y - cy) - r) : toEnds(x, y);
      const chord = x >= cx - r && x <= cx + r ? Math.abs(y - cy) : toEnds(x, y);
      return Math.min(arc, chord);
    },
  };
}

const HOPSCOTCH: readonly Shape[] = [
  halfDisc(32, 14, 12, YELLOW),
  rect(26, 14, 12, 10),
  rect(20, 24, 12, 10, LIGHT_BLUE),
  rect(32, 24, 12, 10),
  rect(26, 34, 12, 10),
  rect(20, 44, 12, 10),
  rect(32, 44, 12, 10, LIGHT_BLUE),
  rect(26, 54, 12, 8),
];

/** The drawing's box with its stroke, in favicon units. */
const BOX = { x0: 20 - STROKE_HALF, y0: 2 - STROKE_HALF, x1: 44 + STROKE_HALF, y1: 62 + STROKE_HALF };

/** The colour of the drawing at a point, or null outside it (painter's order, stroke over fill). */
function drawingAt(x: number, y: number): Rgba | null {
  let colour: Rgba | null = null;
  for (const shape of HOPSCOTCH) {
    if (shape.inside(x, y)) colour = shape.fill;
    if (shape.edge(x, y) <= STROKE_HALF) colour = NAVY;
  }
  return colour;
}

// ---- rasterising --------------------------------------------------------------------------------

interface IconSpec {
  file: string;
  size: number;
  /** Background at a point of the unit square [0,1]² (rounded square, full bleed…). */
  background(u: number, v: number): Rgba;
  /** Height of the drawing as a fraction of the icon. */
  drawingHeight: number;
}

function roundedSquare(colour: Rgba, radius: number) {
  return (u: number, v: number): Rgba => {
    const dx = Math.max(radius - u, 0, u - (1 - radius));
    const dy = Math.max(radius - v, 0, v - (1 - radius));
    return Math.hypot(dx, dy) <= radius ? colour : CLEAR;
  };
}

const SAMPLES = 4;

function render(spec: IconSpec): Buffer {
  const { size } = spec;
  const boxW = BOX.x1 - BOX.x0;
  const boxH = BOX.y1 - BOX.y0;
  const scale = (spec.drawingHeight * size) / boxH; // pixels per favicon unit
  const offsetX = (size - boxW * scale) / 2;
  const offsetY = (size - boxH * scale) / 2;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      // Premultiplied sums of the samples, for clean antialiased edges on transparency.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const x = px + (sx + 0.5) / SAMPLES;
          const y = py + (sy + 0.5) / SAMPLES;
          const c = drawingAt(BOX.x0 + (x - offsetX) / scale, BOX.y0 + (y - offsetY) / scale) ?? spec.background(x / size, y / size);
          r += c[0] * c[3];
          g += c[1] * c[3];
          b += c[2] * c[3];
          a += c[3];
        }
      }
      const i = (py * size + px) * 4;
      const n = SAMPLES * SAMPLES;
      pixels[i] = a === 0 ? 0 : Math.round(r / a);
      pixels[i + 1] = a === 0 ? 0 : Math.round(g / a);
      pixels[i + 2] = a === 0 ? 0 : Math.round(b / a);
      pixels[i + 3] = Math.round(a / n);
    }
  }
  return encodePng(size, size, pixels);
}

// ---- PNG ------------------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** An 8-bit RGBA PNG, no filtering (filter byte 0 on each row), deflated. */
function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y += 1) rgba.copy(rows, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- the icons ----------------------------------------------------------------------------------

export const ICONS: readonly IconSpec[] = [
  { file: 'icon-192.png', size: 192, background: roundedSquare(WHITE, 0.18), drawingHeight: 0.8 },
  { file: 'icon-512.png', size: 512, background: roundedSquare(WHITE, 0.18), drawingHeight: 0.8 },
  // Maskable: launchers crop to a circle or a squircle; the safe zone is the central circle of
  // radius 40 %, so the drawing (a tall box) stays within 64 % of the height.
  { file: 'icon-maskable-512.png', size: 512, background: () => NAVY, drawingHeight: 0.64 },
  { file: 'apple-touch-icon.png', size: 180, background: () => WHITE, drawingHeight: 0.78 },
];

const outDir = fileURLToPath(new URL('../public/icons/', import.meta.url));

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(outDir, { recursive: true });
  for (const spec of ICONS) {
    const png = render(spec);
    fs.writeFileSync(path.join(outDir, spec.file), png);
    console.log(`${spec.file}: ${spec.size}×${spec.size}, ${png.length} octets`);
  }
}
