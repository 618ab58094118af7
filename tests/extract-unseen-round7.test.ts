/**
 * Generalization, fifth set (round 7): five synthetic documents (tests/fixtures/unseen, marked as samples) in sentence
 * forms the other sets lack — report channels ("báo cáo kết quả về UBND tỉnh (qua Công an tỉnh) trước ngày …", "gửi
 * báo cáo về Sở Tư pháp để tổng hợp, báo cáo UBND tỉnh": the body that receives or compiles is no assignee, the
 * clause's subject is), a second clause after ";" with a frame of its own ("Công an tỉnh chủ trì …; Sở Tư pháp là cơ
 * quan thường trực …", "…; giao Sở Nội vụ theo dõi …"), heads addressed as "Đồng chí Giám đốc …", a Ban Chỉ đạo 389
 * meeting's conclusions ("Giao Thường trực BCĐ 389 tỉnh …"), a plan whose "Cơ quan thực hiện:" line follows its task
 * and marks roles in brackets ("X (chủ trì), Y, Z"), quarterly deadlines ("trước ngày 20 của tháng cuối quý"), and a
 * last "Giao …" paragraph after the numbered items. Written before the rules; each expectation is what a reader of
 * the document would say.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../ingest/schema.js';
import { dutyStarting, extractText, pairsOf, rolesOf, unseenSet } from './support/extract-helpers.js';

const FIXTURES = [
  'hoa-binh-tb-bcd389-ket-luan.txt',
  'kien-giang-kh-co-quan-thuc-hien.txt',
  'binh-dinh-qd-phan-cong.txt',
  'tay-ninh-cv-bao-cao-qua.txt',
  'tra-vinh-ct-dong-chi.txt',
];

const doc = unseenSet(FIXTURES);

/** The duties that name the agency, by the start of their text. */
const dutiesNaming = (d: ExtractedDocument, typeId: string): string[] =>
  d.duties.filter((x) => x.agencies.some((a) => a.typeId === typeId)).map((x) => x.text.slice(0, 30));

describe('Thông báo kết luận of Ban Chỉ đạo 389 tỉnh Hòa Bình', () => {
  const name = 'hoa-binh-tb-bcd389-ket-luan.txt';

  it('reads the header', () => {
    expect(doc(name)).toMatchObject({
      type: 'Thông báo',
      symbol: '27/TB-BCĐ389',
      issuedAt: '2025-04-18',
      province: 'hoa-binh',
      issuerId: 'hoa-binh:ban-chi-dao-389-tinh',
    });
  });

  it('"Giao Thường trực BCĐ 389 tỉnh …": the standing office, due before the 20th of each quarter\'s last month', () => {
    expect(rolesOf(doc(name), 'Giao Thường trực BCĐ 389 tỉnh')).toEqual([
      ['Thường trực BCĐ 389 tỉnh', 'assigned'],
    ]);
    const d = dutyStarting(doc(name), 'Giao Thường trực BCĐ 389 tỉnh');
    expect([d.deadline, d.deadlineText]).toEqual([null, 'trước ngày 20 của tháng cuối quý']);
  });

  it('"Đồng chí Giám đốc Công an tỉnh …": the police; the committee it reports to "(qua Cơ quan Thường trực)" is not', () => {
    expect(rolesOf(doc(name), 'Đồng chí Giám đốc Công an tỉnh')).toEqual([['Công an tỉnh', 'assigned']]);
    expect(dutyStarting(doc(name), 'Đồng chí Giám đốc Công an tỉnh').deadline).toBe('2025-06-15');
  });

  it('"X chủ trì …; Y là cơ quan đầu mối, tổng hợp …": each clause its own agency and role', () => {
    expect(rolesOf(doc(name), 'Cục Quản lý thị trường tỉnh chủ trì')).toEqual([
      ['Cục Quản lý thị trường tỉnh', 'lead'],
    ]);
    expect(rolesOf(doc(name), 'Sở Công Thương là cơ quan đầu mối')).toEqual([['Sở Công Thương', 'lead']]);
  });

  it('"Đồng chí Chỉ huy trưởng … và đồng chí Cục trưởng …": both bodies', () => {
    expect(rolesOf(doc(name), 'Đồng chí Chỉ huy trưởng')).toEqual([
      ['Bộ Chỉ huy Quân sự tỉnh', 'assigned'],
      ['Cục Hải quan tỉnh', 'assigned'],
    ]);
  });

  it("the communes' committees report quarterly to the standing office, which is no assignee of theirs", () => {
    expect(rolesOf(doc(name), 'Ban Chỉ đạo 389 các xã')).toEqual([
      ['Ban Chỉ đạo 389 các xã, phường', 'assigned'],
    ]);
    expect(dutyStarting(doc(name), 'Ban Chỉ đạo 389 các xã').deadlineText).toBe('định kỳ hằng quý');
  });

  it('names no other agency', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        'Thường trực BCĐ 389 tỉnh / assigned',
        'Công an tỉnh / assigned',
        'Cục Quản lý thị trường tỉnh / lead',
        'Sở Công Thương / lead',
        'Bộ Chỉ huy Quân sự tỉnh / assigned',
        'Cục Hải quan tỉnh / assigned',
        'Ban Chỉ đạo 389 các xã, phường / assigned',
        'Viện kiểm sát nhân dân tỉnh / requested',
        'Tòa án nhân dân tỉnh / requested',
      ].sort(),
    );
  });
});

