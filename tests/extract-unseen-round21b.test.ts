/**
 * Generalization, nineteenth set (round 21b): three synthetic documents (marked "MẪU / SAMPLE"), written blind, before
 * any rule for them, in forms the other sets lack — a provincial newspaper's article (Bà Rịa - Vũng Tàu, August 2024,
 * district level) reporting a Ban Chỉ đạo 138 meeting that deploys a Kế hoạch of UBND tỉnh named in its lead, whose
 * assignments are reported speech ("Phó Chủ tịch UBND tỉnh … yêu cầu Công an tỉnh chủ trì …", "Ông … đề nghị Viện Kiểm
 * sát nhân dân tỉnh đẩy nhanh tiến độ truy tố, Tòa án nhân dân tỉnh sớm đưa ra xét xử …", "… cũng giao …", "… chỉ đạo
 * …") beside reported opinions that are no duty ("Theo Đại tá …, Giám đốc Công an tỉnh, …", quotations, a byline
 * "(Tin: …)", related links, a footer with the paper's licence); a Công văn of a regional State Bank branch
 * ("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM / CHI NHÁNH KHU VỰC 11", September 2025) to the credit institutions and people's credit
 * funds of two provinces, whose "1. Đối với …:" items hold "+" lines, which assigns its own rooms and requests both
 * provinces' police by their full names; a Kế hoạch of a Sở Giáo dục và Đào tạo (Hà Tĩnh, September 2024, Markdown)
 * whose "III. TRÁCH NHIỆM THỰC HIỆN" has no numbers: each paragraph opens with the body in bold and an en dash
 * ("**Phòng Giáo dục Trung học** – Chủ trì …", "**Đề nghị Công an tỉnh** – Chỉ đạo …"), one of them over "-" bullets.
 * Each expectation is what a reader of the document would say.
 */
import { describe, expect, it } from 'vitest';
import {
  agenciesMatching,
  agencyIn,
  citationByName,
  citationBySymbol,
  citationsWithSymbol,
  deadlineWith,
  dutyWith,
  pairsOf,
  rolesWith,
  unseenSet,
} from './support/extract-helpers.js';
import type { ExtractedDocument } from '../ingest/schema.js';

const PRESS = 'ba-ria-vung-tau-bao-hoi-nghi.html';
const BANK = 'nhnn-kv11-cv-rua-tien.txt';
const SCHOOLS = 'ha-tinh-sgddt-kh-in-dam.md';

const doc = unseenSet([PRESS, BANK, SCHOOLS]);

const UBND_HUYEN = 'UBND các huyện, thị xã, thành phố';
const PGD_HUYEN = 'Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố';

/** Every agency named with `mention` by a duty whose text holds `phrase`, with that duty's text. */
const namedIn = (d: ExtractedDocument, phrase: string, mention: string) =>
  d.duties
    .filter((x) => x.text.includes(phrase))
    .flatMap((x) =>
      x.agencies.filter((a) => a.mention === mention).map((a) => ({ ...a, shared: x.agencies.length > 1 })),
    );

