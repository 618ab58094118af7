/**
 * Generalization, ninth set (round 11): three synthetic documents (tests/fixtures/unseen, marked as samples) in forms
 * the other sets lack — a joint plan (Kế hoạch liên ngành) of a provincial police and procuracy whose two bodies share
 * one header line and one signature block, with tasks per body under "1. Công an tỉnh" / "2. Viện kiểm sát nhân dân
 * tỉnh" over "a)" items and a markdown "| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành |
 * Sản phẩm |" table printed before the signature; an urgent (hỏa tốc) Công văn of a ward's People's Committee, 2026,
 * whose assignments are bold markdown headings ("**1. Công an phường**") over "+" lines and which tasks the ward's
 * own police, military command, rooms and office; a chairman's Chỉ thị whose items are headed by the title of the
 * head ("1. Giám đốc Công an tỉnh:") over "a)", "b)" sub-items, some inline after the colon, closing with "Yêu cầu
 * Thủ trưởng các sở, ban, ngành … nghiêm túc thực hiện Chỉ thị này". Written before the rules; each expectation is
 * what a reader of the document would say.
 */
import { describe, expect, it } from 'vitest';
import {
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

const FIXTURES = ['ca-mau-khln-nguon-tin.txt', 'bac-ninh-xa-cv-hoa-toc.txt', 'lang-son-ct-cong-nghe-cao.txt'];

const doc = unseenSet(FIXTURES);

describe('Kế hoạch liên ngành of Công an tỉnh and Viện kiểm sát nhân dân tỉnh Cà Mau, 2026 (two issuers; a table)', () => {
  const name = 'ca-mau-khln-nguon-tin.txt';

  it('reads the header: a plan, the first-named body (the police, "CAT" first in the symbol) as issuer', () => {
    expect(doc(name)).toMatchObject({
      type: 'Kế hoạch',
      symbol: '03/KHLN-CAT-VKS',
      issuedAt: '2026-03-16',
      province: 'ca-mau',
      issuerId: 'ca-mau:cong-an-tinh',
    });
  });

  it('cites the code by name and year, the joint circular and the coordination rules as basis, the province plan it implements', () => {
    const d = doc(name);
    expect(citationByKey(d, 'vn:bo-luat-to-tung-hinh-su:2015').relation).toBe('basis');
    expect(citationBySymbol(d, '01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC').relation).toBe('basis');
    expect(citationBySymbol(d, '02/QCPH-CAT-VKS').relation).toBe('basis');
    expect(citationBySymbol(d, '52/KH-UBND').relation).toBe('implements');
    expect(citationsWithSymbol(d, '03/KHLN-CAT-VKS')).toEqual([]);
  });

  it('"1. Công an tỉnh" heads its "a)" items; the units it directs are no assignees; "c)" names its own subject', () => {
    const d = doc(name);
    // "Chỉ đạo Phòng …, Phòng … và Công an các xã, phường …": the directed units are not tasked by this plan here.
    expect(rolesOf(d, 'Chỉ đạo Phòng Cảnh sát hình sự')).toEqual([['Công an tỉnh', 'assigned']]);
    expect(rolesOf(d, 'Chủ trì, phối hợp với Viện kiểm sát nhân dân tỉnh rà soát')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Viện kiểm sát nhân dân tỉnh', 'support'],
    ]);
    expect(deadlineOf(d, 'Chủ trì, phối hợp với Viện kiểm sát nhân dân tỉnh rà soát')).toEqual([
      '2026-06-30',
      'hoàn thành trước ngày 30/6/2026',
    ]);
    // The procuracy it informs is no assignee.
    expect(rolesOf(d, 'Cơ quan Cảnh sát điều tra Công an tỉnh thông báo')).toEqual([
      ['Cơ quan Cảnh sát điều tra Công an tỉnh', 'assigned'],
    ]);
  });

  it('"2. Viện kiểm sát nhân dân tỉnh": a co-issuer is assigned, not requested; it leads and works with the court', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Phân công Kiểm sát viên')).toEqual([['Viện kiểm sát nhân dân tỉnh', 'assigned']]);
    const guide = 'Chủ trì, phối hợp với Cơ quan Cảnh sát điều tra Công an tỉnh xây dựng';
    expect(rolesOf(d, guide)).toEqual([
      ['Viện kiểm sát nhân dân tỉnh', 'lead'],
      ['Cơ quan Cảnh sát điều tra Công an tỉnh', 'support'],
    ]);
    expect(deadlineOf(d, guide)).toEqual(['2026-09', 'Quý III/2026']);
    expect(rolesOf(d, 'Lựa chọn ít nhất 02 vụ án điểm')).toEqual([
      ['Viện kiểm sát nhân dân tỉnh', 'assigned'],
      ['Tòa án nhân dân tỉnh', 'support'],
    ]);
  });

  it('inline items: the communes\' police (not the unit they send files to), "Đề nghị" the court; "Giao X và Y làm đầu mối"', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Công an các xã, phường tiếp nhận')).toEqual([['Công an các xã, phường', 'assigned']]);
    expect(rolesOf(d, 'Đề nghị Tòa án nhân dân tỉnh')).toEqual([['Tòa án nhân dân tỉnh', 'requested']]);
    const focal = 'Giao Phòng Tham mưu Công an tỉnh';
    expect(rolesOf(d, focal)).toEqual([
      ['Phòng Tham mưu Công an tỉnh', 'lead'],
      ['Văn phòng Viện kiểm sát nhân dân tỉnh', 'lead'],
    ]);
    expect(deadlineOf(d, focal)).toEqual(['2026-12-10', 'trước ngày 10/12/2026']);
  });

  it('the markdown table before the signature: each row a task with its lead, partners and time (not its product)', () => {
    const d = doc(name);
    expect(rolesWith(d, 'Rà soát, thống kê tố giác')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Viện kiểm sát nhân dân tỉnh', 'support'],
    ]);
    expect(deadlineWith(d, 'Rà soát, thống kê tố giác')).toEqual(['2026-04-30', 'Trước ngày 30/4/2026']);
    expect(rolesWith(d, 'Ban hành hướng dẫn liên ngành')).toEqual([
      ['Viện kiểm sát nhân dân tỉnh', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(deadlineWith(d, 'Ban hành hướng dẫn liên ngành')).toEqual(['2026-06', 'Quý II/2026']);
    expect(rolesWith(d, 'Tập huấn kỹ năng điều tra, truy tố')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Viện kiểm sát nhân dân tỉnh', 'support'],
      ['Tòa án nhân dân tỉnh', 'support'],
    ]);
    expect(deadlineWith(d, 'Tập huấn kỹ năng điều tra, truy tố')).toEqual(['2026-08', 'Tháng 8/2026']);
    // "Các đơn vị liên quan" names no one.
    expect(rolesWith(d, 'Sơ kết 6 tháng')).toEqual([['Viện kiểm sát nhân dân tỉnh', 'lead']]);
    expect(deadlineWith(d, 'Sơ kết 6 tháng')).toEqual(['2026-07', 'Tháng 7/2026']);
    expect(d.duties.filter((x) => /Báo cáo rà soát|02 lớp tập huấn/u.test(x.text))).toEqual([]);
  });

  it('names no other agency (the header, the report channel, the signers and the recipients are no assignees)', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        ...new Set([
          'Công an tỉnh / assigned',
          'Công an tỉnh / lead',
          'Viện kiểm sát nhân dân tỉnh / support',
          'Cơ quan Cảnh sát điều tra Công an tỉnh / assigned',
          'Viện kiểm sát nhân dân tỉnh / assigned',
          'Viện kiểm sát nhân dân tỉnh / lead',
          'Cơ quan Cảnh sát điều tra Công an tỉnh / support',
          'Tòa án nhân dân tỉnh / support',
          'Công an các xã, phường / assigned',
          'Tòa án nhân dân tỉnh / requested',
          'Phòng Tham mưu Công an tỉnh / lead',
          'Văn phòng Viện kiểm sát nhân dân tỉnh / lead',
          'Công an tỉnh / support',
        ]),
      ].sort(),
    );
  });
});

