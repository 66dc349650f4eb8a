/** Byte-level snapshot of a folder tree: proves a failed command changed no file. */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import * as path from 'node:path';

export function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const p = path.join(dir, name);
      const st = lstatSync(p);
      const rel = path.relative(root, p);
      if (st.isSymbolicLink()) out.set(rel, `link:${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.set(rel, `dir:${(st.mode & 0o777).toString(8)}`);
        walk(p);
      } else {
        let digest = 'unreadable';
        try {
          digest = createHash('sha256').update(readFileSync(p)).digest('hex');
        } catch {
          // keep 'unreadable'
        }
        out.set(rel, `file:${(st.mode & 0o777).toString(8)}:${digest}`);
      }
    }
  };
  walk(root);
  return out;
}

/** Every file under root whose bytes contain needle. */
export function filesContaining(root: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && readFileSync(p).includes(needle)) hits.push(p);
    }
  };
  walk(root);
  return hits;
}