describe('press article on a Ban Chỉ đạo 138 meeting, Bà Rịa - Vũng Tàu 2024 (reported speech, the plan it deploys named in the lead)', () => {
  it('takes its identity from the Kế hoạch it reports ("triển khai Kế hoạch số 245/KH-UBND ngày 5/8/2024 của UBND tỉnh"), a summary with no signer', () => {
    const d = doc(PRESS);
    expect(d).toMatchObject({
      provenance: 'summary',
      type: 'Kế hoạch',
      symbol: '245/KH-UBND',
      issuedAt: '2024-08-05',
      province: 'ba-ria-vung-tau',
      provinceName: 'Bà Rịa - Vũng Tàu',
      signer: null,
    });
    expect(d.issuerAgency?.typeId).toBe('ubnd-tinh');
    expect(d.subject).toMatch(/cao điểm tấn công, trấn áp tội phạm/u);
    // The byline and the editor-in-chief are journalists, not the plan's signer.
    expect(JSON.stringify(d.signer)).not.toMatch(/Minh Châu|Trần Văn Bình/u);
  });

  it("cites the Tỉnh ủy's Chỉ thị (provincial) and the ministry's Kế hoạch (national) the plan implements; its own number and the paper's licence are no citation", () => {
    const d = doc(PRESS);
    const party = citationBySymbol(d, '21-CT/TU');
    expect(party.relation).toBe('implements');
    expect(party.issuedAt).toBe('2023-04-18');
    expect(party.key.startsWith('ba-ria-vung-tau:')).toBe(true);
    const ministry = citationBySymbol(d, '215/KH-BCA-C02');
    expect(ministry.relation).toBe('implements');
    expect(ministry.issuedAt).toBe('2024-07-15');
    expect(ministry.key.startsWith('vn:')).toBe(true);
    expect(citationsWithSymbol(d, '245/KH-UBND')).toEqual([]);
    expect(citationsWithSymbol(d, '155/GP-BTTTT')).toEqual([]);
  });

  it('"Phó Chủ tịch UBND tỉnh … yêu cầu Công an tỉnh chủ trì, phối hợp với …": the police lead, the border guard and customs are partners', () => {
    const d = doc(PRESS);
    expect(rolesWith(d, 'mở các đợt tấn công trấn áp tội phạm ma túy trên các tuyến biển')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'support'],
      ['Cục Hải quan tỉnh', 'support'],
    ]);
  });

  it('"Ông … đề nghị Viện Kiểm sát nhân dân tỉnh đẩy nhanh tiến độ truy tố, Tòa án nhân dân tỉnh sớm đưa ra xét xử …": both requested, each with its own verb', () => {
    const d = doc(PRESS);
    const phrase = 'các vụ án điểm về ma túy, lừa đảo qua mạng';
    const procuracy = namedIn(d, phrase, 'Viện Kiểm sát nhân dân tỉnh');
    const court = namedIn(d, phrase, 'Tòa án nhân dân tỉnh');
    expect(procuracy.map((a) => a.role)).toEqual(['requested']);
    expect(court.map((a) => a.role)).toEqual(['requested']);
    // Where one duty holds both, each carries its own verb phrase (the schema's `action`).
    if (procuracy[0]!.shared) {
      expect(procuracy[0]!.action).toMatch(/truy tố/u);
      expect(procuracy[0]!.action).not.toMatch(/xét xử/u);
    }
    if (court[0]!.shared) {
      expect(court[0]!.action).toMatch(/xét xử/u);
      expect(court[0]!.action).not.toMatch(/truy tố/u);
    }
  });

  it('"… cũng giao Sở Công Thương chủ trì, phối hợp với …" and "ông chỉ đạo Sở Thông tin và Truyền thông phối hợp với Báo Bà Rịa - Vũng Tàu, …"', () => {
    const d = doc(PRESS);
    expect(rolesWith(d, 'tăng cường kiểm tra, xử lý hành vi buôn lậu')).toEqual([
      ['Sở Công Thương', 'lead'],
      ['Cục Quản lý thị trường tỉnh', 'support'],
    ]);
    // The newspaper's name holds the province's own hyphen: one partner, not "Báo Bà Rịa" and "Vũng Tàu".
    expect(rolesWith(d, 'đẩy mạnh tuyên truyền, cảnh báo các phương thức, thủ đoạn lừa đảo')).toEqual([
      // Written first as 'assigned'; changed to the project's reading of "X phối hợp với Y …" (round 13: the
      // subject of "phối hợp" with no "chủ trì" is a partner, as are the bodies it works with).
      ['Sở Thông tin và Truyền thông', 'support'],
      ['Báo Bà Rịa - Vũng Tàu', 'support'],
      ['Đài Phát thanh và Truyền hình tỉnh', 'support'],
    ]);
  });

  it('"… yêu cầu UBND các huyện, thị xã, thành phố chỉ đạo UBND các xã …; báo cáo … (qua Công an tỉnh) trước ngày 10/12/2024": the districts alone, due that day', () => {
    const d = doc(PRESS);
    const item = 'quản lý chặt chẽ người nghiện, người sử dụng trái phép chất ma túy';
    expect(rolesWith(d, item)).toEqual([[UBND_HUYEN, 'assigned']]);
    expect(deadlineWith(d, item)).toEqual(['2024-12-10', 'trước ngày 10/12/2024']);
  });

  it('reported opinions, quotations, narrative, the byline, related links and the footer name no duty holder; the pairs are those the Phó Chủ tịch assigned', () => {
    const d = doc(PRESS);
    expect(
      agenciesMatching(
        d,
        /Theo Đại tá|giả danh cơ quan Công an|tham luận|ghi nhận, biểu dương|lơ là, chủ quan|chủ trì hội nghị|nhằm triển khai thực hiện Chỉ thị|Theo kế hoạch, đợt cao điểm|Tin: Minh Châu|triệt xóa ổ nhóm|kiểm tra 30 cơ sở|xét xử lưu động vụ án ma túy tại|Cơ quan chủ quản/u,
      ),
    ).toEqual([]);
    expect(pairsOf(d)).toEqual(
      [
        'Công an tỉnh / lead',
        'Bộ Chỉ huy Bộ đội Biên phòng tỉnh / support',
        'Cục Hải quan tỉnh / support',
        'Viện Kiểm sát nhân dân tỉnh / requested',
        'Tòa án nhân dân tỉnh / requested',
        'Sở Công Thương / lead',
        'Cục Quản lý thị trường tỉnh / support',
        'Sở Thông tin và Truyền thông / support',
        'Báo Bà Rịa - Vũng Tàu / support',
        'Đài Phát thanh và Truyền hình tỉnh / support',
        `${UBND_HUYEN} / assigned`,
      ].sort(),
    );
  });
});