describe('Công văn hỏa tốc of UBND phường Từ Sơn, tỉnh Bắc Ninh, 2026 (bold headings over "+" lines)', () => {
  const name = 'bac-ninh-xa-cv-hoa-toc.txt';

  it('reads the header: the ward, under "TỈNH BẮC NINH", issues it (not the province); the urgency mark is no part of it', () => {
    const d = doc(name);
    expect(d).toMatchObject({
      type: 'Công văn',
      symbol: '318/UBND-VP',
      issuedAt: '2026-04-12',
      province: 'bac-ninh',
    });
    // An id of this ward (a null issuer is printed as "null", not thrown as a non-string).
    expect(String(d.issuerId)).toMatch(/^bac-ninh:.*tu-son/u);
    expect(citationBySymbol(d, '1126/UBND-NC').relation).toBe('implements');
    expect(citationBySymbol(d, '27-TB/ĐU')).toBeTruthy();
    expect(citationBySymbol(d, '168/2024/NĐ-CP')).toBeTruthy();
  });

  it('"**1. Công an phường**" heads the "+" lines under it; a period is no deadline; family and school are no assignees', () => {
    const d = doc(name);
    const patrol = 'Chủ trì, phối hợp với Ban Chỉ huy Quân sự phường';
    expect(rolesOf(d, patrol)).toEqual([
      ['Công an phường', 'lead'],
      ['Ban Chỉ huy Quân sự phường', 'support'],
    ]);
    expect(dutyStarting(d, patrol).agencies[0]!.typeId).toBe('cong-an-cap-xa');
    // "từ ngày 12/4/2026 đến ngày 31/5/2026" is the patrols' period, not a deadline.
    expect(deadlineOf(d, patrol)).toEqual([null, null]);
    expect(rolesOf(d, 'Rà soát, lập danh sách')).toEqual([['Công an phường', 'assigned']]);
    expect(deadlineOf(d, 'Rà soát, lập danh sách')).toEqual([
      '2026-04-20',
      'hoàn thành trước ngày 20/4/2026',
    ]);
    // The chairman reported to is no assignee.
    expect(rolesOf(d, 'Kiên quyết xử lý nghiêm')).toEqual([['Công an phường', 'assigned']]);
  });

  it('"Phối hợp với Công an phường …" under a heading: the heading\'s body is tasked, the police support', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Bố trí lực lượng dân quân')).toEqual([
      ['Ban Chỉ huy Quân sự phường', 'assigned'],
      ['Công an phường', 'support'],
    ]);
    // An item's opener "Phối hợp với Y …" makes its body a partner, as in every other set (roles.ts).
    const cameras = 'Phối hợp với Công an phường rà soát';
    expect(rolesOf(d, cameras)).toEqual([
      ['Phòng Kinh tế, Hạ tầng và Đô thị', 'support'],
      ['Công an phường', 'support'],
    ]);
    expect(deadlineOf(d, cameras)).toEqual(['2026-04-30', 'trước ngày 30/4/2026']);
  });

  it("the ward's room leads (the Committee it advises is no assignee) and is the ward's, not the province's", () => {
    const d = doc(name);
    const schools = 'Chủ trì tham mưu UBND phường';
    expect(rolesOf(d, schools)).toEqual([['Phòng Văn hóa - Xã hội', 'lead']]);
    expect(dutyStarting(d, schools).agencies[0]!.name).toMatch(/Từ Sơn/u);
    expect(rolesOf(d, 'Biên tập, phát chuyên mục')).toEqual([['Phòng Văn hóa - Xã hội', 'assigned']]);
    expect(deadlineOf(d, 'Biên tập, phát chuyên mục')).toEqual(['2026-04', 'trong tháng 4/2026']);
  });

  it('"**5. Đề nghị X, Y**" requests both bodies for every "+" line under it', () => {
    const d = doc(name);
    const both = [
      ['Ủy ban Mặt trận Tổ quốc Việt Nam phường', 'requested'],
      ['Đoàn Thanh niên Cộng sản Hồ Chí Minh phường', 'requested'],
    ];
    expect(rolesOf(d, 'Tuyên truyền, vận động các gia đình')).toEqual(both);
    expect(rolesOf(d, 'Thành lập các đội thanh niên xung kích')).toEqual(both);
  });

  it("the ward's office reports by a day through a channel; the closing names no one", () => {
    const d = doc(name);
    const office = 'Theo dõi, đôn đốc các cơ quan, đơn vị';
    // "báo cáo UBND tỉnh (qua Công an tỉnh)": recipient and channel are no assignees.
    expect(rolesOf(d, office)).toEqual([['Văn phòng HĐND và UBND phường', 'assigned']]);
    expect(dutyStarting(d, office).agencies[0]!.typeId).not.toBe('van-phong-ubnd-tinh');
    expect(deadlineOf(d, office)).toEqual(['2026-06-05', 'trước ngày 05/6/2026']);
    expect(
      d.duties
        .filter((x) => x.text.includes('người đứng đầu phải chịu trách nhiệm'))
        .flatMap((x) => x.agencies),
    ).toEqual([]);
  });

  it('names no other agency (the "Kính gửi" list and the recipients are no assignees as such)', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        'Công an phường / lead',
        'Ban Chỉ huy Quân sự phường / support',
        'Công an phường / assigned',
        'Ban Chỉ huy Quân sự phường / assigned',
        'Công an phường / support',
        'Phòng Văn hóa - Xã hội / lead',
        'Phòng Văn hóa - Xã hội / assigned',
        'Phòng Kinh tế, Hạ tầng và Đô thị / support',
        'Ủy ban Mặt trận Tổ quốc Việt Nam phường / requested',
        'Đoàn Thanh niên Cộng sản Hồ Chí Minh phường / requested',
        'Văn phòng HĐND và UBND phường / assigned',
      ].sort(),
    );
  });
});

