/** `nativeImage`: PNG representations by scale factor (sizes read from the PNG), template flag, the file an .ico came from. */
import * as fs from 'node:fs';
import type { NativeImage, nativeImage } from 'electron';

type ImageRep = { scaleFactor: number; width: number; height: number; bytes: number };

/** PNG width/height from the IHDR chunk. */
function pngSize(buffer: Buffer): { width: number; height: number } {
  if (buffer.length < 24 || buffer.readUInt32BE(12) !== 0x49484452) throw new Error('fake electron: not a PNG');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

export class FakeNativeImage implements Pick<NativeImage, 'isEmpty' | 'setTemplateImage' | 'isTemplateImage' | 'getScaleFactors'> {
  readonly representations: ImageRep[] = [];
  template = false;
  /** createFromPath: the file the image was read from (on Windows an .ico keeps every size). */
  file: string | null = null;

  static fromPath(p: string): FakeNativeImage {
    const i = new FakeNativeImage();
    i.file = p;
    const buffer = fs.readFileSync(p);
    if (p.endsWith('.png')) i.addRepresentation({ scaleFactor: 1, buffer });
    return i;
  }

  addRepresentation(r: { scaleFactor: number; buffer?: Buffer; width?: number; height?: number }): void {
    if (!r.buffer) throw new Error('fake electron: only buffer representations are modelled');
    const size = pngSize(r.buffer);
    this.representations.push({ scaleFactor: r.scaleFactor, ...size, bytes: r.buffer.length });
  }
  setTemplateImage(on: boolean): void {
    this.template = on;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
  getScaleFactors(): number[] {
    return this.representations.map((r) => r.scaleFactor);
  }
  isEmpty(): boolean {
    return this.representations.length === 0 && this.file === null;
  }
  describe() {
    return { image: this.representations, template: this.template, file: this.file };
  }
}

export function createNativeImage() {
  return {
    createEmpty: () => new FakeNativeImage(),
    createFromPath: (p: string) => FakeNativeImage.fromPath(p),
    createFromBuffer: (buffer: Buffer, options?: { scaleFactor?: number }) => {
      const i = new FakeNativeImage();
      i.addRepresentation({ scaleFactor: options?.scaleFactor ?? 1, buffer });
      return i;
    },
  } satisfies Partial<Record<keyof typeof nativeImage, unknown>>;
}
