/**
 * Generalization, eighth set (round 10): three synthetic documents (tests/fixtures/unseen, marked as samples) in forms
 * the other sets lack — a 2026 plan of a merged province against human trafficking whose "IV. TỔ CHỨC THỰC HIỆN"
 * heads each agency on a line of its own ("1. Công an tỉnh", "7. Đề nghị Ủy ban Mặt trận …") over "-" tasks, and
 * whose appendix, printed after the signature, is a "STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời
 * gian" table; a border guard command's Quyết định forming a task force (its members listed in Điều 1, its own rooms,
 * flotilla and stations tasked in Điều 2, the heads who execute it in Điều 3); a Sở Công Thương's Công văn whose
 * items are requests to bodies outside its command under one "đề nghị các cơ quan, đơn vị …" opener, followed by
 * un-numbered paragraphs tasking its own room and office. Written before the rules; each expectation is what a reader
 * of the document would say.
 */
import { describe, expect, it } from 'vitest';
import {
  citationByKey,
  citationBySymbol,
  citationsWithSymbol,
  deadlineOf,
  deadlineWith,
  dutyStarting,
  dutyWith,
  pairsOf,
  rolesOf,
  rolesWith,
  unseenSet,
} from './support/extract-helpers.js';

const FIXTURES = [
  'quang-ngai-kh-mua-ban-nguoi.txt',
  'vinh-long-bdbp-qd-to-cong-tac.txt',
  'dong-nai-sct-cv-hang-gia.txt',
];

const doc = unseenSet(FIXTURES);

