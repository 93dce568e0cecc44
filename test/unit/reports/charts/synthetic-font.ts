/**
 * Font files that hold only what the chart font finder reads: the sfnt header, the table records
 * and a `name` table with English family names (Windows, UTF-16BE). `ttc` wraps several faces in a
 * collection, as Debian's NotoSansCJK-Regular.ttc does.
 */
export function sfnt(family: string, typographic?: string): Buffer {
  return faceAt(0, family, typographic);
}

export function ttc(faces: { family: string; typographic?: string }[]): Buffer {
  const header = Buffer.alloc(12 + 4 * faces.length);
  header.write("ttcf", 0, "latin1");
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(faces.length, 8);
  const parts: Buffer[] = [header];
  let offset = header.length;
  faces.forEach((face, index) => {
    header.writeUInt32BE(offset, 12 + 4 * index);
    const part = faceAt(offset, face.family, face.typographic);
    parts.push(part);
    offset += part.length;
  });
  return Buffer.concat(parts);
}

/** One face whose table offsets count from `start`, its place in the file. */
function faceAt(start: number, family: string, typographic?: string): Buffer {
  const names = [{ id: 1, text: family }, ...(typographic ? [{ id: 16, text: typographic }] : [])];
  const strings = names.map(({ text }) => {
    const bytes = Buffer.from(text, "utf16le");
    bytes.swap16();
    return bytes;
  });
  const name = Buffer.alloc(6 + 12 * names.length);
  name.writeUInt16BE(0, 0);
  name.writeUInt16BE(names.length, 2);
  name.writeUInt16BE(name.length, 4);
  let at = 0;
  names.forEach(({ id }, index) => {
    const record = 6 + 12 * index;
    name.writeUInt16BE(3, record); // Windows
    name.writeUInt16BE(1, record + 2); // Unicode BMP
    name.writeUInt16BE(0x409, record + 4); // English (United States)
    name.writeUInt16BE(id, record + 6);
    name.writeUInt16BE(strings[index]?.length ?? 0, record + 8);
    name.writeUInt16BE(at, record + 10);
    at += strings[index]?.length ?? 0;
  });
  const table = Buffer.concat([name, ...strings]);
  const directory = Buffer.alloc(12 + 16);
  directory.writeUInt32BE(0x4f54544f, 0); // "OTTO"
  directory.writeUInt16BE(1, 4);
  directory.write("name", 12, "latin1");
  directory.writeUInt32BE(start + directory.length, 20);
  directory.writeUInt32BE(table.length, 24);
  return Buffer.concat([directory, table]);
}
