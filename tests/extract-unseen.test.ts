/**
 * Generalization of the extractor (issue 2): synthetic documents imitating provinces and issuers the
 * development corpus does not contain (tests/fixtures/unseen, see its README). Each test states what a user
 * reading the document would expect; a failing test is a gap in the extractor, not in the test.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { shownText, type Bundle, type ExtractedDocument } from '../ingest/schema.js';
import {
  agencyIn,
  citationByKey,
  citationByName,
  citationBySymbol,
  citationsWithSymbol,
  comparable,
  documentFrom,
  dutyAt,
  dutyOf,
  dutyStarting,
  endsAtWordBoundary,
  extractText,
  extractUnseen,
  unseenPath,
} from './support/extract-helpers.js';

const FIXTURES = [
  'ha-noi-qd-ubnd.txt',
  'hcm-ubnd-cv-columns.txt',
  'quang-ninh-stp-kh.txt',
  'quang-ninh-qd-amend.txt',
  'an-giang-cat-cv-stamp.txt',
  'gia-lai-ct-forest.txt',
  'khanh-hoa-bcd389-tb.txt',
  'nghe-an-kh-nested.txt',
  'thanh-hoa-ocr-noise.txt',
  'nfd-dak-lak-kh.txt',
  'lao-cai-cv-unnumbered.txt',
];

let all: Bundle;
const doc = (name: string): ExtractedDocument => documentFrom(all, name);

beforeAll(async () => {
  all = await extractUnseen(FIXTURES);
});

describe('the whole set', () => {
  it('extracts every fixture without errors and with unique ids', () => {
    expect(all.errors).toEqual([]);
    expect(all.documents).toHaveLength(FIXTURES.length);
    expect(new Set(all.documents.map((d) => d.id)).size).toBe(FIXTURES.length);
  });

  it('infers the province from the body only when the header lacks it', () => {
    const inferred = all.documents.filter((d) => d.provinceInferred).map((d) => d.province);
    expect(inferred).toEqual(['dak-lak']);
  });
});

describe('Quyết định of UBND Thành phố Hà Nội (Căn cứ …, Điều 1/2/3)', () => {
  const name = 'ha-noi-qd-ubnd.txt';

  it('reads the header', () => {
    const d = doc(name);
    expect(d).toMatchObject({
      id: 'ha-noi:2145-qd-ubnd:2025',
      number: '2145',
      symbol: '2145/QĐ-UBND',
      type: 'Quyết định',
      issuedAt: '2025-09-12',
      place: 'Hà Nội',
      province: 'ha-noi',
      provinceInferred: false,
      issuer: 'ỦY BAN NHÂN DÂN / THÀNH PHỐ HÀ NỘI',
    });
    expect(d.signer).toEqual({
      name: 'Lê Quang Vinh',
      title: 'PHÓ CHỦ TỊCH',
      authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'],
    });
  });

  it('resolves the issuer "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" to the city People\'s Committee', () => {
    expect(doc(name).issuerId).toBe('ha-noi:ubnd-tinh');
  });

  it('keeps the authority line "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" out of the subject', () => {
    expect(doc(name).subject).toBe(
      'Ban hành Quy chế phối hợp phòng, chống tội phạm mua bán người trên địa bàn Thành phố',
    );
  });

  it('cites the law by name with its full date as the basis', () => {
    const law = citationByKey(doc(name), 'vn:luat-to-chuc-chinh-quyen-dia-phuong:2025');
    expect(law).toMatchObject({ type: 'Luật', relation: 'basis', resolved: true });
    expect(law.issuedAt).toBe('2025-06-19');
  });

  it('keeps a named law with its year resolved, whatever other documents mention it in their titles', () => {
    const law = citationByKey(doc(name), 'vn:luat-phong-chong-mua-ban-nguoi:2024');
    expect(law).toMatchObject({ type: 'Luật', issuedAt: '2024', relation: 'basis' });
    expect(law.candidates).toEqual([]);
    expect(law.resolved).toBe(true);
  });

  it('cites the normative decree with the year in its symbol', () => {
    expect(citationBySymbol(doc(name), '79/2018/NĐ-CP')).toMatchObject({
      key: 'vn:79-2018-nd-cp:2018',
      type: 'Nghị định',
      issuedAt: '2018-05-16',
      issuer: 'Chính phủ',
      relation: 'basis',
    });
  });

  it('"Theo đề nghị … tại Tờ trình số …" is according_to, scoped to the city', () => {
    expect(citationBySymbol(doc(name), '512/TTr-CAHN')).toMatchObject({
      key: 'ha-noi:512-ttr-cahn:2025',
      relation: 'according_to',
    });
  });

  it('"thay thế Quyết định số 23/2018/QĐ-UBND" is replaces', () => {
    expect(citationBySymbol(doc(name), '23/2018/QĐ-UBND')).toMatchObject({
      key: 'ha-noi:23-2018-qd-ubnd:2018',
      issuedAt: '2018-10-10',
      relation: 'replaces',
    });
  });

  it('"Điều 2. Giao Công an Thành phố chủ trì, phối hợp với Sở Tư pháp …" is a duty with lead, support and deadline', () => {
    const duty = dutyOf(doc(name), 'ha-noi:cong-an-tinh');
    expect(agencyIn(duty, 'ha-noi:cong-an-tinh').role).toBe('lead');
    expect(agencyIn(duty, 'ha-noi:so-tu-phap').role).toBe('support');
    expect(duty.deadline).toBe('2025-12-31');
  });

  it('an article ("Điều 2.") is a numbered item: its duty\'s path is "Điều 2"', () => {
    expect(dutyOf(doc(name), 'ha-noi:cong-an-tinh').path).toBe('Điều 2');
  });
});

describe('Công văn of UBND TP. Hồ Chí Minh with a two-column header in " | " cells', () => {
  const name = 'hcm-ubnd-cv-columns.txt';

  it('reads number, date, place and recipients from the cells', () => {
    expect(doc(name)).toMatchObject({
      id: 'ho-chi-minh:3021-ubnd-ncpc:2025',
      number: '3021',
      type: 'Công văn',
      issuedAt: '2025-10-03',
      place: 'TP. Hồ Chí Minh',
      province: 'ho-chi-minh',
      provinceInferred: false,
      recipients: [
        'Công an Thành phố',
        'Sở Khoa học và Công nghệ',
        'Ủy ban nhân dân các xã, phường, đặc khu',
      ],
    });
  });

  it('joins both issuer lines of the left column and resolves the issuer', () => {
    expect(doc(name).issuer).toBe('ỦY BAN NHÂN DÂN / THÀNH PHỐ HỒ CHÍ MINH');
    expect(doc(name).issuerId).toBe('ho-chi-minh:ubnd-tinh');
  });

  it('drops the empty right cell from the V/v subject', () => {
    expect(doc(name).subject).toBe(
      'Tăng cường phòng, chống tội phạm lừa đảo chiếm đoạt tài sản trên không gian mạng',
    );
  });

  it('finds the body after a cell-split header: "Thực hiện Chỉ thị số 13/CT-TTg …"', () => {
    expect(citationBySymbol(doc(name), '13/CT-TTg')).toMatchObject({
      key: 'vn:13-ct-ttg:2025',
      issuer: 'Thủ tướng Chính phủ',
      relation: 'implements',
    });
  });

  it('item 1 "Công an Thành phố: Chủ trì, phối hợp với Sở Khoa học và Công nghệ …" leads, with deadline', () => {
    const duty = dutyAt(doc(name), '1');
    expect(agencyIn(duty, 'ho-chi-minh:cong-an-tinh').role).toBe('lead');
    expect(agencyIn(duty, 'ho-chi-minh:so-khoa-hoc-va-cong-nghe').role).toBe('support');
    expect(duty.deadline).toBe('2025-12-20');
  });

  it('item 2 "Sở Khoa học và Công nghệ: Phối hợp …" supports', () => {
    expect(agencyIn(dutyAt(doc(name), '2'), 'ho-chi-minh:so-khoa-hoc-va-cong-nghe').role).toBe('support');
  });

  it('item 3 "Đề nghị Viện kiểm sát …, Tòa án …" requests both', () => {
    const duty = dutyAt(doc(name), '3');
    expect(agencyIn(duty, 'ho-chi-minh:vien-kiem-sat-nhan-dan-tinh').role).toBe('requested');
    expect(agencyIn(duty, 'ho-chi-minh:toa-an-nhan-dan-tinh').role).toBe('requested');
  });

  it('names the city\'s agencies "… Thành phố Hồ Chí Minh", never "… tỉnh Hồ Chí Minh"', () => {
    const names = doc(name).duties.flatMap((d) => d.agencies.map((a) => a.name));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => n.includes('tỉnh Hồ Chí Minh'))).toEqual([]);
  });
});

describe('Kế hoạch of a Sở (UBND TỈNH QUẢNG NINH / SỞ TƯ PHÁP)', () => {
  const name = 'quang-ninh-stp-kh.txt';

  it('reads the header', () => {
    expect(doc(name)).toMatchObject({
      id: 'quang-ninh:78-kh-stp:2026',
      number: '78',
      type: 'Kế hoạch',
      issuedAt: '2026-03-14',
      province: 'quang-ninh',
      issuer: 'UBND TỈNH QUẢNG NINH / SỞ TƯ PHÁP',
      subject: 'Tuyên truyền, phổ biến pháp luật về phòng, chống rửa tiền năm 2026',
    });
  });

  it('the issuer is the Sở (the lower line), not its parent UBND', () => {
    expect(doc(name).issuerId).toBe('quang-ninh:so-tu-phap');
  });

  it('"Căn cứ Luật Phòng, chống rửa tiền ngày 15 tháng 11 năm 2022" is a resolved basis with its full date', () => {
    const law = citationByKey(doc(name), 'vn:luat-phong-chong-rua-tien:2022');
    expect(law.relation).toBe('basis');
    expect(law.issuedAt).toBe('2022-11-15');
    expect(law.resolved).toBe(true);
    expect(law.candidates).toEqual([]);
  });

  it('a citation never has the citing document itself as a candidate', () => {
    const self = doc(name).id;
    expect(
      doc(name)
        .citations.filter((c) => c.candidates.includes(self))
        .map((c) => c.key),
    ).toEqual([]);
  });

  it('"Thực hiện Kế hoạch số 89/KH-UBND … của Ủy ban nhân dân tỉnh" is implements, scoped to Quảng Ninh', () => {
    expect(citationBySymbol(doc(name), '89/KH-UBND')).toMatchObject({
      key: 'quang-ninh:89-kh-ubnd:2025',
      issuedAt: '2025-01-20',
      relation: 'implements',
    });
  });

  it('item II.1 leads and deadline "hoàn thành trước 15/6/2026"', () => {
    const duty = dutyAt(doc(name), 'II > 1');
    expect(duty.heading).toBe('Phòng Phổ biến, giáo dục pháp luật');
    expect(duty.agencies[0]?.role).toBe('lead');
    expect(duty.deadline).toBe('2026-06-15');
  });

  it('"phối hợp với Văn phòng Sở" adds the (unknown-type) partner as support', () => {
    const duty = dutyAt(doc(name), 'II > 1');
    const partner = duty.agencies.find((a) => a.mention === 'Văn phòng Sở');
    expect(partner?.role).toBe('support');
  });

  it('"Thanh tra Sở" of a Sở Tư pháp plan is that Sở\'s inspectorate, not a province-wide body', () => {
    const inspectorate = dutyAt(doc(name), 'II > 2').agencies[0];
    expect(inspectorate?.name).toContain('Sở Tư pháp');
  });

  it('"Đề nghị Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Ninh, Ngân hàng Nhà nước Khu vực 6" requests both', () => {
    const duty = dutyAt(doc(name), 'II > 3');
    expect(agencyIn(duty, 'quang-ninh:bo-chi-huy-bo-doi-bien-phong-tinh')).toMatchObject({
      role: 'requested',
      province: 'quang-ninh',
    });
    expect(agencyIn(duty, 'vn:ngan-hang-nha-nuoc-khu-vuc-6')).toMatchObject({
      role: 'requested',
      province: null,
    });
  });

  it('"phấn đấu 100% cán bộ, công chức …" is a target', () => {
    expect(doc(name).targets).toEqual([expect.objectContaining({ value: 100, unit: '%', path: 'I > 1' })]);
  });
});

describe('Quyết định of UBND tỉnh Quảng Ninh amending and replacing earlier decisions', () => {
  const name = 'quang-ninh-qd-amend.txt';

  it('reads a normative number with its year', () => {
    expect(doc(name)).toMatchObject({
      id: 'quang-ninh:41-2025-qd-ubnd:2025',
      number: '41',
      symbol: '41/2025/QĐ-UBND',
      type: 'Quyết định',
      issuedAt: '2025-09-30',
    });
  });

  it('keeps the authority line out of the subject', () => {
    expect(doc(name).subject).toBe(
      'Sửa đổi, bổ sung một số điều của Quy chế phối hợp quản lý hoạt động tàu thuyền tại vùng biển tỉnh Quảng Ninh',
    );
  });

  it('"Sửa đổi, bổ sung … Quy chế ban hành kèm theo Quyết định số 23/2018/QĐ-UBND" is amends ("kèm theo" is not "theo")', () => {
    const amended = citationBySymbol(doc(name), '23/2018/QĐ-UBND');
    expect(amended.key).toBe('quang-ninh:23-2018-qd-ubnd:2018');
    expect(amended.relation).toBe('amends');
  });

  it('the issuer of a citation stops before "như sau:"', () => {
    expect(citationBySymbol(doc(name), '23/2018/QĐ-UBND').issuer).toBe('Ủy ban nhân dân tỉnh Quảng Ninh');
  });

  it('"Điều 2. … thay thế Quyết định số 17/2020/QĐ-UBND" is replaces, outside the items of Điều 1', () => {
    expect(citationBySymbol(doc(name), '17/2020/QĐ-UBND')).toMatchObject({
      key: 'quang-ninh:17-2020-qd-ubnd:2020',
      relation: 'replaces',
    });
  });

  it('"Căn cứ Bộ luật Hàng hải Việt Nam ngày 25 tháng 11 năm 2015" is a basis with its full date', () => {
    const code = citationByKey(doc(name), 'vn:bo-luat-hang-hai-viet-nam:2015');
    expect(code).toMatchObject({ type: 'Bộ luật', relation: 'basis' });
    expect(code.issuedAt).toBe('2015-11-25');
  });

  it('item 1: the Border Guard of Quảng Ninh leads, "phối hợp với Cảng vụ Hàng hải Quảng Ninh" supports', () => {
    const duty = dutyStarting(doc(name), 'Chủ trì kiểm tra');
    expect(agencyIn(duty, 'quang-ninh:bo-chi-huy-bo-doi-bien-phong-tinh').role).toBe('lead');
    expect(duty.agencies.find((a) => a.mention === 'Cảng vụ Hàng hải Quảng Ninh')?.role).toBe('support');
  });

  it('items numbered inside "Điều 1." carry the article in their path', () => {
    expect(dutyStarting(doc(name), 'Chủ trì kiểm tra').path).toBe('Điều 1 > 1');
  });

  it('"Điều 2." ends item 2 of Điều 1: it is not one of its duties', () => {
    expect(
      doc(name)
        .duties.filter((d) => d.text.startsWith('Điều 2'))
        .map((d) => d.path),
    ).toEqual([]);
  });

  it('an unknown agency named after its province keeps its proper name ("Cảng vụ Hàng hải Quảng Ninh")', () => {
    const port = doc(name)
      .duties.flatMap((d) => d.agencies)
      .find((a) => a.mention === 'Cảng vụ Hàng hải Quảng Ninh');
    expect(port).toMatchObject({
      typeId: null,
      province: 'quang-ninh',
      name: 'Cảng vụ Hàng hải Quảng Ninh',
    });
  });
});

describe('Công văn of CÔNG AN TỈNH AN GIANG (345/CAT-PC02) with a received stamp of another province', () => {
  const name = 'an-giang-cat-cv-stamp.txt';

  it('reads the header; the receiving office and stamp number are not the issuer or the number', () => {
    expect(doc(name)).toMatchObject({
      id: 'an-giang:345-cat-pc02:2025',
      number: '345',
      symbol: '345/CAT-PC02',
      type: 'Công văn',
      issuedAt: '2025-11-18',
      province: 'an-giang',
      provinceInferred: false,
      issuer: 'CÔNG AN TỈNH AN GIANG / PHÒNG CẢNH SÁT HÌNH SỰ',
      issuerId: 'an-giang:cong-an-tinh',
      subject: 'Phối hợp truy bắt đối tượng truy nã',
      recipients: ['Công an tỉnh Gia Lai'],
    });
    expect(doc(name).signer).toMatchObject({ name: 'Huỳnh Văn Phước', authority: ['TL. GIÁM ĐỐC'] });
  });

  it('cites the joint circular 01/2006/TTLT-BCA-BBCVT as a national basis', () => {
    expect(citationBySymbol(doc(name), '01/2006/TTLT-BCA-BBCVT')).toMatchObject({
      key: 'vn:01-2006-ttlt-bca-bbcvt:2006',
      type: 'Thông tư liên tịch',
      issuedAt: '2006-01-12',
      relation: 'basis',
    });
  });

  it('cites the ministry plan 112/KH-BCA as implements', () => {
    expect(citationBySymbol(doc(name), '112/KH-BCA')).toMatchObject({
      key: 'vn:112-kh-bca:2025',
      relation: 'implements',
    });
  });

  it('"đề nghị Công an tỉnh Gia Lai phối hợp như sau:" makes items 1 and 2 requests to the Gia Lai police', () => {
    const first = dutyAt(doc(name), '1');
    expect(agencyIn(first, 'gia-lai:cong-an-tinh')).toMatchObject({ role: 'requested', province: 'gia-lai' });
    expect(first.deadline).toBe('2025-12-10');
    expect(agencyIn(dutyAt(doc(name), '2'), 'gia-lai:cong-an-tinh').role).toBe('requested');
  });
});

describe('Chỉ thị of UBND tỉnh Gia Lai ("Giao …", "Yêu cầu …", unknown forestry bodies, party documents)', () => {
  const name = 'gia-lai-ct-forest.txt';

  it('reads the header', () => {
    expect(doc(name)).toMatchObject({
      id: 'gia-lai:05-ct-ubnd:2025',
      type: 'Chỉ thị',
      issuerId: 'gia-lai:ubnd-tinh',
      issuedAt: '2025-10-22',
    });
  });

  it('"Chỉ thị số 05-CT/TU … của Ban Thường vụ Tỉnh ủy" is a provincial party document', () => {
    expect(citationBySymbol(doc(name), '05-CT/TU')).toMatchObject({
      key: 'gia-lai:05-ct-tu:2021',
      issuer: 'Ban Thường vụ Tỉnh ủy',
      relation: 'implements',
    });
  });

  it('the later yearless "Chỉ thị số 05-CT/TU" is the dated one', () => {
    expect(citationsWithSymbol(doc(name), '05-CT/TU').map((c) => c.key)).toEqual(['gia-lai:05-ct-tu:2021']);
  });

  it('"Nghị quyết số 36-NQ/TW … của Ban Chấp hành Trung ương, Chủ tịch … chỉ thị:" — issuer stops at the clause', () => {
    const resolution = citationBySymbol(doc(name), '36-NQ/TW');
    expect(resolution.key).toBe('vn:36-nq-tw:2018');
    expect(resolution.issuer).toBe('Ban Chấp hành Trung ương');
  });

  it('"Giao Sở … chủ trì, phối hợp với Công an tỉnh và Chi cục Kiểm lâm …" leads with two partners', () => {
    const duty = dutyAt(doc(name), '1');
    expect(agencyIn(duty, 'gia-lai:so-nong-nghiep-va-moi-truong').role).toBe('lead');
    expect(agencyIn(duty, 'gia-lai:cong-an-tinh').role).toBe('support');
    expect(agencyIn(duty, 'gia-lai:chi-cuc-kiem-lam').role).toBe('support');
  });

  it('deadline written in words: "chậm nhất ngày 05 tháng 01 năm 2026"', () => {
    expect(dutyAt(doc(name), '1').deadline).toBe('2026-01-05');
  });

  it('"Yêu cầu Chủ tịch Ủy ban nhân dân các xã, phường …" is a duty of the communes', () => {
    const duty = dutyAt(doc(name), '2');
    expect(duty.agencies.map((a) => a.mention).join(' ')).toContain('Ủy ban nhân dân các xã, phường');
  });

  it('unknown agencies are kept, scoped to the province, with a null type', () => {
    expect(agencyIn(dutyAt(doc(name), '3'), 'gia-lai:chi-cuc-kiem-lam')).toMatchObject({
      typeId: null,
      province: 'gia-lai',
    });
    const board = agencyIn(dutyAt(doc(name), '4'), 'gia-lai:ban-quan-ly-rung-phong-ho');
    expect(board).toMatchObject({ typeId: null, province: 'gia-lai' });
    expect(dutyAt(doc(name), '4').deadline).toBe('2026-06-30');
  });

  it('"Công an tỉnh Gia Lai" and "Công an tỉnh" are one agency; "Công an tỉnh Đắk Lắk" is another province\'s', () => {
    const duty = dutyAt(doc(name), '5');
    expect(agencyIn(duty, 'gia-lai:cong-an-tinh').name).toBe('Công an tỉnh Gia Lai');
    expect(agencyIn(duty, 'dak-lak:cong-an-tinh')).toMatchObject({ role: 'support', province: 'dak-lak' });
  });
});

describe('Thông báo of a provincial Ban Chỉ đạo 389 (UBND TỈNH KHÁNH HOÀ / BAN CHỈ ĐẠO 389)', () => {
  const name = 'khanh-hoa-bcd389-tb.txt';

  it('reads the header with old-style tone marks normalized', () => {
    expect(doc(name)).toMatchObject({
      number: '12',
      type: 'Thông báo',
      place: 'Khánh Hòa',
      province: 'khanh-hoa',
      issuedAt: '2025-11-25',
    });
  });

  it('"12/TB-BCĐ389" of a provincial committee is scoped to the province, not national', () => {
    expect(doc(name).id).toBe('khanh-hoa:12-tb-bcd389:2025');
  });

  it('the issuer is the provincial Ban Chỉ đạo 389', () => {
    expect(doc(name).issuerId).toBe('khanh-hoa:ban-chi-dao-389-tinh');
  });

  it("cites the Prime Minister's telegram 38/CĐ-TTg", () => {
    expect(citationBySymbol(doc(name), '38/CĐ-TTg')).toMatchObject({
      key: 'vn:38-cd-ttg:2025',
      type: 'Công điện',
      relation: 'implements',
    });
  });

  it('has exactly the four numbered duties; the closing formula is not one', () => {
    expect(doc(name).duties.map((d) => d.path)).toEqual(['1', '2', '3', '4']);
    expect(dutyAt(doc(name), '1').deadline).toBe('2025-12-15');
  });

  it('"Cảng vụ Hàng hải Nha Trang" is an unknown agency of Khánh Hòa', () => {
    expect(dutyAt(doc(name), '2').agencies).toEqual([
      expect.objectContaining({ typeId: null, province: 'khanh-hoa', mention: 'Cảng vụ Hàng hải Nha Trang' }),
    ]);
  });

  it('item 3: the Border Guard leads, "phối hợp với Cảng vụ Hàng hải Nha Trang" supports', () => {
    const duty = dutyAt(doc(name), '3');
    expect(agencyIn(duty, 'khanh-hoa:bo-chi-huy-bo-doi-bien-phong-tinh').role).toBe('lead');
    expect(duty.agencies.find((a) => a.mention === 'Cảng vụ Hàng hải Nha Trang')?.role).toBe('support');
  });

  it('item 4 names two agencies', () => {
    expect(dutyAt(doc(name), '4').agencies.map((a) => a.id)).toEqual([
      'khanh-hoa:cong-an-tinh',
      'khanh-hoa:hai-quan-tinh',
    ]);
  });
});

describe('Kế hoạch of UBND tỉnh Nghệ An with I./1./a)/-/+ nesting, targets and deadlines', () => {
  const name = 'nghe-an-kh-nested.txt';

  it('reads the header', () => {
    expect(doc(name)).toMatchObject({
      id: 'nghe-an:356-kh-ubnd:2025',
      type: 'Kế hoạch',
      issuerId: 'nghe-an:ubnd-tinh',
      issuedAt: '2025-08-08',
    });
  });

  it('every document listed after one "Thực hiện", separated by ";", is implemented', () => {
    expect(citationBySymbol(doc(name), '193/QĐ-TTg')).toMatchObject({
      key: 'vn:193-qd-ttg:2021',
      relation: 'implements',
    });
    expect(citationBySymbol(doc(name), '89/KH-UBND')).toMatchObject({
      key: 'nghe-an:89-kh-ubnd:2025',
      relation: 'implements',
    });
  });

  it('the issuer of "Kế hoạch số 89/KH-UBND … của Ủy ban nhân dân tỉnh, Ủy ban nhân dân tỉnh ban hành …" is named once', () => {
    expect(citationBySymbol(doc(name), '89/KH-UBND').issuer).toBe('Ủy ban nhân dân tỉnh');
  });

  it('"+" sub-bullets belong to their "-" bullet: the "-" bullets of a) are numbered #2..#4', () => {
    const d = doc(name);
    expect(dutyStarting(d, 'Lập danh sách').path).toBe('II > 1 > a#2');
    expect(dutyStarting(d, 'Tổ chức các đợt cao điểm').path).toBe('II > 1 > a#3');
    expect(dutyStarting(d, 'Tổ chức các đợt cao điểm').text).toContain('Đợt 2 trong quý II năm 2026');
    expect(dutyStarting(d, 'Báo cáo kết quả').path).toBe('II > 1 > a#4');
    expect(d.duties.filter((x) => x.text.startsWith('Đợt')).map((x) => x.path)).toEqual([]);
  });

  it('nested items inherit the heading agency of "1. Bộ Chỉ huy Bộ đội Biên phòng tỉnh"', () => {
    expect(agencyIn(dutyAt(doc(name), 'II > 1 > b'), 'nghe-an:bo-chi-huy-bo-doi-bien-phong-tinh').role).toBe(
      'support',
    );
    expect(agencyIn(dutyAt(doc(name), 'II > 2 > a'), 'nghe-an:cong-an-tinh').role).toBe('lead');
  });

  it('an agency that is only the object of the sentence ("Hướng dẫn Công an các xã, phường …") is not assigned', () => {
    expect(dutyAt(doc(name), 'II > 2 > b').agencies.map((a) => a.id)).toEqual(['nghe-an:cong-an-tinh']);
  });

  it('a heading line "3. Sở Y tế, Sở Nông nghiệp và Môi trường" addresses the paragraph below it', () => {
    expect(dutyAt(doc(name), 'II > 3').agencies.map((a) => `${a.id}/${a.role}`)).toEqual([
      'nghe-an:so-y-te/support',
      'nghe-an:so-nong-nghiep-va-moi-truong/support',
    ]);
  });

  it('deadlines in every written form', () => {
    const d = doc(name);
    expect(dutyStarting(d, 'Lập danh sách').deadline).toBe('2025-12-15'); // hoàn thành trước 15/12/2025
    expect(dutyStarting(d, 'Báo cáo kết quả').deadline).toBe('2026-06-30'); // trước ngày 30/6/2026
    expect(dutyAt(d, 'II > 1 > b').deadline).toBe('2026-01-05'); // chậm nhất ngày 05 tháng 01 năm 2026
    expect(dutyAt(d, 'II > 2 > b').deadline).toBe('2025-11-20'); // hoàn thành trước ngày 20 tháng 11 năm 2025
  });

  it('targets: "giảm ít nhất 5%" (reduce) and "đạt trên 80%" (at least)', () => {
    const [reduce, atLeast] = doc(name).targets;
    expect(reduce).toMatchObject({ value: 5, kind: 'reduce', path: 'I > 1' });
    expect(atLeast).toMatchObject({ value: 80, kind: 'atLeast', path: 'I > 2' });
  });

  it('a target phrase is never cut inside a word or number', () => {
    const text = doc(name).text;
    for (const target of doc(name).targets)
      expect(endsAtWordBoundary(text, target.text), target.text).toBe(true);
  });
});

describe('Công văn of UBND TỈNH THANH HOÁ with OCR noise (old tone marks, "Noi nhận", a page number line)', () => {
  const name = 'thanh-hoa-ocr-noise.txt';

  it('reads the header, signer and distribution through the noise', () => {
    const d = doc(name);
    expect(d).toMatchObject({
      id: 'thanh-hoa:1520-ubnd-nc:2025',
      type: 'Công văn',
      issuer: 'UBND TỈNH THANH HÓA',
      issuerId: 'thanh-hoa:ubnd-tinh',
      place: 'Thanh Hóa',
      province: 'thanh-hoa',
      subject: 'Tăng cường phòng, chống tội phạm trên tuyến đường thủy nội địa',
    });
    expect(d.signer?.name).toBe('Lê Đức Thủy');
    expect(d.distribution).toHaveLength(3);
  });

  it('cites the law and the decision', () => {
    expect(citationByKey(doc(name), 'vn:luat-giao-thong-duong-thuy-noi-dia:2004').relation).toBe('basis');
    expect(citationBySymbol(doc(name), '1087/QĐ-UBND')).toMatchObject({
      key: 'thanh-hoa:1087-qd-ubnd:2024',
      relation: 'implements',
    });
  });

  it('a stray page number "- 2 -" neither becomes a duty nor splits item 1', () => {
    const d = doc(name);
    expect(d.duties.filter((x) => /^\d+\s*-/.test(shownText(x))).map((x) => x.text)).toEqual([]);
    expect(shownText(dutyAt(d, '1'))).toContain('các băng nhóm bảo kê bến bãi');
  });

  it('old and new tone placement extract identically', () => {
    const raw = readFileSync(unseenPath(name), 'utf8');
    // Only open syllables move their mark ("hoá" → "hóa"); "soát" keeps it on the "a".
    const modern = raw.replace(/(?<![\p{L}])(HOÁ|HOÀ|hoá|Hoá|xoá|thuỷ|Thuỷ|Uỷ)(?![\p{L}])/gu, (w) =>
      w.replace(/OÁ/, 'ÓA').replace(/OÀ/, 'ÒA').replace(/oá/, 'óa').replace(/uỷ/, 'ủy').replace(/Uỷ/, 'Ủy'),
    );
    expect(modern).not.toBe(raw);
    expect(comparable(extractText('modern.txt', modern))).toEqual(comparable(extractText('old.txt', raw)));
  });
});

describe('Kế hoạch stored in NFD, header without a province (Ban Chỉ đạo …, Buôn Ma Thuột)', () => {
  const name = 'nfd-dak-lak-kh.txt';

  it('reads the header in NFC and infers Đắk Lắk from the body', () => {
    expect(doc(name)).toMatchObject({
      id: 'dak-lak:07-kh-bcd:2026',
      symbol: '07/KH-BCĐ',
      type: 'Kế hoạch',
      issuedAt: '2026-01-16',
      place: 'Buôn Ma Thuột',
      province: 'dak-lak',
      provinceName: 'Đắk Lắk',
      provinceInferred: true,
    });
    expect(doc(name).signer?.name).toBe('Y Ngọc Niê');
  });

  it('extracts exactly as the same text in NFC', () => {
    const raw = readFileSync(unseenPath(name), 'utf8');
    expect(raw).not.toBe(raw.normalize('NFC'));
    expect(comparable(extractText('nfc.txt', raw.normalize('NFC')))).toEqual(
      comparable(extractText('nfd.txt', raw)),
    );
  });

  it('the issuer "BAN CHỈ ĐẠO PHÒNG, CHỐNG TỘI PHẠM" resolves to the provincial steering committee', () => {
    expect(doc(name).issuerId).toBe('dak-lak:ban-chi-dao-phong-chong-toi-pham-tinh');
  });

  it('the strategy approved by 623/QĐ-TTg is that decision, not a second citation', () => {
    expect(doc(name).citations.map((c) => c.key)).toEqual(['vn:623-qd-ttg:2016']);
  });

  it('"phấn đấu giảm 5% … so với cùng kỳ năm trước" is a target (a goal, not a past result)', () => {
    expect(dutyAt(doc(name), '1').targets).toEqual([expect.objectContaining({ value: 5, kind: 'reduce' })]);
  });

  it('duties and deadline', () => {
    expect(agencyIn(dutyAt(doc(name), '1'), 'dak-lak:cong-an-tinh').role).toBe('lead');
    expect(dutyAt(doc(name), '2')).toMatchObject({ deadline: '2026-02-28' });
    expect(agencyIn(dutyAt(doc(name), '2'), 'dak-lak:ubnd-cap-xa').province).toBe('dak-lak');
  });
});

describe('unnumbered Công văn "Số: /UBND-NC" of Lào Cai with a received stamp and short references', () => {
  const name = 'lao-cai-cv-unnumbered.txt';

  it('number is null and the stamp "ĐẾN Số: 1177" is not taken for it', () => {
    const d = doc(name);
    expect(d).toMatchObject({
      number: null,
      symbol: '/UBND-NC',
      issuedAt: '2025-12',
      province: 'lao-cai',
      type: 'Công văn',
    });
    expect(d.id).not.toContain('1177');
  });

  it('"13-CT/TU" (Tỉnh ủy, 2022) and "13/CT-TTg" (Prime Minister, 2025) are different documents', () => {
    const party = citationBySymbol(doc(name), '13-CT/TU');
    const pm = citationBySymbol(doc(name), '13/CT-TTg');
    expect(party.key).toBe('lao-cai:13-ct-tu:2022');
    expect(pm.key).toBe('vn:13-ct-ttg:2025');
  });

  it('the yearless "Chỉ thị số 13-CT/TU" in item 1 resolves to the dated one', () => {
    expect(citationsWithSymbol(doc(name), '13-CT/TU').map((c) => c.key)).toEqual(['lao-cai:13-ct-tu:2022']);
  });

  it('the yearless "Kế hoạch số 45/KH-UBND" with two dated ones stays unresolved with both as candidates', () => {
    const short = citationByKey(doc(name), 'lao-cai:45-kh-ubnd');
    expect(short.resolved).toBe(false);
    expect([...short.candidates].sort()).toEqual(['lao-cai:45-kh-ubnd:2024', 'lao-cai:45-kh-ubnd:2025']);
  });

  it('every reference in the "Thực hiện …; …; …" list is implements', () => {
    const d = doc(name);
    // vn:623-qd-ttg:2016 is the strategy named in the list, resolved through nfd-dak-lak-kh.txt.
    for (const key of ['lao-cai:45-kh-ubnd:2024', 'lao-cai:45-kh-ubnd:2025', 'vn:623-qd-ttg:2016']) {
      expect(citationByKey(d, key).relation, key).toBe('implements');
    }
  });

  it('in a bundle with the decision that approves it, the strategy named without number is 623/QĐ-TTg', () => {
    // nfd-dak-lak-kh.txt cites "Quyết định số 623/QĐ-TTg … phê duyệt Chiến lược quốc gia phòng, chống tội phạm giai đoạn 2016 - 2025 …".
    expect(citationByKey(doc(name), 'vn:623-qd-ttg:2016')).toMatchObject({
      symbol: '623/QĐ-TTg',
      resolved: true,
      candidates: [],
    });
  });

  it('in a bundle with 193/QĐ-TTg, the programme named without number is that decision', () => {
    // nghe-an-kh-nested.txt cites "Quyết định số 193/QĐ-TTg … phê duyệt Chương trình phòng, chống mua bán người giai đoạn 2021 - 2025 …".
    expect(citationByKey(doc(name), 'vn:193-qd-ttg:2021')).toMatchObject({
      symbol: '193/QĐ-TTg',
      resolved: true,
      candidates: [],
    });
  });

  it('alone, the strategy named without number stays unresolved', async () => {
    const alone = documentFrom(await extractUnseen([name]), name);
    const strategy = citationByName(alone, 'Chiến lược', 'phòng, chống tội phạm giai đoạn 2016 - 2025');
    expect(strategy.resolved).toBe(false);
    expect(alone.citations.map((c) => c.key)).not.toContain('vn:623-qd-ttg:2016');
  });

  it('alone, the strategy resolves through a known document passed to the pipeline', async () => {
    const bundle = await extractUnseen([name], {
      known: [
        {
          key: 'vn:623-qd-ttg:2016',
          symbol: '623/QĐ-TTg',
          type: 'Quyết định',
          issuedAt: '2016-04-14',
          issuer: 'Thủ tướng Chính phủ',
          title:
            'Phê duyệt Chiến lược quốc gia phòng, chống tội phạm giai đoạn 2016 - 2025 và định hướng đến năm 2030',
        },
      ],
    });
    expect(citationByKey(documentFrom(bundle, name), 'vn:623-qd-ttg:2016').resolved).toBe(true);
  });

  it('duties', () => {
    expect(agencyIn(dutyAt(doc(name), '1'), 'lao-cai:cong-an-tinh').role).toBe('assigned');
    expect(dutyAt(doc(name), '2')).toMatchObject({ deadline: '2026-01-15' });
    expect(agencyIn(dutyAt(doc(name), '2'), 'lao-cai:so-tu-phap').role).toBe('lead');
  });
});

describe('canonical keys across documents', () => {
  it('"89/KH-UBND" of two provinces in the same year are different documents', () => {
    const qn = citationBySymbol(doc('quang-ninh-stp-kh.txt'), '89/KH-UBND');
    const na = citationBySymbol(doc('nghe-an-kh-nested.txt'), '89/KH-UBND');
    expect(qn.issuedAt?.slice(0, 4)).toBe(na.issuedAt?.slice(0, 4));
    expect(qn.key).not.toBe(na.key);
  });

  it('"38/CD-TTg" (stroke lost) and "38/CĐ-TTg" are the same document', () => {
    const raw = readFileSync(unseenPath('khanh-hoa-bcd389-tb.txt'), 'utf8');
    const ocr = extractText('ocr.txt', raw.replace('38/CĐ-TTg', '38/CD-TTg'));
    expect(ocr.citations.find((c) => c.symbol === '38/CD-TTg')?.key).toBe(
      citationBySymbol(doc('khanh-hoa-bcd389-tb.txt'), '38/CĐ-TTg').key,
    );
  });

  it('the national agencies and laws are shared by documents of different provinces', () => {
    const lawKeys = ['ha-noi-qd-ubnd.txt', 'quang-ninh-qd-amend.txt'].map(
      (n) => citationByKey(doc(n), 'vn:luat-to-chuc-chinh-quyen-dia-phuong:2025').key,
    );
    expect(new Set(lawKeys).size).toBe(1);
  });
});

describe('bad input through extractFiles', () => {
  it('an English text file is refused as not-vietnamese, naming the file', async () => {
    const bundle = await extractUnseen(['bad/english-memo.txt']);
    expect(bundle.documents).toEqual([]);
    expect(bundle.errors).toEqual([
      expect.objectContaining({
        source: unseenPath('bad/english-memo.txt'),
        code: 'not-vietnamese',
        message: expect.stringContaining('english-memo.txt'),
      }),
    ]);
  });

  it('good files are still extracted next to bad ones, and every bad one is listed', async () => {
    const bundle = await extractUnseen([
      'thanh-hoa-ocr-noise.txt',
      'bad/english-memo.txt',
      'missing-file.txt',
      'lao-cai-cv-unnumbered.txt',
    ]);
    expect(bundle.documents.map((d) => d.province).sort()).toEqual(['lao-cai', 'thanh-hoa']);
    expect(bundle.errors.map((e) => [e.source, e.code]).sort()).toEqual(
      [
        [unseenPath('bad/english-memo.txt'), 'not-vietnamese'],
        [unseenPath('missing-file.txt'), 'not-found'],
      ].sort(),
    );
    for (const error of bundle.errors) expect(error.message).toContain(error.source);
  });
});
