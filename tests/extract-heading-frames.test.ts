/**
 * Conventions closed in round 16, each in short synthetic documents of our own (not the fixtures the rules were
 * first read from): a heading that gives its bullets their roles and partners and is no duty itself; a bullet that
 * opens with "Phối hợp với …" under a body; units named once with their code ("Phòng … (PC04)") and by the code
 * afterwards; the national names of the provinces' bodies ("Công an các tỉnh, thành phố trực thuộc Trung ương");
 * the closing formula that names heads by title alone; a name that ends in a two-syllable word ("… Bộ Công an"); a
 * Prime Minister's Công điện ("THỦ TƯỚNG CHÍNH PHỦ điện:" over its addressees, "Bộ trưởng Bộ X chỉ đạo …" items).
 */
import { describe, expect, it } from 'vitest';
import type { Bundle } from '../ingest/schema.js';
import { dutyStarting, extractText, rolesOf, spanMismatches } from './support/extract-helpers.js';

const PLAN = `ỦY BAN NHÂN DÂN
TỈNH HÀ TĨNH
Số: 88/KH-UBND
Hà Tĩnh, ngày 05 tháng 3 năm 2026

KẾ HOẠCH
Phòng, chống tội phạm ma túy năm 2026

II. NHIỆM VỤ, GIẢI PHÁP
1. Giao Công an tỉnh chủ trì, phối hợp với Sở Y tế, Bộ Chỉ huy Bộ đội Biên phòng tỉnh thực hiện các nhiệm vụ sau:
- Mở đợt cao điểm tấn công, trấn áp tội phạm ma túy; hoàn thành trước ngày 30/6/2026.
- Rà soát, thống kê người nghiện ma túy trên địa bàn.
- Phối hợp với Viện kiểm sát nhân dân tỉnh đẩy nhanh điều tra các vụ án.
2. Sở Lao động - Thương binh và Xã hội phối hợp với Công an tỉnh, Sở Y tế:
- Tổ chức cai nghiện ma túy cho người nghiện.
3. Giao Sở Tư pháp thực hiện các nhiệm vụ sau:
- Phối hợp với Sở Thông tin và Truyền thông, Báo Hà Tĩnh tuyên truyền pháp luật về phòng, chống ma túy.
- Hướng dẫn các xã xây dựng hương ước phòng, chống ma túy.
`;

const POLICE = `CÔNG AN TỈNH NGHỆ AN
Số: 120/KH-CAT-PC04
Nghệ An, ngày 10 tháng 4 năm 2026

KẾ HOẠCH
Tấn công tội phạm ma túy

III. TỔ CHỨC THỰC HIỆN
1. Phòng Cảnh sát điều tra tội phạm về ma túy (PC04) chủ trì, phối hợp với Phòng Cảnh sát hình sự (PC02) thực hiện Kế hoạch này; báo cáo kết quả về Công an tỉnh trước ngày 15/12/2026.
2. Phòng Cảnh sát hình sự phối hợp với PC04 lập chuyên án đấu tranh với các đường dây mua bán ma túy.
3. Công an các huyện, thị xã, thành phố phối hợp với PC04, PC02 rà soát các tụ điểm phức tạp về ma túy; gửi báo cáo về PC99.
`;

const DECISION = `THỦ TƯỚNG CHÍNH PHỦ
Số: 901/QĐ-TTg
Hà Nội, ngày 02 tháng 6 năm 2026

QUYẾT ĐỊNH
Phê duyệt Đề án phòng, chống mua bán người

Điều 2. Tổ chức thực hiện
1. Bộ Công an chủ trì, phối hợp với Bộ Ngoại giao và Công an các tỉnh, thành phố trực thuộc Trung ương tổ chức thực hiện Đề án.
2. Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo Công an cấp xã rà soát người xuất cảnh trái phép.

Điều 3. Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chịu trách nhiệm thi hành Quyết định này./.
`;

const TELEGRAM = `THỦ TƯỚNG CHÍNH PHỦ
Số: 45/CĐ-TTg
Hà Nội, ngày 12 tháng 01 năm 2026

CÔNG ĐIỆN
Về việc tăng cường phòng, chống buôn lậu dịp Tết Nguyên đán
THỦ TƯỚNG CHÍNH PHỦ điện:
- Bộ trưởng các Bộ: Công an, Quốc phòng, Tài chính, Công Thương;
- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương.

Để ngăn chặn tình trạng buôn lậu trong dịp Tết, Thủ tướng Chính phủ yêu cầu:
1. Bộ trưởng Bộ Công an chỉ đạo lực lượng Cảnh sát kinh tế tăng cường đấu tranh với các đường dây buôn lậu; hoàn thành trước ngày 15/02/2026.
2. Bộ trưởng Bộ Quốc phòng chỉ đạo Bộ đội Biên phòng kiểm soát chặt chẽ địa bàn biên giới.
3. Bộ trưởng Bộ Tài chính chủ trì, phối hợp với Bộ Công Thương kiểm tra hàng hóa nhập khẩu.
4. Giao Văn phòng Chính phủ theo dõi, đôn đốc việc thực hiện Công điện này.
`;

