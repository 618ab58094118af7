/**
 * Generalization, nineteenth set (round 21a, written blind: before any rule for it, by someone who had not read the
 * extractor): three synthetic documents (marked "MẪU / SAMPLE") in forms the other sets lack — a Kế hoạch of UBND
 * tỉnh Hòa Bình (January 2025, district level, a province merged that July) as an HTML file whose header and
 * signature are two-column tables and whose appendix, printed after the signature, is AGENCY-FIRST: "PHỤ LỤC /
 * NHIỆM VỤ CỤ THỂ CỦA CÁC SỞ, NGÀNH, ĐỊA PHƯƠNG" with columns "STT | Cơ quan, đơn vị | Nhiệm vụ | Thời gian thực
 * hiện", each row one agency (or two) and its several "-" tasks in one cell separated by `<br>`, the deadlines of one
 * row either one per task line ("Quý II/2025<br>Thường xuyên<br>Trước ngày 10/12/2025") or one for the row ("Tháng
 * 6/2025", "Trong tháng 10"), and a request written in the task cell ("Đề nghị phối hợp với …"); a Quyết định of a
 * district chairman (Xuyên Mộc, Bà Rịa - Vũng Tàu, December 2024: the header names the district only) assigning the
 * district's police, rooms ("Phòng Tư pháp", "Phòng Văn hóa và Thông tin", "Phòng Lao động - Thương binh và Xã
 * hội"), its communes and township ("Ủy ban nhân dân các xã, thị trấn"), requesting its court and procuracy, tasking
 * its Ban Chỉ đạo in Điều 2 beside a member list of an inspection team, and closing with a Điều 3 execution clause
 * naming heads; a national Kế hoạch of the Ban Chỉ đạo 389 quốc gia (November 2024) tasking ministries with the bodies
 * that act for them in brackets ("Bộ Quốc phòng (Bộ Tư lệnh Bộ đội Biên phòng, Bộ Tư lệnh Cảnh sát biển) chủ trì …;
 * phối hợp với Bộ Tài chính (Tổng cục Hải quan) …", "4. Bộ Công Thương (Tổng cục Quản lý thị trường):" over "a)"/"b)")
 * and "Ban Chỉ đạo 389 các tỉnh, thành phố trực thuộc trung ương", with a report channel "(qua Văn phòng Thường
 * trực)". Each expectation is what a careful reader of the document would say.
 *
 * Reading conventions taken from the other sets' tests (not from the code): a task under an agency that only "Phối
 * hợp với X …" gives the agency and X as partners; "hoàn thành trước ngày …" is kept whole as the deadline's text;
 * "Quý II/2025" is due at the end of the quarter's last month ("2025-06"); a month without a year is in the
 * document's year. A body in brackets after a ministry is the ministry's own unit that carries the task, so it takes
 * the ministry's role (both lead, or both partners), as written without the brackets.
 */
import { describe, expect, it } from 'vitest';
import {
  agenciesMatching,
  citationByName,
  citationBySymbol,
  citationsWithSymbol,
  deadlineWith,
  dutyWith,
  pairsOf,
  rolesWith,
  unseenSet,
} from './support/extract-helpers.js';

const APPENDIX = 'hoa-binh-kh-phu-luc-theo-co-quan.html';
const DISTRICT = 'ba-ria-vung-tau-huyen-qd-giao-nhiem-vu.txt';
const NATIONAL = 'vn-bcd389-kh-bo-nganh-ngoac.txt';

const doc = unseenSet([APPENDIX, DISTRICT, NATIONAL]);

const CAT = 'Công an tỉnh';
const STTTT = 'Sở Thông tin và Truyền thông';
const NHNN = 'Ngân hàng Nhà nước chi nhánh tỉnh';
const UBND_HUYEN = 'Ủy ban nhân dân các huyện, thành phố';
const CAH = 'Công an huyện';
const UBND_XA = 'Ủy ban nhân dân các xã, thị trấn';
const BCD389_TINH = 'Ban Chỉ đạo 389 các tỉnh, thành phố trực thuộc trung ương';

