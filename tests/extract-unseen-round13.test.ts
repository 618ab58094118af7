/**
 * Generalization, eleventh set (round 13): three synthetic documents (tests/fixtures/unseen, marked as samples) in
 * forms the other sets lack — a Ban Chỉ đạo 389's plan (2024, district level) written as Markdown: its header on
 * lines ending in two spaces, "# KẾ HOẠCH", "## III. NHIỆM VỤ CỤ THỂ" over "### 1. Cục Quản lý thị trường tỉnh"
 * headings over "- " bullets, **bold** inside sentences (an agency's name among them), a pipe table "| TT | Nội
 * dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn |" inside the body and a numbered "## V. TỔ CHỨC
 * THỰC HIỆN"; a provincial portal's news page (HTML, 2024) summarizing a Kế hoạch of UBND tỉnh in prose paragraphs
 * and a <ul> of "<strong>X</strong> …" items, wrapped in the portal's menu, related links and footer; a Nghị quyết
 * of the HĐND of a centrally-run city (Huế, 2026) in a two-column header, whose Điều 1–2 are its norms (scope,
 * subjects, support levels, funding), whose "Điều 3. Tổ chức thực hiện" heads "1. Giao Ủy ban nhân dân thành
 * phố:" over "a)"–"c)" items, assigns the council's own bodies and requests the Front, and whose Điều 4 replaces an
 * earlier resolution of the province it succeeded. Written before the rules; each expectation is what a reader of
 * the document would say.
 */
import { describe, expect, it } from 'vitest';
import {
  agenciesMatching,
  citationByKey,
  citationBySymbol,
  citationsWithSymbol,
  deadlineOf,
  deadlineWith,
  dutyStarting,
  pairsOf,
  rolesOf,
  rolesWith,
  unseenSet,
} from './support/extract-helpers.js';

const FIXTURES = [
  'hai-duong-bcd389-kh-markdown.md',
  'ben-tre-tin-cong-ttdt.html',
  'hue-nq-hdnd-cai-nghien.txt',
];

const doc = unseenSet(FIXTURES);

