// Writes the web app's icons into public/icons: icon.svg and the PNGs that install prompts
// need (192 and 512 px, and a maskable 512 px with the mark inside the safe circle). A
// check mark on the brand's slate blue, drawn here pixel by pixel (no image tools needed).
// Usage: node web-angular/scripts/generate-icons.mjs (the files are committed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const out = join(import.meta.dirname, '..', 'public', 'icons');
const BACKGROUND = [0x1e, 0x29, 0x3b];
const MARK = [0xff, 0xff, 0xff];
// The check mark, in a 0..1 square: two strokes.
const STROKES = [
  [0.27, 0.52, 0.43, 0.68],
  [0.43, 0.68, 0.74, 0.34],
];
const WIDTH = 0.09;

function distanceToSegment(px, py, [x1, y1, x2, y2]) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
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

/** An RGB PNG of `size` px; `scale` shrinks the mark (maskable icons keep it in the middle). */
function png(size, scale) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      // Four samples a pixel smooth the mark's edges.
      let covered = 0;
      for (const [ox, oy] of [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ]) {
        const u = ((x + ox) / size - 0.5) / scale + 0.5;
        const v = ((y + oy) / size - 0.5) / scale + 0.5;
        if (STROKES.some((s) => distanceToSegment(u, v, s) <= WIDTH / 2)) covered++;
      }
      for (let i = 0; i < 3; i++)
        row[1 + x * 3 + i] = Math.round(BACKGROUND[i] + ((MARK[i] - BACKGROUND[i]) * covered) / 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const path = STROKES.map(([x1, y1, x2, y2], i) =>
  i === 0 ? `M${x1 * 100} ${y1 * 100}L${x2 * 100} ${y2 * 100}` : `L${x2 * 100} ${y2 * 100}`,
).join('');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" rx="18" fill="#1e293b"/><path d="${path}" fill="none" stroke="#fff" stroke-width="${WIDTH * 100}" stroke-linecap="round" stroke-linejoin="round"/></svg>\n`;

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'icon.svg'), svg);
writeFileSync(join(out, 'icon-192.png'), png(192, 1));
writeFileSync(join(out, 'icon-512.png'), png(512, 1));
writeFileSync(join(out, 'icon-maskable-512.png'), png(512, 0.7));
console.log(`icons written to ${out}`);