describe('Kế hoạch with an agency-first appendix in HTML, Hòa Bình 2025 ("Cơ quan, đơn vị | Nhiệm vụ | Thời gian thực hiện")', () => {
  it('reads the two-column header table, the subject and the signature table', () => {
    const d = doc(APPENDIX);
    expect(d).toMatchObject({
      format: 'html',
      type: 'Kế hoạch',
      symbol: '15/KH-UBND',
      issuedAt: '2025-01-16',
      province: 'hoa-binh',
      provinceName: 'Hòa Bình',
      provinceInferred: false,
      place: 'Hòa Bình',
    });
    expect(d.issuer).toMatch(/TỈNH HÒA BÌNH/u);
    expect(d.issuer).not.toMatch(/CỘNG HÒA/u);
    expect(d.subject).toMatch(/^Phòng, chống tội phạm lừa đảo chiếm đoạt tài sản trên không gian mạng/u);
    expect(d.signer?.name).toBe('Quách Văn Hiển');
    expect(d.signer?.title).toBe('PHÓ CHỦ TỊCH');
    expect(d.signer?.authority.join(' ')).toMatch(/TM\. ỦY BAN NHÂN DÂN.*KT\. CHỦ TỊCH/u);
  });

  it("implements the ministry's plan (national) and the Tỉnh ủy's Chỉ thị (provincial); the appendix's \"Kèm theo\" is itself", () => {
    const d = doc(APPENDIX);
    const ministry = citationBySymbol(d, '412/KH-BCA');
    expect(ministry.relation).toBe('implements');
    expect(ministry.issuedAt).toBe('2024-12-05');
    expect(ministry.key.startsWith('vn:')).toBe(true);
    const party = citationBySymbol(d, '07-CT/TU');
    expect(party.relation).toBe('implements');
    expect(party.issuedAt).toBe('2024-11-18');
    expect(party.key.startsWith('hoa-binh:')).toBe(true);
    expect(citationsWithSymbol(d, '15/KH-UBND')).toEqual([]);
  });

  it('row 1: the agency cell "Công an tỉnh" holds each "-" task line of its cell apart, each with the deadline on its own line', () => {
    const d = doc(APPENDIX);
    const raid = 'mở đợt cao điểm đấu tranh với tội phạm lừa đảo chiếm đoạt tài sản';
    expect(rolesWith(d, raid)).toEqual([
      [CAT, 'lead'],
      [STTTT, 'support'],
      [NHNN, 'support'],
    ]);
    expect(deadlineWith(d, raid)).toEqual(['2025-06', 'Quý II/2025']);
    // One task per line: the first line's duty does not run on into the second.
    expect(dutyWith(d, raid).text).not.toMatch(/Rà soát, lập danh sách/u);
    // The banks it will ask to suspend transactions are the police's counterparts, not the plan's assignees.
    const accounts = 'Rà soát, lập danh sách các tài khoản ngân hàng, thuê bao di động';
    expect(rolesWith(d, accounts)).toEqual([[CAT, 'assigned']]);
    expect(dutyWith(d, accounts).deadline).toBeNull();
    expect(dutyWith(d, accounts).deadlineText).toMatch(/^thường xuyên$/iu);
    const standing = 'Là cơ quan thường trực, theo dõi, đôn đốc, tổng hợp kết quả';
    expect(rolesWith(d, standing)).toEqual([[CAT, 'lead']]);
    expect(deadlineWith(d, standing)).toEqual(['2025-12-10', 'Trước ngày 10/12/2025']);
    // The agency cell and the column headers are no duties of their own.
    expect(
      d.duties.filter((x) => /^(?:\d+\s*)?(?:Công an tỉnh|Cơ quan, đơn vị|Nhiệm vụ)$/u.test(x.text.trim())),
    ).toEqual([]);
  });

  it('rows 2–4: "Chủ trì …" and "Phối hợp với X …" lines under the row\'s agency; one deadline cell for the row ("Tháng 6/2025", "Trong tháng 10")', () => {
    const d = doc(APPENDIX);
    const press = 'Chủ trì hướng dẫn các cơ quan báo chí của tỉnh';
    expect(rolesWith(d, press)).toEqual([[STTTT, 'lead']]);
    expect(dutyWith(d, press).deadlineText).toMatch(/^thường xuyên$/iu);
    // The telecom companies it directs are no assignees.
    expect(rolesWith(d, 'chuẩn hóa thông tin thuê bao, thu hồi sim kích hoạt sẵn')).toEqual([
      [STTTT, 'support'],
      [CAT, 'support'],
    ]);
    const schools = 'lồng ghép nội dung nhận diện lừa đảo trực tuyến';
    expect(rolesWith(d, schools)).toEqual([['Sở Giáo dục và Đào tạo', 'assigned']]);
    expect(deadlineWith(d, schools)).toEqual(['2025-06', 'Tháng 6/2025']);
    const biometrics = 'hoàn thành việc đối chiếu sinh trắc học tài khoản thanh toán';
    expect(rolesWith(d, biometrics)).toEqual([[NHNN, 'assigned']]);
    // "Trong tháng 10" has no year: the document's, 2025.
    expect(deadlineWith(d, biometrics)).toEqual(['2025-10', 'Trong tháng 10']);
    const suspects = 'cung cấp thông tin về tài khoản nghi vấn';
    expect(rolesWith(d, suspects)).toEqual([
      [NHNN, 'support'],
      [CAT, 'support'],
    ]);
    expect(deadlineWith(d, suspects)[0]).toBe('2025-10');
  });

  it('rows 5–7: two bodies in one agency cell, the districts over two lines, a request written in the task cell', () => {
    const d = doc(APPENDIX);
    const column = 'Mở chuyên mục "Cảnh giác lừa đảo trên mạng"';
    // The police who supply the cases are named in a description, not given a role.
    expect(rolesWith(d, column)).toEqual([
      ['Báo Hòa Bình', 'assigned'],
      ['Đài Phát thanh và Truyền hình Hòa Bình', 'assigned'],
    ]);
    expect(dutyWith(d, column).agencies.map((a) => a.id)).toEqual([
      'hoa-binh:bao-tinh',
      'hoa-binh:dai-phat-thanh-truyen-hinh-tinh',
    ]);
    const plan = 'Xây dựng kế hoạch triển khai thực hiện tại địa phương';
    expect(rolesWith(d, plan)).toEqual([[UBND_HUYEN, 'assigned']]);
    expect(deadlineWith(d, plan)).toEqual(['2025-03', 'Quý I/2025']);
    // The communes it directs are no assignees.
    expect(rolesWith(d, 'tuyên truyền đến từng thôn, xóm, tổ dân phố')).toEqual([[UBND_HUYEN, 'assigned']]);
    expect(rolesWith(d, 'vận động đoàn viên, hội viên và Nhân dân cảnh giác')).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
      [CAT, 'support'],
    ]);
  });

  it('"III. TỔ CHỨC THỰC HIỆN": the channel "(qua Công an tỉnh)" is no assignee; the finance department; purposes and the pointer to the appendix name no one', () => {
    const d = doc(APPENDIX);
    const report = 'báo cáo kết quả về Ủy ban nhân dân tỉnh (qua Công an tỉnh)';
    const reporters = rolesWith(d, report);
    expect(reporters).toContainEqual([UBND_HUYEN, 'assigned']);
    expect(reporters.filter(([m]) => m === CAT)).toEqual([]);
    for (const [, role] of reporters) expect(role).toBe('assigned');
    expect(deadlineWith(d, report)).toEqual(['2025-12-05', 'trước ngày 05/12/2025']);
    expect(rolesWith(d, 'bố trí kinh phí thực hiện Kế hoạch')).toEqual([['Sở Tài chính', 'assigned']]);
    expect(
      agenciesMatching(
        d,
        /Nâng cao hiệu quả phối hợp giữa|Kéo giảm ít nhất 10%|được phân công tại Phụ lục|nếu có khó khăn, vướng mắc/u,
      ),
    ).toEqual([]);
    // The issuer is never its own assignee.
    expect(pairsOf(d).filter((p) => /^Ủy ban nhân dân tỉnh \//u.test(p))).toEqual([]);
  });
});

