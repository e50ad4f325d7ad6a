/**
 * Checks a 一案一档 bundle offline: the manifest's own digest, every file's sha256 against the
 * manifest, and the hash chain of history.jsonl with the event store's own hash-chain code. Names
 * the first broken file or revision, in Chinese.
 */
import JSZip from 'jszip';
import type { RecordedEvent } from '@app/event-store';
import { verifyChain } from '@app/event-store/hash-chain';
import { type ArchiveManifest, manifestDigest, sha256OfBytes } from './case-archive.bundle';

export interface ArchiveVerification {
  intact: boolean;
  /** Every problem found, the first one first. */
  problems: string[];
  /** The first broken revision of history.jsonl, when the chain is broken. */
  brokenRevision?: string;
  /** The first file whose bytes do not match the manifest. */
  brokenFile?: string;
  events: number;
  chainHead: string;
}

function isManifest(value: unknown): value is ArchiveManifest {
  const m = value as ArchiveManifest;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.files === 'object' &&
    m.files !== null &&
    typeof m.manifestSha256 === 'string'
  );
}

function historyEvents(
  text: string,
  problems: string[],
): { events: RecordedEvent[]; brokenRevision?: string } {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const events: RecordedEvent[] = [];
  for (const [i, line] of lines.entries()) {
    let event: RecordedEvent;
    try {
      event = JSON.parse(line) as RecordedEvent;
    } catch {
      problems.push(`history.jsonl 第 ${i + 1} 行不是有效的 JSON（应为版本号 ${i} 的事件）`);
      return { events, brokenRevision: String(i) };
    }
    if (String(event.revision) !== String(i)) {
      problems.push(
        `history.jsonl 第 ${i + 1} 行是版本号 ${String(event.revision)} 的事件，应为版本号 ${i}：事件缺失或顺序被打乱`,
      );
      return { events, brokenRevision: String(i) };
    }
    events.push(event);
  }
  const chain = verifyChain(events);
  if (!chain.intact) {
    problems.push(
      `history.jsonl 哈希链自版本号 ${chain.brokenAt} 的事件起校验不通过：该事件或其前后记录被改动`,
    );
    return { events, brokenRevision: chain.brokenAt };
  }
  return { events };
}

export async function verifyArchive(bytes: Uint8Array): Promise<ArchiveVerification> {
  const problems: string[] = [];
  const result = (extra: Partial<ArchiveVerification> = {}): ArchiveVerification => ({
    intact: problems.length === 0,
    problems,
    events: 0,
    chainHead: '',
    ...extra,
  });
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch {
    problems.push('不是完整有效的 zip 文件：无法读取其目录，或其中文件的校验和（CRC32）不符');
    return result();
  }
  const manifestFile = zip.file('manifest.json');
  if (!manifestFile) {
    problems.push('缺少 manifest.json');
    return result({ brokenFile: 'manifest.json' });
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(await manifestFile.async('string'));
  } catch {
    problems.push('manifest.json 不是有效的 JSON');
    return result({ brokenFile: 'manifest.json' });
  }
  if (!isManifest(manifest)) {
    problems.push('manifest.json 缺少文件清单或清单摘要');
    return result({ brokenFile: 'manifest.json' });
  }
  let brokenFile: string | undefined;
  const { manifestSha256, ...unsealed } = manifest;
  if (manifestDigest(unsealed) !== manifestSha256) {
    problems.push('manifest.json 的内容与其摘要（manifestSha256）不符：清单被改动');
    brokenFile = 'manifest.json';
  }
  for (const [name, expected] of Object.entries(manifest.files)) {
    const file = zip.file(name);
    if (!file) {
      problems.push(`缺少清单所列文件 ${name}`);
      brokenFile ??= name;
      continue;
    }
    const actual = sha256OfBytes(await file.async('uint8array'));
    if (actual !== expected.sha256) {
      problems.push(`文件 ${name} 的 sha256 与清单不符（清单 ${expected.sha256}，实际 ${actual}）`);
      brokenFile ??= name;
    }
  }
  for (const name of Object.keys(zip.files))
    if (!zip.files[name].dir && name !== 'manifest.json' && !(name in manifest.files)) {
      problems.push(`包内有清单未列的文件 ${name}`);
      brokenFile ??= name;
    }
  const history = zip.file('history.jsonl');
  const { events, brokenRevision } = history
    ? historyEvents(await history.async('string'), problems)
    : { events: [] as RecordedEvent[], brokenRevision: undefined };
  const chainHead = events.length ? events[events.length - 1].metadata.hash : '';
  if (brokenRevision === undefined) {
    if (events.length !== manifest.events)
      problems.push(`history.jsonl 有 ${events.length} 条事件，清单记载 ${manifest.events} 条`);
    else if (chainHead !== manifest.chainHead)
      problems.push(`链头哈希 ${chainHead} 与清单记载的 ${manifest.chainHead} 不符`);
  }
  return result({ brokenFile, brokenRevision, events: events.length, chainHead });
}
