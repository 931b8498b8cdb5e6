/**
 * Generates the add-in icons in assets/ (ribbon, manifest, task pane): a green rounded square with three
 * rising white bars — targets being reached. Run `npx tsx scripts/make-icons.ts`; the PNGs are committed.
 */
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { join } from "node:path";

const SIZES = [16, 32, 64, 80, 128] as const;
const GREEN: [number, number, number] = [0x1b, 0x6e, 0x4a];
const SUPERSAMPLING = 4;

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const body = Buffer.concat([head.subarray(4), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([head.subarray(0, 4), body, crc]);
}

function encodePng(size: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", new Uint8Array()),
  ]);
}

/** Which layer covers the point (u, v) in unit coordinates: 0 transparent, 1 background, 2 bar. */
function layerAt(u: number, v: number): 0 | 1 | 2 {
  const radius = 0.2;
  const cx = Math.min(Math.max(u, radius), 1 - radius);
  const cy = Math.min(Math.max(v, radius), 1 - radius);
  if ((u - cx) ** 2 + (v - cy) ** 2 > radius * radius) return 0;
  const bars = [
    { x0: 0.2, x1: 0.34, top: 0.58 },
    { x0: 0.43, x1: 0.57, top: 0.4 },
    { x0: 0.66, x1: 0.8, top: 0.2 },
  ];
  for (const bar of bars) if (u >= bar.x0 && u <= bar.x1 && v >= bar.top && v <= 0.8) return 2;
  return 1;
}

function render(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLING;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let covered = 0;
      let white = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const layer = layerAt((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
          if (layer > 0) covered++;
          if (layer === 2) white++;
        }
      }
      const i = (y * size + x) * 4;
      const whiteShare = covered ? white / covered : 0;
      for (let c = 0; c < 3; c++) pixels[i + c] = Math.round(GREEN[c]! * (1 - whiteShare) + 255 * whiteShare);
      pixels[i + 3] = Math.round((255 * covered) / (n * n));
    }
  }
  return pixels;
}

const assets = join(__dirname, "..", "assets");
for (const size of SIZES) writeFileSync(join(assets, `icon-${size}.png`), encodePng(size, render(size)));
console.log(`Icônes écrites dans ${assets}: ${SIZES.join(", ")} px`);
