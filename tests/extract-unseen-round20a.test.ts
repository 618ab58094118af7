/**
 * Generalization, seventeenth set (round 20a, blind): three synthetic documents (marked "MẪU / SAMPLE") in forms the
 * other sets lack — a Kế hoạch of UBND tỉnh Bình Dương (2024, district level) built here as a PDF with pdfkit, whose
 * "PHỤ LỤC PHÂN CÔNG NHIỆM VỤ" is a table drawn as a grid (lines, and text placed in columns "STT | Nội dung | Cơ quan
 * chủ trì | Cơ quan phối hợp | Thời gian hoàn thành"), cells wrapping onto two lines and the table running on to a
 * second page under a repeated header row; a Thông tư of Bộ Công an (national, "18/2025/TT-BCA") in Chương / Điều /
 * khoản / điểm whose "Chương IV. TRÁCH NHIỆM THI HÀNH" gives "Điều 15. Trách nhiệm của Cục … (C06)" and "Điều 16.
 * Trách nhiệm của Công an các tỉnh, thành phố trực thuộc trung ương" items that name no agency, then "Điều 17. Hiệu lực
 * thi hành" (no duty), and whose "Điều 3. Giải thích từ ngữ" names bodies but tasks no one; a portal copy of a Kế
 * hoạch of Đắk Nông (2024) whose assignment table was pasted as a box-drawing table ("┌─┬─┐", "│" cells), cells
 * wrapping onto continuation rows whose first column is empty. Written blind, before any rule; each expectation is what
 * a reader of the document would say.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { shownText } from '../ingest/schema.js';
import {
  agenciesMatching,
  builtDocument,
  citationByName,
  citationBySymbol,
  citationsWithSymbol,
  deadlineWith,
  dutyWith,
  pairsExcept,
  rolesWith,
  spanMismatches,
  unseenSet,
} from './support/extract-helpers.js';

const CIRCULAR = 'vn-bca-tt-chuong-dieu-khoan.txt';
const BOXED = 'dak-nong-kh-bang-ke-o.txt';
const PDF = 'binh-duong-kh-phu-luc-luoi.pdf';

const doc = unseenSet([CIRCULAR, BOXED]);

const C06 = /^Cục Cảnh sát quản lý hành chính về trật tự xã hội(?: \(C06\))?$/u;
const A05 = /^Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao(?: \(A05\))?$/u;
const PROVINCES_POLICE = 'Công an các tỉnh, thành phố trực thuộc trung ương';
const SGD = 'Sở Giáo dục và Đào tạo';
const UBND_HUYEN = 'UBND các huyện, thành phố';

// ---------------------------------------------------------------- the Thông tư of Bộ Công an

describe('Thông tư of Bộ Công an, 2025 (Chương / Điều / khoản / điểm, the responsibility chapter)', () => {
  it('reads a national header: the ministry, the normative symbol with its year, the date, the signer', () => {
    const d = doc(CIRCULAR);
    expect(d).toMatchObject({
      type: 'Thông tư',
      symbol: '18/2025/TT-BCA',
      issuedAt: '2025-03-14',
      province: null,
      place: 'Hà Nội',
    });
    expect(d.id.startsWith('vn:')).toBe(true);
    expect(d.issuer).toMatch(/^BỘ CÔNG AN$/u);
    expect(d.subject).toMatch(
      /^Quy định về kiểm tra, giám sát an ninh, trật tự đối với cơ sở kinh doanh dịch vụ cầm đồ/u,
    );
    expect(d.signer?.name).toBe('Đỗ Minh Quân');
    expect(d.signer?.title).toBe('THỨ TRƯỞNG');
  });

  it('cites its bases, the circular it replaces and the department whose proposal it adopts; not itself', () => {
    const d = doc(CIRCULAR);
    const decree = citationBySymbol(d, '56/2024/NĐ-CP');
    expect(decree.relation).toBe('basis');
    expect(decree.issuedAt).toBe('2024-05-20');
    expect(decree.key.startsWith('vn:')).toBe(true);
    expect(citationBySymbol(d, '07/2025/NĐ-CP').relation).toBe('basis');
    expect(citationByName(d, 'Luật', 'Công an nhân dân').relation).toBe('basis');
    const old = citationBySymbol(d, '29/2019/TT-BCA');
    expect(old.relation).toBe('replaces');
    expect(old.issuedAt).toBe('2019-08-05');
    expect(citationsWithSymbol(d, '18/2025/TT-BCA')).toEqual([]);
    expect((d.proposers ?? []).map((a) => a.mention)).toEqual([
      expect.stringMatching(/Cục Cảnh sát quản lý hành chính về trật tự xã hội$/u),
    ]);
  });

  it('"Điều 15. Trách nhiệm của Cục … (C06)": khoản 1 is the department\'s lead with A05 as partner, due 31/12/2025', () => {
    const d = doc(CIRCULAR);
    const software = 'xây dựng phần mềm quản lý cơ sở kinh doanh dịch vụ cầm đồ';
    const duty = dutyWith(d, software);
    expect(duty.agencies.map((a) => a.role)).toEqual(['lead', 'support']);
    expect(duty.agencies[0]!.mention).toMatch(C06);
    expect(duty.agencies[1]!.mention).toMatch(A05);
    expect(duty.path).toMatch(/(?:^|> )Điều 15\.? > 1\.?$/u);
    expect(deadlineWith(d, software)).toEqual(['2025-12-31', 'hoàn thành trước ngày 31/12/2025']);
  });

  it('Điều 15 khoản 2–3: the department alone; the provincial police it guides and the Minister it reports to are no one', () => {
    const d = doc(CIRCULAR);
    for (const phrase of ['Hướng dẫn, kiểm tra, đôn đốc', 'tổng hợp, báo cáo Bộ trưởng kết quả kiểm tra']) {
      const duty = dutyWith(d, phrase);
      expect(duty.agencies.map((a) => a.role)).toEqual(['assigned']);
      expect(duty.agencies[0]!.mention).toMatch(C06);
    }
    expect(dutyWith(d, 'tổng hợp, báo cáo Bộ trưởng kết quả kiểm tra').deadline).toBeNull();
  });

  it('"Điều 16. Trách nhiệm của Công an các tỉnh, thành phố trực thuộc trung ương": its unnamed khoản belong to the provincial police', () => {
    const d = doc(CIRCULAR);
    const plan = 'xây dựng kế hoạch kiểm tra định kỳ năm 2025';
    expect(rolesWith(d, plan)).toEqual([[PROVINCES_POLICE, 'assigned']]);
    expect(deadlineWith(d, plan)).toEqual(['2025-06-30', 'hoàn thành trước ngày 30/6/2025']);
    expect(dutyWith(d, plan).path).toMatch(/(?:^|> )Điều 16\.? > 1\.?$/u);
    // The commune police it directs, and the department its reports go through, are no assignees.
    expect(rolesWith(d, 'Chỉ đạo Công an cấp xã thống kê')).toEqual([[PROVINCES_POLICE, 'assigned']]);
    expect(rolesWith(d, 'Định kỳ 6 tháng, báo cáo kết quả thực hiện về Bộ Công an')).toEqual([
      [PROVINCES_POLICE, 'assigned'],
    ]);
    // "Phối hợp với C02 …": the provincial police cooperate, C02 is the body they cooperate with.
    const trace = dutyWith(d, 'Phối hợp với Cục Cảnh sát hình sự (C02)');
    const own = trace.agencies.find((a) => a.mention === PROVINCES_POLICE);
    expect(own?.role).toMatch(/^(?:support|assigned)$/u);
    expect(
      trace.agencies.some((a) => /^Cục Cảnh sát hình sự/u.test(a.mention) && a.role !== 'requested'),
    ).toBe(true);
  });

  it('definitions, scope, norms (Điều 1–14) and "Điều 17. Hiệu lực thi hành" task no one', () => {
    const d = doc(CIRCULAR);
    expect(
      agenciesMatching(
        d,
        /Thông tư này quy định nội dung|Công an các đơn vị, địa phương\.|Cơ quan Công an có thẩm quyền quản lý là|Tài sản cầm cố có dấu hiệu nghi vấn là|Không kiểm tra quá một lần|Thông báo kế hoạch kiểm tra định kỳ|chuyển hồ sơ, tài liệu cho Cơ quan Cảnh sát điều tra|Kinh phí thực hiện kiểm tra|có hiệu lực thi hành kể từ ngày|Thông tư này thay thế/u,
      ),
    ).toEqual([]);
    expect(
      d.duties.filter((x) => /Điều 17|Hiệu lực thi hành|có hiệu lực thi hành/u.test(x.path + x.text)),
    ).toEqual([]);
    const pairs = pairsExcept(d, /Phối hợp với Cục Cảnh sát hình sự/u).map((p) =>
      p.replace(/ \((?:C06|A05)\)(?= \/)/u, ''),
    );
    expect([...new Set(pairs)].sort()).toEqual(
      [
        'Cục Cảnh sát quản lý hành chính về trật tự xã hội / lead',
        'Cục Cảnh sát quản lý hành chính về trật tự xã hội / assigned',
        'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao / support',
        `${PROVINCES_POLICE} / assigned`,
      ].sort(),
    );
  });
});

// ---------------------------------------------------------------- the boxed table of Đắk Nông

describe('Kế hoạch, Đắk Nông 2024, portal copy (assignment table pasted in box-drawing characters)', () => {
  it('reads the flattened header, the subject, the signer and the documents it implements', () => {
    const d = doc(BOXED);
    expect(d).toMatchObject({
      type: 'Kế hoạch',
      symbol: '1275/KH-UBND',
      issuedAt: '2024-08-22',
      provinceName: 'Đắk Nông',
      provinceInferred: false,
    });
    expect(d.subject).toMatch(/^Phòng, chống tội phạm và tệ nạn ma túy trong trường học/u);
    expect(d.signer?.name).toBe('Lê Trọng Nghĩa');
    const ministry = citationBySymbol(d, '312/KH-BCA-C04');
    expect(ministry.relation).toBe('implements');
    expect(ministry.issuedAt).toBe('2024-07-15');
    expect(ministry.key.startsWith('vn:')).toBe(true);
    const party = citationBySymbol(d, '27-CT/TU');
    expect(party.relation).toBe('implements');
    expect(party.key.startsWith(`${d.province}:`)).toBe(true);
  });

  it('row 1: its task wraps over two continuation rows and is one duty; the partners stacked in their cell are two', () => {
    const d = doc(BOXED);
    const start = 'Tổ chức tuyên truyền, giáo dục pháp luật về';
    const row = dutyWith(d, start);
    expect(shownText(row)).toMatch(
      /giáo dục pháp luật về\s+phòng, chống ma túy cho học sinh, sinh viên\s+đầu năm học 2024 - 2025/u,
    );
    expect(shownText(row)).not.toMatch(/[│┌┐└┘├┤┬┴┼─]/u);
    expect(rolesWith(d, start)).toEqual([
      [SGD, 'lead'],
      ['Công an tỉnh', 'support'],
      ['Tỉnh Đoàn', 'support'],
    ]);
    expect(deadlineWith(d, start)).toEqual(['2024-10', 'Tháng 10/2024']);
    // The continuation rows are no duties of their own.
    expect(
      d.duties.filter((x) =>
        /^[│\s]*(?:phòng, chống ma túy cho học sinh|đầu năm học|nghi vấn sử dụng|trị cho học sinh|karaoke, vũ trường|học\s*│)/u.test(
          x.text,
        ),
      ),
    ).toEqual([]);
  });

  it('row 2: a deadline wrapped in its cell ("Trước ngày" / "30/11/2024"), the districts as partner', () => {
    const d = doc(BOXED);
    const start = 'Rà soát, lập danh sách học sinh có biểu hiện';
    expect(rolesWith(d, start)).toEqual([
      ['Công an tỉnh', 'lead'],
      [SGD, 'support'],
      [UBND_HUYEN, 'support'],
    ]);
    const [date, text] = deadlineWith(d, start);
    expect(date).toBe('2024-11-30');
    expect(text).toMatch(/^Trước ngày\s+30\/11\/2024$/u);
    expect(shownText(dutyWith(d, start))).toMatch(/phối\s+hợp với gia đình quản lý, giáo dục/u);
  });

  it('rows 3–6: leads, partners and deadlines of each row; the office reports go through is no partner', () => {
    const d = doc(BOXED);
    const health = 'Hướng dẫn các cơ sở y tế tư vấn';
    expect(rolesWith(d, health)).toEqual([
      ['Sở Y tế', 'lead'],
      [SGD, 'support'],
    ]);
    expect(dutyWith(d, health).deadline).toBeNull();
    expect(dutyWith(d, health).deadlineText).toMatch(/^thường xuyên$/iu);
    const karaoke = 'Kiểm tra, xử lý các cơ sở kinh doanh dịch vụ';
    expect(rolesWith(d, karaoke)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Văn hóa, Thể thao và Du lịch', 'support'],
      [UBND_HUYEN, 'support'],
    ]);
    expect(deadlineWith(d, karaoke)).toEqual(['2024-12', 'Quý IV/2024']);
    const contest = 'Tổ chức cuộc thi tìm hiểu pháp luật';
    expect(rolesWith(d, contest)).toEqual([
      ['Tỉnh Đoàn', 'lead'],
      [SGD, 'support'],
      ['Sở Tư pháp', 'support'],
    ]);
    expect(deadlineWith(d, contest)[0]).toBe('2025-03');
    const report = 'Sơ kết, báo cáo kết quả thực hiện Kế hoạch';
    expect(rolesWith(d, report)).toEqual([
      [SGD, 'lead'],
      ['Sở Y tế', 'support'],
      ['Tỉnh Đoàn', 'support'],
    ]);
    expect(deadlineWith(d, report)[0]).toBe('2025-05-15');
  });

  it('the header row, the group rows, the purposes and the funding line are no duties; "III. TỔ CHỨC THỰC HIỆN" has the standing body and a request', () => {
    const d = doc(BOXED);
    expect(
      agenciesMatching(
        d,
        /Đơn vị chủ trì|CÔNG TÁC TUYÊN TRUYỀN, PHÒNG NGỪA|CÔNG TÁC KIỂM TRA, XỬ LÝ VI PHẠM|Nâng cao nhận thức|Phấn đấu 100%|Kinh phí thực hiện Kế hoạch|theo bảng phân công sau/u,
      ),
    ).toEqual([]);
    const standing = 'Công an tỉnh là cơ quan thường trực';
    expect(rolesWith(d, standing)).toEqual([['Công an tỉnh', 'lead']]);
    expect(deadlineWith(d, standing)).toEqual(['2025-05-25', 'trước ngày 25/5/2025']);
    expect(rolesWith(d, 'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh')).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
      [SGD, 'support'],
    ]);
  });
});

// ---------------------------------------------------------------- the Bình Dương PDF with a drawn grid

const fontDir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const MARGIN = 45;
const SIZE = 11;
const LEAD = 16;

interface Para {
  text: string;
  bold?: boolean;
  center?: boolean;
  /** Centred in the right half of the page (the signature column). */
  right?: boolean;
  size?: number;
}

