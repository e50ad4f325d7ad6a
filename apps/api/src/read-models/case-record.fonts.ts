/**
 * The CJK fonts of the PDF, from the npm font packages the project installs (@fontsource, split
 * by unicode range): Noto Serif SC for text, Noto Sans SC bold for headings. The page names only
 * these two families, under names no system font has, so Chromium never falls back to the
 * machine's fonts; it fetches the few subsets a record uses through an intercepted origin.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RecordFonts } from './case-record.html';

/** The origin the page loads its fonts from; the renderer answers it from node_modules. */
export const FONT_ORIGIN = 'https://record-fonts.invalid';

const FACES = [
  { pkg: '@fontsource/noto-serif-sc', css: '400.css', family: 'RecordSerif', dir: 'serif' },
  { pkg: '@fontsource/noto-sans-sc', css: '700.css', family: 'RecordSans', dir: 'sans' },
] as const;

function packageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

let cached: RecordFonts | undefined;
const files = new Map<string, Buffer>();

/** The @font-face rules with every src pointing at FONT_ORIGIN (woff2 only). */
export function embeddedFonts(): RecordFonts {
  if (cached) return cached;
  const faces = FACES.map((face) =>
    readFileSync(join(packageDir(face.pkg), face.css), 'utf8')
      .replace(/font-family: '[^']+'/g, `font-family: '${face.family}'`)
      .replace(/font-display: swap;/g, 'font-display: block;')
      .replace(
        /src: url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)(?:, url\([^)]+\) format\('woff'\))?/g,
        `src: url(${FONT_ORIGIN}/${face.dir}/$1) format('woff2')`,
      ),
  ).join('\n');
  cached = { faces, serif: 'RecordSerif', sans: 'RecordSans, RecordSerif' };
  return cached;
}

/** The font file for a request to FONT_ORIGIN, or null for anything else. */
export function fontFile(url: string): Buffer | null {
  const match = /^https:\/\/record-fonts\.invalid\/(serif|sans)\/([a-z0-9-]+\.woff2)$/.exec(url);
  if (!match) return null;
  const face = FACES.find((f) => f.dir === match[1]);
  if (!face) return null;
  const key = `${match[1]}/${match[2]}`;
  if (!files.has(key)) {
    try {
      files.set(key, readFileSync(join(packageDir(face.pkg), 'files', match[2])));
    } catch {
      return null;
    }
  }
  return files.get(key) ?? null;
}