describe('Kế hoạch of UBND tỉnh Quảng Ngãi, 2026 (agency headings over "-" tasks; an appendix table)', () => {
  const name = 'quang-ngai-kh-mua-ban-nguoi.txt';

  it('reads the header', () => {
    expect(doc(name)).toMatchObject({
      type: 'Kế hoạch',
      symbol: '57/KH-UBND',
      issuedAt: '2026-02-24',
      province: 'quang-ngai',
      issuerId: 'quang-ngai:ubnd-tinh',
    });
  });

  it("cites the law by name and year, the decree as basis, the Prime Minister's decision it implements; not itself", () => {
    const d = doc(name);
    expect(citationByKey(d, 'vn:luat-phong-chong-mua-ban-nguoi:2024').relation).toBe('basis');
    expect(citationBySymbol(d, '274/2025/NĐ-CP').relation).toBe('basis');
    expect(citationBySymbol(d, '1497/QĐ-TTg').relation).toBe('implements');
    // "(Kèm theo Kế hoạch số 57/KH-UBND …)" over the appendix is the plan itself.
    expect(citationsWithSymbol(d, '57/KH-UBND')).toEqual([]);
  });

  it('"1. Công an tỉnh" / "2. Bộ Chỉ huy …" alone on a line head the "-" tasks under them', () => {
    const d = doc(name);
    // "các sở, ngành liên quan" names no one.
    expect(rolesOf(d, 'Là cơ quan thường trực')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'support'],
    ]);
    expect(rolesOf(d, 'Chủ động nắm tình hình')).toEqual([['Công an tỉnh', 'assigned']]);
    // The bodies reported to are no assignees.
    expect(rolesOf(d, 'Tổng hợp kết quả thực hiện, báo cáo UBND tỉnh')).toEqual([
      ['Công an tỉnh', 'assigned'],
    ]);
    expect(deadlineOf(d, 'Tổng hợp kết quả thực hiện, báo cáo UBND tỉnh')).toEqual([
      '2026-12-05',
      'trước ngày 05/12/2026',
    ]);
    expect(rolesOf(d, 'Chủ trì, phối hợp với Công an tỉnh kiểm soát')).toEqual([
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(rolesOf(d, 'Chỉ đạo các đồn biên phòng')).toEqual([
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'assigned'],
    ]);
    expect(deadlineOf(d, 'Chỉ đạo các đồn biên phòng')).toEqual(['2026-06', 'quý II/2026']);
  });

  it("the departments' headings: Sở Y tế, Sở Nội vụ, Sở Văn hóa, Thể thao và Du lịch", () => {
    const d = doc(name);
    expect(rolesOf(d, 'Chủ trì tiếp nhận, hỗ trợ ban đầu')).toEqual([['Sở Y tế', 'lead']]);
    expect(rolesOf(d, 'Rà soát, kiện toàn các cơ sở trợ giúp xã hội')).toEqual([['Sở Y tế', 'assigned']]);
    expect(deadlineOf(d, 'Rà soát, kiện toàn các cơ sở trợ giúp xã hội')).toEqual([
      '2026-06-30',
      'trước ngày 30/6/2026',
    ]);
    expect(rolesOf(d, 'Chủ trì, phối hợp với Công an tỉnh quản lý hoạt động')).toEqual([
      ['Sở Nội vụ', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    // The press it directs is no assignee.
    expect(rolesOf(d, 'Chỉ đạo, hướng dẫn các cơ quan báo chí')).toEqual([
      ['Sở Văn hóa, Thể thao và Du lịch', 'assigned'],
    ]);
  });

  it('"6. UBND các xã, phường, đặc khu": the communes (special zone included) under their heading', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Xây dựng kế hoạch thực hiện')).toEqual([['UBND các xã, phường, đặc khu', 'assigned']]);
    expect(dutyStarting(d, 'Xây dựng kế hoạch thực hiện').agencies.map((a) => a.typeId)).toEqual([
      'ubnd-cap-xa',
    ]);
    // The special zone is one of the units named, kept as written (the canonical name is the type's).
    expect(dutyStarting(d, 'Xây dựng kế hoạch thực hiện').agencies[0]!.mention).toMatch(
      /xã, phường, đặc khu/u,
    );
    // "hoàn thành trước ngày …" is kept whole, as the other sets read it.
    expect(deadlineOf(d, 'Xây dựng kế hoạch thực hiện')).toEqual([
      '2026-03-31',
      'hoàn thành trước ngày 31/3/2026',
    ]);
    // "(qua Công an tỉnh)" is the report's channel.
    expect(rolesOf(d, 'Rà soát, nắm chắc số người')).toEqual([['UBND các xã, phường, đặc khu', 'assigned']]);
    expect(deadlineOf(d, 'Rà soát, nắm chắc số người')).toEqual([null, 'định kỳ 6 tháng']);
  });

  it('"7. Đề nghị …" as a heading requests the task under it; "8. Đề nghị X, Y phối hợp với Z …" inline', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Phối hợp tuyên truyền, vận động Nhân dân')).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
    ]);
    expect(rolesOf(d, 'Đề nghị Viện kiểm sát nhân dân tỉnh')).toEqual([
      ['Viện kiểm sát nhân dân tỉnh', 'requested'],
      ['Tòa án nhân dân tỉnh', 'requested'],
      ['Công an tỉnh', 'support'],
    ]);
  });

  it('the appendix table after the signature: each row a task with its lead, partners and time', () => {
    const d = doc(name);
    expect(rolesWith(d, 'Tập huấn kỹ năng nhận diện')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Y tế', 'support'],
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'support'],
    ]);
    expect(deadlineWith(d, 'Tập huấn kỹ năng nhận diện')).toEqual(['2026-06', 'Quý II/2026']);
    expect(rolesWith(d, 'Tổ chức đợt cao điểm tuyên truyền')).toEqual([
      ['Sở Văn hóa, Thể thao và Du lịch', 'lead'],
      ['Báo và Phát thanh, Truyền hình Quảng Ngãi', 'support'],
      ['UBND các xã, phường, đặc khu', 'support'],
    ]);
    expect(deadlineWith(d, 'Tổ chức đợt cao điểm tuyên truyền')).toEqual(['2026-07', 'Tháng 7/2026']);
    expect(rolesWith(d, 'Kiểm tra hoạt động của các doanh nghiệp dịch vụ')).toEqual([
      ['Sở Nội vụ', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(deadlineWith(d, 'Kiểm tra hoạt động của các doanh nghiệp dịch vụ')).toEqual([
      '2026-10-30',
      'Trước ngày 30/10/2026',
    ]);
    // "Các sở, ngành, địa phương" names no one.
    expect(rolesWith(d, 'Sơ kết, đánh giá kết quả')).toEqual([['Công an tỉnh', 'lead']]);
    expect(deadlineWith(d, 'Sơ kết, đánh giá kết quả')).toEqual(['2026-12', 'Tháng 12/2026']);
  });

  it('names no other agency (the header columns and the recipients are no assignees)', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        ...new Set([
          'Công an tỉnh / lead',
          'Bộ Chỉ huy Bộ đội Biên phòng tỉnh / support',
          'Công an tỉnh / assigned',
          'Bộ Chỉ huy Bộ đội Biên phòng tỉnh / lead',
          'Công an tỉnh / support',
          'Bộ Chỉ huy Bộ đội Biên phòng tỉnh / assigned',
          'Sở Y tế / lead',
          'Sở Y tế / assigned',
          'Sở Nội vụ / lead',
          'Sở Văn hóa, Thể thao và Du lịch / assigned',
          'UBND các xã, phường, đặc khu / assigned',
          'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh / requested',
          'Viện kiểm sát nhân dân tỉnh / requested',
          'Tòa án nhân dân tỉnh / requested',
          'Sở Y tế / support',
          'Sở Văn hóa, Thể thao và Du lịch / lead',
          'Báo và Phát thanh, Truyền hình Quảng Ngãi / support',
          'UBND các xã, phường, đặc khu / support',
        ]),
      ].sort(),
    );
  });
});

