/**
 * Builds the synthetic .docx assignment-table fixture (tests/fixtures/synthetic/kh-phu-luc-bang.docx) from
 * table-docx.json with the docx package: paragraphs, a real Word table, closing lines. The test builds it
 * afresh into a temp folder; `node --import tsx tests/support/synthetic-docx.ts` rewrites the committed copy
 * that eval:extract scores.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

const SPEC = fileURLToPath(new URL('../fixtures/synthetic/table-docx.json', import.meta.url));

interface Spec {
  paragraphs: string[];
  table: string[][];
  closing: string[];
}

const para = (text: string, bold = false) => new Paragraph({ children: [new TextRun({ text, bold })] });

export async function buildTableDocx(): Promise<Buffer> {
  const spec = JSON.parse(readFileSync(SPEC, 'utf8')) as Spec;
  const [head, ...rows] = spec.table;
  const row = (cells: string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      children: cells.map(
        (c) => new TableCell({ children: c.split('; ').map((part) => para(part, header)) }),
      ),
    });
  const doc = new Document({
    sections: [
      {
        children: [
          ...spec.paragraphs.map((p) => para(p)),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [row(head!, true), ...rows.map((r) => row(r, false))],
          }),
          ...spec.closing.map((p) => para(p)),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(
    fileURLToPath(new URL('../fixtures/synthetic/kh-phu-luc-bang.docx', import.meta.url)),
    await buildTableDocx(),
  );
}