describe('Kế hoạch of UBND tỉnh Kiên Giang ("Cơ quan thực hiện:" on the line after the task)', () => {
  const name = 'kien-giang-kh-co-quan-thuc-hien.txt';

  it('a single body to carry out the task, with its time', () => {
    expect(rolesOf(doc(name), 'Rà soát, lập danh sách')).toEqual([['Công an tỉnh', 'assigned']]);
    expect(dutyStarting(doc(name), 'Rà soát, lập danh sách').deadline).toBe('2025-05-31');
  });

  it('"X (chủ trì), Y, Z": X leads, the others support', () => {
    expect(rolesOf(doc(name), 'Tuyên truyền trên báo')).toEqual([
      ['Sở Thông tin và Truyền thông', 'lead'],
      ['Báo Kiên Giang', 'support'],
      ['Đài Phát thanh - Truyền hình Kiên Giang', 'support'],
    ]);
    expect(dutyStarting(doc(name), 'Tuyên truyền trên báo').deadlineText).toBe('định kỳ hằng quý');
  });

  it('"X (chủ trì); Y, Z (phối hợp)": the bracket names the role of every body before it', () => {
    expect(rolesOf(doc(name), 'Hướng dẫn các tổ chức tín dụng')).toEqual([
      ['Ngân hàng Nhà nước chi nhánh tỉnh', 'lead'],
      ['Hội Liên hiệp Phụ nữ tỉnh', 'support'],
      ['Hội Nông dân tỉnh', 'support'],
    ]);
    expect(dutyStarting(doc(name), 'Hướng dẫn các tổ chức tín dụng').deadline).toBe('2025-09');
  });

  it('an item heading "X (chủ trì), Y, Z (phối hợp):" marks roles the same way', () => {
    expect(rolesOf(doc(name), 'Hỗ trợ pháp lý')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Lao động - Thương binh và Xã hội', 'support'],
      ['Sở Tư pháp', 'support'],
    ]);
  });

  it('"trước ngày 20 của tháng cuối quý": a day of every quarter, kept as written', () => {
    const fields = dutyStarting(doc(name), 'Kiểm tra hoạt động');
    expect(rolesOf(doc(name), 'Kiểm tra hoạt động')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Kế hoạch và Đầu tư', 'support'],
      ['UBND các huyện, thành phố', 'support'],
    ]);
    expect([fields.deadline, fields.deadlineText]).toEqual([null, 'trước ngày 20 của tháng cuối quý']);
  });

  it('"… báo cáo kết quả về UBND tỉnh (qua Công an tỉnh)": the senders are assigned, not the channel', () => {
    expect(rolesOf(doc(name), 'Các sở, ngành, UBND')).toEqual([
      ['Các sở, ngành', 'assigned'],
      ['UBND các huyện, thành phố', 'assigned'],
    ]);
    expect(dutyStarting(doc(name), 'Các sở, ngành, UBND').deadlineText).toBe(
      'trước ngày 20 của tháng cuối quý',
    );
    expect(rolesOf(doc(name), 'Giao Công an tỉnh theo dõi')).toEqual([['Công an tỉnh', 'assigned']]);
    expect(dutiesNaming(doc(name), 'ubnd-tinh')).toEqual([]);
  });
});

