/**
 * Builds real input files for the reader tests at test time: one short Vietnamese administrative text
 * (our own wording, not corpus text) written as .txt/.md, .html (UTF-8 and windows-1258), .docx (docx
 * package) and .pdf (pdfkit with the DejaVu TTF from the dejavu-fonts-ttf dev dependency, since pdfkit's
 * built-in fonts have no Vietnamese glyphs), plus the damaged inputs the readers must refuse.
 */
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { encodeWindows1258 } from '../../ingest/text/legacy/windows1258.js';

interface Run {
  text: string;
  bold?: boolean;
  /** A footnote reference mark with this number instead of text. */
  footnote?: number;
}
type Line = Run[];
type Block =
  | { kind: 'layout'; cells: Line[][] }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; lines: Line[]; newPage?: boolean }
  | { kind: 'table'; rows: string[][] };

// "hoá" in decomposed form and with the old tone placement: every reader must return NFC "hóa".
const HOA = 'hoá'.normalize('NFD');

const blocks: Block[] = [
  {
    kind: 'layout',
    cells: [
      [
        [{ text: 'ỦY BAN NHÂN DÂN', bold: true }],
        [{ text: 'TỈNH CAO BẰNG', bold: true }],
        [{ text: 'Số: 12/KH-UBND' }],
      ],
      [
        [{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }],
        [{ text: 'Độc lập - Tự do - Hạnh phúc', bold: true }],
        [{ text: 'Cao Bằng, ngày 05 tháng 3 năm 2026' }],
      ],
    ],
  },
  { kind: 'heading', text: 'KẾ HOẠCH' },
  { kind: 'paragraph', lines: [[{ text: `Phòng, chống tội phạm về ${HOA} chất năm 2026`, bold: true }]] },
  {
    kind: 'paragraph',
    lines: [
      [
        { text: 'Căn cứ Kế hoạch số 89/KH-BCA ngày 10/01/2026 của Bộ Công an' },
        { text: '', footnote: 1 },
        {
          text: `, Ủy ban nhân dân tỉnh ban hành Kế hoạch phòng, chống tội phạm về ${HOA} chất trên địa bàn tỉnh như sau:`,
        },
      ],
    ],
  },
  {
    kind: 'paragraph',
    lines: [
      [
        { text: '1. Sở Công Thương:', bold: true },
        {
          text: ` chủ trì kiểm tra các cơ sở kinh doanh ${HOA} chất, tiền chất; hoàn thành trước ngày 30/6/2026.`,
        },
      ],
    ],
  },
  {
    kind: 'paragraph',
    lines: [
      [
        { text: '2. Công an tỉnh:', bold: true },
        {
          text: ' chủ trì, phối hợp với các sở, ngành liên quan đấu tranh, xử lý nghiêm các hành vi vi phạm; báo cáo kết quả trước ngày 15/12/2026.',
        },
      ],
    ],
  },
  {
    kind: 'table',
    rows: [
      ['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Thời hạn'],
      ['1', 'Tuyên truyền pháp luật', 'Công an tỉnh', 'Quý II/2026'],
      ['2', `Kiểm tra cơ sở ${HOA} chất`, 'Sở Công Thương', 'Quý III/2026'],
    ],
  },
  {
    kind: 'paragraph',
    newPage: true,
    lines: [[{ text: 'Nơi nhận:', bold: true }], [{ text: '- Bộ Công an;' }], [{ text: '- Lưu: VT, NC.' }]],
  },
];

const footnotes: Record<number, string> = { 1: 'Kế hoạch số 89/KH-BCA về phòng, chống tội phạm năm 2026.' };

// ---------------------------------------------------------------- markdown (.txt / .md, and the expected text)

function markdownLine(line: Line): string {
  return line
    .map((r) => (r.footnote ? `<sup>${r.footnote}</sup>` : r.bold ? `**${r.text}**` : r.text))
    .join('');
}

/**
 * The sample as the markdown-ish text the readers produce for formats that keep structure (.txt, .md,
 * .html, .docx); compare after normalizeText.
 */
export function sampleMarkdown(): string {
  const parts = blocks.map((block) => {
    switch (block.kind) {
      case 'layout':
        return block.cells.map((cell) => cell.map(markdownLine).join('\n')).join('\n\n');
      case 'heading':
        return `# ${block.text}`;
      case 'paragraph':
        return block.lines.map(markdownLine).join('\n');
      case 'table':
        return block.rows.map((row) => row.join(' | ')).join('\n');
    }
  });
  const notes = Object.entries(footnotes).map(([n, text]) => `<sup>${n}</sup> ${text}`);
  return [...parts, ...notes].join('\n\n');
}

