import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { listZip, readZip, ZipRefusedError, type ZipEntry } from '../common/safe-zip.js';

// An uploaded bundle becomes what the CLI imports: a folder of CSV files, or an .xlsx file, in a private
// temporary folder, so the HTTP import and `npm run cli -- import` run the same reader and checks and
// name the same problems. A .zip holds the bundle's files at its root or inside one top folder (what
// "compress the folder" makes); macOS's __MACOSX/ side files are not part of the folder and are skipped.

export type UploadKind = 'zip' | 'xlsx';

/** A file name for the temporary copy: the upload's base name, without anything a path could do. */
function safeBaseName(name: string, fallback: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f/]/g, '').trim();
  return base && base !== '.' && base !== '..' ? base : fallback;
}

/**
 * What the upload is, checked before a job starts: the central directory of either kind is read and its
 * bounds applied (ZipRefusedError: 413/400), nothing inflated yet. An .xlsx is a zip with xl/workbook.xml.
 */
export function inspectUpload(bytes: Buffer, fileName: string): { kind: UploadKind; entries: ZipEntry[] } {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw new ZipRefusedError('corrupt', `${fileName} is neither a .zip of a bundle folder nor an .xlsx workbook`, `${fileName} 既不是台账包文件夹的 .zip 压缩文件，也不是 .xlsx 工作簿`);
  }
  const entries = listZip(bytes);
  const xlsx = entries.some((e) => e.name === 'xl/workbook.xml') || /\.xlsx$/i.test(fileName);
  return { kind: xlsx ? 'xlsx' : 'zip', entries };
}

/** The path handed to importBundle, and how to remove it. */
export interface Unpacked {
  bundlePath: string;
  cleanup(): Promise<void>;
}

export async function unpackUpload(bytes: Buffer, fileName: string, kind: UploadKind): Promise<Unpacked> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hw-upload-'));
  const cleanup = () => fs.rm(dir, { recursive: true, force: true });
  try {
    if (kind === 'xlsx') {
      const name = safeBaseName(fileName, 'bundle.xlsx');
      const file = path.join(dir, /\.xlsx$/i.test(name) ? name : `${name}.xlsx`);
      await fs.writeFile(file, bytes);
      return { bundlePath: file, cleanup };
    }
    const root = path.join(dir, 'bundle');
    await fs.mkdir(root);
    // every entry inflated within the bounds (a lying header stops at its declared size)
    const files = readZip(bytes).filter(({ entry }) => !entry.name.startsWith('__MACOSX/') && path.posix.basename(entry.name) !== '.DS_Store');
    const names = files.map((f) => f.entry.name);
    const top = names.length && names.every((n) => n.includes('/')) ? names[0].split('/')[0] : undefined;
    const strip = top !== undefined && names.every((n) => n.startsWith(`${top}/`)) ? top.length + 1 : 0;
    for (const { entry, data } of files) {
      const target = path.resolve(root, entry.name.slice(strip));
      // safe-zip refused absolute names and .., so this holds; checked again where the file is written
      if (!target.startsWith(root + path.sep)) throw new ZipRefusedError('unsafe-name', `entry "${entry.name}" lands outside the bundle folder`, `条目“${entry.name}”的路径不安全`);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, data);
    }
    return { bundlePath: root, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
