/**
 * 一案一档: one zip per case that proves itself offline. manifest.json names the case, the event
 * count, the chain head hash and the sha256 of every other file; history.jsonl holds the events
 * exactly as GET /cases/:id/history gives them, one per line, in revision order.
 */
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import type { RecordedEvent } from '@app/event-store';
import { canonicalJson, sha256Hex } from '@app/event-store/hash-chain';

export const ARCHIVE_FILES = ['history.jsonl', 'record.pdf', 'record.html'] as const;

export interface ArchiveManifest {
  caseId: string;
  post: string;
  events: number;
  chainHead: string;
  chainIntact: boolean;
  files: Record<string, { sha256: string; bytes: number }>;
  generatedBy: { id: string; name: string; role: string; orgUnit: string };
  generatedAt: string;
  /** sha256 of the canonical JSON of this manifest without this field: any edited value shows. */
  manifestSha256: string;
}

export function manifestDigest(manifest: Omit<ArchiveManifest, 'manifestSha256'>): string {
  return sha256Hex(canonicalJson(manifest));
}

/** One line of history.jsonl: an event as GET /cases/:id/history lists it. */
export function historyLine(event: RecordedEvent): string {
  const { type, revision, globalPosition, data, metadata } = event;
  return JSON.stringify({ type, revision, globalPosition, data, metadata });
}

export function sha256OfBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function buildArchive(input: {
  caseId: string;
  post: string;
  events: readonly RecordedEvent[];
  chainIntact: boolean;
  html: string;
  pdf: Buffer;
  generatedBy: ArchiveManifest['generatedBy'];
  generatedAt: string;
}): Promise<Buffer> {
  const files: Record<(typeof ARCHIVE_FILES)[number], Buffer> = {
    'history.jsonl': Buffer.from(input.events.map((e) => `${historyLine(e)}\n`).join(''), 'utf8'),
    'record.pdf': input.pdf,
    'record.html': Buffer.from(input.html, 'utf8'),
  };
  const last = input.events[input.events.length - 1];
  const unsealed: Omit<ArchiveManifest, 'manifestSha256'> = {
    caseId: input.caseId,
    post: input.post,
    events: input.events.length,
    chainHead: last?.metadata.hash ?? '',
    chainIntact: input.chainIntact,
    files: Object.fromEntries(
      ARCHIVE_FILES.map((name) => [name, { sha256: sha256OfBytes(files[name]), bytes: files[name].length }]),
    ),
    generatedBy: input.generatedBy,
    generatedAt: input.generatedAt,
  };
  const manifest: ArchiveManifest = { ...unsealed, manifestSha256: manifestDigest(unsealed) };
  const zip = new JSZip();
  const date = new Date(input.generatedAt);
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const name of ARCHIVE_FILES) zip.file(name, files[name], { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
