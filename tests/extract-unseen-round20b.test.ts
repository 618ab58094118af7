/**
 * Generalization, eighteenth set (round 20b): three synthetic documents (marked "MẪU / SAMPLE") in forms the other
 * sets lack — a party Chỉ thị of a Ban Thường vụ Tỉnh ủy (Bình Dương, March 2025: "TỈNH ỦY BÌNH DƯƠNG / * / Số
 * 15-CT/TU" beside "ĐẢNG CỘNG SẢN VIỆT NAM", signed "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ THƯỜNG TRỰC") whose "4. Tổ chức
 * thực hiện" bullets task the party's own bodies (Đảng đoàn HĐND tỉnh, Ban cán sự đảng UBND tỉnh, Đảng ủy Công an
 * tỉnh, Ban Tuyên giáo và Dân vận Tỉnh ủy, Ủy ban Kiểm tra Tỉnh ủy, the district-level party committees, Văn phòng
 * Tỉnh ủy), each "lãnh đạo" the state body it leads; a Công văn of Bộ Công an (October 2025) "Kính gửi" the
 * provinces' committees and police, whose items request the committees ("Bộ Công an đề nghị …", "Đề nghị …") and
 * task its own police ("Yêu cầu Công an các tỉnh, thành phố:" over "a)"–"c)"), with a reporting channel "(qua Cục
 * Cảnh sát hình sự)" that is no assignee and a later item that does assign that department; a provincial Kế hoạch
 * (Đồng Tháp, January 2025, district level) whose tasks name co-leads ("X và Y đồng chủ trì"), rotating leads ("X chủ
 * trì năm 2025, Y chủ trì năm 2026"), a main partner ("Y là cơ quan phối hợp chính") and a line "Các cơ quan được
 * giao chủ trì có trách nhiệm …" that names no particular body. Written before the rules; each expectation is what a
 * reader of the document would say.
 */
import { describe, expect, it } from 'vitest';
import {
  agenciesMatching,
  citationByName,
  citationBySymbol,
  citationsWithSymbol,
  deadlineWith,
  dutyWith,
  pairsExcept,
  pairsOf,
  rolesWith,
  unseenSet,
} from './support/extract-helpers.js';

const PARTY = 'binh-duong-ct-tinh-uy-ma-tuy.txt';
const MINISTRY = 'vn-bca-cv-kinh-gui-dia-phuong.txt';
const PLAN = 'dong-thap-kh-dong-chu-tri.txt';

const doc = unseenSet([PARTY, MINISTRY, PLAN]);

const UBND_TINH_TW = 'Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương';
const CA_TINH_TP = 'Công an các tỉnh, thành phố';
const UBND_HUYEN = 'Ủy ban nhân dân các huyện, thành phố';