describe('Quyết định of Bộ Chỉ huy Bộ đội Biên phòng tỉnh Vĩnh Long (a task force; its rooms, flotilla, stations)', () => {
  const name = 'vinh-long-bdbp-qd-to-cong-tac.txt';

  it('reads the header: the border guard command, under "BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG", issues it', () => {
    expect(doc(name)).toMatchObject({
      type: 'Quyết định',
      symbol: '2157/QĐ-BCH',
      issuedAt: '2025-11-10',
      province: 'vinh-long',
      issuerId: 'vinh-long:bo-chi-huy-bo-doi-bien-phong-tinh',
    });
  });

  it("cites the law and decree as its basis and the Border Guard Command's plan it implements", () => {
    const d = doc(name);
    expect(citationByKey(d, 'vn:luat-bien-phong-viet-nam:2020').relation).toBe('basis');
    expect(citationBySymbol(d, '02/2021/NĐ-CP').relation).toBe('basis');
    expect(citationBySymbol(d, '1350/KH-BTL').relation).toBe('implements');
  });

  it('the members listed in Điều 1 and the proposer in the preamble are no duties', () => {
    const texts = doc(name).duties.map((x) => x.text);
    expect(texts.filter((t) => /^(?:Đại tá|Thượng tá|Trung tá|Thiếu tá|Đại úy)\b/u.test(t))).toEqual([]);
    expect(texts.filter((t) => /Tổ trưởng;|Tổ phó;|thành viên;|Theo đề nghị của/u.test(t))).toEqual([]);
  });

  it('"Tổ công tác … chủ trì, phối hợp với …" leads (the commander it helps is no assignee); "Đề nghị …" requests', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Tổ công tác có nhiệm vụ')).toEqual([
      ['Tổ công tác', 'lead'],
      ['Công an tỉnh', 'support'],
      ['Chi cục Quản lý thị trường tỉnh', 'support'],
      ['Chi cục Hải quan khu vực XIX', 'support'],
    ]);
    expect(rolesOf(d, 'Đề nghị Công an tỉnh, Chi cục Quản lý thị trường tỉnh')).toEqual([
      ['Công an tỉnh', 'requested'],
      ['Chi cục Quản lý thị trường tỉnh', 'requested'],
      ['Tổ công tác', 'support'],
    ]);
  });

  it('the command\'s own rooms: the standing room, reporting monthly; "Phòng Phòng chống ma túy và tội phạm" whole', () => {
    const d = doc(name);
    const start = 'Phòng Tham mưu là cơ quan thường trực';
    expect(rolesOf(d, start)).toEqual([['Phòng Tham mưu', 'lead']]);
    expect(deadlineOf(d, start)).toEqual([null, 'trước ngày 25 hằng tháng']);
    const staff = dutyStarting(d, start).agencies[0]!;
    // The border guard's room, not the police's.
    expect(staff.typeId).not.toBe('phong-tham-muu-cong-an-tinh');
    expect(staff.name).toMatch(/Bộ đội Biên phòng tỉnh Vĩnh Long/u);
    const drugs = 'Phòng Phòng chống ma túy và tội phạm chủ trì';
    expect(rolesOf(d, drugs)).toEqual([['Phòng Phòng chống ma túy và tội phạm', 'lead']]);
    expect(deadlineOf(d, drugs)).toEqual(['2025-11-20', 'hoàn thành trước ngày 20/11/2025']);
  });

  it('the flotilla works with two stations until a day; the logistics room serves the task force', () => {
    const d = doc(name);
    const start = 'Hải đội Biên phòng 2 bố trí';
    expect(rolesOf(d, start)).toEqual([
      ['Hải đội Biên phòng 2', 'assigned'],
      ['Đồn Biên phòng Bình Đại', 'support'],
      ['Đồn Biên phòng Ba Tri', 'support'],
    ]);
    // A period ("từ ngày … đến hết ngày …") is no deadline, as the development gold reads a campaign's period.
    expect(deadlineOf(d, start)).toEqual([null, null]);
    // "cho Tổ công tác": the task force is served, not tasked.
    expect(rolesOf(d, 'Phòng Hậu cần - Kỹ thuật')).toEqual([['Phòng Hậu cần - Kỹ thuật', 'assigned']]);
  });

  it('Điều 3 assigns each unit whose head it lists, stations enumerated after "các Đồn Biên phòng:"', () => {
    const execution = dutyWith(doc(name), 'chịu trách nhiệm thi hành');
    expect(execution.agencies.map((a) => a.role)).toEqual(Array(6).fill('assigned'));
    const names = execution.agencies.map((a) => a.name);
    const expected = [
      /^Văn phòng\b.*Bộ đội Biên phòng tỉnh Vĩnh Long/u,
      /^Phòng Phòng chống ma túy và tội phạm\b/u,
      /^Hải đội Biên phòng 2\b/u,
      /^Đồn Biên phòng Bình Đại\b/u,
      /^Đồn Biên phòng Ba Tri\b/u,
      // Not "\b": it is ASCII-only, and no boundary follows "ú".
      /^Đồn Biên phòng Thạnh Phú(?!\p{L})/u,
    ];
    expected.forEach((pattern, i) => expect(names[i]).toMatch(pattern));
    // "các đồng chí có tên tại Điều 1" are people, no agency.
    expect(execution.agencies.filter((a) => /đồng chí/u.test(a.mention))).toEqual([]);
  });
});