const HEAD: Para[] = [
  { text: 'ỦY BAN NHÂN DÂN', bold: true, size: 10 },
  { text: 'TỈNH BÌNH DƯƠNG', bold: true, size: 10 },
  { text: 'Số: 201/KH-UBND', size: 10 },
  { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, center: true, size: 10 },
  { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, center: true, size: 10 },
  { text: 'Bình Dương, ngày 12 tháng 4 năm 2024', center: true, size: 10 },
  { text: 'KẾ HOẠCH', bold: true, center: true, size: 14 },
  {
    text: 'Phòng, chống tội phạm trộm cắp tài sản tại các khu công nghiệp, khu nhà trọ công nhân trên địa bàn tỉnh Bình Dương năm 2024',
    bold: true,
    center: true,
  },
  {
    text: 'Thực hiện Kế hoạch số 88/KH-BCA-C02 ngày 20 tháng 02 năm 2024 của Bộ Công an về phòng, chống tội phạm xâm phạm sở hữu, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:',
  },
  { text: 'I. MỤC ĐÍCH, YÊU CẦU', bold: true },
  {
    text: '1. Kéo giảm ít nhất 10% số vụ trộm cắp tài sản tại các khu công nghiệp, khu nhà trọ so với năm 2023.',
  },
  { text: 'II. NHIỆM VỤ CỤ THỂ', bold: true },
  { text: 'Phân công nhiệm vụ cụ thể tại Phụ lục kèm theo Kế hoạch này.' },
  { text: 'III. TỔ CHỨC THỰC HIỆN', bold: true },
  {
    text: '1. Công an tỉnh là cơ quan thường trực, giúp Ủy ban nhân dân tỉnh theo dõi, đôn đốc việc thực hiện Kế hoạch này.',
  },
  {
    text: '2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tuyên truyền, vận động Nhân dân tham gia phòng ngừa tội phạm trộm cắp tài sản.',
  },
  { text: 'TM. ỦY BAN NHÂN DÂN', bold: true, right: true, size: 10 },
  { text: 'KT. CHỦ TỊCH', bold: true, right: true, size: 10 },
  { text: 'PHÓ CHỦ TỊCH', bold: true, right: true, size: 10 },
  { text: 'Nguyễn Hoàng Phúc', bold: true, right: true, size: 10 },
];