/** A province's report of what a ministry directed: the ministry's "chỉ đạo" is reported, not its task here. */
const REPORT = `ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 77/UBND-NC
Lào Cai, ngày 03 tháng 02 năm 2026

V/v tăng cường phòng, chống buôn lậu

Bộ Công an chỉ đạo Công an các địa phương tăng cường đấu tranh với tội phạm buôn lậu qua biên giới.
Ủy ban nhân dân tỉnh giao Công an tỉnh chủ trì, phối hợp với Cục Hải quan tỉnh triển khai thực hiện.
`;

/** A department's letter: a lead-in that only asks, a code given to a unit another body directs, its own hand-over. */
const LETTER = `UBND TỈNH GIA LAI
SỞ CÔNG THƯƠNG
Số: 512/SCT-QLTM
Gia Lai, ngày 08 tháng 7 năm 2026
V/v phối hợp kiểm tra hàng giả, hàng nhập lậu

Kính gửi:
- Công an tỉnh;
- Chi cục Quản lý thị trường tỉnh.

Sở Công Thương đề nghị các đơn vị phối hợp thực hiện một số nội dung sau:
1. Đề nghị Công an tỉnh chỉ đạo Phòng Cảnh sát kinh tế (PC03) phối hợp với Chi cục Quản lý thị trường tỉnh kiểm tra các cơ sở kinh doanh hàng giả; hoàn thành trong Quý III/2026.
2. Chi cục Quản lý thị trường tỉnh chủ trì, phối hợp với PC03 kiểm tra, xử lý vi phạm trên môi trường thương mại điện tử.
3. Sở Công Thương giao Phòng Quản lý thương mại tổng hợp kết quả, báo cáo UBND tỉnh trước ngày 30/10/2026.
`;

describe('a heading that hands its bullets over', () => {
  const d = extractText('ha-tinh-plan.txt', PLAN);

  it('"Giao X chủ trì, phối hợp với Y, Z … sau:" gives every bullet the lead and the partners', () => {
    const roles = [
      ['Công an tỉnh', 'lead'],
      ['Sở Y tế', 'support'],
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'support'],
    ];
    expect(rolesOf(d, 'Mở đợt cao điểm')).toEqual(roles);
    expect(rolesOf(d, 'Rà soát, thống kê')).toEqual(roles);
    expect(dutyStarting(d, 'Mở đợt cao điểm').deadline).toBe('2026-06-30');
  });

  it("a bullet's own verb decides its role; its own partners join the heading's", () => {
    expect(rolesOf(d, 'Phối hợp với Viện kiểm sát')).toEqual([
      ['Công an tỉnh', 'support'],
      ['Viện kiểm sát nhân dân tỉnh', 'support'],
      ['Sở Y tế', 'support'],
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'support'],
    ]);
  });

  // As "2. X phối hợp với Y lập …" in an item (tests/extract-unseen-round8.test.ts): X supports, Y too.
  it('"X phối hợp với Y, Z:" over bullets gives them its partners, X supporting', () => {
    expect(rolesOf(d, 'Tổ chức cai nghiện')).toEqual([
      ['Sở Lao động - Thương binh và Xã hội', 'support'],
      ['Công an tỉnh', 'support'],
      ['Sở Y tế', 'support'],
    ]);
  });

  it('a heading that gives no role leaves each bullet its own; "- Phối hợp với Y …" under it supports', () => {
    expect(rolesOf(d, 'Phối hợp với Sở Thông tin')).toEqual([
      ['Sở Tư pháp', 'support'],
      ['Sở Thông tin và Truyền thông', 'support'],
      ['Báo Hà Tĩnh', 'support'],
    ]);
    expect(rolesOf(d, 'Hướng dẫn các xã')).toEqual([['Sở Tư pháp', 'assigned']]);
  });

  it('no heading ending in ":" over bullets is a duty of its own, and every span holds', () => {
    expect(d.duties.filter((x) => /sau:$|Sở Y tế:$/u.test(x.text.trim()))).toEqual([]);
    expect(d.duties).toHaveLength(6);
    expect(spanMismatches({ documents: [d], errors: [] } as unknown as Bundle)).toEqual([]);
  });
});

