/**
 * Generalization, fifteenth set (round 19): four synthetic documents (marked as samples) in file formats and
 * structures the other sets lack — an OpenDocument text built here with jszip (Bình Thuận, 2024: a Kế hoạch on drug
 * prevention whose two-column header and signature are ODF tables, whose agency items are an automatically numbered
 * `text:list` continued after a soft page break, with a footnote (`text:note`) inside a task and an assignment table
 * whose merged cells are `table:covered-table-cell`s); a workbook built here with exceljs (Long An, 2024): a
 * standalone "PHỤ LỤC / PHÂN CÔNG NHIỆM VỤ" published as its own file, title rows merged across, "(Kèm theo Kế hoạch
 * số …)", group rows merged across, lead and deadline cells merged down, partners on lines of one cell and a real
 * Excel date as a deadline; a Kế hoạch in text (Thái Bình, 2024) whose tasks sit three levels down a decimal
 * numbering ("1.2.1. Sở Thông tin và Truyền thông" over "+" lines) and whose "IV. TỔ CHỨC THỰC HIỆN" assigns by
 * un-numbered "Giao …" sentences with "trước ngày 15/12 hằng năm"; a customs portal's copy (Sơn La, 2025, after the
 * customs reorganisation) of a Công văn of "CHI CỤC HẢI QUAN KHU VỰC IX" under "CỤC HẢI QUAN", whose items are an HTML
 * `<ol>` (numbers not in the text) over `<ul>` and `<ol type="a">` items, tasking its own customs points and teams
 * and requesting the province's border guard and police, with a "Nơi nhận" list and related links. Written before the
 * rules; each expectation is what a reader of the document would say.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
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
  pairsOf,
  rolesWith,
  spanMismatches,
  unseenSet,
} from './support/extract-helpers.js';

const PLAN = 'thai-binh-kh-so-thap-phan.txt';
const CUSTOMS = 'son-la-hq-cv-cong-ttdt.html';
const ODT = 'binh-thuan-kh-ma-tuy.odt';
const XLSX = 'long-an-phu-luc-phan-cong.xlsx';

const doc = unseenSet([PLAN, CUSTOMS]);

const SAMPLE = 'MẪU / SAMPLE — văn bản giả lập để kiểm thử, không phải văn bản thật';
const BDBP = 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh';
const LDTBXH = 'Sở Lao động - Thương binh và Xã hội';

// ---------------------------------------------------------------- the Bình Thuận OpenDocument text

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const p = (inner: string, style?: string) =>
  `<text:p${style ? ` text:style-name="${style}"` : ''}>${inner}</text:p>`;
/** A paragraph of plain text. */
const para = (text: string, style?: string) => p(esc(text), style);
const bold = (text: string) => `<text:span text:style-name="T1">${esc(text)}</text:span>`;
/** LibreOffice splits runs by editing session (rsid): spans that carry no formatting a reader sees. */
const run = (text: string) => `<text:span text:style-name="T2">${esc(text)}</text:span>`;
const heading = (text: string) => `<text:h text:style-name="P3" text:outline-level="2">${esc(text)}</text:h>`;
const item = (...children: string[]) => `<text:list-item>${children.join('')}</text:list-item>`;
const bullets = (...texts: string[]) => `<text:list>${texts.map((t) => item(p(t))).join('')}</text:list>`;
const footnote = (n: number, text: string) =>
  `<text:note text:id="ftn${n}" text:note-class="footnote"><text:note-citation>${n}</text:note-citation>` +
  `<text:note-body>${para(text, 'Footnote')}</text:note-body></text:note>`;
const cell = (texts: string[], attrs = '') =>
  `<table:table-cell table:style-name="A1" office:value-type="string"${attrs}>${texts.map((t) => para(t)).join('')}</table:table-cell>`;
