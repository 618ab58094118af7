/**
 * Legacy Vietnamese encodings: the project's own TCVN3 / VNI / Windows-1258 codecs checked against the
 * published tables, round-tripped over the development documents, and development documents re-encoded
 * with them extract exactly like the Unicode originals after the readers convert them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultContext } from '../ingest/extract/context.js';
import { extractLoaded } from '../ingest/pipeline.js';
import { readBuffer } from '../ingest/readers/index.js';
import { bytesAsChars } from '../ingest/text/legacy/bytes.js';
import { decodeTcvn3, encodeTcvn3, TCVN3_TABLE, tcvn3AsChars } from '../ingest/text/legacy/tcvn3.js';
import { decodeVni, encodeVni, vniAsChars } from '../ingest/text/legacy/vni.js';
import { decodeWindows1258, encodeWindows1258 } from '../ingest/text/legacy/windows1258.js';
import { normalizeText } from '../ingest/text/normalize.js';
import { extractionSummary, readFailureOf } from './support/read-helpers.js';
import { CORPUS } from './eval/ocr-eval.js';

let docs: { name: string; text: string }[];

beforeAll(async () => {
  const names = (await readdir(CORPUS)).filter((f) => f.endsWith('.txt')).sort();
  // Superscript digits (footnote marks) have no code in TCVN3 or VNI; everything else does.
  docs = await Promise.all(
    names.map(async (name) => ({
      name,
      text: normalizeText(await readFile(join(CORPUS, name), 'utf8')).replace(/[¹²³]/g, ''),
    })),
  );
});

const LOWER_VIETNAMESE = [...'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ'];

describe('code tables', () => {
  it('TCVN3 (VN3): every lower-case Vietnamese letter and the seven capitals, each once', () => {
    const letters = Object.values(TCVN3_TABLE);
    expect(new Set(letters).size).toBe(letters.length);
    expect(letters.filter((l) => l === l.toLowerCase()).sort()).toEqual([...LOWER_VIETNAMESE].sort());
    expect(letters.filter((l) => l !== l.toLowerCase()).sort()).toEqual([...'ĂÂÊÔƠƯĐ'].sort());
    // Published examples, as Windows shows .VnTime text in a Unicode font.
    expect(tcvn3AsChars('Bảo Thắng, tỉnh')).toBe('B¶o Th¾ng, tØnh');
    expect(tcvn3AsChars('Mường Khương')).toBe('M\u00adêng Kh\u00ad¬ng');
    expect(decodeTcvn3('UBND TØNH L¹NG S¥N')).toBe('UBND TỈNH LẠNG SƠN');
  });

  it('VNI Windows: base letter + mark byte, one-byte ơ ư đ and i letters, both cases', () => {
    expect(vniAsChars('Xin chào các bạn')).toBe('Xin chaøo caùc baïn');
    expect(vniAsChars('Đường Ương ĩ ỵ')).toBe('Ñöôøng Öông ó î');
    for (const letter of LOWER_VIETNAMESE) {
      expect(decodeVni(vniAsChars(letter))).toBe(letter);
      expect(decodeVni(vniAsChars(letter.toUpperCase()))).toBe(letter.toUpperCase());
    }
  });

  it('Windows-1258: precomposed where the code page has the letter, base + combining tone otherwise', () => {
    expect([...encodeWindows1258('ă đ ơ ư á ạ')]).toEqual([
      0xe3, 0x20, 0xf0, 0x20, 0xf5, 0x20, 0xfd, 0x20, 0xe1, 0x20, 0x61, 0xf2,
    ]);
    for (const letter of [...LOWER_VIETNAMESE, ...LOWER_VIETNAMESE.map((l) => l.toUpperCase())])
      expect(decodeWindows1258(encodeWindows1258(letter))).toBe(letter);
    // The platform's decoder agrees with our table.
    const sample = encodeWindows1258(docs[0]!.text);
    expect(new TextDecoder('windows-1258').decode(sample).normalize('NFC')).toBe(docs[0]!.text);
  });
});

describe('round trips over the development documents', () => {
  it('VNI and Windows-1258 are exact; TCVN3 up to the case of toned capitals VN3 cannot store', () => {
    for (const { text } of docs) {
      expect(decodeVni(bytesAsChars(encodeVni(text)))).toBe(text);
      expect(decodeWindows1258(encodeWindows1258(text))).toBe(text);
      expect(normalizeText(decodeTcvn3(bytesAsChars(encodeTcvn3(text)))).toLowerCase()).toBe(
        text.toLowerCase(),
      );
    }
  });
});

describe('re-encoded documents extract like the originals', () => {
  const encoders = { tcvn3: encodeTcvn3, vni: encodeVni, 'windows-1258': encodeWindows1258 } as const;

  it('plain text in TCVN3, VNI and Windows-1258 is detected, converted and extracts identically', async () => {
    const context = defaultContext();
    for (const { name, text } of docs) {
      const original = extractionSummary(
        extractLoaded({ source: name, format: 'txt', text, bytes: 0 }, context).document,
      );
      for (const [encoding, encode] of Object.entries(encoders)) {
        const loaded = await readBuffer(`${encoding}-${name}`, encode(text));
        expect(loaded.conversion?.encoding?.from, `${encoding} ${name}`).toBe(encoding);
        expect(loaded.conversion?.encoding?.detectedBy).toBe('byte patterns');
        const converted = extractLoaded(loaded, context).document;
        expect(extractionSummary(converted), `${encoding} ${name}`).toEqual(original);
        expect(converted.conversion?.encoding?.from).toBe(encoding);
      }
    }
  });

  it('HTML with .VnTime fonts and a .docx typed in VNI-Times are converted, saying so in the conversion record', async () => {
    const { text } = docs[0]!;
    const paragraphs = text.split(/\n\s*\n/).slice(0, 30);
    const html = `<html><head><meta charset="utf-8"></head><body>${paragraphs
      .map(
        (p) =>
          `<p><font face=".VnTime">${tcvn3AsChars(p).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</font></p>`,
      )
      .join('\n')}</body></html>`;
    const fromHtml = await readBuffer('cu.html', new TextEncoder().encode(html));
    expect(fromHtml.conversion?.encoding).toEqual({
      from: 'tcvn3',
      detectedBy: 'font ".VnTime" and character patterns',
    });
    expect(fromHtml.text).toContain('Thời gian qua, các lực lượng chức năng trên địa bàn tỉnh');

    const docx = new Document({
      sections: [
        {
          children: paragraphs.map(
            (p) => new Paragraph({ children: [new TextRun({ text: vniAsChars(p), font: 'VNI-Times' })] }),
          ),
        },
      ],
    });
    const fromDocx = await readBuffer('cu.docx', new Uint8Array(await Packer.toBuffer(docx)));
    expect(fromDocx.conversion?.encoding?.from).toBe('vni');
    expect(fromDocx.text).toContain('Thời gian qua, các lực lượng chức năng trên địa bàn tỉnh');
  });

  it('text that no decoder makes Vietnamese is refused with the reason, not stored as garbage', async () => {
    // Bytes of a text in an encoding we do not read (here: every letter shifted into 0xC0–0xFF).
    const junk = Uint8Array.from(
      [...docs[0]!.text.slice(0, 3000)].map((c) =>
        /[a-z]/.test(c) ? 0xc0 + (c.charCodeAt(0) % 64) : c.charCodeAt(0) & 0x7f,
      ),
    );
    const refused = await readFailureOf(readBuffer('la.txt', junk));
    expect(refused.code).toBe('encoding');
    expect(refused.message).toMatch(
      /^la\.txt: not valid UTF-8 at byte \d+ .*; nor is it TCVN3, VNI or Windows-1258 Vietnamese text$/,
    );
    // The same as UTF-8 characters (a program already read it as Windows-1252).
    const asChars = new TextEncoder().encode(bytesAsChars(junk));
    const garbage = await readFailureOf(readBuffer('la2.txt', asChars));
    expect(garbage.message).toMatch(
      /^la2\.txt: the text is in a legacy encoding that cannot be decoded \(only \d+% of its words are Vietnamese syllables/,
    );
  });
});