describe('Kế hoạch of Ban Chỉ đạo 389 tỉnh Hải Dương, 2024, in Markdown ("###" agency headings, bold, a pipe table)', () => {
  const name = 'hai-duong-bcd389-kh-markdown.md';

  it('reads the header (lines broken by two trailing spaces, the date in italics) and its citations, not itself', () => {
    const d = doc(name);
    expect(d).toMatchObject({
      type: 'Kế hoạch',
      symbol: '97/KH-BCĐ389',
      issuedAt: '2024-07-22',
      province: 'hai-duong',
      issuerId: 'hai-duong:ban-chi-dao-389-tinh',
    });
    expect(citationBySymbol(d, '98/2020/NĐ-CP').relation).toBe('basis');
    expect(citationBySymbol(d, '19/QĐ-BCĐ389').relation).toBe('basis');
    // The national committee's plan, same issuer code as the document's own symbol.
    expect(citationBySymbol(d, '350/KH-BCĐ389').relation).toBe('implements');
    // Added after the round: its issuer's full name holds a comma ("… chống buôn lậu, gian lận thương mại và hàng
    // giả"), which cut it to no known body, so the national plan was keyed to the province.
    expect(citationBySymbol(d, '350/KH-BCĐ389').key).toBe('vn:350-kh-bcd389:2024');
    expect(citationsWithSymbol(d, '97/KH-BCĐ389')).toEqual([]);
  });

  it('"### 1. Cục Quản lý thị trường tỉnh" heads its "- " bullets; bold inside a bullet is no break; the heading is no duty', () => {
    const d = doc(name);
    const raid = 'Chủ trì, phối hợp với Công an tỉnh, Sở Y tế kiểm tra';
    expect(rolesOf(d, raid)).toEqual([
      ['Cục Quản lý thị trường tỉnh', 'lead'],
      ['Công an tỉnh', 'support'],
      ['Sở Y tế', 'support'],
    ]);
    expect(deadlineOf(d, raid)).toEqual(['2024-11-30', 'hoàn thành trước ngày 30/11/2024']);
    // The canonical body is the province's ("type's name + province").
    expect(dutyStarting(d, raid).agencies[0]!.name).toMatch(/Hải Dương/u);
    // "cơ quan Công an" it hands files to is no assignee.
    expect(rolesOf(d, 'Kiểm tra, kiểm soát hoạt động kinh doanh')).toEqual([
      ['Cục Quản lý thị trường tỉnh', 'assigned'],
    ]);
    const focal = 'Làm đầu mối tổng hợp kết quả kiểm tra';
    expect(rolesOf(d, focal)).toEqual([['Cục Quản lý thị trường tỉnh', 'lead']]);
    expect(deadlineOf(d, focal)).toEqual(['2025-03-05', 'trước ngày 05/3/2025']);
    expect(d.duties.filter((x) => /^#/u.test(x.text.trim()))).toEqual([]);
  });

  it('"### 2. Công an tỉnh": directed units are no assignees; a bold partner\'s name is the name without its asterisks', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Chỉ đạo Phòng Cảnh sát kinh tế')).toEqual([['Công an tỉnh', 'assigned']]);
    const cases = 'Chủ trì điều tra, xử lý các vụ án';
    expect(rolesOf(d, cases)).toEqual([['Công an tỉnh', 'lead']]);
    expect(deadlineOf(d, cases)).toEqual(['2025-01-31', 'trước ngày 31/01/2025']);
    // "- Phối hợp với **Cục Quản lý thị trường tỉnh** xác minh …" under the police's heading.
    expect(rolesWith(d, 'xác minh nguồn gốc hàng hóa tạm giữ')).toEqual([
      ['Công an tỉnh', 'support'],
      ['Cục Quản lý thị trường tỉnh', 'support'],
    ]);
  });

  it('"### 3. Sở Y tế" leads with a partner by a quarter; "### 4. Ủy ban nhân dân các huyện, thị xã, thành phố" directs and supports', () => {
    const d = doc(name);
    const food = 'Chủ trì, phối hợp với Sở Nông nghiệp và Phát triển nông thôn';
    expect(rolesOf(d, food)).toEqual([
      ['Sở Y tế', 'lead'],
      ['Sở Nông nghiệp và Phát triển nông thôn', 'support'],
    ]);
    expect(deadlineOf(d, food)).toEqual(['2024-12', 'Quý IV/2024']);
    // The district committees 389 and the communes' committees it directs are no assignees.
    expect(rolesOf(d, 'Chỉ đạo Ban Chỉ đạo 389 cấp huyện')).toEqual([
      ['Ủy ban nhân dân các huyện, thị xã, thành phố', 'assigned'],
    ]);
    const tet = 'Phối hợp với Cục Quản lý thị trường tỉnh kiểm tra các hộ kinh doanh';
    expect(rolesOf(d, tet)).toEqual([
      ['Ủy ban nhân dân các huyện, thị xã, thành phố', 'support'],
      ['Cục Quản lý thị trường tỉnh', 'support'],
    ]);
    expect(deadlineOf(d, tet)).toEqual(['2025-02-25', 'trước ngày 25/02/2025']);
  });

  it('the pipe table inside the body: each row a task with its lead, partners and time; press named in a task and a catch-all are no agencies', () => {
    const d = doc(name);
    const warehouses = 'Kiểm tra kho hàng, cơ sở sản xuất mỹ phẩm';
    expect(rolesWith(d, warehouses)).toEqual([
      ['Cục Quản lý thị trường tỉnh', 'lead'],
      ['Công an tỉnh', 'support'],
      ['Ban Quản lý các khu công nghiệp tỉnh', 'support'],
    ]);
    expect(deadlineWith(d, warehouses)).toEqual(['2024-10', 'Tháng 10/2024']);
    const press = 'Tuyên truyền về tác hại của hàng giả';
    expect(rolesWith(d, press)).toEqual([
      ['Sở Thông tin và Truyền thông', 'lead'],
      ['Cục Quản lý thị trường tỉnh', 'support'],
    ]);
    expect(deadlineWith(d, press)).toEqual(['2024-12', 'Quý IV/2024']);
    const invoices = 'Kiểm tra hóa đơn, chứng từ';
    expect(rolesWith(d, invoices)).toEqual([
      ['Cục Thuế tỉnh', 'lead'],
      ['Cục Quản lý thị trường tỉnh', 'support'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(deadlineWith(d, invoices)).toEqual(['2024-12-31', 'Trước ngày 31/12/2024']);
    // "Các sở, ngành liên quan" names no one.
    const review = 'Sơ kết đợt cao điểm';
    expect(rolesWith(d, review)).toEqual([['Thường trực Ban Chỉ đạo 389 tỉnh', 'lead']]);
    expect(deadlineWith(d, review)).toEqual(['2025-03', 'Tháng 3/2025']);
    expect(d.duties.filter((x) => x.text.includes('Nội dung công việc'))).toEqual([]);
  });

  it('"## V. TỔ CHỨC THỰC HIỆN": "Giao **X** (…)" assigns X; "Đề nghị X, Y phối hợp với Z" requests; purposes, period and reporting name no one', () => {
    const d = doc(name);
    expect(rolesWith(d, 'theo dõi, đôn đốc các cơ quan, đơn vị triển khai Kế hoạch này')).toEqual([
      ['Cục Quản lý thị trường tỉnh', 'assigned'],
    ]);
    const courts = 'Đề nghị Viện kiểm sát nhân dân tỉnh';
    expect(rolesOf(d, courts)).toEqual([
      ['Viện kiểm sát nhân dân tỉnh', 'requested'],
      ['Tòa án nhân dân tỉnh', 'requested'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(deadlineOf(d, courts)).toEqual(['2025-01-15', 'trước ngày 15/01/2025']);
    expect(agenciesMatching(d, /Nâng cao hiệu quả phối hợp giữa|Từ ngày 01\/8\/2024/u)).toEqual([]);
    // An item whose sole subject is the departments as a kind ("3. Các sở, ngành, địa phương định kỳ … gửi báo cáo")
    // is theirs, as the Phú Thọ plan's "2. Các sở, ngành liên quan căn cứ …" is (tests/extract-unseen-heads.test.ts).
    expect(agenciesMatching(d, /định kỳ trước ngày 20 hằng tháng/u)).toEqual(['Các sở, ngành / assigned']);
  });

  it('names no other agency (the purposes, the catch-alls, the report recipients and "Nơi nhận" are no assignees)', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        ...new Set([
          'Cục Quản lý thị trường tỉnh / lead',
          'Công an tỉnh / support',
          'Sở Y tế / support',
          'Cục Quản lý thị trường tỉnh / assigned',
          'Công an tỉnh / assigned',
          'Công an tỉnh / lead',
          'Cục Quản lý thị trường tỉnh / support',
          'Sở Y tế / lead',
          'Sở Nông nghiệp và Phát triển nông thôn / support',
          'Ủy ban nhân dân các huyện, thị xã, thành phố / assigned',
          'Ủy ban nhân dân các huyện, thị xã, thành phố / support',
          'Ban Quản lý các khu công nghiệp tỉnh / support',
          'Sở Thông tin và Truyền thông / lead',
          'Cục Thuế tỉnh / lead',
          'Thường trực Ban Chỉ đạo 389 tỉnh / lead',
          'Các sở, ngành / assigned',
          'Viện kiểm sát nhân dân tỉnh / requested',
          'Tòa án nhân dân tỉnh / requested',
        ]),
      ].sort(),
    );
  });
});

describe('portal news page (HTML) summarizing a Kế hoạch of UBND tỉnh Bến Tre, 2024 (prose, a <ul>, portal chrome)', () => {
  const name = 'ben-tre-tin-cong-ttdt.html';

  it("takes the summarized plan's identity (not the page's date); cites what the plan implements, not the plan itself", () => {
    const d = doc(name);
    expect(d).toMatchObject({
      provenance: 'summary',
      type: 'Kế hoạch',
      symbol: '286/KH-UBND',
      issuedAt: '2024-11-13',
      province: 'ben-tre',
      issuerId: 'ben-tre:ubnd-tinh',
    });
    expect(citationBySymbol(d, '17/CT-TTg').relation).toBe('implements');
    expect(citationBySymbol(d, '1092/KH-BCĐ389').relation).toBe('implements');
    expect(citationsWithSymbol(d, '286/KH-UBND')).toEqual([]);
  });

  it('"Theo đó, UBND tỉnh giao X chủ trì, phối hợp với Y, Z …": the speaker is no assignee; a name broken across source lines is one name', () => {
    const d = doc(name);
    const list = 'Theo đó, UBND tỉnh giao Sở Công Thương';
    expect(rolesOf(d, list)).toEqual([
      ['Sở Công Thương', 'lead'],
      ['Cục Quản lý thị trường tỉnh', 'support'],
      ['Sở Thông tin và Truyền thông', 'support'],
    ]);
    expect(deadlineOf(d, list)).toEqual(['2024-12-31', 'hoàn thành trước ngày 31/12/2024']);
    // The district police it directs, the committee reported to and the channel are no assignees; a recurrence has no date.
    const police = 'Công an tỉnh chủ trì đấu tranh';
    expect(rolesOf(d, police)).toEqual([['Công an tỉnh', 'lead']]);
    expect(dutyStarting(d, police).deadline).toBeNull();
  });

  it('the <ul> of "<strong>X</strong> …" items: each item is its body\'s duty; the press it directs is no assignee', () => {
    const d = doc(name);
    const warehouses = 'tăng cường kiểm tra các kho hàng, điểm tập kết';
    expect(rolesWith(d, warehouses)).toEqual([['Cục Quản lý thị trường tỉnh', 'assigned']]);
    expect(deadlineWith(d, warehouses)).toEqual(['2025-03', 'Quý I/2025']);
    expect(rolesWith(d, 'cảnh báo các thủ đoạn lừa đảo qua mạng')).toEqual([
      ['Sở Thông tin và Truyền thông', 'assigned'],
      ['Công an tỉnh', 'support'],
    ]);
  });

  it('"X phối hợp với Y …" is X\'s duty done with Y; the districts\' committees (not the communes they direct) by a month', () => {
    const d = doc(name);
    // In prose "X phối hợp với Y …" is X's own duty with Y as partner (roles.ts; the Bình Phước summary of
    // corpus-extra reads "Sở Thông tin và Truyền thông phối hợp với Báo …" so), not two partners of no one.
    expect(rolesWith(d, 'quản lý thuế đối với hoạt động kinh doanh thương mại')).toEqual([
      ['Cục Thuế tỉnh', 'assigned'],
      ['Sở Công Thương', 'support'],
    ]);
    const districts = 'tuyên truyền đến từng hộ kinh';
    expect(rolesWith(d, districts)).toEqual([['UBND các huyện, thành phố', 'assigned']]);
    expect(deadlineWith(d, districts)).toEqual(['2024-12', 'trong tháng 12/2024']);
  });

  it('"UBND tỉnh đề nghị X, Y phối hợp với Z", "Đồng thời, đề nghị …" request; the last paragraph\'s focal point by a day', () => {
    const d = doc(name);
    expect(rolesOf(d, 'UBND tỉnh đề nghị Viện kiểm sát nhân dân tỉnh')).toEqual([
      ['Viện kiểm sát nhân dân tỉnh', 'requested'],
      ['Tòa án nhân dân tỉnh', 'requested'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(rolesOf(d, 'Đồng thời, đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh')).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
      ['Hội Liên hiệp Phụ nữ tỉnh', 'requested'],
    ]);
    const focal = 'Sở Công Thương làm đầu mối';
    expect(rolesOf(d, focal)).toEqual([['Sở Công Thương', 'lead']]);
    expect(deadlineOf(d, focal)).toEqual(['2025-12-05', 'chậm nhất ngày 05/12/2025']);
  });

  it("names no other agency (the plan's goal, the related links, the footer and the byline are no assignees)", () => {
    const d = doc(name);
    expect(
      agenciesMatching(
        d,
        /tổng kết công tác quản lý thị trường năm 2023|Cơ quan chủ quản|Mục tiêu của Kế hoạch/u,
      ),
    ).toEqual([]);
    expect(pairsOf(d)).toEqual(
      [
        'Sở Công Thương / lead',
        'Cục Quản lý thị trường tỉnh / support',
        'Sở Thông tin và Truyền thông / support',
        'Công an tỉnh / lead',
        'Cục Quản lý thị trường tỉnh / assigned',
        'Sở Thông tin và Truyền thông / assigned',
        'Công an tỉnh / support',
        'Cục Thuế tỉnh / assigned',
        'Sở Công Thương / support',
        'UBND các huyện, thành phố / assigned',
        'Viện kiểm sát nhân dân tỉnh / requested',
        'Tòa án nhân dân tỉnh / requested',
        'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh / requested',
        'Hội Liên hiệp Phụ nữ tỉnh / requested',
      ].sort(),
    );
  });
});

describe('Nghị quyết of HĐND thành phố Huế, 2026 (norms in Điều 1–2; "Điều 3. Tổ chức thực hiện"; a replacement)', () => {
  const name = 'hue-nq-hdnd-cai-nghien.txt';

  it('reads the two-column header: the city council (a centrally-run city, a province) issues it', () => {
    const d = doc(name);
    expect(d).toMatchObject({
      type: 'Nghị quyết',
      symbol: '14/2026/NQ-HĐND',
      issuedAt: '2026-04-22',
      province: 'hue',
    });
    // The council, not the People's Committee ("a null issuer is printed as null").
    expect(String(d.issuerId)).toMatch(/^hue:hdnd/u);
  });

  it('cites the laws by name and year and the decree and circular as basis, the proposal it considered, the resolution it replaces', () => {
    const d = doc(name);
    expect(citationByKey(d, 'vn:luat-to-chuc-chinh-quyen-dia-phuong:2025').relation).toBe('basis');
    expect(citationByKey(d, 'vn:luat-ban-hanh-van-ban-quy-pham-phap-luat:2025').relation).toBe('basis');
    expect(citationByKey(d, 'vn:luat-phong-chong-ma-tuy:2021').relation).toBe('basis');
    expect(citationBySymbol(d, '116/2021/NĐ-CP').relation).toBe('basis');
    expect(citationBySymbol(d, '62/2022/TT-BTC').relation).toBe('basis');
    expect(citationBySymbol(d, '187/TTr-UBND').relation).toBe('according_to');
    // "Nghị quyết này thay thế Nghị quyết số 09/2022/NQ-HĐND … của Hội đồng nhân dân tỉnh Thừa Thiên Huế".
    expect(citationBySymbol(d, '09/2022/NQ-HĐND').relation).toBe('replaces');
    expect(citationsWithSymbol(d, '14/2026/NQ-HĐND')).toEqual([]);
  });

  it('"1. Giao Ủy ban nhân dân thành phố:" heads its "a)"–"c)" items (the city\'s committee, a province\'s); the heading is no duty', () => {
    const d = doc(name);
    const rollout = 'Tổ chức triển khai thực hiện Nghị quyết này';
    expect(rolesOf(d, rollout)).toEqual([['Ủy ban nhân dân thành phố', 'assigned']]);
    expect(dutyStarting(d, rollout).agencies[0]!.typeId).toBe('ubnd-tinh');
    expect(deadlineOf(d, rollout)).toEqual(['2026-06-30', 'hoàn thành trước ngày 30/6/2026']);
    // The departments and the communes' committees it directs are no assignees.
    expect(rolesOf(d, 'Bố trí kinh phí thực hiện chính sách')).toEqual([
      ['Ủy ban nhân dân thành phố', 'assigned'],
    ]);
    // The council it reports to is no assignee.
    expect(rolesOf(d, 'Đánh giá kết quả thực hiện Nghị quyết')).toEqual([
      ['Ủy ban nhân dân thành phố', 'assigned'],
    ]);
    expect(
      d.duties.filter((x) => /^(?:1\.\s*)?Giao Ủy ban nhân dân thành phố:?$/u.test(x.text.trim())),
    ).toEqual([]);
  });

  it('"2. Giao Thường trực …, các Ban …, các Tổ đại biểu và đại biểu …" assigns the council\'s own bodies; "3. Đề nghị …" requests the Front', () => {
    const d = doc(name);
    const supervise = 'Giao Thường trực Hội đồng nhân dân thành phố';
    expect(rolesOf(d, supervise)).toEqual([
      ['Thường trực Hội đồng nhân dân thành phố', 'assigned'],
      ['các Ban của Hội đồng nhân dân thành phố', 'assigned'],
      ['các Tổ đại biểu và đại biểu Hội đồng nhân dân thành phố', 'assigned'],
    ]);
    expect(dutyStarting(d, supervise).agencies[0]!.id).toBe('hue:thuong-truc-hdnd-tinh');
    const front = 'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam thành phố';
    expect(rolesOf(d, front)).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam thành phố', 'requested'],
      ['Công an thành phố', 'support'],
    ]);
    expect(dutyStarting(d, front).agencies[1]!.typeId).toBe('cong-an-tinh');
  });

  it("the norms (subjects, support levels, funding) and the effect clauses are nobody's duty; the date of effect is no deadline", () => {
    const d = doc(name);
    expect(
      agenciesMatching(
        d,
        /Đối tượng áp dụng|tại Công an các xã, phường|Hỗ trợ tiền ăn|Kinh phí thực hiện|có hiệu lực từ ngày|thay thế Nghị quyết số|Kỳ họp thứ hai thông qua/u,
      ),
    ).toEqual([]);
    expect(d.duties.filter((x) => x.deadline === '2026-05-05')).toEqual([]);
  });

  it('names no other agency (the preamble, Điều 1–2, Điều 4 and the recipients are no assignees)', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        'Ủy ban nhân dân thành phố / assigned',
        'Thường trực Hội đồng nhân dân thành phố / assigned',
        'các Ban của Hội đồng nhân dân thành phố / assigned',
        'các Tổ đại biểu và đại biểu Hội đồng nhân dân thành phố / assigned',
        'Ủy ban Mặt trận Tổ quốc Việt Nam thành phố / requested',
        'Công an thành phố / support',
      ].sort(),
    );
  });
});
