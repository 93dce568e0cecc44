import { closeSync, openSync, readSync } from "node:fs";

/**
 * The family names of a font file (.ttf, .otf, or every face of a .ttc collection), as resvg
 * matches them: the typographic family (name ID 16) when present, else the family (ID 1), in
 * English. Reads only the headers and the `name` tables, not the whole file (a CJK collection is
 * 20 MB or more); a face without a readable English name is left out.
 */
export function fontFamilyNames(path: string): string[] {
  const fd = openSync(path, "r");
  try {
    const at = (offset: number, length: number): Buffer => {
      const buffer = Buffer.alloc(length);
      const read = readSync(fd, buffer, 0, length, offset);
      if (read < length) throw new Error(`${path}: not a font file (ends early at byte ${offset + read})`);
      return buffer;
    };
    const head = at(0, 12);
    const faces =
      head.toString("latin1", 0, 4) === "ttcf" ? readOffsets(at(12, 4 * head.readUInt32BE(8))) : [0];
    return faces.flatMap((face) => {
      const name = familyOfFace(at, face);
      return name === undefined ? [] : [name];
    });
  } finally {
    closeSync(fd);
  }
}

function readOffsets(table: Buffer): number[] {
  const offsets: number[] = [];
  for (let i = 0; i < table.length; i += 4) offsets.push(table.readUInt32BE(i));
  return offsets;
}

type ReadAt = (offset: number, length: number) => Buffer;

function familyOfFace(at: ReadAt, face: number): string | undefined {
  const tableCount = at(face + 4, 2).readUInt16BE(0);
  const records = at(face + 12, 16 * tableCount);
  for (let i = 0; i < tableCount; i++) {
    if (records.toString("latin1", 16 * i, 16 * i + 4) !== "name") continue;
    const offset = records.readUInt32BE(16 * i + 8);
    const length = records.readUInt32BE(16 * i + 12);
    return familyInNameTable(at(offset, length));
  }
  return undefined;
}

/** Windows/Unicode English (0x409) first, then Macintosh Roman English; ID 16 before ID 1. */
function familyInNameTable(table: Buffer): string | undefined {
  const count = table.readUInt16BE(2);
  const strings = table.readUInt16BE(4);
  const found = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const record = 6 + 12 * i;
    const platform = table.readUInt16BE(record);
    const language = table.readUInt16BE(record + 4);
    const nameId = table.readUInt16BE(record + 6);
    const length = table.readUInt16BE(record + 8);
    const start = strings + table.readUInt16BE(record + 10);
    if (nameId !== 1 && nameId !== 16) continue;
    const bytes = table.subarray(start, start + length);
    if (platform === 3 && language === 0x409) found.set(`win${nameId}`, utf16be(bytes));
    else if (platform === 1 && language === 0) found.set(`mac${nameId}`, bytes.toString("latin1"));
  }
  return found.get("win16") ?? found.get("win1") ?? found.get("mac16") ?? found.get("mac1");
}

function utf16be(bytes: Buffer): string {
  const swapped = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  swapped.swap16();
  return swapped.toString("utf16le");
}