describe('units named by their codes', () => {
  const d = extractText('nghe-an-police.txt', POLICE);

  it('a code the document gave a unit stands for that unit, kept as written', () => {
    const duty = dutyStarting(d, 'Phòng Cảnh sát hình sự phối hợp với PC04');
    expect(duty.agencies.map((a) => [a.mention, a.role])).toEqual([
      ['Phòng Cảnh sát hình sự', 'support'],
      ['PC04', 'support'],
    ]);
    const first = dutyStarting(d, 'Phòng Cảnh sát điều tra tội phạm về ma túy');
    expect(duty.agencies[1]!.id).toBe(first.agencies[0]!.id);
    expect(duty.agencies[1]!.name).toMatch(/ma túy/u);
  });

  it('several codes in a partner list; a code the document never defined names no one', () => {
    expect(rolesOf(d, 'Công an các huyện')).toEqual([
      ['Công an các huyện, thị xã, thành phố', 'support'],
      ['PC04', 'support'],
      ['PC02', 'support'],
    ]);
    expect(d.duties.flatMap((x) => x.agencies).filter((a) => a.mention === 'PC99')).toEqual([]);
  });
});

describe("a department's letter", () => {
  const d = extractText('gia-lai-letter.txt', LETTER);

  it('a code given to a unit the letter names only as directed still names that unit later', () => {
    expect(rolesOf(d, 'Chi cục Quản lý thị trường tỉnh chủ trì')).toEqual([
      ['Chi cục Quản lý thị trường tỉnh', 'lead'],
      ['PC03', 'support'],
    ]);
    expect(dutyStarting(d, 'Chi cục Quản lý thị trường tỉnh chủ trì').agencies[1]!.name).toMatch(
      /^Phòng Cảnh sát kinh tế/u,
    );
  });

  it('"Sở Công Thương giao Phòng …" in its own letter tasks the room, even under a lead-in that only asks', () => {
    expect(rolesOf(d, 'Sở Công Thương giao')).toEqual([['Phòng Quản lý thương mại', 'assigned']]);
    expect(rolesOf(d, 'Đề nghị Công an tỉnh chỉ đạo')).toEqual([
      ['Công an tỉnh', 'requested'],
      ['Chi cục Quản lý thị trường tỉnh', 'support'],
    ]);
  });
});

describe("a national decision: the provinces' bodies, the closing formula", () => {
  const d = extractText('ttg-decision.txt', DECISION);

  it('"Công an các tỉnh, thành phố trực thuộc Trung ương" is one partner, named whole', () => {
    expect(rolesOf(d, 'Bộ Công an chủ trì')).toEqual([
      ['Bộ Công an', 'lead'],
      ['Bộ Ngoại giao', 'support'],
      ['Công an các tỉnh, thành phố trực thuộc Trung ương', 'support'],
    ]);
  });

  it('"UBND các tỉnh … chỉ đạo Công an cấp xã …" tasks the provinces, not the units they direct', () => {
    expect(rolesOf(d, 'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương chỉ đạo')).toEqual([
      ['Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương', 'assigned'],
    ]);
  });

  it('heads named by title alone are stepped over to the bodies the closing does name', () => {
    const closing = d.duties.find((x) => x.text.includes('chịu trách nhiệm thi hành'));
    expect(closing?.agencies.map((a) => [a.mention, a.role])).toEqual([
      ['Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương', 'assigned'],
    ]);
  });
});

describe("the Prime Minister's Công điện", () => {
  const d = extractText('ttg-telegram.txt', TELEGRAM);

  it('the subject ends before "THỦ TƯỚNG CHÍNH PHỦ điện:"; the lines under it are the addressees, no duties', () => {
    expect(d.type).toBe('Công điện');
    expect(d.subject).toBe('Về việc tăng cường phòng, chống buôn lậu dịp Tết Nguyên đán');
    expect(d.recipients).toEqual([
      'Bộ trưởng các Bộ: Công an, Quốc phòng, Tài chính, Công Thương',
      'Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương',
    ]);
    expect(d.duties.filter((x) => /^Công an, Quốc phòng|^Bộ trưởng các Bộ/u.test(x.text))).toEqual([]);
  });

  it('"Bộ trưởng Bộ X chỉ đạo <its forces> …" in a national document is the ministry\'s own task', () => {
    expect(rolesOf(d, 'Bộ trưởng Bộ Công an chỉ đạo')).toEqual([['Bộ Công an', 'assigned']]);
    expect(dutyStarting(d, 'Bộ trưởng Bộ Công an chỉ đạo').deadline).toBe('2026-02-15');
    expect(rolesOf(d, 'Bộ trưởng Bộ Quốc phòng chỉ đạo')).toEqual([['Bộ Quốc phòng', 'assigned']]);
    expect(rolesOf(d, 'Bộ trưởng Bộ Tài chính chủ trì')).toEqual([
      ['Bộ Tài chính', 'lead'],
      ['Bộ Công Thương', 'support'],
    ]);
  });

  it('in a province\'s letter a ministry\'s "chỉ đạo" is reported: neither it nor the units it directed are tasked', () => {
    const letter = extractText('lao-cai-letter.txt', REPORT);
    expect(letter.duties.filter((x) => x.text.startsWith('Bộ Công an chỉ đạo'))).toEqual([]);
    expect(rolesOf(letter, 'Ủy ban nhân dân tỉnh giao Công an tỉnh')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Cục Hải quan tỉnh', 'support'],
    ]);
  });
});
