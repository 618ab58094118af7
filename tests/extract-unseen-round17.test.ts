/**
 * Generalization, thirteenth set (round 17): four synthetic documents (marked as samples) in forms the other sets
 * lack — a provincial portal's "văn bản" viewer page (HTML, Khánh Hòa, 2026) of a Kế hoạch whose appendix table
 * merges cells (a lead agency cell with rowspan="3" over three task rows, group rows `<td colspan="6">II. CÔNG TÁC
 * PHÒNG NGỪA</td>`, a deadline cell merged over two rows); a Word file built here with the `docx` package (Kon Tum,
 * 2024, district level) of a Quyết định ban hành Kế hoạch whose "1." / "a)" labels are Word's automatic numbering (not
 * typed in the text) and whose appendix table merges cells vertically; a Ban Chỉ đạo 389's Báo cáo (Hà Nam, 2024)
 * whose long "I. KẾT QUẢ THỰC HIỆN" narrates what agencies did ("Công an tỉnh: đã chủ trì …", "… đã phát hiện …",
 * "đã giao Công an tỉnh chủ trì …") — no duties — before "III. PHƯƠNG HƯỚNG, NHIỆM VỤ" assigns the coming year's work
 * and "IV. KIẾN NGHỊ, ĐỀ XUẤT" asks national bodies; a commune's Kế hoạch after the 2025 reform (Đắk Lắk, 2026: "TỈNH
 * ĐẮK LẮK / ỦY BAN NHÂN DÂN / XÃ …") tasking the commune's police, military command, rooms, health station, its
 * villages and their heads, and requesting the commune's Front. Written before the rules; each expectation is what a
 * reader of the document would say.
 */