describe('Công văn of Sở Công Thương tỉnh Đồng Nai (requests under one "đề nghị"; its own room and office)', () => {
  const name = 'dong-nai-sct-cv-hang-gia.txt';

  it('reads the header: the department, under "UBND TỈNH ĐỒNG NAI", issues it', () => {
    expect(doc(name)).toMatchObject({
      type: 'Công văn',
      symbol: '4182/SCT-QLTM',
      issuedAt: '2025-12-08',
      province: 'dong-nai',
      issuerId: 'dong-nai:so-cong-thuong',
    });
  });

  it("implements the Công điện and the province's letter; the decree it enforces is cited", () => {
    const d = doc(name);
    expect(citationBySymbol(d, '120/CĐ-TTg').relation).toBe('implements');
    expect(citationBySymbol(d, '9215/UBND-KTN').relation).toBe('implements');
    expect(citationBySymbol(d, '98/2020/NĐ-CP')).toBeTruthy();
  });

  it('"Sở Công Thương đề nghị các cơ quan, đơn vị …:" makes each item after it a request; the units they direct are no assignees', () => {
    const d = doc(name);
    expect(rolesWith(d, 'chỉ đạo Phòng Cảnh sát kinh tế và Công an các xã')).toEqual([
      ['Công an tỉnh', 'requested'],
      ['Chi cục Quản lý thị trường tỉnh', 'support'],
    ]);
    expect(rolesWith(d, 'tăng cường tuần tra, kiểm soát địa bàn biên giới')).toEqual([
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'requested'],
      ['Chi cục Hải quan khu vực XVI', 'support'],
    ]);
    // Informing the Sở is no assignment of the Sở.
    expect(rolesWith(d, 'giám sát hàng hóa xuất khẩu')).toEqual([
      ['Chi cục Hải quan khu vực XVI', 'requested'],
    ]);
    expect(rolesWith(d, 'quản lý hoạt động kinh doanh trên sàn')).toEqual([
      ['Thuế tỉnh Đồng Nai', 'requested'],
    ]);
    expect(rolesWith(d, 'kiểm tra chất lượng xăng dầu')).toEqual([['Sở Khoa học và Công nghệ', 'requested']]);
    expect(deadlineWith(d, 'kiểm tra chất lượng xăng dầu')).toEqual(['2026-01', 'trong tháng 01/2026']);
  });

  it('the communes are requested, reporting to the Sở by a day', () => {
    // The item reads "UBND các xã, phường: chỉ đạo …"; wherever its text is taken to start, it is this task.
    const task = 'cam kết không kinh doanh hàng giả';
    expect(rolesWith(doc(name), task)).toEqual([['UBND các xã, phường', 'requested']]);
    expect(dutyWith(doc(name), task).agencies.map((a) => a.typeId)).toEqual(['ubnd-cap-xa']);
    expect(deadlineWith(doc(name), task)).toEqual(['2026-01-20', 'trước ngày 20/01/2026']);
  });

  it('"Chi cục Quản lý thị trường tỉnh: chủ trì, phối hợp với …" leads a campaign until a day', () => {
    const task = 'mở đợt cao điểm kiểm tra, kiểm soát thị trường';
    expect(rolesWith(doc(name), task)).toEqual([
      ['Chi cục Quản lý thị trường tỉnh', 'lead'],
      ['Phòng Cảnh sát kinh tế Công an tỉnh', 'support'],
      ['Thuế tỉnh Đồng Nai', 'support'],
    ]);
    // The campaign's period ("từ ngày … đến ngày …") is no deadline, as the development gold reads one.
    expect(deadlineWith(doc(name), task)).toEqual([null, null]);
  });

  it("the un-numbered paragraphs after the items task the Sở's own room and office; the closing courtesy is no duty", () => {
    const d = doc(name);
    const room = 'Sở Công Thương giao Phòng Quản lý thương mại';
    expect(rolesOf(d, room)).toEqual([['Phòng Quản lý thương mại', 'lead']]);
    expect(deadlineOf(d, room)).toEqual(['2026-03-25', 'trước ngày 25/3/2026']);
    expect(dutyStarting(d, room).agencies[0]!.name).toMatch(/Sở Công Thương tỉnh Đồng Nai/u);
    const office = 'Văn phòng Sở đăng tải';
    expect(rolesOf(d, office)).toEqual([['Văn phòng Sở', 'assigned']]);
    expect(deadlineOf(d, office)).toEqual(['2025-12-12', 'chậm nhất ngày 12/12/2025']);
    expect(dutyStarting(d, office).agencies[0]!.typeId).not.toBe('van-phong-ubnd-tinh');
    expect(d.duties.filter((x) => x.text.includes('Rất mong'))).toEqual([]);
  });

  it('names no other agency (the recipients of "Kính gửi" and of the reports are no assignees as such)', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        'Công an tỉnh / requested',
        'Chi cục Quản lý thị trường tỉnh / support',
        'Bộ Chỉ huy Bộ đội Biên phòng tỉnh / requested',
        'Chi cục Hải quan khu vực XVI / support',
        'Chi cục Hải quan khu vực XVI / requested',
        'Thuế tỉnh Đồng Nai / requested',
        'UBND các xã, phường / requested',
        'Sở Khoa học và Công nghệ / requested',
        'Chi cục Quản lý thị trường tỉnh / lead',
        'Phòng Cảnh sát kinh tế Công an tỉnh / support',
        'Thuế tỉnh Đồng Nai / support',
        'Phòng Quản lý thương mại / lead',
        'Văn phòng Sở / assigned',
      ].sort(),
    );
  });
});
