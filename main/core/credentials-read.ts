/**
 * Reading the AWS shared credentials file: strict, and refusing anything that is not a plausible
 * text file. Kept apart from the writer (credentials-file.ts) so a command that only reads, such as
 * credential-process on a valid session, loads nothing for locking or writing.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UserError, type Sentence } from './errors';
import { type IniModel, scanIni } from './ini-scan';

/** Larger than any real credentials file (10,000 profiles is about 2 MB). */
export const MAX_CREDENTIALS_BYTES = 10 * 1024 * 1024;

export type Sections = Map<string, Record<string, string>>;

export function toSections(model: IniModel): Sections {
  return model.byName;
}

/** Strict parse: section name -> settings as the AWS SDK reads them. Throws UserError CredentialsFileUnusable. */
export function parseCredentialsText(text: string, filePath: string): Sections {
  return toSections(scanIni(text, filePath, { collectKeys: false }));
}

export function unusable(message: Sentence): UserError {
  return new UserError(message, 'CredentialsFileUnusable');
}

/** One sentence for a file-system error on the credentials file (never includes file contents). */
export function fsError(e: unknown, filePath: string): UserError {
  if (e instanceof UserError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return unusable({ en: `You do not have permission to read or write ${filePath}; make it yours and readable (chmod 600), then try again.`, ja: `${filePath} を読み書きする権限がありません。自分の所有にして読めるようにして（chmod 600）、やり直してください。` });
    case 'ELOOP':
      return unusable({ en: `${filePath} is a symbolic link that loops back on itself; point it at a real file or remove it.`, ja: `${filePath} は自分自身を指すシンボリックリンクです。実在のファイルを指すようにするか、削除してください。` });
    case 'ENOTDIR':
      return unusable({ en: `Part of the path ${filePath} is a file where a folder should be; fix the path or AWS_SHARED_CREDENTIALS_FILE.`, ja: `パス ${filePath} の途中にフォルダーではなくファイルがあります。パスか AWS_SHARED_CREDENTIALS_FILE を直してください。` });
    case 'EISDIR':
      return unusable({ en: `${filePath} is a folder, not a file; move it out of the way or point AWS_SHARED_CREDENTIALS_FILE at a file.`, ja: `${filePath} はファイルではなくフォルダーです。移動するか、AWS_SHARED_CREDENTIALS_FILE でファイルを指定してください。` });
    case 'ENOSPC':
    case 'EDQUOT':
      return unusable({ en: `The disk holding ${filePath} is full; free some space, then try again (the file was not changed).`, ja: `${filePath} のあるディスクがいっぱいです。空きを作ってからやり直してください（ファイルは変更していません）。` });
    case 'EROFS':
      return unusable({ en: `${filePath} is on a read-only file system; point AWS_SHARED_CREDENTIALS_FILE at a writable place.`, ja: `${filePath} は読み取り専用のファイルシステムにあります。AWS_SHARED_CREDENTIALS_FILE で書き込める場所を指定してください。` });
    default:
      return unusable({ en: `Cannot use ${filePath} (${code ?? 'unknown error'}); check the file and its folder, then try again.`, ja: `${filePath} を使えません（${code ?? '不明なエラー'}）。ファイルとフォルダーを確認してからやり直してください。` });
  }
}

/**
 * Reads the file as UTF-8 text, or null if it does not exist; refuses anything that is not a
 * plausible text file. Synchronous: open, fstat, read and close of a local file take microseconds
 * each, and a trip through libuv's thread pool for each costs more than the read (0.15 ms against
 * 5 µs for a small file, measured here); the file is at most 10 MB.
 */
export function readText(filePath: string, displayPath: string): string | null {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading must not hang; it is refused below as not a file.
    // Windows has no such flag (fs.constants lacks it there) and no FIFOs to open this way.
    fd = openSync(filePath, constants.O_NONBLOCK === undefined ? 'r' : constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fsError(e, displayPath);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw fsError(Object.assign(new Error('folder'), { code: 'EISDIR' }), displayPath);
    if (!st.isFile()) throw unusable({ en: `${displayPath} is not a regular file; replace it with a plain text file.`, ja: `${displayPath} は通常のファイルではありません。テキストファイルに置き換えてください。` });
    // A function: an Error built on every read would cost its stack trace on every login.
    const tooBig = (): UserError => unusable({ en: `${displayPath} is larger than 10 MB, far too big for an AWS credentials file; check what it holds and shrink it.`, ja: `${displayPath} は 10 MB を超えており、AWS の認証情報ファイルとしては大きすぎます。中身を確認して小さくしてください。` });
    if (st.size > MAX_CREDENTIALS_BYTES) throw tooBig();
    // Read to the end rather than trusting fstat's size (the file may change meanwhile), but never past the limit.
    const chunks: Buffer[] = [];
    let len = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(st.size - len, 0) + 65536); // only the bytes read are used
      const bytesRead = readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      len += bytesRead;
      if (len > MAX_CREDENTIALS_BYTES) throw tooBig();
    }
    return decodeStrict(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, len), displayPath);
  } catch (e) {
    throw fsError(e, displayPath);
  } finally {
    closeSync(fd);
  }
}

/**
 * Strict UTF-8 decoding. isAscii/isUtf8 (simdutf) accept exactly the well-formed UTF-8 that a fatal
 * TextDecoder accepts (no overlong forms, surrogates or code points past U+10FFFF) and are several
 * times faster on a large file; ASCII (nearly every credentials file) is then copied as Latin-1,
 * which for ASCII bytes is the same text. A byte-order mark stays in the text, where the strict
 * scan refuses it (the AWS CLI does too). test/reliability/scan-equivalence.test.ts checks this against
 * TextDecoder on malformed and random bytes.
 */
export function decodeStrict(bytes: Buffer, displayPath: string): string {
  if (bytes.includes(0)) throw unusable({ en: `${displayPath} contains binary data (NUL bytes), not text; restore it from a backup or fix it by hand.`, ja: `${displayPath} はテキストではなくバイナリデータ（NUL バイト）を含んでいます。バックアップから戻すか、手で直してください。` });
  if (isAscii(bytes)) return bytes.toString('latin1');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  throw unusable({ en: `${displayPath} is not UTF-8 text; restore it from a backup or save it as UTF-8.`, ja: `${displayPath} は UTF-8 のテキストではありません。バックアップから戻すか、UTF-8 で保存し直してください。` });
}

/** What a read gives: the text, its sections, and the scan they came from (see updateIniFile's `seen`). */
export interface CredentialsRead {
  text: string;
  sections: Sections;
  model: IniModel;
}

/**
 * Read + strict parse. Returns null if the file does not exist. Throws UserError CredentialsFileUnusable.
 * `opts.sections`: the whole file is checked, but only these sections' settings are returned (a
 * login needs two of possibly thousands; see scanIni's valuesOf).
 */
export function readCredentialsFile(filePath: string, opts: { sections?: readonly string[] } = {}): Promise<CredentialsRead | null> {
  // A promise, as callers run it beside other reads and catch its refusal; the read itself is synchronous (readText).
  return new Promise((resolve) => {
    const text = readText(filePath, filePath);
    if (text === null) return resolve(null);
    const model = scanIni(text, filePath, { collectKeys: false, ...(opts.sections ? { valuesOf: new Set(opts.sections) } : {}) });
    resolve({ text, sections: toSections(model), model });
  });
}
