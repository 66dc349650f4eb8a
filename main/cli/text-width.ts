/**
 * Terminal columns for mixed English and Japanese text: East Asian wide characters take two
 * columns, and Japanese, which has no spaces, may break between any two characters (but not
 * before closing punctuation or after an opening bracket). Used by --help and the status table.
 */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

// Japanese line-breaking rules (kinsoku): these never start a line, and opening brackets never end one.
const NO_LINE_START = '、。，．）」』〕】・：；！？ァィゥェォッャュョヮヵヶーぁぃぅぇぉっゃゅょゎ';
const NO_LINE_END = '（「『〔【';
// A chunk: leading spaces, opening brackets, then a word of narrow characters or one wide
// character, then the closing punctuation that must stay on its line.
const CHUNK = new RegExp(`\\s*[${NO_LINE_END}]*(?:[^\\s${WIDE.source.slice(1, -1)}]+|${WIDE.source})[${NO_LINE_START}]*`, 'gu');

/** Wraps each line of `text` to `width` columns (a chunk wider than the line stays whole). */
export function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const chunks = line.match(CHUNK);
      if (!chunks) return line;
      const out: string[] = [];
      let cur = chunks[0];
      for (const chunk of chunks.slice(1)) {
        if (displayWidth(cur) + displayWidth(chunk) <= width) cur += chunk;
        else {
          out.push(cur);
          cur = chunk.trimStart();
        }
      }
      out.push(cur);
      return out.join('\n');
    })
    .join('\n');
}