import {
  AlignmentType,
  Document,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { describe, expect, it } from 'vitest';
import {
  agenciesMatching,
  citationByKey,
  citationBySymbol,
  citationsWithSymbol,
  deadlineWith,
  dutyWith,
  pairsOf,
  rolesWith,
  spanMismatches,
  unseenSet,
  pairsExcept,
  builtDocument,
} from './support/extract-helpers.js';

const HTML = 'khanh-hoa-kh-phu-luc-rowspan.html';
const REPORT = 'ha-nam-bcd389-bc-ket-qua.txt';
const COMMUNE = 'dak-lak-xa-kh-ma-tuy.txt';
const DOCX = 'kon-tum-qd-kh-tu-dong-danh-so.docx';

const doc = unseenSet([HTML, REPORT, COMMUNE]);

const BDBP = 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh';
const SNNMT = 'Sở Nông nghiệp và Môi trường';

describe('Kế hoạch on a portal\'s "văn bản" viewer page, Khánh Hòa 2026 (an appendix table with merged cells)', () => {
  it("reads the document inside the viewer (not the viewer's own fields and links); cites the council's resolution, not itself or the sidebar", () => {
    const d = doc(HTML);
    expect(d).toMatchObject({
      type: 'Kế hoạch',
      symbol: '27/KH-UBND',
      issuedAt: '2026-02-03',
      provinceName: 'Khánh Hòa',
    });
    expect(d.subject).toMatch(/^Phòng, chống tội phạm và vi phạm pháp luật trên biển, vùng ven biển/u);
    expect(d.signer?.name).toBe('Trần Hòa Nam');
    const resolution = citationBySymbol(d, '118/NQ-HĐND');
    expect(resolution.relation).toBe('implements');
    expect(resolution.issuedAt).toBe('2025-12-10');
    // The appendix's "(Kèm theo Kế hoạch số 27/KH-UBND …)" is itself; the sidebar's "Văn bản liên quan" is the portal's.
    expect(citationsWithSymbol(d, '27/KH-UBND')).toEqual([]);
    expect(citationsWithSymbol(d, '150/QĐ-UBND')).toEqual([]);
    expect(citationsWithSymbol(d, '09/CT-UBND')).toEqual([]);
    // The viewer's fields, related news and footer name no one.
    expect(
      agenciesMatching(
        d,
        /Cơ quan ban hành|Cơ quan chủ quản|ra quân tấn công|tổ chức tuyên truyền cho ngư dân/u,
      ),
    ).toEqual([]);
  });

  it('a lead cell with rowspan="3" leads each of the three task rows it covers, each with its own partners', () => {
    const d = doc(HTML);
    expect(rolesWith(d, 'ban hành Quy chế phối hợp giữa các lực lượng')).toEqual([
      ['Công an tỉnh', 'lead'],
      [BDBP, 'support'],
      ['Bộ Chỉ huy Quân sự tỉnh', 'support'],
    ]);
    expect(rolesWith(d, 'Tổ chức hội nghị sơ kết 9 tháng')).toEqual([
      ['Công an tỉnh', 'lead'],
      [SNNMT, 'support'],
    ]);
    expect(rolesWith(d, 'Theo dõi, đôn đốc, tổng hợp tình hình')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Văn phòng Ủy ban nhân dân tỉnh', 'support'],
    ]);
  });

  it('the deadline column: a quarter, a month, "Thường xuyên" (no date) in the rows under the merged lead', () => {
    const d = doc(HTML);
    expect(deadlineWith(d, 'ban hành Quy chế phối hợp giữa các lực lượng')).toEqual([
      '2026-06',
      'Quý II/2026',
    ]);
    expect(deadlineWith(d, 'Tổ chức hội nghị sơ kết 9 tháng')).toEqual(['2026-10', 'Tháng 10/2026']);
    const ongoing = dutyWith(d, 'Theo dõi, đôn đốc, tổng hợp tình hình');
    expect(ongoing.deadline).toBeNull();
    expect(ongoing.deadlineText).toMatch(/^thường xuyên$/iu);
  });

  it('rows under the group row "II. CÔNG TÁC PHÒNG NGỪA" sit in group II; a second merged lead covers two rows; the group rows are no duties', () => {
    const d = doc(HTML);
    const leaflets = 'Tuyên truyền pháp luật về biển, đảo';
    expect(rolesWith(d, leaflets)).toEqual([
      [SNNMT, 'lead'],
      [BDBP, 'support'],
      ['Ủy ban nhân dân các xã, phường, đặc khu ven biển', 'support'],
    ]);
    expect(dutyWith(d, leaflets).path).toMatch(/(?:^|> )II > 4\.?$/u);
    const vms = 'Kiểm tra việc lắp đặt, duy trì thiết bị giám sát hành trình';
    expect(rolesWith(d, vms)).toEqual([
      [SNNMT, 'lead'],
      [BDBP, 'support'],
    ]);
    expect(deadlineWith(d, vms)).toEqual(['2026-06-30', 'Trước ngày 30/6/2026']);
    expect(d.duties.filter((x) => /^(?:I|II|III)\.\s*CÔNG TÁC/u.test(x.text.trim()))).toEqual([]);
  });

  it('a deadline cell merged over two rows is the deadline of both; a product cell names no agency', () => {
    const d = doc(HTML);
    const column = 'Xây dựng chuyên mục "An ninh biển, đảo"';
    expect(rolesWith(d, column)).toEqual([
      ['Báo và Phát thanh, Truyền hình Khánh Hòa', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    const boats = 'Phát triển mô hình "Tổ tàu an toàn, tự quản"';
    expect(rolesWith(d, boats)).toEqual([
      [BDBP, 'lead'],
      ['Hội Nghề cá tỉnh', 'support'],
    ]);
    for (const row of [column, boats]) {
      expect(dutyWith(d, row).deadline).toBeNull();
      expect(dutyWith(d, row).deadlineText).toMatch(/^thường xuyên$/iu);
    }
    // "Báo cáo kết quả gửi Bộ Tư lệnh Bộ đội Biên phòng" is the row's product, not a partner.
    const fuel = 'Mở đợt cao điểm đấu tranh với tội phạm buôn lậu xăng dầu';
    expect(rolesWith(d, fuel)).toEqual([
      [BDBP, 'lead'],
      ['Công an tỉnh', 'support'],
      ['Chi cục Hải quan khu vực XI', 'support'],
    ]);
    expect(deadlineWith(d, fuel)).toEqual(['2026-10', 'Tháng 10/2026']);
    const blasting = 'khai thác thủy sản bằng chất nổ';
    expect(rolesWith(d, blasting)).toEqual([
      [BDBP, 'lead'],
      [SNNMT, 'support'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(deadlineWith(d, blasting)).toEqual(['2026-09', 'Quý III/2026']);
  });

  it('"III. TỔ CHỨC THỰC HIỆN": the standing body, the finance department, the coastal communes, two requests', () => {
    const d = doc(HTML);
    const standing = 'Công an tỉnh là cơ quan thường trực';
    expect(rolesWith(d, standing)).toEqual([['Công an tỉnh', 'lead']]);
    expect(deadlineWith(d, standing)).toEqual(['2026-12-15', 'trước ngày 15/12/2026']);
    expect(rolesWith(d, 'Sở Tài chính tham mưu')).toEqual([['Sở Tài chính', 'assigned']]);
    const communes = 'quản lý chặt chẽ người, phương tiện hoạt động trên biển';
    expect(rolesWith(d, communes)).toEqual([
      ['Ủy ban nhân dân các xã, phường, đặc khu ven biển', 'assigned'],
    ]);
    expect(deadlineWith(d, communes)).toEqual(['2026-03-31', 'trước ngày 31/3/2026']);
    expect(rolesWith(d, 'Đề nghị Bộ Tư lệnh Vùng Cảnh sát biển 3')).toEqual([
      ['Bộ Tư lệnh Vùng Cảnh sát biển 3', 'requested'],
      [BDBP, 'support'],
    ]);
    expect(rolesWith(d, 'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh')).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
    ]);
  });
});

/** The Word file of the Kon Tum decision: "1." / "a)" come from the numbering definition, not from the text. */
async function konTumDocx(): Promise<Buffer> {
  const p = (text: string, opts: { bold?: boolean; center?: boolean } = {}) =>
    new Paragraph({
      alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
      children: [new TextRun({ text, bold: opts.bold })],
    });
  const item = (text: string, level: 0 | 1) =>
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      numbering: { reference: 'nhiem-vu', level },
      children: [new TextRun(text)],
    });
  const cell = (text: string, opts: { rowSpan?: number; columnSpan?: number; bold?: boolean } = {}) =>
    new TableCell({
      rowSpan: opts.rowSpan,
      columnSpan: opts.columnSpan,
      children: [new Paragraph({ children: [new TextRun({ text, bold: opts.bold })] })],
    });
  const row = (...cells: TableCell[]) => new TableRow({ children: cells });

  const appendix = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      row(
        cell('TT', { bold: true }),
        cell('Nội dung nhiệm vụ', { bold: true }),
        cell('Cơ quan chủ trì', { bold: true }),
        cell('Cơ quan phối hợp', { bold: true }),
        cell('Thời gian hoàn thành', { bold: true }),
      ),
      row(cell('I. TRÊN TUYẾN BIÊN GIỚI, CỬA KHẨU', { columnSpan: 5, bold: true })),
      row(
        cell('1'),
        cell('Kiểm soát chặt chẽ người, phương tiện, hàng hóa xuất nhập cảnh qua Cửa khẩu quốc tế Bờ Y'),
        cell(BDBP, { rowSpan: 3 }),
        cell('Chi cục Hải quan cửa khẩu quốc tế Bờ Y'),
        cell('Tháng 5/2024'),
      ),
      row(
        cell('2'),
        cell('Xây dựng mô hình "Đồn Biên phòng cùng già làng, người có uy tín phòng, chống ma túy"'),
        cell('Ủy ban nhân dân huyện Ngọc Hồi'),
        cell('Quý III/2024'),
      ),
      row(
        cell('3'),
        cell('Trao đổi thông tin, tuần tra song phương với lực lượng bảo vệ biên giới nước bạn'),
        cell('Công an tỉnh'),
        cell('Thường xuyên'),
      ),
      row(cell('II. TRONG NỘI ĐỊA', { columnSpan: 5, bold: true })),
      row(
        cell('4'),
        cell('Đấu tranh, triệt xóa các điểm, tụ điểm mua bán, tổ chức sử dụng trái phép chất ma túy'),
        cell('Công an tỉnh', { rowSpan: 2 }),
        cell('Ủy ban nhân dân các huyện, thành phố'),
        cell('Trước ngày 31/10/2024'),
      ),
      row(
        cell('5'),
        cell('Hoàn thiện hồ sơ quản lý người sử dụng trái phép chất ma túy tại cộng đồng'),
        cell('Sở Y tế; Sở Lao động - Thương binh và Xã hội'),
        cell('Quý IV/2024'),
      ),
    ],
  });

  const document = new Document({
    title: 'MẪU / SAMPLE — văn bản giả lập để kiểm thử, không phải văn bản thật',
    creator: 'dutygraph tests',
    numbering: {
      config: [
        {
          reference: 'nhiem-vu',
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 360, hanging: 360 } } },
            },
            {
              level: 1,
              format: LevelFormat.LOWER_LETTER,
              text: '%2)',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        children: [
          p('MẪU / SAMPLE — văn bản giả lập để kiểm thử, không phải văn bản thật'),
          p('ỦY BAN NHÂN DÂN', { bold: true, center: true }),
          p('TỈNH KON TUM', { bold: true, center: true }),
          p('Số: 318/QĐ-UBND', { center: true }),
          p('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, center: true }),
          p('Độc lập - Tự do - Hạnh phúc', { bold: true, center: true }),
          p('Kon Tum, ngày 15 tháng 4 năm 2024', { center: true }),
          p('QUYẾT ĐỊNH', { bold: true, center: true }),
          p('Ban hành Kế hoạch phòng, chống tội phạm về ma túy trên tuyến biên giới tỉnh Kon Tum năm 2024', {
            bold: true,
            center: true,
          }),
          p('ỦY BAN NHÂN DÂN TỈNH KON TUM', { bold: true, center: true }),
          p('Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;'),
          p('Căn cứ Luật Phòng, chống ma túy ngày 30 tháng 3 năm 2021;'),
          p(
            'Căn cứ Nghị định số 105/2021/NĐ-CP ngày 04 tháng 12 năm 2021 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Phòng, chống ma túy;',
          ),
          p(
            'Theo đề nghị của Giám đốc Công an tỉnh tại Tờ trình số 61/TTr-CAT-PC04 ngày 08 tháng 4 năm 2024.',
          ),
          p('QUYẾT ĐỊNH:', { bold: true, center: true }),
          p(
            'Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống tội phạm về ma túy trên tuyến biên giới tỉnh Kon Tum năm 2024.',
          ),
          p('Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.'),
          p(
            'Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Công an tỉnh, Chỉ huy trưởng Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Thủ trưởng các sở, ban, ngành liên quan và Chủ tịch Ủy ban nhân dân các huyện, thành phố chịu trách nhiệm thi hành Quyết định này./.',
          ),
          p('Nơi nhận:', { bold: true }),
          p('- Như Điều 3;'),
          p('- Bộ Công an (b/c);'),
          p('- TT Tỉnh ủy, TT HĐND tỉnh;'),
          p('- CT, các PCT UBND tỉnh;'),
          p('- Lưu: VT, NC.'),
          p('TM. ỦY BAN NHÂN DÂN', { bold: true, center: true }),
          p('KT. CHỦ TỊCH', { bold: true, center: true }),
          p('PHÓ CHỦ TỊCH', { bold: true, center: true }),
          p('Nguyễn Đức Trung', { bold: true, center: true }),
          new Paragraph({ children: [new PageBreak()] }),
          p('ỦY BAN NHÂN DÂN', { bold: true, center: true }),
          p('TỈNH KON TUM', { bold: true, center: true }),
          p('KẾ HOẠCH', { bold: true, center: true }),
          p('Phòng, chống tội phạm về ma túy trên tuyến biên giới tỉnh Kon Tum năm 2024', {
            bold: true,
            center: true,
          }),
          p(
            '(Ban hành kèm theo Quyết định số 318/QĐ-UBND ngày 15 tháng 4 năm 2024 của Ủy ban nhân dân tỉnh Kon Tum)',
            { center: true },
          ),
          p('I. MỤC ĐÍCH, YÊU CẦU', { bold: true }),
          p(
            '- Ngăn chặn từ xa tội phạm về ma túy trên tuyến biên giới; không để hình thành đường dây vận chuyển ma túy qua địa bàn tỉnh.',
          ),
          p('- Xác định rõ trách nhiệm của từng cơ quan, đơn vị trong tổ chức thực hiện.'),
          p('II. CHỈ TIÊU', { bold: true }),
          p('- Số vụ phạm tội về ma túy được phát hiện, bắt giữ tăng 5% so với năm 2023.'),
          p('III. NHIỆM VỤ CỤ THỂ', { bold: true }),
          item('Công an tỉnh:', 0),
          item(
            'Chủ trì, phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Chi cục Hải quan cửa khẩu quốc tế Bờ Y mở đợt cao điểm tấn công, trấn áp tội phạm về ma túy trên tuyến biên giới Việt Nam - Lào, Việt Nam - Campuchia; hoàn thành trước ngày 30/6/2024.',
            1,
          ),
          item(
            'Chỉ đạo Công an các huyện, thành phố rà soát, lập danh sách người sử dụng trái phép chất ma túy, người nghiện ma túy trên địa bàn; hoàn thành trong Quý II/2024.',
            1,
          ),
          item(
            'Là cơ quan thường trực, giúp Ủy ban nhân dân tỉnh theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch; báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12/2024.',
            1,
          ),
          item('Bộ Chỉ huy Bộ đội Biên phòng tỉnh:', 0),
          item(
            'Chủ trì, phối hợp với Công an tỉnh tuần tra, kiểm soát các đường mòn, lối mở qua biên giới; ngăn chặn việc vận chuyển trái phép chất ma túy từ bên kia biên giới vào nội địa.',
            1,
          ),
          item(
            'Phối hợp với Ủy ban nhân dân các huyện biên giới tuyên truyền, vận động đồng bào dân tộc thiểu số không trồng, không vận chuyển chất ma túy.',
            1,
          ),
          item(
            'Sở Lao động - Thương binh và Xã hội chủ trì, phối hợp với Sở Y tế, Công an tỉnh tổ chức cai nghiện ma túy tự nguyện tại gia đình, cộng đồng và đưa người nghiện vào cơ sở cai nghiện bắt buộc; hoàn thành trong tháng 9/2024.',
            0,
          ),
          item(
            'Sở Thông tin và Truyền thông chỉ đạo Báo Kon Tum, Đài Phát thanh - Truyền hình tỉnh mở chuyên mục tuyên truyền về phòng, chống ma túy bằng tiếng Ba Na, Xơ Đăng.',
            0,
          ),
          item('Ủy ban nhân dân các huyện, thành phố:', 0),
          item('Xây dựng kế hoạch triển khai thực hiện tại địa phương; hoàn thành trước ngày 30/4/2024.', 1),
          item(
            'Chỉ đạo Ủy ban nhân dân các xã, phường, thị trấn quản lý chặt chẽ người sử dụng trái phép chất ma túy trên địa bàn, không để phát sinh người nghiện mới.',
            1,
          ),
          item(
            'Đề nghị Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh phối hợp với Công an tỉnh đẩy nhanh tiến độ điều tra, truy tố, xét xử các vụ án về ma túy; tổ chức xét xử lưu động tại các xã biên giới.',
            0,
          ),
          item(
            'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp với Công an tỉnh vận động Nhân dân tham gia phong trào "Toàn dân bảo vệ an ninh Tổ quốc", tố giác tội phạm về ma túy.',
            0,
          ),
          p('IV. KINH PHÍ', { bold: true }),
          p(
            'Kinh phí thực hiện Kế hoạch được bố trí trong dự toán ngân sách năm 2024 của các cơ quan, đơn vị theo quy định.',
          ),
          p('PHỤ LỤC', { bold: true, center: true }),
          p('NHIỆM VỤ TRỌNG TÂM NĂM 2024', { bold: true, center: true }),
          p('(Kèm theo Kế hoạch ban hành kèm theo Quyết định số 318/QĐ-UBND ngày 15/4/2024)', {
            center: true,
          }),
          appendix,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

describe('Quyết định ban hành Kế hoạch as a Word file, Kon Tum 2024 (automatic numbering, vertically merged cells)', () => {
  const built = builtDocument(DOCX, konTumDocx);
  const d = built.doc;

  it('is read whole, every span holds', () => {
    const bundle = built.bundle();
    expect(bundle.errors).toEqual([]);
    expect(bundle.documents).toHaveLength(1);
    expect(d().format).toBe('docx');
    expect(spanMismatches(bundle)).toEqual([]);
  });

  it("reads the decision's header, its basis and the proposing police, not the plan it issues as a citation", () => {
    const x = d();
    expect(x).toMatchObject({
      type: 'Quyết định',
      symbol: '318/QĐ-UBND',
      issuedAt: '2024-04-15',
      provinceName: 'Kon Tum',
    });
    expect(x.signer?.name).toBe('Nguyễn Đức Trung');
    expect(citationByKey(x, 'vn:luat-phong-chong-ma-tuy:2021').relation).toBe('basis');
    expect(citationBySymbol(x, '105/2021/NĐ-CP').relation).toBe('basis');
    expect(citationsWithSymbol(x, '318/QĐ-UBND')).toEqual([]);
    expect((x.proposers ?? []).map((a) => a.name)).toEqual([expect.stringMatching(/^Công an tỉnh Kon Tum/u)]);
  });

  it('an auto-numbered "Công an tỉnh:" heads its auto-lettered items (lead with partners, directed units, the standing body)', () => {
    const x = d();
    const raid = 'mở đợt cao điểm tấn công, trấn áp tội phạm về ma túy';
    expect(rolesWith(x, raid)).toEqual([
      ['Công an tỉnh', 'lead'],
      [BDBP, 'support'],
      ['Chi cục Hải quan cửa khẩu quốc tế Bờ Y', 'support'],
    ]);
    expect(deadlineWith(x, raid)).toEqual(['2024-06-30', 'hoàn thành trước ngày 30/6/2024']);
    const list = 'Chỉ đạo Công an các huyện, thành phố rà soát';
    expect(rolesWith(x, list)).toEqual([['Công an tỉnh', 'assigned']]);
    expect(deadlineWith(x, list)[0]).toBe('2024-06');
    expect(rolesWith(x, 'Là cơ quan thường trực, giúp Ủy ban nhân dân tỉnh')).toEqual([
      ['Công an tỉnh', 'lead'],
    ]);
    expect(deadlineWith(x, 'Là cơ quan thường trực, giúp Ủy ban nhân dân tỉnh')[0]).toBe('2024-12-15');
    // The heading alone is no duty.
    expect(x.duties.filter((y) => /^(?:1\.\s*)?Công an tỉnh:$/u.test(y.text.trim()))).toEqual([]);
  });

  it("the path of an item follows Word's numbering (III > 1 > b), which the text does not type", () => {
    expect(dutyWith(d(), 'Chỉ đạo Công an các huyện, thành phố rà soát').path).toMatch(
      /(?:^|> )III > 1 > b\)?$/u,
    );
    expect(dutyWith(d(), 'Đề nghị Viện kiểm sát nhân dân tỉnh').path).toMatch(/(?:^|> )III > 6\.?$/u);
  });

  it("the other auto-numbered items: the border guard's two, inline leads, the press directed, the districts, the requests", () => {
    const x = d();
    expect(rolesWith(x, 'tuần tra, kiểm soát các đường mòn, lối mở')).toEqual([
      [BDBP, 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(rolesWith(x, 'Phối hợp với Ủy ban nhân dân các huyện biên giới')).toEqual([
      [BDBP, 'support'],
      ['Ủy ban nhân dân các huyện biên giới', 'support'],
    ]);
    const rehab = 'Sở Lao động - Thương binh và Xã hội chủ trì';
    expect(rolesWith(x, rehab)).toEqual([
      ['Sở Lao động - Thương binh và Xã hội', 'lead'],
      ['Sở Y tế', 'support'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(deadlineWith(x, rehab)).toEqual(['2024-09', 'trong tháng 9/2024']);
    // The newspaper and the broadcaster it directs are no assignees.
    expect(rolesWith(x, 'Sở Thông tin và Truyền thông chỉ đạo')).toEqual([
      ['Sở Thông tin và Truyền thông', 'assigned'],
    ]);
    const plan = 'Xây dựng kế hoạch triển khai thực hiện tại địa phương';
    expect(rolesWith(x, plan)).toEqual([['Ủy ban nhân dân các huyện, thành phố', 'assigned']]);
    expect(deadlineWith(x, plan)).toEqual(['2024-04-30', 'hoàn thành trước ngày 30/4/2024']);
    expect(rolesWith(x, 'Chỉ đạo Ủy ban nhân dân các xã, phường, thị trấn')).toEqual([
      ['Ủy ban nhân dân các huyện, thành phố', 'assigned'],
    ]);
    expect(rolesWith(x, 'Đề nghị Viện kiểm sát nhân dân tỉnh')).toEqual([
      ['Viện kiểm sát nhân dân tỉnh', 'requested'],
      ['Tòa án nhân dân tỉnh', 'requested'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(rolesWith(x, 'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh')).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
      ['Công an tỉnh', 'support'],
    ]);
  });

  it('a lead cell merged down three rows (and one down two) leads each row it covers; the deadline column', () => {
    const x = d();
    const gate = 'Kiểm soát chặt chẽ người, phương tiện, hàng hóa xuất nhập cảnh';
    expect(rolesWith(x, gate)).toEqual([
      [BDBP, 'lead'],
      ['Chi cục Hải quan cửa khẩu quốc tế Bờ Y', 'support'],
    ]);
    expect(deadlineWith(x, gate)).toEqual(['2024-05', 'Tháng 5/2024']);
    const model = 'Xây dựng mô hình "Đồn Biên phòng cùng già làng';
    expect(rolesWith(x, model)).toEqual([
      [BDBP, 'lead'],
      ['Ủy ban nhân dân huyện Ngọc Hồi', 'support'],
    ]);
    expect(deadlineWith(x, model)).toEqual(['2024-09', 'Quý III/2024']);
    const patrol = 'tuần tra song phương với lực lượng bảo vệ biên giới nước bạn';
    expect(rolesWith(x, patrol)).toEqual([
      [BDBP, 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(dutyWith(x, patrol).deadline).toBeNull();
    const spots = 'triệt xóa các điểm, tụ điểm mua bán';
    expect(rolesWith(x, spots)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Ủy ban nhân dân các huyện, thành phố', 'support'],
    ]);
    expect(deadlineWith(x, spots)).toEqual(['2024-10-31', 'Trước ngày 31/10/2024']);
    const files = 'Hoàn thiện hồ sơ quản lý người sử dụng trái phép';
    expect(rolesWith(x, files)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Y tế', 'support'],
      ['Sở Lao động - Thương binh và Xã hội', 'support'],
    ]);
    expect(deadlineWith(x, files)).toEqual(['2024-12', 'Quý IV/2024']);
  });

  it('"Điều 3. Chánh Văn phòng …, Giám đốc …, Chỉ huy trưởng …, Chủ tịch … chịu trách nhiệm thi hành" assigns the bodies of the heads it names', () => {
    const closing = agenciesMatching(d(), /chịu trách nhiệm thi hành Quyết định này/u);
    expect(closing).toEqual(
      expect.arrayContaining([
        'Văn phòng Ủy ban nhân dân tỉnh / assigned',
        'Công an tỉnh / assigned',
        `${BDBP} / assigned`,
        'Ủy ban nhân dân các huyện, thành phố / assigned',
      ]),
    );
    expect(closing.filter((a) => !a.endsWith(' / assigned'))).toEqual([]);
  });
});

describe('Báo cáo of a Ban Chỉ đạo 389, Hà Nam 2024 (what was done is reported; what comes next is assigned or asked)', () => {
  it("reads the committee's header and what it implements, and cites the decree it asks to amend without amending it", () => {
    const d = doc(REPORT);
    expect(d).toMatchObject({
      type: 'Báo cáo',
      symbol: '97/BC-BCĐ389',
      issuedAt: '2024-12-16',
      provinceName: 'Hà Nam',
    });
    expect(d.issuer).toMatch(/BAN CHỈ ĐẠO 389/u);
    expect(d.signer?.name).toBe('Phạm Hoàng Long');
    const plan = citationBySymbol(d, '14/KH-BCĐ389');
    expect(plan.relation).toBe('implements');
    expect(plan.issuedAt).toBe('2024-01-22');
    expect(citationBySymbol(d, '512/VPTT-TH').issuedAt).toBe('2024-11-05');
    // "Kiến nghị … tham mưu Chính phủ sửa đổi, bổ sung Nghị định số 98/2020/NĐ-CP": a proposal, not an amendment.
    const decree = citationBySymbol(d, '98/2020/NĐ-CP');
    expect(decree.relation).not.toBe('amends');
    expect(citationsWithSymbol(d, '97/BC-BCĐ389')).toEqual([]);
  });

  it('"I. KẾT QUẢ THỰC HIỆN" and "II. TỒN TẠI" narrate what was done: no agency there holds a duty', () => {
    const d = doc(REPORT);
    expect(
      agenciesMatching(
        d,
        /đã ban hành kế hoạch công tác|đã giao Công an tỉnh|đã chủ trì|bắt giữ 45 vụ|đã kiểm tra 318 vụ|đã phát hiện, bắt giữ 12 vụ|đã thanh tra|đã kiểm tra 420 cơ sở|đã chỉ đạo Ban Chỉ đạo 389 cấp huyện|đã đăng tải 146|đã tham mưu bố trí|đã phối hợp|có lúc chưa kịp thời/u,
      ),
    ).toEqual([]);
  });

  it('"III. PHƯƠNG HƯỚNG, NHIỆM VỤ": a lead with partners, a plain task with its quarter, a customs department that directs its branch', () => {
    const d = doc(REPORT);
    const peak =
      'Công an tỉnh chủ trì, phối hợp với Cục Quản lý thị trường tỉnh, Cục Thuế tỉnh mở đợt cao điểm';
    expect(rolesWith(d, peak)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Cục Quản lý thị trường tỉnh', 'support'],
      ['Cục Thuế tỉnh', 'support'],
    ]);
    expect(deadlineWith(d, peak)).toEqual(['2025-02-28', 'hoàn thành trước ngày 28/02/2025']);
    // "chuyển cơ quan Công an các vụ việc …": the police it hands cases to are no assignee.
    const online = 'Cục Quản lý thị trường tỉnh tăng cường kiểm tra';
    expect(rolesWith(d, online)).toEqual([['Cục Quản lý thị trường tỉnh', 'assigned']]);
    expect(deadlineWith(d, online)[0]).toBe('2025-06');
    expect(rolesWith(d, 'Cục Hải quan Hà Nam Ninh chỉ đạo')).toEqual([
      ['Cục Hải quan Hà Nam Ninh', 'assigned'],
    ]);
    const drugs = 'Sở Y tế phối hợp với Công an tỉnh';
    expect(rolesWith(d, drugs)).toEqual([
      ['Sở Y tế', 'support'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(deadlineWith(d, drugs)).toEqual(['2025-09-30', 'hoàn thành trước ngày 30/9/2025']);
  });

  it('"III." continued: the press as a partner, the districts directing their committees, a request to the courts, the standing body', () => {
    const d = doc(REPORT);
    const fair = 'Sở Công Thương chủ trì, phối hợp với Sở Thông tin và Truyền thông, Báo Hà Nam';
    expect(rolesWith(d, fair)).toEqual([
      ['Sở Công Thương', 'lead'],
      ['Sở Thông tin và Truyền thông', 'support'],
      ['Báo Hà Nam', 'support'],
    ]);
    expect(deadlineWith(d, fair)).toEqual(['2025-03', 'trong tháng 3/2025']);
    const districts = 'Ủy ban nhân dân các huyện, thị xã, thành phố chỉ đạo';
    expect(rolesWith(d, districts)).toEqual([['Ủy ban nhân dân các huyện, thị xã, thành phố', 'assigned']]);
    expect(deadlineWith(d, districts)).toEqual(['2025-06-30', 'hoàn thành trước ngày 30/6/2025']);
    expect(rolesWith(d, 'Đề nghị Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh')).toEqual([
      ['Viện kiểm sát nhân dân tỉnh', 'requested'],
      ['Tòa án nhân dân tỉnh', 'requested'],
      ['Công an tỉnh', 'support'],
    ]);
    const standing = 'Giao Cơ quan Thường trực Ban Chỉ đạo 389 tỉnh';
    expect(rolesWith(d, standing)).toEqual([['Cơ quan Thường trực Ban Chỉ đạo 389 tỉnh', 'assigned']]);
    expect(dutyWith(d, standing).deadline).toBeNull();
  });

  it('"IV. KIẾN NGHỊ, ĐỀ XUẤT" asks the ministries, the national committee and the province (the Government it would advise is no one)', () => {
    const d = doc(REPORT);
    expect(rolesWith(d, 'Đề nghị Bộ Công Thương')).toEqual([['Bộ Công Thương', 'requested']]);
    expect(rolesWith(d, 'Kiến nghị Ban Chỉ đạo 389 quốc gia')).toEqual([
      ['Ban Chỉ đạo 389 quốc gia', 'requested'],
    ]);
    expect(rolesWith(d, 'Đề nghị Bộ Tài chính, Bộ Y tế')).toEqual([
      ['Bộ Tài chính', 'requested'],
      ['Bộ Y tế', 'requested'],
    ]);
    expect(rolesWith(d, 'Đề xuất Ủy ban nhân dân tỉnh')).toEqual([['Ủy ban nhân dân tỉnh', 'requested']]);
  });

  it('names no other agency (the narrated results, the lead-in, the directed branch and committees, "Nơi nhận")', () => {
    expect(pairsOf(doc(REPORT))).toEqual(
      [
        'Công an tỉnh / lead',
        'Cục Quản lý thị trường tỉnh / support',
        'Cục Thuế tỉnh / support',
        'Cục Quản lý thị trường tỉnh / assigned',
        'Cục Hải quan Hà Nam Ninh / assigned',
        'Sở Y tế / support',
        'Công an tỉnh / support',
        'Sở Công Thương / lead',
        'Sở Thông tin và Truyền thông / support',
        'Báo Hà Nam / support',
        'Ủy ban nhân dân các huyện, thị xã, thành phố / assigned',
        'Viện kiểm sát nhân dân tỉnh / requested',
        'Tòa án nhân dân tỉnh / requested',
        'Cơ quan Thường trực Ban Chỉ đạo 389 tỉnh / assigned',
        'Bộ Công Thương / requested',
        'Ban Chỉ đạo 389 quốc gia / requested',
        'Bộ Tài chính / requested',
        'Bộ Y tế / requested',
        'Ủy ban nhân dân tỉnh / requested',
      ].sort(),
    );
  });
});

describe("a commune's Kế hoạch after the 2025 reform, Đắk Lắk 2026 (the commune's bodies, its villages, the Front)", () => {
  /** A village head stands for the villages: the body is what a "Trưởng …" heading assigns. */
  const village = (mention: string) => mention.replace(/^Trưởng\s+/u, '');

  it("reads the commune's header under the province's name and the provincial plan it implements", () => {
    const d = doc(COMMUNE);
    expect(d).toMatchObject({
      type: 'Kế hoạch',
      symbol: '42/KH-UBND',
      issuedAt: '2026-02-10',
      provinceName: 'Đắk Lắk',
      provinceInferred: false,
    });
    expect(d.issuer).toMatch(/XÃ HÒA LONG ĐÔNG/u);
    expect(d.signer?.name).toBe('Y Khiêm Niê');
    const provincial = citationBySymbol(d, '85/KH-UBND');
    expect(provincial.relation).toBe('implements');
    expect(provincial.issuedAt).toBe('2026-01-20');
    expect(provincial.key).toMatch(/^[a-z-]+:85-kh-ubnd:2026$/u);
    expect(provincial.key.startsWith(`${d.province}:`)).toBe(true);
    citationBySymbol(d, '07-NQ/ĐU');
    expect(citationsWithSymbol(d, '42/KH-UBND')).toEqual([]);
    // The purposes, targets and measures name no one.
    expect(agenciesMatching(d, /Kiềm chế, làm giảm|Phấn đấu 100%|Đẩy mạnh tuyên truyền, giáo dục/u)).toEqual(
      [],
    );
  });

  it('"1. Công an xã" alone on its line heads its bullets: lead with partners, the guided security teams, the standing body', () => {
    const d = doc(COMMUNE);
    const census = 'Chủ trì, phối hợp với Ban Chỉ huy Quân sự xã, Trạm Y tế xã';
    expect(rolesWith(d, census)).toEqual([
      ['Công an xã', 'lead'],
      ['Ban Chỉ huy Quân sự xã', 'support'],
      ['Trạm Y tế xã', 'support'],
    ]);
    expect(deadlineWith(d, census)).toEqual(['2026-03-31', 'hoàn thành trước ngày 31/3/2026']);
    // The commune's police, not the province's.
    const police = dutyWith(d, census).agencies[0]!;
    expect(police.province).toBe(d.province);
    expect(police.id).not.toBe(`${d.province}:cong-an-tinh`);
    expect(rolesWith(d, 'Tăng cường tuần tra, kiểm soát tại các khu vực giáp ranh')).toEqual([
      ['Công an xã', 'assigned'],
    ]);
    expect(rolesWith(d, 'Hướng dẫn Tổ bảo vệ an ninh, trật tự ở cơ sở')).toEqual([
      ['Công an xã', 'assigned'],
    ]);
    // The province's police it reports to is no assignee.
    const standing = 'Là cơ quan thường trực, giúp UBND xã';
    expect(rolesWith(d, standing)).toEqual([['Công an xã', 'lead']]);
    expect(deadlineWith(d, standing)).toEqual(['2026-12-05', 'trước ngày 05/12/2026']);
  });

  it("the commune's rooms, military command and health station: inline items and a heading over bullets", () => {
    const d = doc(COMMUNE);
    expect(rolesWith(d, 'tổ chức tuần tra, bảo đảm an ninh, trật tự trước, trong và sau')).toEqual([
      ['Ban Chỉ huy Quân sự xã', 'support'],
      ['Công an xã', 'support'],
    ]);
    const month = 'hưởng ứng Tháng hành động phòng, chống ma túy';
    expect(rolesWith(d, month)).toEqual([
      ['Phòng Văn hóa - Xã hội', 'lead'],
      ['Công an xã', 'support'],
    ]);
    // "(26/6)" is the International Day, not the deadline.
    expect(deadlineWith(d, month)).toEqual(['2026-06', 'trong tháng 6/2026']);
    const room = dutyWith(d, month).agencies[0]!;
    expect(room.name).toMatch(/Phòng Văn hóa - Xã hội/u);
    expect(room.name).not.toMatch(/^Sở/u);
    expect(rolesWith(d, 'Phối hợp với các trường học trên địa bàn')).toEqual([
      ['Phòng Văn hóa - Xã hội', 'support'],
      ['các trường học trên địa bàn', 'support'],
    ]);
    const crops = 'Phòng Kinh tế chủ trì';
    expect(rolesWith(d, crops)).toEqual([
      ['Phòng Kinh tế', 'lead'],
      ['Công an xã', 'support'],
      ['Ban Chỉ huy Quân sự xã', 'support'],
    ]);
    expect(deadlineWith(d, crops)).toEqual(['2026-04-30', 'hoàn thành trước ngày 30/4/2026']);
    expect(rolesWith(d, 'xác định tình trạng nghiện ma túy')).toEqual([
      ['Trạm Y tế xã', 'support'],
      ['Công an xã', 'support'],
    ]);
  });

  it('"6. Trưởng các thôn, tổ dân phố" heads two bullets; "7. Các thôn, tổ dân phố …" is the villages\' own task', () => {
    const d = doc(COMMUNE);
    const heads = (phrase: string) => rolesWith(d, phrase).map(([m, r]) => [village(m!), r]);
    expect(heads('vận động Nhân dân tích cực tố giác')).toEqual([['các thôn, tổ dân phố', 'assigned']]);
    expect(heads('quản lý người sử dụng trái phép chất ma túy, người sau cai nghiện ma túy cư trú')).toEqual([
      ['các thôn, tổ dân phố', 'support'],
      ['Công an xã', 'support'],
    ]);
    // The commune's committee and police the registration goes to are no assignees.
    const model = 'đăng ký xây dựng mô hình';
    expect(rolesWith(d, model)).toEqual([['Các thôn, tổ dân phố', 'assigned']]);
    expect(deadlineWith(d, model)).toEqual(['2026-03-15', 'trước ngày 15/3/2026']);
  });

  it('"8. Văn phòng HĐND và UBND xã …" and "9. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã …"; no other agency is named', () => {
    const d = doc(COMMUNE);
    const office = 'Văn phòng HĐND và UBND xã theo dõi';
    expect(rolesWith(d, office)).toEqual([['Văn phòng HĐND và UBND xã', 'assigned']]);
    expect(deadlineWith(d, office)).toEqual(['2026-07', 'trong tháng 7/2026']);
    // The socio-political organisations it directs are no assignees.
    expect(rolesWith(d, 'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã')).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam xã', 'requested'],
      ['Công an xã', 'support'],
    ]);
    expect(
      [
        ...new Set(
          pairsExcept(d, /nghiêm túc triển khai thực hiện/u).map((x) => x.replace(/^Trưởng\s+/u, '')),
        ),
      ].sort(),
    ).toEqual(
      [
        'Công an xã / lead',
        'Ban Chỉ huy Quân sự xã / support',
        'Trạm Y tế xã / support',
        'Công an xã / assigned',
        'Công an xã / support',
        'Phòng Văn hóa - Xã hội / lead',
        'Phòng Văn hóa - Xã hội / assigned',
        'Phòng Văn hóa - Xã hội / support',
        'các trường học trên địa bàn / support',
        'Phòng Kinh tế / lead',
        'các thôn, tổ dân phố / assigned',
        'các thôn, tổ dân phố / support',
        'Các thôn, tổ dân phố / assigned',
        'Văn phòng HĐND và UBND xã / assigned',
        'Ủy ban Mặt trận Tổ quốc Việt Nam xã / requested',
      ].sort(),
    );
  });
});