describe('Quyết định of Chủ tịch UBND tỉnh Bình Định (a second clause after ";" with its own frame)', () => {
  const name = 'binh-dinh-qd-phan-cong.txt';

  it('"Công an tỉnh chủ trì …; Sở Tư pháp là cơ quan thường trực, tổng hợp …"', () => {
    expect(rolesOf(doc(name), 'Công an tỉnh chủ trì thực hiện')).toEqual([['Công an tỉnh', 'lead']]);
    expect(rolesOf(doc(name), 'Sở Tư pháp là cơ quan thường trực')).toEqual([['Sở Tư pháp', 'lead']]);
  });

  it('"Sở Tài chính bố trí …; giao Sở Nội vụ theo dõi, đôn đốc …": two duties, the yearly one the second\'s', () => {
    expect(rolesOf(doc(name), 'Sở Tài chính bố trí')).toEqual([['Sở Tài chính', 'assigned']]);
    expect(dutyStarting(doc(name), 'Sở Tài chính bố trí').deadlineText).toBeNull();
    expect(rolesOf(doc(name), 'giao Sở Nội vụ')).toEqual([['Sở Nội vụ', 'assigned']]);
    expect(dutyStarting(doc(name), 'giao Sở Nội vụ').deadlineText).toBe('hằng năm');
  });

  it('"…; báo cáo kết quả về UBND tỉnh (qua Công an tỉnh) trước ngày …": the channel is no assignee', () => {
    expect(rolesOf(doc(name), 'Sở Giáo dục và Đào tạo chủ trì')).toEqual([
      ['Sở Giáo dục và Đào tạo', 'lead'],
    ]);
    expect(dutyStarting(doc(name), 'Sở Giáo dục và Đào tạo chủ trì').deadline).toBe('2025-11-30');
  });

  it('"Tỉnh đoàn chủ trì, phối hợp với Công an tỉnh …; Hội Liên hiệp Phụ nữ tỉnh vận động …"', () => {
    expect(rolesOf(doc(name), 'Tỉnh đoàn chủ trì')).toEqual([
      ['Tỉnh đoàn', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(rolesOf(doc(name), 'Hội Liên hiệp Phụ nữ tỉnh vận động')).toEqual([
      ['Hội Liên hiệp Phụ nữ tỉnh', 'assigned'],
    ]);
  });

  it('"gửi báo cáo kết quả về Sở Tư pháp để tổng hợp, báo cáo UBND tỉnh": the districts, not the compiler', () => {
    expect(rolesOf(doc(name), 'UBND các huyện, thị xã')).toEqual([
      ['UBND các huyện, thị xã, thành phố', 'assigned'],
    ]);
    const d = dutyStarting(doc(name), 'UBND các huyện, thị xã');
    expect([d.deadline, d.deadlineText]).toEqual([null, 'trước ngày 10 tháng 12 hằng năm']);
  });

  it('the justice department is named only where it has work of its own', () => {
    expect(dutiesNaming(doc(name), 'so-tu-phap')).toEqual([
      'Sở Tư pháp là cơ quan thường t',
      'Chánh Văn phòng UBND tỉnh, Giá',
    ]);
    expect(dutiesNaming(doc(name), 'ubnd-tinh')).toEqual([]);
  });
});

describe('Công văn of UBND tỉnh Tây Ninh (reports sent through a body, a closing "Giao …" paragraph)', () => {
  const name = 'tay-ninh-cv-bao-cao-qua.txt';

  it('"báo cáo kết quả về UBND tỉnh (qua Văn phòng UBND tỉnh)": the office is not a partner of the raid', () => {
    expect(rolesOf(doc(name), 'Công an tỉnh chủ trì')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'support'],
    ]);
    expect(dutyStarting(doc(name), 'Công an tỉnh chủ trì').deadline).toBe('2026-09-20');
  });

  it('"gửi báo cáo về Công an tỉnh để tổng hợp" / "kết quả gửi về Sở Nội vụ": the senders only', () => {
    // Round 9: the qualifier "biên giới" stays with the communes it narrows.
    expect(rolesOf(doc(name), 'UBND các xã, phường biên giới')).toEqual([
      ['UBND các xã, phường biên giới', 'assigned'],
    ]);
    expect(dutyStarting(doc(name), 'UBND các xã, phường biên giới').deadlineText).toBe('định kỳ hằng tháng');
    expect(rolesOf(doc(name), 'Sở Y tế chủ động')).toEqual([['Sở Y tế', 'assigned']]);
    expect(dutyStarting(doc(name), 'Sở Y tế chủ động').deadlineText).toBe('trước ngày 25 hằng tháng');
    expect(dutiesNaming(doc(name), 'so-noi-vu')).toEqual([]);
  });

  it('"Công an tỉnh thực hiện …; Bộ Chỉ huy Bộ đội Biên phòng tỉnh chịu trách nhiệm …": two duties', () => {
    expect(rolesOf(doc(name), 'Công an tỉnh thực hiện')).toEqual([['Công an tỉnh', 'assigned']]);
    expect(rolesOf(doc(name), 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh chịu')).toEqual([
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'assigned'],
    ]);
  });

  it('"Giao Văn phòng UBND tỉnh theo dõi, đôn đốc" after the last item is the office\'s, not that item\'s', () => {
    expect(rolesOf(doc(name), 'Giao Văn phòng UBND tỉnh')).toEqual([['Văn phòng UBND tỉnh', 'assigned']]);
    expect(dutiesNaming(doc(name), 'van-phong-ubnd-tinh')).toEqual(['Giao Văn phòng UBND tỉnh theo ']);
    expect(dutiesNaming(doc(name), 'ubnd-tinh')).toEqual([]);
  });
});