const COLS = [30, 190, 100, 115, 70];
const TABLE_HEAD = ['STT', 'Nội dung', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian hoàn thành'];
/** [STT, task, lead, partners, deadline]; partners after ";" go on their own line in the cell. */
const ROWS: string[][] = [
  [
    '1',
    'Tuyên truyền phương thức, thủ đoạn của tội phạm trộm cắp tài sản tại các khu công nghiệp, khu nhà trọ công nhân',
    'Công an tỉnh',
    'Ban Quản lý các khu công nghiệp tỉnh; Liên đoàn Lao động tỉnh',
    'Quý II/2024',
  ],
  [
    '2',
    'Xây dựng, nhân rộng mô hình "Khu nhà trọ an toàn về an ninh, trật tự"',
    'UBND các huyện, thành phố',
    'Công an tỉnh',
    'Tháng 9/2024',
  ],
  [
    '3',
    'Mở đợt cao điểm tấn công, trấn áp tội phạm trộm cắp tài sản, trộm cắp xe mô tô tại các khu nhà trọ',
    'Công an tỉnh',
    'Bộ Chỉ huy Quân sự tỉnh',
    'Trước ngày 31/7/2024',
  ],
  [
    '4',
    'Kiểm tra việc chấp hành quy định về an ninh, trật tự tại các cơ sở kinh doanh dịch vụ cầm đồ, thu mua phế liệu',
    'Công an tỉnh',
    'Sở Công Thương; Cục Thuế tỉnh',
    'Quý III/2024',
  ],
  [
    '5',
    'Hỗ trợ việc làm, dạy nghề cho người chấp hành xong án phạt tù, người sau cai nghiện ma túy',
    'Sở Lao động - Thương binh và Xã hội',
    'UBND các huyện, thành phố; Tỉnh Đoàn',
    'Thường xuyên',
  ],
  [
    '6',
    'Hướng dẫn doanh nghiệp trong khu công nghiệp lắp đặt camera giám sát, bố trí lực lượng bảo vệ chuyên nghiệp',
    'Ban Quản lý các khu công nghiệp tỉnh',
    'Công an tỉnh',
    'Tháng 8/2024',
  ],
  // the page breaks here; the header row is repeated on the next page
  [
    '7',
    'Đưa tin, phản ánh kết quả phòng, chống tội phạm trộm cắp tài sản; biểu dương gương người tốt, việc tốt',
    'Báo Bình Dương',
    'Sở Thông tin và Truyền thông',
    'Thường xuyên',
  ],
  ['8', 'Bảo đảm kinh phí thực hiện Kế hoạch', 'Sở Tài chính', 'Công an tỉnh', 'Trước ngày 30/6/2024'],
  [
    '9',
    'Sơ kết, đánh giá kết quả thực hiện Kế hoạch, báo cáo Ủy ban nhân dân tỉnh',
    'Công an tỉnh',
    'Sở Nội vụ',
    'Trước ngày 15/12/2024',
  ],
];
const BREAK_AFTER_ROW = 6;
const CELL_SIZE = 9;
const CELL_LEAD = 12;

/** The plan as a text PDF: a body page, then an appendix whose grid table runs on to a second page. */
function binhDuongPdf(): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: MARGIN });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('regular', join(fontDir, 'DejaVuSans.ttf'));
  pdf.registerFont('bold', join(fontDir, 'DejaVuSans-Bold.ttf'));
  const width = pdf.page.width - 2 * MARGIN;
  let y = MARGIN;
  let page = 1;
  const at = (text: string, x: number, top: number, font: string, size: number) =>
    pdf.font(font).fontSize(size).text(text, x, top, { lineBreak: false });
  const wrap = (text: string, font: string, size: number, max: number): string[] => {
    pdf.font(font).fontSize(size);
    const lines: string[] = [];
    for (const part of text.split('\n')) {
      let line = '';
      for (const word of part.split(' ')) {
        const next = line ? `${line} ${word}` : word;
        if (line && pdf.widthOfString(next) > max) {
          lines.push(line);
          line = word;
        } else line = next;
      }
      if (line) lines.push(line);
    }
    return lines;
  };
  const newPage = () => {
    pdf.addPage();
    page += 1;
    const label = String(page);
    pdf.font('regular').fontSize(10);
    at(label, (pdf.page.width - pdf.widthOfString(label)) / 2, 25, 'regular', 10);
    y = MARGIN + 10;
  };

  at('MẪU / SAMPLE — văn bản giả lập để kiểm thử, không phải văn bản thật', MARGIN, 25, 'regular', 8);
  for (const para of HEAD) {
    const font = para.bold ? 'bold' : 'regular';
    const size = para.size ?? SIZE;
    for (const line of wrap(para.text, font, size, width)) {
      pdf.font(font).fontSize(size);
      const x = para.right
        ? (pdf.page.width * 1.5 - pdf.widthOfString(line)) / 2
        : para.center
          ? (pdf.page.width - pdf.widthOfString(line)) / 2
          : MARGIN;
      at(line, x, y, font, size);
      y += LEAD;
    }
    y += 4;
  }

  newPage();
  for (const [text, font] of [
    ['PHỤ LỤC PHÂN CÔNG NHIỆM VỤ', 'bold'],
    ['(Kèm theo Kế hoạch số 201/KH-UBND ngày 12/4/2024 của Ủy ban nhân dân tỉnh Bình Dương)', 'regular'],
  ] as const) {
    pdf.font(font).fontSize(10);
    at(text, (pdf.page.width - pdf.widthOfString(text)) / 2, y, font, 10);
    y += LEAD;
  }
  y += 8;

  const row = (cells: string[], font: string) => {
    const lines = cells.map((c, i) =>
      wrap(i === 3 ? c.replace(/; /gu, ';\n') : c, font, CELL_SIZE, COLS[i]! - 6),
    );
    const height = Math.max(...lines.map((l) => l.length)) * CELL_LEAD + 6;
    let x = MARGIN;
    cells.forEach((_, i) => {
      lines[i]!.forEach((line, k) => at(line, x + 3, y + 3 + k * CELL_LEAD, font, CELL_SIZE));
      x += COLS[i]!;
    });
    // the grid: the row's top and bottom rules, and a vertical rule at each column edge
    const right = MARGIN + COLS.reduce((a, b) => a + b, 0);
    pdf.lineWidth(0.5);
    pdf.moveTo(MARGIN, y).lineTo(right, y).stroke();
    pdf
      .moveTo(MARGIN, y + height)
      .lineTo(right, y + height)
      .stroke();
    let edge = MARGIN;
    for (const w of [0, ...COLS]) {
      edge += w;
      pdf
        .moveTo(edge, y)
        .lineTo(edge, y + height)
        .stroke();
    }
    y += height;
  };
  row(TABLE_HEAD, 'bold');
  ROWS.forEach((cells, i) => {
    row(cells, 'regular');
    if (i + 1 === BREAK_AFTER_ROW) {
      newPage();
      row(TABLE_HEAD, 'bold');
    }
  });
  pdf.end();
  return done;
}