describe('Chỉ thị of a Ban Thường vụ Tỉnh ủy, Bình Dương 2025 (party header, party bodies tasked, T/M BAN THƯỜNG VỤ)', () => {
  it('reads the party header: "TỈNH ỦY BÌNH DƯƠNG / * / Số 15-CT/TU", not the party motto, and the date', () => {
    const d = doc(PARTY);
    expect(d).toMatchObject({
      type: 'Chỉ thị',
      symbol: '15-CT/TU',
      issuedAt: '2025-03-12',
      provinceName: 'Bình Dương',
      provinceInferred: false,
      place: 'Bình Dương',
    });
    expect(d.issuer).toMatch(/TỈNH ỦY BÌNH DƯƠNG/u);
    expect(d.issuer).not.toMatch(/ĐẢNG CỘNG SẢN|\*/u);
    expect(d.subject).toMatch(
      /tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống và kiểm soát ma túy/u,
    );
  });

  it('signed "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ THƯỜNG TRỰC"', () => {
    const d = doc(PARTY);
    expect(d.signer?.name).toBe('Lê Hoàng Phúc');
    expect(d.signer?.title).toBe('PHÓ BÍ THƯ THƯỜNG TRỰC');
    expect(d.signer?.authority.join(' ')).toMatch(/T\/M BAN THƯỜNG VỤ/u);
  });

  it("implements the Politburo's Chỉ thị (national) and replaces the Tỉnh ủy's own earlier Chỉ thị; its own number is no citation", () => {
    const d = doc(PARTY);
    const politburo = citationBySymbol(d, '36-CT/TW');
    expect(politburo.relation).toBe('implements');
    expect(politburo.issuedAt).toBe('2019-08-16');
    expect(politburo.key.startsWith('vn:')).toBe(true);
    const old = citationBySymbol(d, '08-CT/TU');
    expect(old.relation).toBe('replaces');
    expect(old.issuedAt).toBe('2016-05-20');
    expect(old.key.startsWith(`${d.province}:`)).toBe(true);
    expect(citationsWithSymbol(d, '15-CT/TU')).toEqual([]);
  });

  it('the party bodies are assigned as written; the state body each one "lãnh đạo" is no assignee', () => {
    const d = doc(PARTY);
    expect(rolesWith(d, 'lãnh đạo HĐND tỉnh tăng cường giám sát')).toEqual([
      ['Đảng đoàn HĐND tỉnh', 'assigned'],
    ]);
    const plan = 'lãnh đạo, chỉ đạo UBND tỉnh ban hành kế hoạch thực hiện Chỉ thị';
    expect(rolesWith(d, plan)).toEqual([['Ban cán sự đảng UBND tỉnh', 'assigned']]);
    // Written as 'trước ngày 30/4/2025'; the project keeps "hoàn thành trước ngày …" whole (as in round 10).
    expect(deadlineWith(d, plan)).toEqual(['2025-04-30', 'hoàn thành trước ngày 30/4/2025']);
    expect(rolesWith(d, 'vào chương trình kiểm tra, giám sát hằng năm')).toEqual([
      ['Ủy ban Kiểm tra Tỉnh ủy', 'assigned'],
    ]);
    // The Ban Thường vụ it reports to is the issuer, no assignee.
    expect(rolesWith(d, 'theo dõi, đôn đốc việc thực hiện Chỉ thị')).toEqual([
      ['Văn phòng Tỉnh ủy', 'assigned'],
    ]);
  });

  it('"Đảng ủy Công an tỉnh chủ trì, phối hợp với Đảng ủy Quân sự tỉnh …" and "Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì, phối hợp với …": leads and partners', () => {
    const d = doc(PARTY);
    expect(rolesWith(d, 'mở các đợt cao điểm tấn công, trấn áp tội phạm ma túy')).toEqual([
      ['Đảng ủy Công an tỉnh', 'lead'],
      ['Đảng ủy Quân sự tỉnh', 'support'],
    ]);
    expect(rolesWith(d, 'hướng dẫn công tác tuyên truyền, vận động Nhân dân')).toEqual([
      ['Ban Tuyên giáo và Dân vận Tỉnh ủy', 'lead'],
      ['Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'support'],
    ]);
  });

  it('"Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy …" assigns the district-level party committees (not the Tỉnh ủy), due in April 2025', () => {
    const d = doc(PARTY);
    const item = dutyWith(d, 'tổ chức quán triệt, xây dựng kế hoạch thực hiện Chỉ thị');
    expect(item.agencies.length).toBeGreaterThan(0);
    const written = item.agencies.map((a) => a.mention).join(', ');
    expect(written).toMatch(/huyện ủy/iu);
    expect(written).toMatch(/đảng ủy trực thuộc Tỉnh ủy/iu);
    for (const a of item.agencies) {
      expect(a.role).toBe('assigned');
      expect(a.mention).not.toMatch(/^(?:Tỉnh ủy|Ban Thường vụ Tỉnh ủy)$/u);
    }
    expect(item.deadline).toBe('2025-04');
  });

  it('the general items 1–3, the lead-in and the closing name no particular body; the issuer is never an assignee', () => {
    const d = doc(PARTY);
    expect(
      agenciesMatching(
        d,
        /Tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, người đứng đầu|Đổi mới nội dung, hình thức tuyên truyền|Nâng cao chất lượng công tác cai nghiện|được phổ biến đến chi bộ/u,
      ),
    ).toEqual([]);
    expect(pairsOf(d).filter((p) => /^(?:Ban Thường vụ Tỉnh ủy|Tỉnh ủy|Bộ Chính trị) \//u.test(p))).toEqual(
      [],
    );
    expect(pairsExcept(d, /tổ chức quán triệt, xây dựng kế hoạch thực hiện Chỉ thị/u)).toEqual(
      [
        'Đảng đoàn HĐND tỉnh / assigned',
        'Ban cán sự đảng UBND tỉnh / assigned',
        'Đảng ủy Công an tỉnh / lead',
        'Đảng ủy Quân sự tỉnh / support',
        'Ban Tuyên giáo và Dân vận Tỉnh ủy / lead',
        'Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh / support',
        'Ủy ban Kiểm tra Tỉnh ủy / assigned',
        'Văn phòng Tỉnh ủy / assigned',
      ].sort(),
    );
  });
});

describe('Công văn of Bộ Công an to localities, 2025 ("Bộ Công an đề nghị …" / "Yêu cầu Công an các tỉnh …", a channel "(qua …)")', () => {
  it('reads the national header, the "V/v" subject, both "Kính gửi" addressees and the signer', () => {
    const d = doc(MINISTRY);
    expect(d).toMatchObject({
      type: 'Công văn',
      symbol: '4127/BCA-C02',
      issuedAt: '2025-10-20',
      province: null,
      place: 'Hà Nội',
    });
    expect(d.issuer).toMatch(/^BỘ CÔNG AN$/u);
    expect(d.subject).toMatch(/^tăng cường đấu tranh, ngăn chặn tội phạm cho vay lãi nặng/iu);
    expect(d.recipients).toEqual([
      expect.stringContaining(UBND_TINH_TW),
      expect.stringContaining(CA_TINH_TP),
    ]);
    expect(d.signer?.name).toMatch(/Hoàng Đức Thịnh$/u);
    expect(d.signer?.title).toBe('THỨ TRƯỞNG');
  });

  it("cites the Prime Minister's Chỉ thị and the ministry's own Kế hoạch it implements, both national", () => {
    const d = doc(MINISTRY);
    const pm = citationBySymbol(d, '21/CT-TTg');
    expect(pm.relation).toBe('implements');
    expect(pm.issuedAt).toBe('2025-08-14');
    expect(pm.key.startsWith('vn:')).toBe(true);
    const plan = citationBySymbol(d, '318/KH-BCA-C02');
    expect(plan.relation).toBe('implements');
    expect(plan.issuedAt).toBe('2025-09-05');
    expect(plan.key.startsWith('vn:')).toBe(true);
    expect(citationsWithSymbol(d, '4127/BCA-C02')).toEqual([]);
  });

  it('"1. Bộ Công an đề nghị Ủy ban nhân dân các tỉnh …" requests the committees; the bodies they direct and the channel "(qua Cục Cảnh sát hình sự)" are no one; due 30/11/2025', () => {
    const d = doc(MINISTRY);
    const pawn = 'rà soát các cơ sở kinh doanh dịch vụ cầm đồ';
    expect(rolesWith(d, pawn)).toEqual([[UBND_TINH_TW, 'requested']]);
    expect(deadlineWith(d, pawn)).toEqual(['2025-11-30', 'trước ngày 30/11/2025']);
    expect(rolesWith(d, 'nhận diện thủ đoạn cho vay lãi nặng qua ứng dụng')).toEqual([
      ['Ủy ban nhân dân các tỉnh, thành phố', 'requested'],
    ]);
  });

  it('"3. Yêu cầu Công an các tỉnh, thành phố:" gives "a)"–"c)" to its own police: assigned, lead with a partner, the report due 30/11/2025', () => {
    const d = doc(MINISTRY);
    expect(rolesWith(d, 'lập danh sách các đối tượng, băng nhóm')).toEqual([[CA_TINH_TP, 'assigned']]);
    const cases = 'đẩy nhanh tiến độ điều tra, xử lý nghiêm các vụ án cho vay lãi nặng';
    expect(rolesWith(d, cases)).toEqual([
      [CA_TINH_TP, 'lead'],
      ['Viện kiểm sát nhân dân cùng cấp', 'support'],
    ]);
    expect(deadlineWith(d, cases)[0]).toBe('2025-11-30');
    const report = 'Tổng hợp kết quả thực hiện, báo cáo về Bộ Công an';
    expect(rolesWith(d, report)).toEqual([[CA_TINH_TP, 'assigned']]);
    expect(deadlineWith(d, report)).toEqual(['2025-11-30', 'trước ngày 30/11/2025']);
  });

  it('"4. Giao Cục Cảnh sát hình sự chủ trì …" assigns the department it named only as a channel before; the issuer holds no duty', () => {
    const d = doc(MINISTRY);
    expect(rolesWith(d, 'theo dõi, hướng dẫn, đôn đốc việc thực hiện Công văn này')).toEqual([
      ['Cục Cảnh sát hình sự', 'lead'],
      ['Cục Cảnh sát quản lý hành chính về trật tự xã hội', 'support'],
    ]);
    expect(pairsExcept(d, /quan tâm phối hợp thực hiện/u)).toEqual(
      [
        `${UBND_TINH_TW} / requested`,
        'Ủy ban nhân dân các tỉnh, thành phố / requested',
        `${CA_TINH_TP} / assigned`,
        `${CA_TINH_TP} / lead`,
        'Viện kiểm sát nhân dân cùng cấp / support',
        'Cục Cảnh sát hình sự / lead',
        'Cục Cảnh sát quản lý hành chính về trật tự xã hội / support',
      ].sort(),
    );
  });
});

describe('Kế hoạch with co-leads and rotating leads, Đồng Tháp 2025 ("đồng chủ trì", "chủ trì năm 2025 … năm 2026", "phối hợp chính")', () => {
  it('reads the header, the signer and its bases', () => {
    const d = doc(PLAN);
    expect(d).toMatchObject({
      type: 'Kế hoạch',
      symbol: '27/KH-UBND',
      issuedAt: '2025-01-22',
      provinceName: 'Đồng Tháp',
      provinceInferred: false,
    });
    expect(d.subject).toMatch(/^Thực hiện công tác cai nghiện ma túy và quản lý sau cai nghiện ma túy/u);
    expect(d.signer?.name).toBe('Trần Minh Khang');
    expect(citationBySymbol(d, '116/2021/NĐ-CP').relation).toBe('basis');
    expect(citationByName(d, 'Luật', 'Phòng, chống ma túy').relation).toBe('basis');
    const party = citationBySymbol(d, '09-CT/TU');
    expect(party.relation).toBe('implements');
    expect(party.issuedAt).toBe('2025-01-10');
    expect(party.key.startsWith(`${d.province}:`)).toBe(true);
  });

  it('"Công an tỉnh và Sở Y tế đồng chủ trì, phối hợp với …": two leads and the districts as partners', () => {
    const d = doc(PLAN);
    const screening = 'rà soát, xác định tình trạng nghiện ma túy';
    expect(rolesWith(d, screening)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Y tế', 'lead'],
      [UBND_HUYEN, 'support'],
    ]);
    // Written as 'trước ngày 30/6/2025'; the project keeps "hoàn thành trước ngày …" whole (as in round 10).
    expect(deadlineWith(d, screening)).toEqual(['2025-06-30', 'hoàn thành trước ngày 30/6/2025']);
  });

  it('"Sở Tư pháp chủ trì năm 2025, Sở Nội vụ chủ trì năm 2026, phối hợp với …": both are leads (each in its year), the years belong to no name', () => {
    const d = doc(PLAN);
    expect(rolesWith(d, 'tổ chức Hội thi tìm hiểu pháp luật')).toEqual([
      ['Sở Tư pháp', 'lead'],
      ['Sở Nội vụ', 'lead'],
      ['Công an tỉnh', 'support'],
      ['Sở Giáo dục và Đào tạo', 'support'],
    ]);
  });

  it('"Sở Nội vụ chủ trì, Công an tỉnh là cơ quan phối hợp chính, các sở, ngành khác phối hợp …": one lead, the main partner a partner', () => {
    const d = doc(PLAN);
    const jobs = 'hỗ trợ học nghề, tạo việc làm, vay vốn';
    const named = rolesWith(d, jobs).filter(([mention]) => !/các sở, ngành/u.test(mention!));
    expect(named).toEqual([
      ['Sở Nội vụ', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    // The catch-all, if kept, is at most a partner.
    for (const [, role] of rolesWith(d, jobs).filter(([m]) => /các sở, ngành/u.test(m!)))
      expect(role).toBe('support');
    expect(deadlineWith(d, jobs)[0]).toBe('2025-12');
  });

  it('"Các cơ quan được giao chủ trì có trách nhiệm …" names no particular body (the police it sends plans to are no assignee); the standing body, the funding and the Front', () => {
    const d = doc(PLAN);
    expect(agenciesMatching(d, /Các cơ quan được giao chủ trì có trách nhiệm/u)).toEqual([]);
    const standing = 'Công an tỉnh là Cơ quan Thường trực, theo dõi';
    expect(rolesWith(d, standing)).toEqual([['Công an tỉnh', 'lead']]);
    // Written first as the first date due (2025-12-15); changed to the project's convention (see round 19 and
    // ingest/extract/targets.ts): a recurring day ("trước ngày 15/12 hằng năm") keeps its text with no single date.
    expect(deadlineWith(d, standing)).toEqual([null, 'trước ngày 15/12 hằng năm']);
    expect(rolesWith(d, 'bố trí kinh phí thực hiện Kế hoạch')).toEqual([['Sở Tài chính', 'assigned']]);
    expect(rolesWith(d, 'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh')).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
      ['Công an tỉnh', 'support'],
    ]);
    expect(
      agenciesMatching(d, /Nâng cao hiệu quả công tác cai nghiện|Phấn đấu 100%|nếu có khó khăn, vướng mắc/u),
    ).toEqual([]);
  });
});