describe('Chỉ thị of Chủ tịch UBND tỉnh Trà Vinh ("Đồng chí Giám đốc …")', () => {
  const name = 'tra-vinh-ct-dong-chi.txt';

  it('"Đồng chí <title> <body>": the body, with its quarterly deadline', () => {
    expect(rolesOf(doc(name), 'Đồng chí Giám đốc Công an tỉnh')).toEqual([['Công an tỉnh', 'assigned']]);
    const d = dutyStarting(doc(name), 'Đồng chí Giám đốc Công an tỉnh');
    expect([d.deadline, d.deadlineText]).toEqual([null, 'trước ngày 20 của tháng cuối quý']);
    expect(rolesOf(doc(name), 'Đồng chí Giám đốc Sở Thông tin')).toEqual([
      ['Sở Thông tin và Truyền thông', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(rolesOf(doc(name), 'Đồng chí Giám đốc Ngân hàng')).toEqual([
      ['Ngân hàng Nhà nước chi nhánh tỉnh', 'assigned'],
    ]);
    expect(dutyStarting(doc(name), 'Đồng chí Giám đốc Ngân hàng').deadline).toBe('2025-06-30');
  });

  it('"Đồng chí Chủ tịch UBND các huyện … ; Công an tỉnh hướng dẫn …": two duties', () => {
    expect(rolesOf(doc(name), 'Đồng chí Chủ tịch UBND các huyện')).toEqual([
      ['UBND các huyện, thị xã, thành phố', 'assigned'],
    ]);
    expect(rolesOf(doc(name), 'Công an tỉnh hướng dẫn')).toEqual([['Công an tỉnh', 'assigned']]);
  });

  it('the last "Giao Công an tỉnh …/." paragraph is an assignment, not the closing', () => {
    expect(rolesOf(doc(name), 'Giao Công an tỉnh theo dõi')).toEqual([['Công an tỉnh', 'assigned']]);
    expect(dutyStarting(doc(name), 'Giao Công an tỉnh theo dõi').deadline).toBe('2025-12-15');
  });

  it('names no other agency (the chairman who reads the reports is no assignee)', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        'Công an tỉnh / assigned',
        'Sở Thông tin và Truyền thông / lead',
        'Công an tỉnh / support',
        'Ngân hàng Nhà nước chi nhánh tỉnh / assigned',
        'UBND các huyện, thị xã, thành phố / assigned',
        'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh / requested',
        'các tổ chức chính trị - xã hội tỉnh / requested',
      ].sort(),
    );
  });
});