describe('Chỉ thị of the Chairman of UBND tỉnh Lạng Sơn, 2026 (heads\' titles heading "a)" items)', () => {
  const name = 'lang-son-ct-cong-nghe-cao.txt';

  it('reads the header and the documents it implements (cited in running prose)', () => {
    const d = doc(name);
    expect(d).toMatchObject({
      type: 'Chỉ thị',
      symbol: '06/CT-UBND',
      issuedAt: '2026-02-27',
      province: 'lang-son',
      issuerId: 'lang-son:ubnd-tinh',
    });
    expect(citationBySymbol(d, '57-NQ/TW').relation).toBe('implements');
    expect(citationBySymbol(d, '21/CT-TTg').relation).toBe('implements');
    expect(citationBySymbol(d, '13/2023/NĐ-CP')).toBeTruthy();
    expect(citationsWithSymbol(d, '06/CT-UBND')).toEqual([]);
  });

  it('"1. Giám đốc Công an tỉnh:" — the body (not its head) takes each "a)"–"d)" item; the heading is no duty', () => {
    const d = doc(name);
    const blitz = 'Tham mưu Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo thống nhất';
    expect(rolesOf(d, blitz)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Khoa học và Công nghệ', 'support'],
    ]);
    expect(dutyStarting(d, blitz).agencies[0]!.typeId).toBe('cong-an-tinh');
    expect(deadlineOf(d, blitz)).toEqual(['2026-06', 'Quý II/2026']);
    // The units it directs are no assignees.
    expect(rolesOf(d, 'Chỉ đạo Phòng An ninh mạng')).toEqual([['Công an tỉnh', 'assigned']]);
    // An item's opener "Phối hợp với Y …" makes its body a partner, as in every other set (roles.ts).
    expect(rolesOf(d, 'Phối hợp với Bộ Chỉ huy Bộ đội Biên phòng tỉnh')).toEqual([
      ['Công an tỉnh', 'support'],
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'support'],
    ]);
    // The chairman and the ministry reported to are no assignees.
    expect(rolesOf(d, 'Tổng hợp tình hình, kết quả')).toEqual([['Công an tỉnh', 'assigned']]);
    expect(deadlineOf(d, 'Tổng hợp tình hình, kết quả')).toEqual(['2026-12-15', 'trước ngày 15/12/2026']);
    expect(d.duties.filter((x) => /^Giám đốc [^:]*:?$/u.test(x.text.trim()))).toEqual([]);
  });

  it('"2. Giám đốc Sở Khoa học và Công nghệ:" leads with the police and the telecom companies as partners', () => {
    const d = doc(name);
    const sims = 'Chủ trì, phối hợp với Công an tỉnh và các doanh nghiệp viễn thông';
    expect(rolesOf(d, sims)).toEqual([
      ['Sở Khoa học và Công nghệ', 'lead'],
      ['Công an tỉnh', 'support'],
      ['các doanh nghiệp viễn thông trên địa bàn tỉnh', 'support'],
    ]);
    expect(deadlineOf(d, sims)).toEqual(['2026-06-30', 'hoàn thành trước ngày 30/6/2026']);
    expect(rolesOf(d, 'Hướng dẫn các cơ quan nhà nước')).toEqual([['Sở Khoa học và Công nghệ', 'assigned']]);
  });

  it('"3. Giám đốc Sở …: <task>" inline after the colon; the press it directs is no assignee', () => {
    const d = doc(name);
    expect(rolesWith(d, 'chỉ đạo các cơ quan báo chí, hệ thống thông tin cơ sở')).toEqual([
      ['Sở Văn hóa, Thể thao và Du lịch', 'assigned'],
    ]);
    expect(deadlineWith(d, 'chỉ đạo các cơ quan báo chí, hệ thống thông tin cơ sở')).toEqual([
      '2026-03',
      'trong tháng 3/2026',
    ]);
    expect(rolesWith(d, 'tham mưu bố trí kinh phí')).toEqual([['Sở Tài chính', 'assigned']]);
  });

  it('"5. Chủ tịch Ủy ban nhân dân các xã, phường:" heads the communes\' items; "6. Đề nghị …" requests; the closing names no one', () => {
    const d = doc(name);
    const plan = 'Ban hành kế hoạch thực hiện Chỉ thị';
    expect(rolesOf(d, plan)).toEqual([['Ủy ban nhân dân các xã, phường', 'assigned']]);
    expect(dutyStarting(d, plan).agencies.map((a) => a.typeId)).toEqual(['ubnd-cap-xa']);
    expect(deadlineOf(d, plan)).toEqual(['2026-03-31', 'hoàn thành trước ngày 31/3/2026']);
    expect(rolesOf(d, 'Chỉ đạo tuyên truyền đến từng thôn')).toEqual([
      ['Ủy ban nhân dân các xã, phường', 'assigned'],
    ]);
    // "chỉ đạo Mặt trận Tổ quốc cấp xã": the bodies it directs are no assignees.
    expect(rolesOf(d, 'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh')).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
    ]);
    // "Yêu cầu Thủ trưởng …, Chủ tịch … nghiêm túc thực hiện Chỉ thị này; … báo cáo … (qua Công an tỉnh)".
    expect(
      d.duties.filter((x) => x.text.includes('nghiêm túc thực hiện Chỉ thị này')).flatMap((x) => x.agencies),
    ).toEqual([]);
  });

  it('names no other agency (the preamble, the recipients and the report channel are no assignees)', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        'Công an tỉnh / lead',
        'Sở Khoa học và Công nghệ / support',
        'Công an tỉnh / assigned',
        'Bộ Chỉ huy Bộ đội Biên phòng tỉnh / support',
        'Sở Khoa học và Công nghệ / lead',
        'Công an tỉnh / support',
        'các doanh nghiệp viễn thông trên địa bàn tỉnh / support',
        'Sở Khoa học và Công nghệ / assigned',
        'Sở Văn hóa, Thể thao và Du lịch / assigned',
        'Sở Tài chính / assigned',
        'Ủy ban nhân dân các xã, phường / assigned',
        'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh / requested',
      ].sort(),
    );
  });
});