describe('Kế hoạch as a PDF, Bình Dương 2024 (an appendix table drawn as a grid, over two pages)', () => {
  const built = builtDocument(PDF, binhDuongPdf);
  const d = built.doc;

  it('is read whole, every span holds', () => {
    const bundle = built.bundle();
    expect(bundle.errors).toEqual([]);
    expect(bundle.documents).toHaveLength(1);
    expect(d().format).toBe('pdf');
    expect(spanMismatches(bundle)).toEqual([]);
  });

  it('reads the header, the signer, the plan it implements; the appendix\'s "Kèm theo" line is no citation of itself', () => {
    const x = d();
    expect(x).toMatchObject({
      type: 'Kế hoạch',
      symbol: '201/KH-UBND',
      issuedAt: '2024-04-12',
      provinceName: 'Bình Dương',
    });
    expect(x.subject).toMatch(/^Phòng, chống tội phạm trộm cắp tài sản tại các khu công nghiệp/u);
    const ministry = citationBySymbol(x, '88/KH-BCA-C02');
    expect(ministry.relation).toBe('implements');
    expect(ministry.key.startsWith('vn:')).toBe(true);
    expect(citationsWithSymbol(x, '201/KH-UBND')).toEqual([]);
    expect(rolesWith(x, 'Công an tỉnh là cơ quan thường trực')).toEqual([['Công an tỉnh', 'lead']]);
    expect(rolesWith(x, 'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh')).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
    ]);
    // The signature sits in the right half, above the appendix's page.
    expect(x.signer?.name).toBe('Nguyễn Hoàng Phúc');
  });

  it('rows 1–6 of the grid: each row one duty, its wrapped task joined, its lead, partners and deadline from their columns', () => {
    const x = d();
    const media = 'Tuyên truyền phương thức, thủ đoạn của tội phạm trộm cắp';
    expect(shownText(dutyWith(x, media))).toMatch(/khu công nghiệp, khu nhà trọ công nhân/u);
    expect(rolesWith(x, media)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Ban Quản lý các khu công nghiệp tỉnh', 'support'],
      ['Liên đoàn Lao động tỉnh', 'support'],
    ]);
    expect(deadlineWith(x, media)).toEqual(['2024-06', 'Quý II/2024']);
    expect(rolesWith(x, 'Xây dựng, nhân rộng mô hình')).toEqual([
      ['UBND các huyện, thành phố', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    const peak = 'Mở đợt cao điểm tấn công, trấn áp tội phạm trộm cắp';
    expect(rolesWith(x, peak)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Bộ Chỉ huy Quân sự tỉnh', 'support'],
    ]);
    expect(deadlineWith(x, peak)).toEqual(['2024-07-31', 'Trước ngày 31/7/2024']);
    expect(rolesWith(x, 'Kiểm tra việc chấp hành quy định về an ninh')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Công Thương', 'support'],
      ['Cục Thuế tỉnh', 'support'],
    ]);
    // A lead's name wrapped in its narrow cell is one name.
    const jobs = 'Hỗ trợ việc làm, dạy nghề cho người chấp hành xong án phạt tù';
    expect(rolesWith(x, jobs)).toEqual([
      ['Sở Lao động - Thương binh và Xã hội', 'lead'],
      ['UBND các huyện, thành phố', 'support'],
      ['Tỉnh Đoàn', 'support'],
    ]);
    expect(dutyWith(x, jobs).deadline).toBeNull();
    expect(rolesWith(x, 'Hướng dẫn doanh nghiệp trong khu công nghiệp')).toEqual([
      ['Ban Quản lý các khu công nghiệp tỉnh', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
  });

  it('rows 7–9 on the next page, under the repeated header row: still rows of the table; the header row names no one', () => {
    const x = d();
    expect(rolesWith(x, 'Đưa tin, phản ánh kết quả phòng, chống tội phạm')).toEqual([
      ['Báo Bình Dương', 'lead'],
      ['Sở Thông tin và Truyền thông', 'support'],
    ]);
    const money = 'Bảo đảm kinh phí thực hiện Kế hoạch';
    expect(rolesWith(x, money)).toEqual([
      ['Sở Tài chính', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(deadlineWith(x, money)).toEqual(['2024-06-30', 'Trước ngày 30/6/2024']);
    const review = 'Sơ kết, đánh giá kết quả thực hiện Kế hoạch';
    expect(rolesWith(x, review)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Nội vụ', 'support'],
    ]);
    expect(deadlineWith(x, review)).toEqual(['2024-12-15', 'Trước ngày 15/12/2024']);
    expect(agenciesMatching(x, /Cơ quan chủ trì|Cơ quan phối hợp|Thời gian hoàn thành|PHỤ LỤC/u)).toEqual([]);
    // Nine rows, nine duties: the repeated header and the page number are none.
    const rows = x.duties.filter((y) =>
      ROWS.some((r) => shownText(y).includes(r[1]!.split(' ').slice(0, 5).join(' '))),
    );
    expect(rows).toHaveLength(ROWS.length);
    expect(agenciesMatching(x, /Kéo giảm ít nhất 10%|Phân công nhiệm vụ cụ thể tại Phụ lục/u)).toEqual([]);
  });
});