describe('variants of the clause rules (written after them, to hold their edges)', () => {
  const plan = (item: string): ExtractedDocument =>
    extractText(
      'variant.txt',
      `ỦY BAN NHÂN DÂN\nTỈNH BẾN TRE\nSố: 11/KH-UBND\n\nBến Tre, ngày 02 tháng 3 năm 2025\n\nKẾ HOẠCH\nPhòng, chống tội phạm năm 2025\n\nII. NHIỆM VỤ\n1. ${item}\n`,
    );
  const pairs = (d: ExtractedDocument) =>
    d.duties.map((x) => x.agencies.map((a) => `${a.mention}/${a.role}`));

  it('"…; Y, Z phối hợp thực hiện": partners of the clause before, not a duty of their own', () => {
    expect(
      pairs(plan('Công an tỉnh chủ trì tổ chức thực hiện; Sở Y tế, Sở Tư pháp phối hợp thực hiện.')),
    ).toEqual([['Công an tỉnh/lead', 'Sở Y tế/support', 'Sở Tư pháp/support']]);
  });

  it('subjects listed one to a clause share the verb of the last one', () => {
    expect(
      pairs(
        plan('Công an tỉnh chủ trì; Sở Y tế; Sở Tư pháp; UBND các huyện, thành phố phối hợp triển khai.'),
      ),
    ).toEqual([
      ['Công an tỉnh/lead', 'Sở Y tế/support', 'Sở Tư pháp/support', 'UBND các huyện, thành phố/support'],
    ]);
    expect(
      pairs(plan('Sở Tài chính bố trí kinh phí; Sở Y tế; Sở Tư pháp chịu trách nhiệm hướng dẫn chuyên môn.')),
    ).toEqual([['Sở Tài chính/assigned'], ['Sở Y tế/assigned', 'Sở Tư pháp/assigned']]);
  });

  it('a list of partners cut by ";" stays one list, up to the member that carries the action', () => {
    expect(
      pairs(
        plan(
          'Công an tỉnh chủ trì, phối hợp với Sở Y tế; Sở Tư pháp; UBND các huyện, thành phố triển khai tuyên truyền.',
        ),
      ),
    ).toEqual([
      ['Công an tỉnh/lead', 'Sở Y tế/support', 'Sở Tư pháp/support', 'UBND các huyện, thành phố/support'],
    ]);
  });

  it('"Phối hợp với X, Y xét xử …" after ";" names no subject; "đồng thời giao Y …" does', () => {
    expect(
      pairs(
        plan(
          'Công an tỉnh tuần tra, kiểm soát; Phối hợp với Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh xét xử lưu động.',
        ),
      ),
    ).toEqual([
      ['Công an tỉnh/assigned', 'Viện kiểm sát nhân dân tỉnh/support', 'Tòa án nhân dân tỉnh/support'],
    ]);
    const d = plan(
      'Sở Tư pháp chủ trì thẩm định văn bản; đồng thời giao Sở Nội vụ kiểm tra công vụ, hoàn thành trước ngày 30/6/2025.',
    );
    expect(pairs(d)).toEqual([['Sở Tư pháp/lead'], ['Sở Nội vụ/assigned']]);
    expect(d.duties.map((x) => x.deadline)).toEqual([null, '2025-06-30']);
  });
});