describe('Quyết định of a district chairman, Xuyên Mộc (Bà Rịa - Vũng Tàu) 2024 (district rooms, Ban Chỉ đạo, Điều 3)', () => {
  it('reads the district header: the province comes from the body (inferred), the issuer is the district, not the province', () => {
    const d = doc(DISTRICT);
    expect(d).toMatchObject({
      type: 'Quyết định',
      symbol: '4215/QĐ-UBND',
      issuedAt: '2024-12-20',
      place: 'Xuyên Mộc',
      province: 'ba-ria-vung-tau',
      provinceName: 'Bà Rịa - Vũng Tàu',
      provinceInferred: true,
    });
    expect(d.issuer).toMatch(/HUYỆN XUYÊN MỘC/u);
    expect(d.issuer).not.toMatch(/CỘNG HÒA|Độc lập/u);
    expect(d.issuerId).not.toBe('ba-ria-vung-tau:ubnd-tinh');
    expect(d.subject).toMatch(/giao nhiệm vụ thực hiện đợt cao điểm tấn công, trấn áp tội phạm/u);
    expect(d.signer?.name).toBe('Lê Thị Thu Hằng');
    expect(d.signer?.title).toBe('PHÓ CHỦ TỊCH');
    expect(d.signer?.authority.join(' ')).toMatch(/KT\. CHỦ TỊCH/u);
  });

  it("cites the province's plan (a provincial key), a decree and a law as bases, and the district police's Tờ trình as the proposal", () => {
    const d = doc(DISTRICT);
    const plan = citationBySymbol(d, '318/KH-UBND');
    expect(plan.relation).toBe('basis');
    expect(plan.issuedAt).toBe('2024-12-05');
    expect(plan.key.startsWith('ba-ria-vung-tau:')).toBe(true);
    const decree = citationBySymbol(d, '144/2021/NĐ-CP');
    expect(decree.relation).toBe('basis');
    expect(decree.key.startsWith('vn:')).toBe(true);
    expect(citationByName(d, 'Luật', 'Tổ chức chính quyền địa phương').relation).toBe('basis');
    const proposal = citationBySymbol(d, '96/TTr-CAH');
    expect(proposal.relation).toBe('according_to');
    expect(proposal.issuedAt).toBe('2024-12-16');
    expect(proposal.key.startsWith('ba-ria-vung-tau:')).toBe(true);
    expect((d.proposers ?? []).map((a) => a.mention)).toEqual([expect.stringMatching(/Công an huyện$/u)]);
    expect(citationsWithSymbol(d, '4215/QĐ-UBND')).toEqual([]);
  });

  it('"1. Công an huyện:" heads "a)"–"c)": a lead with partners, plain tasks, directed units no assignees; the district police are not the province\'s', () => {
    const d = doc(DISTRICT);
    const raid = 'xây dựng kế hoạch ra quân tấn công, trấn áp tội phạm';
    expect(rolesWith(d, raid)).toEqual([
      [CAH, 'lead'],
      ['Ban Chỉ huy Quân sự huyện', 'support'],
      ['Đồn Biên phòng Bình Châu', 'support'],
    ]);
    expect(deadlineWith(d, raid)).toEqual(['2024-12-25', 'hoàn thành trước ngày 25/12/2024']);
    expect(rolesWith(d, 'Tăng cường tuần tra, kiểm soát trên các tuyến Quốc lộ 55')).toEqual([
      [CAH, 'assigned'],
    ]);
    expect(rolesWith(d, 'Chỉ đạo Công an các xã, thị trấn rà soát')).toEqual([[CAH, 'assigned']]);
    const police = dutyWith(d, raid).agencies[0]!;
    expect(police.province).toBe('ba-ria-vung-tau');
    expect(police.id).not.toBe('ba-ria-vung-tau:cong-an-tinh');
  });

  it('the district rooms lead their items (not the province\'s departments); deadlines "trong tháng 01/2025" and "trước ngày 20/01/2025"', () => {
    const d = doc(DISTRICT);
    const law = 'tổ chức tuyên truyền, phổ biến pháp luật về phòng, chống tội phạm';
    expect(rolesWith(d, law)).toEqual([
      ['Phòng Tư pháp', 'lead'],
      [CAH, 'support'],
    ]);
    expect(deadlineWith(d, law)).toEqual(['2025-01', 'trong tháng 01/2025']);
    expect(dutyWith(d, law).agencies[0]!.id).not.toBe('ba-ria-vung-tau:so-tu-phap');
    expect(rolesWith(d, 'kiểm tra hoạt động kinh doanh karaoke, vũ trường')).toEqual([
      ['Phòng Văn hóa và Thông tin', 'lead'],
      [CAH, 'support'],
    ]);
    expect(rolesWith(d, 'Chỉ đạo Trung tâm Văn hóa, Thông tin và Thể thao huyện')).toEqual([
      ['Phòng Văn hóa và Thông tin', 'assigned'],
    ]);
    const rehab = 'lập hồ sơ đưa vào cơ sở cai nghiện bắt buộc';
    expect(rolesWith(d, rehab)).toEqual([
      ['Phòng Lao động - Thương binh và Xã hội', 'lead'],
      [CAH, 'support'],
      [UBND_XA, 'support'],
    ]);
    expect(deadlineWith(d, rehab)).toEqual(['2025-01-20', 'hoàn thành trước ngày 20/01/2025']);
    expect(dutyWith(d, rehab).agencies[0]!.id).not.toBe('ba-ria-vung-tau:so-lao-dong-thuong-binh-va-xa-hoi');
  });

  it('"5. Ủy ban nhân dân các xã, thị trấn:" over "-" lines (its report "(qua Công an huyện)" names no channel as assignee); "6. Đề nghị …" the district court and procuracy', () => {
    const d = doc(DISTRICT);
    expect(rolesWith(d, 'Xây dựng phương án bảo đảm an ninh, trật tự tại địa phương')).toEqual([
      [UBND_XA, 'assigned'],
    ]);
    expect(rolesWith(d, 'duy trì trực 24/24 giờ')).toEqual([[UBND_XA, 'assigned']]);
    const report = 'Báo cáo kết quả thực hiện về Ủy ban nhân dân huyện (qua Công an huyện)';
    expect(rolesWith(d, report)).toEqual([[UBND_XA, 'assigned']]);
    expect(deadlineWith(d, report)).toEqual(['2025-02-18', 'trước ngày 18/02/2025']);
    expect(rolesWith(d, 'đẩy nhanh tiến độ giải quyết các vụ án hình sự')).toEqual([
      ['Viện kiểm sát nhân dân huyện', 'requested'],
      ['Tòa án nhân dân huyện', 'requested'],
      [CAH, 'support'],
    ]);
  });

  // Fails: the committee's long name ("…, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc huyện")
  // is cut where the province's type pattern ends ("Ban Chỉ đạo phòng, chống tội phạm") and resolved to the province's
  // committee: names that run on past a comma, and a district's own committee, are not read yet.
  it.fails(
    "Điều 2: the district's Ban Chỉ đạo is assigned (not the province's), the police the standing body; the inspection team's member list is no duty",
    () => {
      const d = doc(DISTRICT);
      const oversee = dutyWith(
        d,
        'theo dõi, đôn đốc, kiểm tra các cơ quan, đơn vị, địa phương thực hiện Quyết định này',
      );
      const committee = oversee.agencies.find((a) => /^Ban Chỉ đạo phòng, chống tội phạm/u.test(a.mention));
      expect(committee?.mention).toBe(
        'Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc huyện',
      );
      expect(committee?.role).toBe('assigned');
      expect(committee?.id).not.toBe('ba-ria-vung-tau:ban-chi-dao-phong-chong-toi-pham-tinh');
      const standing = dutyWith(d, 'Công an huyện là Cơ quan Thường trực');
      expect(standing.agencies.filter((a) => a.mention === CAH).map((a) => a.role)).toEqual(['lead']);
      expect(standing.deadline).toBe('2025-02-20');
      // The chairman it reports to is the issuer's head, no assignee.
      expect(standing.agencies.filter((a) => /Chủ tịch/u.test(a.mention))).toEqual([]);
      // Seats on the team (Trưởng đoàn, Phó Trưởng đoàn, Thành viên) and the opening of Điều 1 are no duties.
      expect(agenciesMatching(d, /Trưởng đoàn|– Thành viên|^Giao nhiệm vụ cho các cơ quan, đơn vị/u)).toEqual(
        [],
      );
      expect(agenciesMatching(d, /có hiệu lực kể từ ngày ký/u)).toEqual([]);
    },
  );

  // Fails: "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện" splits in two ("Văn phòng Hội đồng nhân dân", "Ủy ban
  // nhân dân huyện"): the joint office has a type at the commune level only, none for a district.
  it.fails(
    'Điều 3 "Chánh Văn phòng …, Trưởng Công an huyện, Trưởng phòng …, Chủ tịch Ủy ban nhân dân các xã, thị trấn và Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành": the named bodies, not the catch-all',
    () => {
      const d = doc(DISTRICT);
      const clause = dutyWith(d, 'chịu trách nhiệm thi hành Quyết định này');
      const written = clause.agencies.map((a) => a.mention);
      for (const body of [
        /Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện/u,
        /Công an huyện/u,
        /Tư pháp/u,
        /Văn hóa và Thông tin/u,
        /Lao động - Thương binh và Xã hội/u,
        /các xã, thị trấn/u,
      ])
        expect(written.filter((m) => body.test(m))).toHaveLength(1);
      expect(written.filter((m) => /có liên quan/u.test(m))).toEqual([]);
      for (const a of clause.agencies) expect(a.role).toBe('assigned');
    },
  );
});