const COVERED = '<table:covered-table-cell/>';
const row = (...cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;
const group = (text: string) => row(cell([text], ' table:number-columns-spanned="5"'), COVERED.repeat(4));

const ODT_HEADER = `<table:table table:name="Header">
<table:table-column table:number-columns-repeated="2"/>
${row(
  `<table:table-cell office:value-type="string">${p(bold('ỦY BAN NHÂN DÂN'), 'P1')}${p(bold('TỈNH BÌNH THUẬN'), 'P1')}${p('Số: <text:s/>118/KH-UBND', 'P1')}</table:table-cell>`,
  `<table:table-cell office:value-type="string">${p(bold('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), 'P1')}${p(bold('Độc lập - Tự do - Hạnh phúc'), 'P1')}${para('Bình Thuận, ngày 22 tháng 5 năm 2024', 'P2')}</table:table-cell>`,
)}
</table:table>`;

const ODT_TABLE = `<table:table table:name="PhanCong">
<table:table-column table:number-columns-repeated="5"/>
<table:table-header-rows>${row(
  ...['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện'].map((h) => cell([h])),
)}</table:table-header-rows>
${group('A. CÔNG TÁC PHÒNG NGỪA')}
${row(
  cell(['1']),
  cell(['Xây dựng mô hình "Xã, phường, thị trấn không ma túy" tại 05 xã điểm']),
  cell(['Công an tỉnh'], ' table:number-rows-spanned="2"'),
  cell(['Ủy ban nhân dân các huyện, thị xã, thành phố']),
  cell(['Quý II/2024']),
)}
${row(
  cell(['2']),
  cell(['Tập huấn kỹ năng phát hiện học sinh sử dụng trái phép chất ma túy cho cán bộ y tế trường học']),
  COVERED,
  cell(['Sở Giáo dục và Đào tạo']),
  cell(['Tháng 8/2024']),
)}
${group('B. CÔNG TÁC CAI NGHIỆN VÀ QUẢN LÝ SAU CAI NGHIỆN')}
${row(
  cell(['3']),
  cell(['Điều tra, khảo sát số người nghiện ma túy ngoài cộng đồng']),
  cell([LDTBXH]),
  cell(['Công an tỉnh;', 'Sở Y tế']),
  cell(['Trước ngày 15/10/2024']),
)}
${row(
  cell(['4']),
  cell(['Bố trí kinh phí thực hiện Kế hoạch']),
  cell(['Sở Tài chính']),
  cell([LDTBXH]),
  cell(['Tháng 7/2024']),
)}
</table:table>`;

const ODT_SIGNATURE = `<table:table table:name="Signature">
<table:table-column table:number-columns-repeated="2"/>
${row(
  cell([
    'Nơi nhận:',
    '- Bộ Công an (C04);',
    '- Thường trực Tỉnh ủy;',
    '- Thường trực HĐND tỉnh;',
    '- Chủ tịch, các PCT UBND tỉnh;',
    '- Các sở, ban, ngành tỉnh;',
    '- UBND các huyện, thị xã, thành phố;',
    '- Lưu: VT, NC.',
  ]),
  cell(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', '', '', 'Nguyễn Hữu Phước']),
)}
</table:table>`;

const ODT_BODY = [
  para(SAMPLE),
  ODT_HEADER,
  p(bold('KẾ HOẠCH'), 'P1'),
  p(
    bold('Triển khai công tác phòng, chống và kiểm soát ma túy') +
      '<text:line-break/>' +
      bold('trên địa bàn tỉnh Bình Thuận năm 2024'),
    'P1',
  ),
  para('Căn cứ Luật Phòng, chống ma túy ngày 30 tháng 3 năm 2021;'),
  para(
    'Căn cứ Nghị định số 105/2021/NĐ-CP ngày 04 tháng 12 năm 2021 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Phòng, chống ma túy;',
  ),
  para(
    'Thực hiện Kế hoạch số 57/KH-BCA-C04 ngày 15 tháng 02 năm 2024 của Bộ Công an về triển khai công tác phòng, chống ma túy năm 2024, Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai công tác phòng, chống và kiểm soát ma túy trên địa bàn tỉnh năm 2024 như sau:',
  ),
  heading('I. MỤC ĐÍCH, YÊU CẦU'),
  `<text:list text:style-name="L2">${item(
    para(
      'Triển khai đồng bộ, quyết liệt các giải pháp phòng, chống ma túy; nâng cao vai trò, trách nhiệm của các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố trong công tác phòng, chống và kiểm soát ma túy.',
    ),
  )}${item(
    para(
      'Phấn đấu giảm ít nhất 5% số người sử dụng trái phép chất ma túy có hồ sơ quản lý so với năm 2023; 100% xã, phường, thị trấn được phân loại theo tiêu chí về ma túy.',
    ),
  )}</text:list>`,
  heading('II. NHIỆM VỤ CỤ THỂ'),
  // Items 1–4: the numbers "1." … "4." come from the list style L1, not from the text.
  `<text:list xml:id="list1" text:style-name="L1">${[
    item(
      p(`${bold('Công an tỉnh')}:`),
      bullets(
        esc(
          'Chủ trì, phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh mở đợt cao điểm tấn công, trấn áp tội phạm ma túy trên tuyến biển và tại các khu du lịch ven biển Mũi Né, Hàm Tiến; hoàn thành trước ngày 31/7/2024.',
        ),
        esc(
          'Chỉ đạo Công an các huyện, thị xã, thành phố rà soát, lập hồ sơ quản lý người sử dụng trái phép chất ma túy trên địa bàn.',
        ),
        esc('Tổng hợp, báo cáo kết quả thực hiện Kế hoạch về Ủy ban nhân dân tỉnh trước ngày 10/12/2024.'),
      ),
    ),
    item(
      p(
        `${bold('Bộ Chỉ huy Bộ đội Biên phòng tỉnh')} chủ trì, phối hợp với Công an tỉnh, Sở Nông nghiệp và Phát triển nông thôn kiểm soát chặt chẽ tàu cá ra vào các cảng Phan Thiết, La Gi, Phú Quý; kịp thời phát hiện, thu gom ma túy trôi dạt vào bờ biển; thực hiện trong Quý III/2024.`,
      ),
    ),
    item(
      p(`${bold(LDTBXH)}:`),
      bullets(
        `Chủ trì, phối ${run('hợp')} với ${run('Sở ')}Y tế, Ủy ban nhân dân các huyện, thị xã, thành phố triển khai cai nghiện ma túy tự nguyện tại gia đình, cộng đồng${footnote(
          1,
          'Theo Nghị định số 116/2021/NĐ-CP ngày 21 tháng 12 năm 2021 của Chính phủ quy định chi tiết một số điều của Luật Phòng, chống ma túy về cai nghiện ma túy và quản lý sau cai nghiện ma túy.',
        )}.`,
        esc('Nâng cấp Cơ sở cai nghiện ma túy tỉnh; hoàn thành trong tháng 11/2024.'),
      ),
    ),
    item(
      p(
        `${bold('Sở Y tế')}: hướng dẫn các cơ sở y tế xác định tình trạng nghiện ma túy; mở rộng điều trị nghiện các chất dạng thuốc phiện bằng thuốc Methadone tại Trung tâm Y tế các huyện.`,
      ),
    ),
  ].join('')}</text:list>`,
  '<text:soft-page-break/>',
  // Items 5–7: a second list that continues the numbering of the first ("5.", "6.", "7.").
  `<text:list xml:id="list2" text:continue-list="list1" text:style-name="L1">${[
    item(
      p(`${bold('Sở Giáo dục và Đào tạo, Sở Thông tin và Truyền thông')}:`),
      bullets(
        esc(
          'Tổ chức tuyên truyền phòng, chống ma túy trong trường học, trên các phương tiện thông tin đại chúng và mạng xã hội.',
        ),
      ),
    ),
    item(
      p(`${bold('Ủy ban nhân dân các huyện, thị xã, thành phố')}:`),
      bullets(
        esc(
          'Chỉ đạo Ủy ban nhân dân các xã, phường, thị trấn rà soát, phân loại xã, phường, thị trấn theo tiêu chí về ma túy; hoàn thành trước ngày 30/9/2024.',
        ),
      ),
    ),
    item(
      para(
        'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Liên hiệp Phụ nữ tỉnh đẩy mạnh tuyên truyền, vận động Nhân dân tích cực tham gia phòng, chống ma túy tại cộng đồng dân cư.',
      ),
    ),
  ].join('')}</text:list>`,
  heading('III. PHÂN CÔNG THỰC HIỆN'),
  para('Các nhiệm vụ trọng tâm được phân công theo bảng sau:'),
  ODT_TABLE,
  heading('IV. TỔ CHỨC THỰC HIỆN'),
  para(
    'Yêu cầu Thủ trưởng các sở, ban, ngành tỉnh, Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố triển khai thực hiện nghiêm túc Kế hoạch này./.',
  ),
  ODT_SIGNATURE,
].join('\n');

const ODF = {
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  fo: 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0',
};

const CONTENT_XML = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="${ODF.office}" xmlns:style="${ODF.style}" xmlns:text="${ODF.text}" xmlns:table="${ODF.table}" xmlns:fo="${ODF.fo}" office:version="1.3">
<office:automatic-styles>
<style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
<style:style style:name="P2" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="P3" style:family="paragraph"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="T2" style:family="text"><style:text-properties/></style:style>
<style:style style:name="A1" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000"/></style:style>
<text:list-style style:name="L1">
<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
<text:list-level-style-bullet text:level="2" text:bullet-char="-"/>
</text:list-style>
<text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="-"/></text:list-style>
</office:automatic-styles>
<office:body><office:text>
${ODT_BODY}
</office:text></office:body>
</office:document-content>
`;

const MANIFEST_XML = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
`;

/** A minimal ODF package: "mimetype" first and stored uncompressed, then the manifest and the content. */
function binhThuanOdt(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
  zip.file('META-INF/manifest.xml', MANIFEST_XML, { createFolders: false });
  zip.file('content.xml', CONTENT_XML);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('Kế hoạch as an OpenDocument text, Bình Thuận 2024 (ODF tables, an automatic list continued after a page break, a footnote)', () => {
  const built = builtDocument(ODT, binhThuanOdt);
  const d = built.doc;

  it('is read whole, every span holds', () => {
    const bundle = built.bundle();
    expect(bundle.errors).toEqual([]);
    expect(bundle.documents).toHaveLength(1);
    expect(spanMismatches(bundle)).toEqual([]);
    expect(d().duties.length).toBeGreaterThan(0);
  });

  it('reads the two-column header table, the subject over a line break, the signer, and its bases', () => {
    const x = d();
    expect(x).toMatchObject({
      type: 'Kế hoạch',
      symbol: '118/KH-UBND',
      number: '118',
      issuedAt: '2024-05-22',
      provinceName: 'Bình Thuận',
      provinceInferred: false,
    });
    expect(x.issuer).toMatch(/ỦY BAN NHÂN DÂN/u);
    expect(x.issuer).toMatch(/TỈNH BÌNH THUẬN/u);
    expect(x.issuer).not.toMatch(/CỘNG HÒA|Độc lập/u);
    expect(x.subject).toMatch(
      /^Triển khai công tác phòng, chống và kiểm soát ma túy\s+trên địa bàn tỉnh Bình Thuận năm 2024$/u,
    );
    expect(x.signer?.name).toBe('Nguyễn Hữu Phước');
    expect(citationByName(x, 'Luật', 'Phòng, chống ma túy').relation).toBe('basis');
    const decree = citationBySymbol(x, '105/2021/NĐ-CP');
    expect(decree.relation).toBe('basis');
    expect(decree.issuedAt).toBe('2021-12-04');
    const ministry = citationBySymbol(x, '57/KH-BCA-C04');
    expect(ministry.relation).toBe('implements');
    expect(ministry.issuedAt).toBe('2024-02-15');
    expect(ministry.key.startsWith('vn:')).toBe(true);
    expect(citationsWithSymbol(x, '118/KH-UBND')).toEqual([]);
  });

  it('items 1–4 are numbered by the list style: "1. Công an tỉnh:" heads its "-" bullets, item 2 leads inline', () => {
    const x = d();
    const raid = 'mở đợt cao điểm tấn công, trấn áp tội phạm ma túy trên tuyến biển';
    expect(rolesWith(x, raid)).toEqual([
      ['Công an tỉnh', 'lead'],
      [BDBP, 'support'],
    ]);
    expect(deadlineWith(x, raid)).toEqual(['2024-07-31', 'hoàn thành trước ngày 31/7/2024']);
    expect(dutyWith(x, raid).path).toMatch(/(?:^|> )II > 1\.?#1$/u);
    // The district police it directs are no assignees; the committee reported to is no one.
    expect(rolesWith(x, 'Chỉ đạo Công an các huyện, thị xã, thành phố rà soát')).toEqual([
      ['Công an tỉnh', 'assigned'],
    ]);
    const report = 'Tổng hợp, báo cáo kết quả thực hiện Kế hoạch về Ủy ban nhân dân tỉnh';
    expect(rolesWith(x, report)).toEqual([['Công an tỉnh', 'assigned']]);
    expect(deadlineWith(x, report)[0]).toBe('2024-12-10');
    const boats = 'kiểm soát chặt chẽ tàu cá ra vào các cảng Phan Thiết';
    expect(rolesWith(x, boats)).toEqual([
      [BDBP, 'lead'],
      ['Công an tỉnh', 'support'],
      ['Sở Nông nghiệp và Phát triển nông thôn', 'support'],
    ]);
    expect(deadlineWith(x, boats)[0]).toBe('2024-09');
    expect(dutyWith(x, boats).path).toMatch(/(?:^|> )II > 2\.?$/u);
  });

  it('item 3: a name split across two runs ("Sở " + "Y tế") is one partner, and the footnote is a citation, not part of the task', () => {
    const x = d();
    const rehab = 'triển khai cai nghiện ma túy tự nguyện tại gia đình, cộng đồng';
    expect(rolesWith(x, rehab)).toEqual([
      [LDTBXH, 'lead'],
      ['Sở Y tế', 'support'],
      ['Ủy ban nhân dân các huyện, thị xã, thành phố', 'support'],
    ]);
    expect(shownText(dutyWith(x, rehab))).not.toMatch(/Nghị định số 116|quản lý sau cai nghiện/u);
    const decree = citationBySymbol(x, '116/2021/NĐ-CP');
    expect(decree.relation).toBe('footnote');
    expect(decree.issuedAt).toBe('2021-12-21');
    const upgrade = 'Nâng cấp Cơ sở cai nghiện ma túy tỉnh';
    expect(rolesWith(x, upgrade)).toEqual([[LDTBXH, 'assigned']]);
    expect(deadlineWith(x, upgrade)[0]).toBe('2024-11');
    // "4. Sở Y tế: …" inline after the colon; the health centres are where the treatment is given.
    expect(rolesWith(x, 'xác định tình trạng nghiện ma túy')).toEqual([['Sở Y tế', 'assigned']]);
  });

  it('after the soft page break the continued list goes on at 5., 6., 7.; "7. Đề nghị …" requests the Front and the Women\'s Union', () => {
    const x = d();
    const media = 'Tổ chức tuyên truyền phòng, chống ma túy trong trường học';
    expect(rolesWith(x, media)).toEqual([
      ['Sở Giáo dục và Đào tạo', 'assigned'],
      ['Sở Thông tin và Truyền thông', 'assigned'],
    ]);
    // An item gives its path "#1", "#2" … only when it holds several duties (as in every other set): its one bullet
    // takes the item's own path (written "#1" first).
    expect(dutyWith(x, media).path).toMatch(/(?:^|> )II > 5\.?(?:#1)?$/u);
    const communes = 'phân loại xã, phường, thị trấn theo tiêu chí về ma túy';
    expect(rolesWith(x, communes)).toEqual([['Ủy ban nhân dân các huyện, thị xã, thành phố', 'assigned']]);
    expect(deadlineWith(x, communes)[0]).toBe('2024-09-30');
    expect(dutyWith(x, communes).path).toMatch(/(?:^|> )II > 6\.?(?:#1)?$/u);
    const front = 'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh';
    expect(rolesWith(x, front)).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
      ['Hội Liên hiệp Phụ nữ tỉnh', 'requested'],
    ]);
    expect(dutyWith(x, front).path).toMatch(/(?:^|> )II > 7\.?$/u);
  });

  it('the assignment table: a lead cell spanning two rows (a covered cell below it), group rows that are no tasks', () => {
    const x = d();
    const model = 'Xây dựng mô hình "Xã, phường, thị trấn không ma túy"';
    expect(rolesWith(x, model)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Ủy ban nhân dân các huyện, thị xã, thành phố', 'support'],
    ]);
    expect(deadlineWith(x, model)).toEqual(['2024-06', 'Quý II/2024']);
    const training = 'Tập huấn kỹ năng phát hiện học sinh';
    expect(rolesWith(x, training)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Giáo dục và Đào tạo', 'support'],
    ]);
    expect(deadlineWith(x, training)).toEqual(['2024-08', 'Tháng 8/2024']);
    const lead = dutyWith(x, training).agencies[0]!;
    expect(lead.span && x.text.slice(...lead.span)).toBe('Công an tỉnh');
    const survey = 'Điều tra, khảo sát số người nghiện ma túy ngoài cộng đồng';
    expect(rolesWith(x, survey)).toEqual([
      [LDTBXH, 'lead'],
      ['Công an tỉnh', 'support'],
      ['Sở Y tế', 'support'],
    ]);
    expect(deadlineWith(x, survey)).toEqual(['2024-10-15', 'Trước ngày 15/10/2024']);
    expect(rolesWith(x, 'Bố trí kinh phí thực hiện Kế hoạch')).toEqual([
      ['Sở Tài chính', 'lead'],
      [LDTBXH, 'support'],
    ]);
    expect(
      x.duties.filter((y) => /CÔNG TÁC PHÒNG NGỪA|CAI NGHIỆN VÀ QUẢN LÝ|Cơ quan chủ trì/u.test(y.text)),
    ).toEqual([]);
  });

  it('purposes, the target and the "Nơi nhận" cell name no duty holder; these are all its pairs', () => {
    const x = d();
    expect(
      agenciesMatching(
        x,
        /Triển khai đồng bộ, quyết liệt|Phấn đấu giảm ít nhất|Nơi nhận|Lưu: VT|Thường trực Tỉnh ủy/u,
      ),
    ).toEqual([]);
    expect(pairsExcept(x, /Yêu cầu Thủ trưởng các sở/u)).toEqual(
      [
        'Công an tỉnh / lead',
        `${BDBP} / support`,
        'Công an tỉnh / assigned',
        `${BDBP} / lead`,
        'Công an tỉnh / support',
        'Sở Nông nghiệp và Phát triển nông thôn / support',
        `${LDTBXH} / lead`,
        'Sở Y tế / support',
        'Ủy ban nhân dân các huyện, thị xã, thành phố / support',
        `${LDTBXH} / assigned`,
        'Sở Y tế / assigned',
        'Sở Giáo dục và Đào tạo / assigned',
        'Sở Thông tin và Truyền thông / assigned',
        'Ủy ban nhân dân các huyện, thị xã, thành phố / assigned',
        'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh / requested',
        'Hội Liên hiệp Phụ nữ tỉnh / requested',
        'Sở Giáo dục và Đào tạo / support',
        'Sở Tài chính / lead',
        `${LDTBXH} / support`,
      ].sort(),
    );
  });
});

// ---------------------------------------------------------------- the Long An workbook

const XLSX_COLUMNS = [
  'STT',
  'Nội dung nhiệm vụ',
  'Cơ quan chủ trì',
  'Cơ quan phối hợp',
  'Thời gian hoàn thành',
  'Sản phẩm',
];

/** A standalone appendix as a province publishes it beside the plan: one sheet, merged titles, merged cells. */
async function longAnXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Văn phòng UBND tỉnh Long An';
  wb.description = SAMPLE;
  const ws = wb.addWorksheet('Phụ lục');
  ws.columns = [{ width: 6 }, { width: 50 }, { width: 28 }, { width: 30 }, { width: 18 }, { width: 28 }];
  const center = { horizontal: 'center', vertical: 'middle', wrapText: true } as const;
  const across = (r: number, value: string, bold = false, italic = false) => {
    ws.mergeCells(`A${r}:F${r}`);
    const c = ws.getCell(`A${r}`);
    c.value = value;
    c.font = { bold, italic };
    c.alignment = center;
  };
  ws.getCell('A1').value = SAMPLE;
  across(2, 'PHỤ LỤC', true);
  across(
    3,
    'PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH PHÒNG, CHỐNG BUÔN LẬU, VẬN CHUYỂN TRÁI PHÉP HÀNG HÓA QUA BIÊN GIỚI NĂM 2024',
    true,
  );
  across(
    4,
    '(Kèm theo Kế hoạch số 143/KH-UBND ngày 12 tháng 4 năm 2024 của Ủy ban nhân dân tỉnh Long An)',
    false,
    true,
  );
  XLSX_COLUMNS.forEach((h, i) => {
    const c = ws.getRow(6).getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = center;
  });
  const task = (r: number, values: (string | number | Date | null)[]) =>
    values.forEach((v, i) => {
      if (v === null) return; // a cell under a vertical merge
      const c = ws.getRow(r).getCell(i + 1);
      c.value = v;
      c.alignment = { vertical: 'middle', wrapText: true };
    });
  across(7, 'I. CÔNG TÁC TUYÊN TRUYỀN, VẬN ĐỘNG', true);
  task(8, [
    1,
    'Tuyên truyền trên các phương tiện thông tin đại chúng về thủ đoạn buôn lậu, vận chuyển hàng cấm qua biên giới',
    'Sở Thông tin và Truyền thông',
    'Báo Long An; Đài Phát thanh và Truyền hình Long An',
    'Quý II/2024',
    'Chuyên trang, chuyên mục',
  ]);
  task(9, [
    2,
    'Tuyên truyền, vận động Nhân dân khu vực biên giới không tiếp tay, vận chuyển hàng lậu thuê',
    null,
    'Ủy ban nhân dân các huyện, thị xã biên giới',
    'Thường xuyên',
    'Hội nghị tuyên truyền tại ấp, khu phố',
  ]);
  ws.mergeCells('C8:C9');
  across(10, 'II. CÔNG TÁC TUẦN TRA, KIỂM SOÁT', true);
  task(11, [
    3,
    'Tuần tra, kiểm soát các đường mòn, lối mở, tuyến sông khu vực biên giới',
    BDBP,
    '- Công an tỉnh\n- Cục Hải quan tỉnh',
    'Thường xuyên',
    'Báo cáo kết quả hằng tháng',
  ]);
  task(12, [
    4,
    'Kiểm soát người, phương tiện xuất cảnh, nhập cảnh qua cửa khẩu quốc tế Bình Hiệp',
    null,
    'Cục Hải quan tỉnh',
    null,
    'Sổ theo dõi xuất nhập cảnh',
  ]);
  task(13, [
    5,
    'Mở đợt cao điểm đấu tranh với hoạt động buôn lậu thuốc lá điếu, đường cát qua biên giới',
    null,
    'Công an tỉnh; Cục Quản lý thị trường tỉnh',
    'Quý IV/2024',
    'Báo cáo kết quả đợt cao điểm',
  ]);
  ws.mergeCells('C11:C13');
  ws.mergeCells('E11:E12');
  across(14, 'III. CÔNG TÁC KIỂM TRA THỊ TRƯỜNG VÀ XỬ LÝ VI PHẠM', true);
  task(15, [
    6,
    'Kiểm tra hàng hóa tại chợ, cửa hàng, kho bãi khu vực biên giới',
    'Cục Quản lý thị trường tỉnh',
    'Sở Công Thương',
    new Date(Date.UTC(2024, 8, 30)),
    'Biên bản kiểm tra',
  ]);
  ws.getCell('E15').numFmt = 'dd/mm/yyyy';
  task(16, [
    7,
    'Điều tra, xử lý nghiêm các vụ buôn lậu có dấu hiệu tội phạm',
    'Công an tỉnh',
    `${BDBP};\nCục Hải quan tỉnh`,
    'Thường xuyên',
    'Hồ sơ vụ án',
  ]);
  across(17, 'IV. CÔNG TÁC TỔNG HỢP, BÁO CÁO', true);
  task(18, [
    8,
    'Tổng hợp, báo cáo kết quả thực hiện Kế hoạch',
    'Sở Công Thương',
    `Công an tỉnh; ${BDBP}; Cục Hải quan tỉnh; Cục Quản lý thị trường tỉnh`,
    'Trước ngày 15/12/2024',
    'Báo cáo gửi Ủy ban nhân dân tỉnh và Ban Chỉ đạo 389 quốc gia',
  ]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('a standalone appendix as an Excel workbook, Long An 2024 (merged titles, group rows, cells merged down)', () => {
  const built = builtDocument(XLSX, longAnXlsx);
  const d = built.doc;

  it('is read whole, every span holds, and each task row is one duty in the order of the sheet', () => {
    const bundle = built.bundle();
    expect(bundle.errors).toEqual([]);
    expect(bundle.documents).toHaveLength(1);
    expect(spanMismatches(bundle)).toEqual([]);
    expect(d().duties.map((x) => shownText(x).slice(0, 24))).toEqual([
      'Tuyên truyền trên các ph',
      'Tuyên truyền, vận động N',
      'Tuần tra, kiểm soát các ',
      'Kiểm soát người, phương ',
      'Mở đợt cao điểm đấu tran',
      'Kiểm tra hàng hóa tại ch',
      'Điều tra, xử lý nghiêm c',
      'Tổng hợp, báo cáo kết qu',
    ]);
  });

  // The file has no header of its own: it is the appendix of Kế hoạch 143/KH-UBND and a reader files it under that
  // plan. So its number, symbol, type, date, issuer and province are the plan's, taken from the "(Kèm theo …)" line,
  // and that line is no citation of another document (the appendix does not cite itself). Its key is the plan's
  // key (a suffix for the appendix part is acceptable), so the plan's body, ingested later, is the same document.
  it('takes its identity from "(Kèm theo Kế hoạch số 143/KH-UBND ngày … của Ủy ban nhân dân tỉnh Long An)"', () => {
    const x = d();
    expect(x).toMatchObject({
      type: 'Kế hoạch',
      number: '143',
      symbol: '143/KH-UBND',
      issuedAt: '2024-04-12',
      provinceName: 'Long An',
    });
    expect(x.issuer).toMatch(/Ủy ban nhân dân tỉnh Long An/iu);
    expect(x.id).toMatch(/^long-an:143-kh-ubnd:2024/u);
    expect(x.subject).toMatch(/buôn lậu, vận chuyển trái phép hàng hóa qua biên giới/iu);
    expect(citationsWithSymbol(x, '143/KH-UBND')).toEqual([]);
    // The title rows, the column header and the group rows are no tasks.
    expect(
      x.duties.filter((y) =>
        /PHỤ LỤC|PHÂN CÔNG NHIỆM VỤ|Kèm theo|Nội dung nhiệm vụ|^\s*[IV]+\.\s*CÔNG TÁC/u.test(y.text),
      ),
    ).toEqual([]);
  });

  it('a lead cell merged down gives every row under it that lead, each row keeping its own partners', () => {
    const x = d();
    expect(rolesWith(x, 'Tuyên truyền, vận động Nhân dân khu vực biên giới')).toEqual([
      ['Sở Thông tin và Truyền thông', 'lead'],
      ['Ủy ban nhân dân các huyện, thị xã biên giới', 'support'],
    ]);
    expect(rolesWith(x, 'Kiểm soát người, phương tiện xuất cảnh, nhập cảnh')).toEqual([
      [BDBP, 'lead'],
      ['Cục Hải quan tỉnh', 'support'],
    ]);
    const peak = 'Mở đợt cao điểm đấu tranh với hoạt động buôn lậu thuốc lá điếu';
    expect(rolesWith(x, peak)).toEqual([
      [BDBP, 'lead'],
      ['Công an tỉnh', 'support'],
      ['Cục Quản lý thị trường tỉnh', 'support'],
    ]);
    const lead = dutyWith(x, peak).agencies[0]!;
    expect(lead.span && x.text.slice(...lead.span)).toBe(BDBP);
  });

  it('partners on lines of one cell ("- X" / "- Y", "X;" / "Y") and separated by ";" are each a partner', () => {
    const x = d();
    expect(rolesWith(x, 'Tuyên truyền trên các phương tiện thông tin đại chúng')).toEqual([
      ['Sở Thông tin và Truyền thông', 'lead'],
      ['Báo Long An', 'support'],
      ['Đài Phát thanh và Truyền hình Long An', 'support'],
    ]);
    expect(rolesWith(x, 'Tuần tra, kiểm soát các đường mòn, lối mở')).toEqual([
      [BDBP, 'lead'],
      ['Công an tỉnh', 'support'],
      ['Cục Hải quan tỉnh', 'support'],
    ]);
    expect(rolesWith(x, 'Điều tra, xử lý nghiêm các vụ buôn lậu')).toEqual([
      ['Công an tỉnh', 'lead'],
      [BDBP, 'support'],
      ['Cục Hải quan tỉnh', 'support'],
    ]);
    expect(rolesWith(x, 'Tổng hợp, báo cáo kết quả thực hiện Kế hoạch')).toEqual([
      ['Sở Công Thương', 'lead'],
      ['Công an tỉnh', 'support'],
      [BDBP, 'support'],
      ['Cục Hải quan tỉnh', 'support'],
      ['Cục Quản lý thị trường tỉnh', 'support'],
    ]);
  });

  it('deadlines: a quarter, "Thường xuyên" merged over two rows, a date typed as an Excel date, "Trước ngày …"', () => {
    const x = d();
    expect(deadlineWith(x, 'Tuyên truyền trên các phương tiện thông tin đại chúng')).toEqual([
      '2024-06',
      'Quý II/2024',
    ]);
    for (const task of ['Tuần tra, kiểm soát các đường mòn', 'Kiểm soát người, phương tiện xuất cảnh']) {
      expect(deadlineWith(x, task)).toEqual([null, 'Thường xuyên']);
    }
    expect(deadlineWith(x, 'Mở đợt cao điểm đấu tranh')[0]).toBe('2024-12');
    // The cell holds an Excel date (a serial number shown as 30/09/2024): the deadline is that day.
    expect(deadlineWith(x, 'Kiểm tra hàng hóa tại chợ')[0]).toBe('2024-09-30');
    expect(deadlineWith(x, 'Tổng hợp, báo cáo kết quả thực hiện Kế hoạch')).toEqual([
      '2024-12-15',
      'Trước ngày 15/12/2024',
    ]);
  });

  it('the "Sản phẩm" column names no duty holder; these are all its pairs', () => {
    expect(pairsOf(d())).toEqual(
      [
        'Sở Thông tin và Truyền thông / lead',
        'Báo Long An / support',
        'Đài Phát thanh và Truyền hình Long An / support',
        'Ủy ban nhân dân các huyện, thị xã biên giới / support',
        `${BDBP} / lead`,
        'Công an tỉnh / support',
        'Cục Hải quan tỉnh / support',
        'Cục Quản lý thị trường tỉnh / support',
        'Cục Quản lý thị trường tỉnh / lead',
        'Sở Công Thương / support',
        'Công an tỉnh / lead',
        `${BDBP} / support`,
        'Sở Công Thương / lead',
      ].sort(),
    );
  });
});

// ---------------------------------------------------------------- the Thái Bình plan in decimal numbering

describe('Kế hoạch with decimal numbering, Thái Bình 2024 (agencies as third-level headings over "+" lines, "Giao …" sentences)', () => {
  it('reads the header, the subject, the signer and the two documents it implements', () => {
    const d = doc(PLAN);
    expect(d).toMatchObject({
      type: 'Kế hoạch',
      symbol: '61/KH-UBND',
      issuedAt: '2024-03-28',
      provinceName: 'Thái Bình',
      provinceInferred: false,
    });
    expect(d.subject).toMatch(/^Phòng ngừa, đấu tranh với tội phạm xâm hại trẻ em/u);
    expect(d.signer?.name).toBe('Vũ Đức Hiệp');
    const directive = citationBySymbol(d, '09/CT-TTg');
    expect(directive.relation).toBe('implements');
    expect(directive.issuedAt).toBe('2024-02-18');
    expect(directive.key.startsWith('vn:')).toBe(true);
    // The second document of the same "Thực hiện …; …" list is implemented too.
    const party = citationBySymbol(d, '112-KL/TU');
    expect(party.relation).toBe('implements');
    expect(party.issuedAt).toBe('2024-03-04');
    expect(party.key.startsWith(`${d.province}:`)).toBe(true);
    expect(citationsWithSymbol(d, '61/KH-UBND')).toEqual([]);
  });

  it('the purposes, the requirements and "III. KINH PHÍ" name bodies but give no one a duty; headings are no duties', () => {
    const d = doc(PLAN);
    expect(
      agenciesMatching(
        d,
        /Nâng cao nhận thức, trách nhiệm|Phát huy vai trò của Công an tỉnh|Kinh phí thực hiện Kế hoạch do ngân sách/u,
      ),
    ).toEqual([]);
    expect(d.duties.filter((x) => /^\s*(?:\d+\.){2,3}\s*[^\n]*$/u.test(x.text))).toEqual([]);
    expect(
      d.duties.filter((x) =>
        /^\s*(?:\d+\.\s*)?(?:Nhiệm vụ chung|Nhiệm vụ cụ thể|Đấu tranh với tội phạm)\s*$/u.test(x.text),
      ),
    ).toEqual([]);
  });

  it('"1.2.1. Sở Thông tin và Truyền thông" … "1.2.4. Đề nghị X, Y" head their "+" lines three levels down; the press directed is no assignee', () => {
    const d = doc(PLAN);
    const column = 'mở chuyên mục "Vì trẻ em"';
    expect(rolesWith(d, column)).toEqual([['Sở Thông tin và Truyền thông', 'assigned']]);
    expect(deadlineWith(d, column)[0]).toBe('2024-06');
    expect(dutyWith(d, column).path).toMatch(/(?:^|> )II > 1\.? > 1\.2\.? > 1\.2\.1\.?#1$/u);
    const online = 'kiểm tra, xử lý các trang thông tin điện tử';
    expect(rolesWith(d, online)).toEqual([
      ['Sở Thông tin và Truyền thông', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(deadlineWith(d, online)).toEqual(['2024-11-30', 'hoàn thành trước ngày 30/11/2024']);
    // "1.2.2. Sở Giáo dục và Đào tạo:" (with a colon): the department reported to is no one.
    const counselling = 'bố trí phòng tư vấn tâm lý học đường';
    expect(rolesWith(d, counselling)).toEqual([['Sở Giáo dục và Đào tạo', 'assigned']]);
    expect(deadlineWith(d, counselling)[0]).toBe('2024-06-30');
    expect(dutyWith(d, counselling).path).toMatch(/(?:^|> )1\.2\.2\.?#2$/u);
    const volunteers = 'kiện toàn đội ngũ cộng tác viên công tác trẻ em';
    expect(rolesWith(d, volunteers)).toEqual([['Ủy ban nhân dân các huyện, thành phố', 'assigned']]);
    expect(deadlineWith(d, volunteers)[0]).toBe('2024-09');
    // "1.2.4. Đề nghị X, Y" as a heading requests both bodies in each of its lines.
    for (const line of ['phát hiện, tố giác hành vi xâm hại trẻ em', 'Giám sát việc thực hiện chính sách']) {
      expect(rolesWith(d, line)).toEqual([
        ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
        ['Hội Liên hiệp Phụ nữ tỉnh', 'requested'],
      ]);
      expect(dutyWith(d, line).path).toMatch(/(?:^|> )1\.2\.4\.?#[12]$/u);
    }
  });

  it('"2.1.1. Công an tỉnh", "2.1.2. …", "2.2.1. …" under the second group: leads, partners, directed units, deadlines', () => {
    const d = doc(PLAN);
    expect(rolesWith(d, 'tiếp nhận, xác minh, xử lý kịp thời tin báo')).toEqual([
      ['Công an tỉnh', 'lead'],
      [LDTBXH, 'support'],
    ]);
    const peak = 'Mở đợt cao điểm tấn công, trấn áp tội phạm xâm hại tình dục trẻ em';
    expect(rolesWith(d, peak)).toEqual([['Công an tỉnh', 'assigned']]);
    expect(deadlineWith(d, peak)).toEqual(['2024-09-30', 'hoàn thành trước ngày 30/9/2024']);
    expect(dutyWith(d, peak).path).toMatch(/(?:^|> )II > 2\.? > 2\.1\.? > 2\.1\.1\.?#2$/u);
    expect(rolesWith(d, 'Chỉ đạo Công an các huyện, thành phố thực hiện nghiêm quy trình')).toEqual([
      ['Công an tỉnh', 'assigned'],
    ]);
    expect(rolesWith(d, 'đưa trẻ em ra nước ngoài trái phép qua đường biển')).toEqual([[BDBP, 'assigned']]);
    expect(rolesWith(d, 'hỗ trợ y tế, tâm lý, trợ giúp pháp lý')).toEqual([
      [LDTBXH, 'lead'],
      ['Sở Y tế', 'support'],
      ['Sở Tư pháp', 'support'],
    ]);
    expect(rolesWith(d, 'được trợ giúp pháp lý miễn phí')).toEqual([['Sở Tư pháp', 'assigned']]);
    // "Thanh tra việc …" opens with a verb (to inspect), not with the name of an inspectorate.
    const inspection = 'Thanh tra việc thực hiện quy định về bảo vệ trẻ em';
    expect(rolesWith(d, inspection)).toEqual([[LDTBXH, 'assigned']]);
    expect(deadlineWith(d, inspection)[0]).toBe('2024-09');
    expect(dutyWith(d, inspection).path).toMatch(/(?:^|> )II > 2\.? > 2\.2\.? > 2\.2\.1\.?#2$/u);
  });

  it('"IV. TỔ CHỨC THỰC HIỆN" assigns by un-numbered "Giao …" sentences; the bodies reported to or advised are no one', () => {
    const d = doc(PLAN);
    expect(rolesWith(d, 'Giao Công an tỉnh là cơ quan thường trực')).toEqual([['Công an tỉnh', 'lead']]);
    expect(rolesWith(d, 'Giao Sở Lao động - Thương binh và Xã hội chủ trì')).toEqual([
      [LDTBXH, 'lead'],
      ['Sở Giáo dục và Đào tạo', 'support'],
    ]);
    expect(rolesWith(d, 'Giao Sở Tài chính tham mưu')).toEqual([['Sở Tài chính', 'assigned']]);
    expect(agenciesMatching(d, /nếu có khó khăn, vướng mắc|Nơi nhận|Lưu: VT/u)).toEqual([]);
    expect(pairsOf(d)).toEqual(
      [
        'Sở Thông tin và Truyền thông / assigned',
        'Sở Thông tin và Truyền thông / lead',
        'Công an tỉnh / support',
        'Sở Giáo dục và Đào tạo / assigned',
        'Ủy ban nhân dân các huyện, thành phố / assigned',
        'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh / requested',
        'Hội Liên hiệp Phụ nữ tỉnh / requested',
        'Công an tỉnh / lead',
        `${LDTBXH} / support`,
        'Công an tỉnh / assigned',
        `${BDBP} / assigned`,
        `${LDTBXH} / lead`,
        'Sở Y tế / support',
        'Sở Tư pháp / support',
        `${LDTBXH} / assigned`,
        'Sở Tư pháp / assigned',
        'Sở Giáo dục và Đào tạo / support',
        'Sở Tài chính / assigned',
      ].sort(),
    );
  });

  // "trước ngày 15/12 hằng năm" recurs every year of the plan: its text keeps the recurrence. Written first with the
  // first date due (2024-12-15); changed after reading the other sets again: every recurrence there ("chậm nhất ngày
  // 15 hằng tháng", "định kỳ 6 tháng", "hằng quý") is kept as written with no date, and a yearly day is one of them.
  it('"báo cáo … trước ngày 15/12 hằng năm": the recurrence stays in the text, with no single date', () => {
    const d = doc(PLAN);
    expect(deadlineWith(d, 'Giao Công an tỉnh là cơ quan thường trực')).toEqual([
      null,
      'trước ngày 15/12 hằng năm',
    ]);
    expect(deadlineWith(d, 'Giao Sở Lao động - Thương binh và Xã hội chủ trì')).toEqual([
      null,
      'trước ngày 05/12 hằng năm',
    ]);
    expect(dutyWith(d, 'Giao Sở Tài chính tham mưu').deadline).toBeNull();
  });
});

// ---------------------------------------------------------------- the Sơn La customs portal copy

describe("a customs body's Công văn on its portal, Sơn La 2025 (CỤC HẢI QUAN / CHI CỤC HẢI QUAN KHU VỰC IX, an HTML <ol>)", () => {
  it('reads the header inside the page, the recipients and the signer; the page is a portal copy', () => {
    const d = doc(CUSTOMS);
    expect(d).toMatchObject({
      type: 'Công văn',
      symbol: '412/CCHQKVIX-KS',
      issuedAt: '2025-10-20',
      place: 'Sơn La',
      provinceName: 'Sơn La',
      provenance: 'portal',
    });
    expect(d.issuer).toMatch(/^CỤC HẢI QUAN \/ CHI CỤC HẢI QUAN KHU VỰC IX$/u);
    expect(d.subject).toMatch(
      /tăng cường kiểm soát, phòng, chống buôn lậu, vận chuyển trái phép\s+chất ma túy/iu,
    );
    expect(d.recipients).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Hải quan cửa khẩu quốc tế Lóng Sập/u),
        expect.stringMatching(/^Đội Kiểm soát phòng, chống ma túy/u),
        expect.stringMatching(/^Bộ Chỉ huy Bộ đội Biên phòng tỉnh Sơn La/u),
        expect.stringMatching(/^Công an tỉnh Sơn La/u),
      ]),
    );
    expect(d.signer?.name).toBe('Lò Minh Hưng');
    expect(d.signer?.title).toBe('PHÓ CHI CỤC TRƯỞNG');
  });

  it("cites the Cục's Công văn and the province's Kế hoạch it implements; the page's own number and related links are no citations", () => {
    const d = doc(CUSTOMS);
    const national = citationBySymbol(d, '2105/CHQ-ĐTCBL');
    expect(national.relation).toBe('implements');
    expect(national.issuedAt).toBe('2025-10-02');
    expect(national.key.startsWith('vn:')).toBe(true);
    const province = citationBySymbol(d, '188/KH-UBND');
    expect(province.relation).toBe('implements');
    expect(province.issuedAt).toBe('2025-09-15');
    expect(province.key).toBe('son-la:188-kh-ubnd:2025');
    expect(citationsWithSymbol(d, '412/CCHQKVIX-KS')).toEqual([]);
    expect(citationsWithSymbol(d, '398/CCHQKVIX-NV')).toEqual([]);
  });

  it('"1. Hải quan cửa khẩu quốc tế Lóng Sập, Hải quan cửa khẩu Chiềng Khương:" (numbered by <ol>) heads its bullets', () => {
    const d = doc(CUSTOMS);
    const scan = 'Tăng cường kiểm tra, giám sát hàng hóa, phương tiện xuất khẩu';
    expect(rolesWith(d, scan)).toEqual([
      ['Hải quan cửa khẩu quốc tế Lóng Sập', 'assigned'],
      ['Hải quan cửa khẩu Chiềng Khương', 'assigned'],
    ]);
    expect(dutyWith(d, scan).path).toMatch(/(?:^|> )1\.?#1$/u);
    // "Phối hợp với Đội Kiểm soát phòng, chống ma túy …" under the two points' heading: all three take part in the
    // check; which of them leads it is not written, so only this is asserted: all three are named, the team is not a
    // plain assignee (it is the counterpart "phối hợp với" names), and no one is requested.
    const luggage = dutyWith(d, 'kiểm tra hành lý của người xuất cảnh');
    const roleOf = (mention: string) => luggage.agencies.find((a) => a.mention === mention)?.role;
    expect(['support', 'lead']).toContain(roleOf('Đội Kiểm soát phòng, chống ma túy'));
    for (const point of ['Hải quan cửa khẩu quốc tế Lóng Sập', 'Hải quan cửa khẩu Chiềng Khương'])
      expect(['assigned', 'lead', 'support']).toContain(roleOf(point));
    expect(luggage.agencies.filter((a) => a.role === 'requested')).toEqual([]);
    expect(deadlineWith(d, 'Cập nhật danh sách doanh nghiệp, phương tiện')[0]).toBe('2025-11-15');
  });

  it('"2. Đội Kiểm soát hải quan chủ trì …" and "3. Đội Kiểm soát phòng, chống ma túy:" over <ol type="a"> items', () => {
    const d = doc(CUSTOMS);
    const patrol = 'tuần tra, kiểm soát địa bàn ngoài cửa khẩu';
    expect(rolesWith(d, patrol)).toEqual([
      ['Đội Kiểm soát hải quan', 'lead'],
      ['Đội Kiểm soát phòng, chống ma túy', 'support'],
    ]);
    const [date, text] = deadlineWith(d, patrol);
    expect(date).toBe('2025-12-31');
    expect(text).toMatch(/trước ngày 31\/12\/2025$/u);
    expect(rolesWith(d, 'xác lập chuyên án đấu tranh với các đường dây')).toEqual([
      ['Đội Kiểm soát phòng, chống ma túy', 'assigned'],
    ]);
    // The team it reports through is a channel, not a partner.
    const report = 'Báo cáo kết quả về Chi cục (qua Đội Kiểm soát hải quan)';
    expect(rolesWith(d, report)).toEqual([['Đội Kiểm soát phòng, chống ma túy', 'assigned']]);
    expect(dutyWith(d, report).deadlineText).toMatch(/trước ngày 20 hằng tháng$/u);
    // The browser prints the <ol type="a"> items "a." and "b.": the path carries those labels.
    expect(dutyWith(d, report).path).toMatch(/(?:^|> )3\.? > b[.)]?$/u);
  });

  it('"4./5. Đề nghị …" request the border guard and the police; the "Nơi nhận" list and the portal\'s links name no duty holder', () => {
    const d = doc(CUSTOMS);
    const guard = dutyWith(d, 'trao đổi thông tin, phối hợp tuần tra');
    expect(guard.agencies[0]).toMatchObject({
      mention: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh Sơn La',
      role: 'requested',
    });
    expect(guard.agencies[0]!.name).toMatch(/Sơn La/u);
    expect(guard.agencies.filter((a) => /Đồn Biên phòng/u.test(a.mention))).toEqual([]);
    expect(rolesWith(d, 'tiếp nhận, điều tra, xử lý kịp thời các vụ việc')).toEqual([
      ['Công an tỉnh Sơn La', 'requested'],
    ]);
    expect(d.distribution).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Cục Hải quan \(để b\/c\)/u),
        expect.stringMatching(/Ban Chỉ đạo 389 tỉnh Sơn La/u),
      ]),
    );
    expect(
      agenciesMatching(
        d,
        /để b\/c|Lưu: VT|Lãnh đạo Chi cục|bánh heroin|camera giám sát|Bản quyền|Trang chủ/u,
      ),
    ).toEqual([]);
    expect(
      pairsExcept(
        d,
        /nghiêm túc triển khai thực hiện|kiểm tra hành lý|trao đổi thông tin, phối hợp tuần tra/u,
      ),
    ).toEqual(
      [
        'Hải quan cửa khẩu quốc tế Lóng Sập / assigned',
        'Hải quan cửa khẩu Chiềng Khương / assigned',
        'Đội Kiểm soát hải quan / lead',
        'Đội Kiểm soát phòng, chống ma túy / support',
        'Đội Kiểm soát phòng, chống ma túy / assigned',
        'Công an tỉnh Sơn La / requested',
      ].sort(),
    );
  });
});
