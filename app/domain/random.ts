import { sha256 } from "@oslojs/crypto/sha2";

/** A deterministic generator (sfc32) seeded from the SHA-256 of a string: same key, same stream. */
export function seededRandom(key: string): () => number {
  const h = sha256(new TextEncoder().encode(key));
  const v = new DataView(h.buffer, h.byteOffset, h.byteLength);
  let a = v.getUint32(0),
    b = v.getUint32(4),
    c = v.getUint32(8),
    d = v.getUint32(12);
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