describe("Kế hoạch of the Ban Chỉ đạo 389 quốc gia, 2024 (ministries with their acting bodies in brackets, the provinces' committees)", () => {
  it('reads the national header (issuer over two lines, no province), the subject and the signer', () => {
    const d = doc(NATIONAL);
    expect(d).toMatchObject({
      type: 'Kế hoạch',
      symbol: '428/KH-BCĐ389',
      issuedAt: '2024-11-28',
      province: null,
      place: 'Hà Nội',
      issuerId: 'vn:ban-chi-dao-389-quoc-gia',
    });
    expect(d.issuer).toMatch(
      /BAN CHỈ ĐẠO QUỐC GIA CHỐNG BUÔN LẬU,?\s*(?:\/\s*)?GIAN LẬN THƯƠNG MẠI VÀ HÀNG GIẢ/u,
    );
    expect(d.subject).toMatch(/^Cao điểm đấu tranh chống buôn lậu, gian lận thương mại và hàng giả/u);
    expect(d.signer?.name).toBe('Nguyễn Quang Khải');
    expect(d.signer?.title).toBe('PHÓ TRƯỞNG BAN THƯỜNG TRỰC');
    expect(d.signer?.authority.join(' ')).toMatch(/KT\. TRƯỞNG BAN/u);
  });

  it("cites the Prime Minister's founding decision and the committee's own Quy chế as bases, the Công điện as implemented, all national", () => {
    const d = doc(NATIONAL);
    const founding = citationBySymbol(d, '389/QĐ-TTg');
    expect(founding.relation).toBe('basis');
    expect(founding.issuedAt).toBe('2014-03-19');
    expect(founding.key.startsWith('vn:')).toBe(true);
    const rules = citationBySymbol(d, '1399/QĐ-BCĐ389');
    expect(rules.relation).toBe('basis');
    expect(rules.issuedAt).toBe('2023-08-12');
    expect(rules.key.startsWith('vn:')).toBe(true);
    const dispatch = citationBySymbol(d, '118/CĐ-TTg');
    expect(dispatch.relation).toBe('implements');
    expect(dispatch.issuedAt).toBe('2024-11-15');
    expect(dispatch.key.startsWith('vn:')).toBe(true);
    expect(citationsWithSymbol(d, '428/KH-BCĐ389')).toEqual([]);
  });

  it('"Bộ Quốc phòng (Bộ Tư lệnh Bộ đội Biên phòng, Bộ Tư lệnh Cảnh sát biển) chủ trì …; phối hợp với Bộ Tài chính (Tổng cục Hải quan)": bracketed bodies share their ministry\'s role', () => {
    const d = doc(NATIONAL);
    const patrol = 'tuần tra, kiểm soát trên tuyến biên giới đất liền';
    expect(rolesWith(d, patrol)).toEqual([
      ['Bộ Quốc phòng', 'lead'],
      ['Bộ Tư lệnh Bộ đội Biên phòng', 'lead'],
      ['Bộ Tư lệnh Cảnh sát biển', 'lead'],
      ['Bộ Tài chính', 'support'],
      ['Tổng cục Hải quan', 'support'],
    ]);
    const item = dutyWith(d, patrol);
    expect(item.agencies.find((a) => a.mention === 'Bộ Quốc phòng')?.id).toBe('vn:bo-quoc-phong');
    expect(item.agencies.find((a) => a.mention === 'Bộ Tài chính')?.id).toBe('vn:bo-tai-chinh');
    for (const a of item.agencies) {
      expect(a.province).toBeNull();
      expect(a.mention).not.toMatch(/[()]/u);
    }
  });

  it('"Bộ Tài chính (Tổng cục Hải quan) chủ trì, phối hợp với Bộ Công an, Bộ Quốc phòng …; … trước ngày 15/12/2024"', () => {
    const d = doc(NATIONAL);
    const customs = 'kiểm soát chặt chẽ hàng hóa xuất khẩu, nhập khẩu, quá cảnh';
    expect(rolesWith(d, customs)).toEqual([
      ['Bộ Tài chính', 'lead'],
      ['Tổng cục Hải quan', 'lead'],
      ['Bộ Công an', 'support'],
      ['Bộ Quốc phòng', 'support'],
    ]);
    expect(deadlineWith(d, customs)[0]).toBe('2024-12-15');
  });

  it('"4. Bộ Công Thương (Tổng cục Quản lý thị trường):" heads "a)"/"b)"; items 1 and 5 direct bodies that are no assignees', () => {
    const d = doc(NATIONAL);
    expect(rolesWith(d, 'xử lý nghiêm hành vi kinh doanh hàng giả, hàng nhập lậu')).toEqual([
      ['Bộ Công Thương', 'lead'],
      ['Tổng cục Quản lý thị trường', 'lead'],
    ]);
    expect(rolesWith(d, 'kiểm tra chất lượng thực phẩm, thực phẩm chức năng')).toEqual([
      ['Bộ Công Thương', 'support'],
      ['Tổng cục Quản lý thị trường', 'support'],
      ['Bộ Khoa học và Công nghệ', 'support'],
      ['Bộ Y tế', 'support'],
    ]);
    // "Bộ Công an chỉ đạo Cục Cảnh sát kinh tế, Công an các tỉnh …": the ministry, not the units it directs.
    expect(rolesWith(d, 'triệt phá các đường dây buôn lậu')).toEqual([['Bộ Công an', 'assigned']]);
    expect(rolesWith(d, 'tuyên truyền về tác hại của hàng giả, hàng lậu')).toEqual([
      ['Bộ Thông tin và Truyền thông', 'assigned'],
    ]);
  });

  it('"6. Ban Chỉ đạo 389 các tỉnh, thành phố trực thuộc trung ương:" over "-" lines: the provinces\' committees (not the national one); the channel "(qua Văn phòng Thường trực)" is no assignee', () => {
    const d = doc(NATIONAL);
    const plan = 'Xây dựng kế hoạch cao điểm tại địa phương';
    expect(rolesWith(d, plan)).toEqual([[BCD389_TINH, 'assigned']]);
    expect(deadlineWith(d, plan)).toEqual(['2024-12-05', 'hoàn thành trước ngày 05/12/2024']);
    expect(rolesWith(d, 'kiểm tra, xử lý vi phạm tại các chợ đầu mối')).toEqual([[BCD389_TINH, 'assigned']]);
    const report = 'Báo cáo kết quả thực hiện về Ban Chỉ đạo 389 quốc gia (qua Văn phòng Thường trực)';
    expect(rolesWith(d, report)).toEqual([[BCD389_TINH, 'assigned']]);
    expect(deadlineWith(d, report)).toEqual(['2025-03-05', 'trước ngày 05/3/2025']);
    const committees = dutyWith(d, plan).agencies[0]!;
    expect(committees.id).not.toBe('vn:ban-chi-dao-389-quoc-gia');
    expect(committees.province).toBeNull();
  });

  it('the Front is requested, the standing office assigned; purposes, the period and the closing name no one; every pair the plan gives', () => {
    const d = doc(NATIONAL);
    const front = dutyWith(d, 'vận động Nhân dân không tham gia vận chuyển, tiếp tay cho buôn lậu');
    expect(front.agencies.map((a) => [a.mention, a.role])).toEqual([
      ['Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam', 'requested'],
    ]);
    expect(front.agencies[0]!.id).toBe('vn:uy-ban-trung-uong-mttq');
    const office = dutyWith(d, 'theo dõi, đôn đốc, tổng hợp tình hình thực hiện Kế hoạch');
    expect(office.agencies.map((a) => [a.id, a.role])).toEqual([
      ['vn:van-phong-thuong-truc-bcd-389-quoc-gia', 'assigned'],
    ]);
    expect(office.deadline).toBe('2025-03-15');
    expect(
      agenciesMatching(
        d,
        /Huy động sức mạnh tổng hợp|Không để hình thành các đường dây|trên phạm vi cả nước|nếu có khó khăn, vướng mắc/u,
      ),
    ).toEqual([]);
    expect(pairsOf(d)).toEqual(
      [
        'Bộ Công an / assigned',
        'Bộ Quốc phòng / lead',
        'Bộ Tư lệnh Bộ đội Biên phòng / lead',
        'Bộ Tư lệnh Cảnh sát biển / lead',
        'Bộ Tài chính / support',
        'Tổng cục Hải quan / support',
        'Bộ Tài chính / lead',
        'Tổng cục Hải quan / lead',
        'Bộ Công an / support',
        'Bộ Quốc phòng / support',
        'Bộ Công Thương / lead',
        'Tổng cục Quản lý thị trường / lead',
        'Bộ Công Thương / support',
        'Tổng cục Quản lý thị trường / support',
        'Bộ Khoa học và Công nghệ / support',
        'Bộ Y tế / support',
        'Bộ Thông tin và Truyền thông / assigned',
        `${BCD389_TINH} / assigned`,
        'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam / requested',
        'Văn phòng Thường trực Ban Chỉ đạo 389 quốc gia / assigned',
      ].sort(),
    );
  });
});
