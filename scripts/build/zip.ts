/**
 * A minimal ZIP writer (deflate, no dependencies). Entries get a fixed timestamp and fixed
 * permissions so the same files always give the same bytes: a reviewer's rebuild can be compared
 * with the uploaded package.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, with forward slashes. */
  name: string;
  data: Buffer;
}

/** 1980-01-01 00:00:00, the earliest time the format can hold, in DOS date/time fields. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
const UTF8_NAMES = 1 << 11;
const MADE_BY_UNIX = (3 << 8) | 20;
const NEEDED_VERSION = 20;
const FILE_MODE = 0o100644;

export function zip(entries: readonly ZipEntry[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    // Store tiny or incompressible files as they are: deflate would only add bytes.
    const stored = deflated.length >= entry.data.length;
    const body = stored ? entry.data : deflated;
    const fields = { method: stored ? 0 : 8, crc: crc32(entry.data), size: body.length, rawSize: entry.data.length };

    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(NEEDED_VERSION, 4);
    writeCommon(header, 6, fields);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name, body);

    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(MADE_BY_UNIX, 4);
    record.writeUInt16LE(NEEDED_VERSION, 6);
    writeCommon(record, 8, fields);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);

    offset += header.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

/** The fields local headers and central records share, from "general purpose flags" on. */
function writeCommon(buffer: Buffer, at: number, fields: { method: number; crc: number; size: number; rawSize: number }): void {
  buffer.writeUInt16LE(UTF8_NAMES, at);
  buffer.writeUInt16LE(fields.method, at + 2);
  buffer.writeUInt16LE(DOS_TIME, at + 4);
  buffer.writeUInt16LE(DOS_DATE, at + 6);
  buffer.writeUInt32LE(fields.crc >>> 0, at + 8);
  buffer.writeUInt32LE(fields.size, at + 12);
  buffer.writeUInt32LE(fields.rawSize, at + 16);
}
