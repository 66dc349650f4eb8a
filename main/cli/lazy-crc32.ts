/**
 * In the CLI's dist/aws.js, the SDK's `Crc32Node` (@smithy/core's checksum module) is this class
 * instead (scripts/build.mjs). The SDK's module loads node:zlib when the bundle loads, for request
 * checksums that STS and IAM never ask for, and loading node:zlib was 2–5 ms of every cold login
 * (docs/performance.md). This is the same class (zlib's CRC-32, else the SDK's JS one), with
 * node:zlib loaded at the first checksum instead.
 */
import { Crc32Js } from '@smithy/core/checksum';

interface Checksum {
  digestLength: number;
  update(data: Uint8Array): void;
  digestSync(): number;
  digest(): Promise<Uint8Array>;
  reset(): void;
}

type Crc32Function = (data: Uint8Array, value?: number) => number;
let zlibCrc32: Crc32Function | null | undefined;

function native(): Crc32Function | null {
  if (zlibCrc32 === undefined) {
    const { crc32 } = process.getBuiltinModule('node:zlib') as { crc32?: Crc32Function };
    zlibCrc32 = typeof crc32 === 'function' ? crc32 : null;
  }
  return zlibCrc32;
}

export class Crc32Node implements Checksum {
  readonly digestLength = 4;
  private readonly crc32 = native();
  private readonly js: Checksum | null = this.crc32 ? null : new Crc32Js();
  private value = 0;

  update(data: Uint8Array): void {
    if (this.js) this.js.update(data);
    else this.value = this.crc32!(data, this.value);
  }
  digestSync(): number {
    return this.js ? this.js.digestSync() : this.value >>> 0;
  }
  async digest(): Promise<Uint8Array> {
    if (this.js) return this.js.digest();
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, this.digestSync(), false);
    return out;
  }
  reset(): void {
    if (this.js) this.js.reset();
    this.value = 0;
  }
}