describe('Công văn of a regional State Bank branch, 2025 ("CHI NHÁNH KHU VỰC 11", "Đối với …:" over "+" lines, two provinces\' police requested)', () => {
  it('reads the two-column header, the "V/v" subject, the regional issuer, both "Kính gửi" addressees and the signer', () => {
    const d = doc(BANK);
    expect(d).toMatchObject({
      type: 'Công văn',
      symbol: '1186/KV11-TTGS1',
      issuedAt: '2025-09-22',
      place: 'Gia Lai',
    });
    // The file's first line "MẪU / SAMPLE" marks the fixture as synthetic; it is no part of the issuer.
    expect(d.issuer).toMatch(/^NGÂN HÀNG NHÀ NƯỚC VIỆT NAM \/ CHI NHÁNH KHU VỰC 11$/u);
    // The regional branch, not the State Bank itself nor a former provincial branch.
    expect(d.issuerAgency?.typeId).toBe('ngan-hang-nha-nuoc-khu-vuc');
    expect(d.subject).toMatch(
      /^tăng cường phòng, chống rửa tiền và ngăn chặn việc lợi dụng tài khoản thanh toán/iu,
    );
    expect(d.recipients).toEqual([
      expect.stringContaining('tổ chức tín dụng, chi nhánh ngân hàng nước ngoài'),
      expect.stringContaining('Quỹ tín dụng nhân dân'),
    ]);
    expect(d.signer?.name).toBe('Phan Thị Ngọc Lan');
    expect(d.signer?.title).toBe('PHÓ GIÁM ĐỐC');
    expect(d.signer?.authority.join(' ')).toMatch(/KT\. GIÁM ĐỐC/u);
  });

  it("implements the law (by name), the Governor's circular and the State Bank's letter (national) and Gia Lai's plan (provincial)", () => {
    const d = doc(BANK);
    const law = citationByName(d, 'Luật', 'Phòng, chống rửa tiền');
    expect(law.relation).toBe('implements');
    expect(law.key.startsWith('vn:')).toBe(true);
    const circular = citationBySymbol(d, '27/2025/TT-NHNN');
    expect(circular.relation).toBe('implements');
    expect(circular.issuedAt).toBe('2025-08-15');
    expect(circular.key.startsWith('vn:')).toBe(true);
    const letter = citationBySymbol(d, '6021/NHNN-PCRT');
    expect(letter.relation).toBe('implements');
    expect(letter.key.startsWith('vn:')).toBe(true);
    const plan = citationBySymbol(d, '156/KH-UBND');
    expect(plan.relation).toBe('implements');
    expect(plan.issuedAt).toBe('2025-09-02');
    expect(plan.key.startsWith('gia-lai:')).toBe(true);
    expect(citationsWithSymbol(d, '1186/KV11-TTGS1')).toEqual([]);
  });

  it('"1. Đối với các tổ chức tín dụng, chi nhánh ngân hàng nước ngoài trên địa bàn:" gives its "+" lines to those institutions; the bodies reported to "(qua …)" are no one', () => {
    const d = doc(BANK);
    const rules = 'sửa đổi, bổ sung quy định nội bộ về phòng, chống rửa tiền';
    for (const phrase of [
      rules,
      'xác minh khách hàng bằng dữ liệu sinh trắc học',
      'Báo cáo giao dịch đáng ngờ',
    ]) {
      const item = dutyWith(d, phrase);
      expect(item.agencies.length).toBeGreaterThan(0);
      const written = item.agencies.map((a) => a.mention).join(', ');
      expect(written).toMatch(/tổ chức tín dụng/u);
      expect(written).toMatch(/chi nhánh ngân hàng nước ngoài/u);
      expect(written).not.toMatch(/Cục Phòng, chống rửa tiền|Phòng Thanh tra|NHNN|Ngân hàng Nhà nước/u);
      for (const a of item.agencies) expect(a.role).toBe('assigned');
    }
    // Written as 'hoàn thành trước ngày 31/10/2025'; the project keeps it whole (as in round 10).
    expect(deadlineWith(d, rules)).toEqual(['2025-10-31', 'hoàn thành trước ngày 31/10/2025']);
  });

  it('"2. Đối với các Quỹ tín dụng nhân dân:" gives its "+" lines to the funds alone (the "Quỹ" they must not let be misused is no second body), training due in November 2025', () => {
    const d = doc(BANK);
    const control = rolesWith(d, 'kiểm soát nội bộ đối với hoạt động huy động vốn');
    expect(control).toHaveLength(1);
    expect(control[0]![0]).toMatch(/Quỹ tín dụng nhân dân$/u);
    expect(control[0]![1]).toBe('assigned');
    const training = 'nhận biết dấu hiệu giao dịch đáng ngờ cho toàn bộ cán bộ';
    expect(rolesWith(d, training)).toEqual(control);
    expect(deadlineWith(d, training)).toEqual(['2025-11', 'trong tháng 11/2025']);
  });

  it('"3. Giao Phòng Thanh tra, giám sát 1 chủ trì, phối hợp với Phòng Tổng hợp - Kiểm soát nội bộ …": its own rooms, the director reported to no assignee; due 15/12/2025', () => {
    const d = doc(BANK);
    const item = 'theo dõi, kiểm tra việc thực hiện Công văn này';
    expect(rolesWith(d, item)).toEqual([
      ['Phòng Thanh tra, giám sát 1', 'lead'],
      ['Phòng Tổng hợp - Kiểm soát nội bộ', 'support'],
    ]);
    expect(deadlineWith(d, item)).toEqual(['2025-12-15', 'trước ngày 15/12/2025']);
  });

  it('"4. NHNN Khu vực 11 đề nghị Công an tỉnh Gia Lai, Công an tỉnh Quảng Ngãi chỉ đạo …": each province\'s police requested, the rooms they direct no assignee', () => {
    const d = doc(BANK);
    const phrase = 'tiếp nhận, xác minh, xử lý kịp thời tin báo';
    expect(rolesWith(d, phrase)).toEqual([
      ['Công an tỉnh Gia Lai', 'requested'],
      ['Công an tỉnh Quảng Ngãi', 'requested'],
    ]);
    const item = dutyWith(d, phrase);
    expect(agencyIn(item, 'gia-lai:cong-an-tinh').typeId).toBe('cong-an-tinh');
    expect(agencyIn(item, 'quang-ngai:cong-an-tinh').province).toBe('quang-ngai');
  });

  it('the situation, the closing and the issuer name no duty holder', () => {
    const d = doc(BANK);
    expect(agenciesMatching(d, /Thời gian gần đây|nếu phát sinh vướng mắc|Kính gửi/u)).toEqual([]);
    expect(
      pairsOf(d).filter((p) =>
        /^(?:NHNN|Ngân hàng Nhà nước|Giám đốc|Thống đốc|Cục Phòng, chống rửa tiền|Phòng An ninh kinh tế|Phòng Cảnh sát hình sự)/u.test(
          p,
        ),
      ),
    ).toEqual([]);
  });
});