// ---------------------------------------------------------------- HTML

function escapeHtml(text: string): string {
  // Legal portals write the space after "Số:" as &nbsp;; keep one entity in play.
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/: /g, ':&nbsp;');
}

function htmlLine(line: Line): string {
  return line
    .map((r) =>
      r.footnote ? `<sup>${r.footnote}</sup>` : r.bold ? `<b>${escapeHtml(r.text)}</b>` : escapeHtml(r.text),
    )
    .join('');
}

/** A page as saved from a legal portal: site navigation, scripts, a layout table for the header. */
export function sampleHtml(charset = 'utf-8'): string {
  const body = blocks.map((block) => {
    switch (block.kind) {
      case 'layout':
        return `<table class="header" style="width:100%"><tr>${block.cells
          .map((cell) => `<td style="text-align:center">${cell.map(htmlLine).join('<br>\n')}</td>`)
          .join('')}</tr></table>`;
      case 'heading':
        return `<h1 style="text-align:center">${escapeHtml(block.text)}</h1>`;
      case 'paragraph':
        return `<p>${block.lines.map(htmlLine).join('<br/>')}</p>`;
      case 'table': {
        const [head = [], ...rows] = block.rows;
        const cells = (row: string[], tag: string) =>
          row.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('');
        return `<table border="1"><thead><tr>${cells(head, 'th')}</tr></thead><tbody>${rows
          .map((row) => `<tr>${cells(row, 'td')}</tr>`)
          .join('\n')}</tbody></table>`;
      }
    }
  });
  const notes = Object.entries(footnotes).map(
    ([n, text]) => `<p class="note"><sup>${n}</sup> ${escapeHtml(text)}</p>`,
  );
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="${charset}"><title>Kế hoạch 12/KH-UBND</title>
<style>td { padding: 4px }</style><script>var banner = "<p>Quảng cáo</p>";</script></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/van-ban">Văn bản</a></nav>
<div class="content">
${[...body, ...notes].join('\n')}
</div><script>track();</script></body></html>`;
}

/** Windows-1258 bytes (the project's own encoder, ingest/text/legacy/windows1258.ts). */
export { encodeWindows1258 };

// ---------------------------------------------------------------- DOCX

function docxRuns(line: Line, breakBefore: boolean): (TextRun | FootnoteReferenceRun)[] {
  return line.map((r, i) =>
    r.footnote
      ? new FootnoteReferenceRun(r.footnote)
      : new TextRun({ text: r.text, bold: r.bold, break: breakBefore && i === 0 ? 1 : undefined }),
  );
}

function docxParagraph(lines: Line[], pageBreakBefore = false): Paragraph {
  return new Paragraph({ pageBreakBefore, children: lines.flatMap((line, i) => docxRuns(line, i > 0)) });
}

/** The sample as a workbook: each line of text a row of one cell, each table its rows. */
export async function sampleXlsx(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Kế hoạch');
  const text = (line: Line) => line.map((run) => run.text).join('');
  for (const block of blocks) {
    if (block.kind === 'table') for (const row of block.rows) sheet.addRow(row);
    else if (block.kind === 'heading') sheet.addRow([block.text]);
    else if (block.kind === 'paragraph') for (const line of block.lines) sheet.addRow([text(line)]);
    else sheet.addRow(block.cells.map((cell) => cell.map(text).join('\n')));
    sheet.addRow([]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export async function sampleDocx(): Promise<Uint8Array> {
  const children = blocks.map((block) => {
    switch (block.kind) {
      case 'layout':
        return new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          borders: TableBorders.NONE,
          rows: [
            new TableRow({
              children: block.cells.map(
                (cell) => new TableCell({ children: cell.map((line) => docxParagraph([line])) }),
              ),
            }),
          ],
        });
      case 'heading':
        return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(block.text)] });
      case 'paragraph':
        return docxParagraph(block.lines, block.newPage);
      case 'table':
        return new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: block.rows.map(
            (row, i) =>
              new TableRow({
                tableHeader: i === 0,
                children: row.map((c) => new TableCell({ children: [new Paragraph(c)] })),
              }),
          ),
        });
    }
  });
  const doc = new Document({
    footnotes: Object.fromEntries(
      Object.entries(footnotes).map(([n, text]) => [n, { children: [new Paragraph(text)] }]),
    ),
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

// ---------------------------------------------------------------- PDF

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const REGULAR = join(fontDir, 'DejaVuSans.ttf');
const BOLD = join(fontDir, 'DejaVuSans-Bold.ttf');
const MARGIN = 50;
const SIZE = 11;

type PdfDoc = InstanceType<typeof PDFDocument>;

function renderPdf(
  draw: (doc: PdfDoc) => void,
  options: ConstructorParameters<typeof PDFDocument>[0] = {},
): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  doc.font('regular').fontSize(SIZE);
  draw(doc);
  doc.end();
  return done;
}

function pdfLine(doc: PdfDoc, line: Line, options: PDFKit.Mixins.TextOptions): void {
  // A PDF has no footnote markup: the mark would just be a small raised digit, so it is left out here.
  const runs = line.filter((r) => !r.footnote);
  runs.forEach((r, i) =>
    doc.font(r.bold ? 'bold' : 'regular').text(r.text, { ...options, continued: i < runs.length - 1 }),
  );
}

/** The sample as a text PDF: header in two columns, wrapped paragraphs, a table drawn as positioned cells, 2 pages. */
export function samplePdf(): Promise<Uint8Array> {
  return renderPdf((doc) => {
    const width = doc.page.width - 2 * MARGIN;
    for (const block of blocks) {
      switch (block.kind) {
        case 'layout': {
          const top = doc.y;
          block.cells.forEach((cell, column) => {
            cell.forEach((line, row) => {
              const text = line.map((r) => r.text).join('');
              doc
                .font(line[0]?.bold ? 'bold' : 'regular')
                .text(text, MARGIN + column * (width / 2), top + row * 15, { lineBreak: false });
            });
          });
          doc.x = MARGIN;
          doc.y = top + block.cells[0]!.length * 15 + 20;
          break;
        }
        case 'heading':
          doc
            .font('bold')
            .fontSize(14)
            .text(block.text, { align: 'center', width, paragraphGap: 8 })
            .fontSize(SIZE);
          break;
        case 'paragraph':
          if (block.newPage) doc.addPage();
          block.lines.forEach((line, i) =>
            pdfLine(doc, line, { width, paragraphGap: i === block.lines.length - 1 ? 8 : 0 }),
          );
          break;
        case 'table': {
          const columns = [MARGIN, MARGIN + 40, MARGIN + 230, MARGIN + 370];
          let y = doc.y + 4;
          for (const [r, row] of block.rows.entries()) {
            row.forEach((cell, c) =>
              doc.font(r === 0 ? 'bold' : 'regular').text(cell, columns[c], y, { lineBreak: false }),
            );
            y += 15;
          }
          doc.x = MARGIN;
          doc.y = y + 8;
          break;
        }
      }
    }
  });
}

/** A PDF with drawings but no text layer, like a scan that was never OCR'd. */
export function scannedPdf(): Promise<Uint8Array> {
  return renderPdf((doc) => {
    for (let i = 0; i < 20; i++) doc.rect(MARGIN, MARGIN + i * 30, 400 - i * 10, 12).fill('#333');
  });
}

export function passwordPdf(): Promise<Uint8Array> {
  return renderPdf((doc) => doc.text('Tài liệu mật của Ủy ban nhân dân tỉnh, không được phép sao chép.'), {
    userPassword: 'mat-khau',
  });
}

// ---------------------------------------------------------------- files on disk

export interface SampleFiles {
  txt: string;
  md: string;
  utf16: string;
  html: string;
  html1258: string;
  docx: string;
  pdf: string;
}

/** Writes the sample in every format into `dir`. */
export async function writeSampleFiles(dir: string): Promise<SampleFiles> {
  const markdown = sampleMarkdown();
  const files: SampleFiles = {
    txt: join(dir, 'ke-hoach.txt'),
    md: join(dir, 'ke-hoach.md'),
    utf16: join(dir, 'ke-hoach-utf16.txt'),
    html: join(dir, 'ke-hoach.html'),
    html1258: join(dir, 'ke-hoach-1258.htm'),
    docx: join(dir, 'ke-hoach.docx'),
    pdf: join(dir, 'ke-hoach.pdf'),
  };
  await writeFile(files.txt, markdown);
  // With a BOM and Windows line ends, as Notepad saves it.
  await writeFile(files.md, `\uFEFF${markdown.replace(/\n/g, '\r\n')}`);
  await writeFile(files.utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(markdown, 'utf16le')]));
  await writeFile(files.html, sampleHtml());
  await writeFile(files.html1258, encodeWindows1258(sampleHtml('windows-1258')));
  await writeFile(files.docx, await sampleDocx());
  await writeFile(files.pdf, await samplePdf());
  return files;
}