describe('Kế hoạch of a Sở Giáo dục và Đào tạo, Hà Tĩnh 2024 (Markdown; "**Body** – task" paragraphs with no numbers)', () => {
  it('reads the header under "UBND TỈNH HÀ TĨNH", the bold type and subject lines without their markup, and the signer', () => {
    const d = doc(SCHOOLS);
    expect(d).toMatchObject({
      type: 'Kế hoạch',
      symbol: '2874/KH-SGDĐT',
      issuedAt: '2024-09-18',
      province: 'ha-tinh',
      provinceName: 'Hà Tĩnh',
      provinceInferred: false,
      place: 'Hà Tĩnh',
    });
    // As for the bank's letter, the "MẪU / SAMPLE" marker above the header is no part of the issuer.
    expect(d.issuer).toMatch(/^UBND TỈNH HÀ TĨNH \/ SỞ GIÁO DỤC VÀ ĐÀO TẠO$/u);
    expect(d.issuerAgency?.typeId).toBe('so-giao-duc-va-dao-tao');
    expect(d.subject).toMatch(
      /^Phòng, chống tội phạm, tệ nạn ma túy và bạo lực học đường trong các cơ sở giáo dục năm học 2024 - 2025$/u,
    );
    expect(d.signer?.name).toBe('Nguyễn Thị Hồng Nhung');
    expect(d.signer?.title).toBe('PHÓ GIÁM ĐỐC');
    expect(d.signer?.authority.join(' ')).toMatch(/KT\. GIÁM ĐỐC/u);
  });

  it("its basis is the province's Quyết định; it implements the ministry's Công văn (national) and the province's Kế hoạch", () => {
    const d = doc(SCHOOLS);
    const basis = citationBySymbol(d, '36/2021/QĐ-UBND');
    expect(basis.relation).toBe('basis');
    expect(basis.issuedAt).toBe('2021-09-10');
    expect(basis.key.startsWith('ha-tinh:')).toBe(true);
    const ministry = citationBySymbol(d, '4562/BGDĐT-GDCTHSSV');
    expect(ministry.relation).toBe('implements');
    expect(ministry.issuedAt).toBe('2024-08-20');
    expect(ministry.key.startsWith('vn:')).toBe(true);
    const plan = citationBySymbol(d, '301/KH-UBND');
    expect(plan.relation).toBe('implements');
    expect(plan.issuedAt).toBe('2024-07-26');
    expect(plan.key.startsWith('ha-tinh:')).toBe(true);
    expect(citationsWithSymbol(d, '2874/KH-SGDĐT')).toEqual([]);
  });

  it('"**Văn phòng Sở** – Chủ trì, phối hợp với …", "**Phòng Giáo dục Trung học** – Chủ trì …", "**Thanh tra Sở** – Chủ trì …": the bold body leads, the one after "phối hợp với" supports', () => {
    const d = doc(SCHOOLS);
    expect(rolesWith(d, 'kiện toàn Ban Chỉ đạo phòng, chống tội phạm của ngành')).toEqual([
      ['Văn phòng Sở', 'lead'],
      ['Phòng Kế hoạch - Tài chính', 'support'],
    ]);
    const lessons = 'lồng ghép nội dung phòng, chống ma túy, bạo lực học đường vào hoạt động giáo dục';
    expect(rolesWith(d, lessons)).toEqual([
      ['Phòng Giáo dục Trung học', 'lead'],
      ['Phòng Giáo dục Mầm non - Tiểu học', 'support'],
    ]);
    expect(deadlineWith(d, lessons)).toEqual(['2024-10-15', 'hoàn thành trước ngày 15/10/2024']);
    expect(rolesWith(d, 'kiểm tra việc thực hiện công tác bảo đảm an ninh, trật tự trường học')).toEqual([
      ['Thanh tra Sở', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
  });

  it('"**Phòng Giáo dục Mầm non - Tiểu học** – Hướng dẫn Phòng Giáo dục và Đào tạo các huyện …": the hyphen is the name\'s, the en dash the separator; the body it guides is no assignee', () => {
    const d = doc(SCHOOLS);
    expect(rolesWith(d, 'giáo dục kỹ năng tự bảo vệ cho trẻ')).toEqual([
      ['Phòng Giáo dục Mầm non - Tiểu học', 'assigned'],
    ]);
  });

  it('"**Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố** – Tham mưu UBND cấp huyện …; phối hợp với Công an cấp huyện …; báo cáo … (qua Phòng Giáo dục Trung học) trước ngày 20/5/2025"', () => {
    const d = doc(SCHOOLS);
    const item = 'tổ chức tuyên truyền, ngoại khóa về phòng, chống ma túy cho học sinh';
    expect(rolesWith(d, item)).toEqual([
      [PGD_HUYEN, 'assigned'],
      ['Công an cấp huyện', 'support'],
    ]);
    expect(deadlineWith(d, item)).toEqual(['2025-05-20', 'trước ngày 20/5/2025']);
  });

  it('"**Hiệu trưởng các trường THPT** – … cụ thể:" over "-" bullets: each bullet is the principals\' (the director they answer to is no assignee)', () => {
    const d = doc(SCHOOLS);
    const plan = 'Xây dựng kế hoạch phòng, chống tội phạm, ma túy, bạo lực học đường của nhà trường';
    for (const phrase of [
      plan,
      'Thành lập Tổ tư vấn tâm lý học đường',
      'Kịp thời báo cáo Sở các vụ việc học sinh',
    ]) {
      const roles = rolesWith(d, phrase);
      expect(roles).toHaveLength(1);
      expect(roles[0]![0]).toMatch(/các trường THPT$/u);
      expect(roles[0]![1]).toBe('assigned');
    }
    expect(deadlineWith(d, plan)).toEqual(['2024-09-30', 'hoàn thành trước ngày 30/9/2024']);
  });

  it('"**Đề nghị Công an tỉnh** – Chỉ đạo …" and "**Đề nghị Tỉnh đoàn Hà Tĩnh** – …": requests, the directed units no assignee, the forum due in March 2025', () => {
    const d = doc(SCHOOLS);
    expect(rolesWith(d, 'cung cấp thông tin về học sinh có biểu hiện sử dụng trái phép chất ma túy')).toEqual(
      [['Công an tỉnh', 'requested']],
    );
    const forum = 'Học sinh nói không với ma túy và bạo lực học đường';
    expect(rolesWith(d, forum)).toEqual([['Tỉnh đoàn Hà Tĩnh', 'requested']]);
    expect(agencyIn(dutyWith(d, forum), 'ha-tinh:tinh-doan').typeId).toBe('tinh-doan');
    expect(deadlineWith(d, forum)[0]).toBe('2025-03');
  });

  it('purposes, contents and the closing name no one; the pairs are the bold bodies and their partners', () => {
    const d = doc(SCHOOLS);
    expect(
      agenciesMatching(
        d,
        /Nâng cao nhận thức, kỹ năng tự bảo vệ|Phấn đấu 100%|Tuyên truyền, giáo dục pháp luật về phòng|Xây dựng môi trường giáo dục an toàn|nếu có vướng mắc/u,
      ),
    ).toEqual([]);
    const pairs = pairsOf(d).filter((p) => !/các trường THPT \/ assigned$/u.test(p));
    expect(pairs).toEqual(
      [
        'Văn phòng Sở / lead',
        'Phòng Kế hoạch - Tài chính / support',
        'Phòng Giáo dục Trung học / lead',
        'Phòng Giáo dục Mầm non - Tiểu học / support',
        'Phòng Giáo dục Mầm non - Tiểu học / assigned',
        'Thanh tra Sở / lead',
        'Công an tỉnh / support',
        `${PGD_HUYEN} / assigned`,
        'Công an cấp huyện / support',
        'Công an tỉnh / requested',
        'Tỉnh đoàn Hà Tĩnh / requested',
      ].sort(),
    );
  });
});
