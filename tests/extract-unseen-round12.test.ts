/**
 * Generalization, tenth set (round 12): three synthetic documents (tests/fixtures/unseen, marked as samples) in forms
 * the other sets lack — a Sở Y tế's plan (2026, a merged province) whose "III. TỔ CHỨC THỰC HIỆN" has two levels,
 * "1. Nhiệm vụ chung" (a catch-all) then "2. Nhiệm vụ cụ thể" with "2.1. Phòng Nghiệp vụ Y" headings over "-" bullets,
 * each bullet followed by its own "Thời gian thực hiện: …" line, tasking the department's rooms, inspectorate, office
 * and hospitals and closing with "3.1. Đề nghị Công an tỉnh …"; a Công văn of a regional customs branch (Chi cục Hải
 * quan khu vực III, under "CỤC HẢI QUAN") whose "I. ĐỐI VỚI CÁC ĐƠN VỊ THUỘC CHI CỤC" heads its own units as "1. Đối
 * với X, Y:" over "-" bullets and whose "II. ĐỀ NGHỊ CÁC CƠ QUAN PHỐI HỢP" lists the city's bodies as "1. X: …"
 * requests, with "chậm nhất ngày …" deadlines; a Quyết định (2024, district level) approving a Đề án, whose Điều 1
 * summarises the Đề án's goals and solutions (no one's duty), whose "Điều 2. Tổ chức thực hiện" lists "1. Công an
 * tỉnh:" over "a)" items and "2. Sở Tài chính: …" inline, and whose Điều 3 names the heads who execute it. Written
 * before the rules; each expectation is what a reader of the document would say.
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
  dutyWith,
  pairsOf,
  rolesOf,
  rolesWith,
  unseenSet,
} from './support/extract-helpers.js';

const FIXTURES = [
  'lam-dong-syt-kh-thoi-gian-thuc-hien.txt',
  'hai-phong-hq-cv-doi-voi.txt',
  'quang-nam-qd-phe-duyet-de-an.txt',
];

const doc = unseenSet(FIXTURES);

describe('Kế hoạch of Sở Y tế tỉnh Lâm Đồng, 2026 ("Nhiệm vụ cụ thể" headings over bullets with "Thời gian thực hiện:")', () => {
  const name = 'lam-dong-syt-kh-thoi-gian-thuc-hien.txt';

  it('reads the header: the department, under "UBND TỈNH LÂM ĐỒNG", issues it', () => {
    expect(doc(name)).toMatchObject({
      type: 'Kế hoạch',
      symbol: '412/KH-SYT',
      issuedAt: '2026-03-09',
      province: 'lam-dong',
      issuerId: 'lam-dong:so-y-te',
    });
  });

  it("cites the law by name and year, the decree and the Prime Minister's decision as basis, the province's plan it implements", () => {
    const d = doc(name);
    expect(citationByKey(d, 'vn:luat-phong-chong-ma-tuy:2021').relation).toBe('basis');
    expect(citationBySymbol(d, '116/2021/NĐ-CP').relation).toBe('basis');
    expect(citationBySymbol(d, '1452/QĐ-TTg').relation).toBe('basis');
    expect(citationBySymbol(d, '38/KH-UBND').relation).toBe('implements');
    expect(citationsWithSymbol(d, '412/KH-SYT')).toEqual([]);
  });

  it('"2.1. Phòng Nghiệp vụ Y" heads its bullets; each "Thời gian thực hiện:" line is the deadline of the bullet above it', () => {
    const d = doc(name);
    const focal = 'Làm đầu mối tham mưu Giám đốc Sở';
    expect(rolesOf(d, focal)).toEqual([['Phòng Nghiệp vụ Y', 'lead']]);
    expect(deadlineOf(d, focal)).toEqual(['2026-06', 'Quý II/2026']);
    // The department's room, not the province's.
    expect(dutyStarting(d, focal).agencies[0]!.name).toMatch(/Sở Y tế/u);
    const list = 'Rà soát, cập nhật danh sách cơ sở y tế';
    expect(rolesOf(d, list)).toEqual([['Phòng Nghiệp vụ Y', 'assigned']]);
    expect(deadlineOf(d, list)).toEqual(['2026-04-30', 'Trước ngày 30/4/2026']);
    // The time lines are no duties of their own; "1. Nhiệm vụ chung" (heads of the units, the rooms) names no one.
    expect(d.duties.filter((x) => x.text.startsWith('Thời gian thực hiện'))).toEqual([]);
    expect(agenciesMatching(d, /Thủ trưởng các đơn vị trực thuộc Sở/u)).toEqual([]);
  });

  it('"2.2. Thanh tra Sở" leads with a room as partner; a period is no deadline; the investigators it sends files to are no assignees', () => {
    const d = doc(name);
    const check = 'Chủ trì, phối hợp với Phòng Nghiệp vụ Dược kiểm tra';
    expect(rolesOf(d, check)).toEqual([
      ['Thanh tra Sở', 'lead'],
      ['Phòng Nghiệp vụ Dược', 'support'],
    ]);
    expect(deadlineOf(d, check)).toEqual(['2026-09', 'Quý III/2026']);
    const sanction = 'Xử lý nghiêm các hành vi vi phạm được phát hiện';
    expect(rolesOf(d, sanction)).toEqual([['Thanh tra Sở', 'assigned']]);
    // "Thời gian thực hiện: Từ ngày 01/7/2026 đến ngày 30/9/2026" is a period.
    expect(deadlineOf(d, sanction)).toEqual([null, null]);
  });

  it('"2.3. Phòng Nghiệp vụ Dược": a plain task, and a bullet opening "Phối hợp với Thanh tra Sở …"', () => {
    const d = doc(name);
    const guide = 'Hướng dẫn các cơ sở kinh doanh, sử dụng thuốc gây nghiện';
    expect(rolesOf(d, guide)).toEqual([['Phòng Nghiệp vụ Dược', 'assigned']]);
    expect(deadlineOf(d, guide)).toEqual(['2026-07-15', 'Hoàn thành trước ngày 15/7/2026']);
    const raid = 'Phối hợp với Thanh tra Sở kiểm tra đột xuất';
    expect(rolesOf(d, raid)).toEqual([
      ['Phòng Nghiệp vụ Dược', 'support'],
      ['Thanh tra Sở', 'support'],
    ]);
    expect(deadlineOf(d, raid)).toEqual(['2026-10', 'Tháng 10/2026']);
  });

  it('the hospital and the disease-control centre under their headings; the police whose request it serves and the press it supplies are no assignees', () => {
    const d = doc(name);
    const training = 'Chủ trì tổ chức tập huấn chẩn đoán';
    expect(rolesOf(d, training)).toEqual([['Bệnh viện Tâm thần tỉnh', 'lead']]);
    expect(deadlineOf(d, training)).toEqual(['2026-06', 'Tháng 6/2026']);
    expect(rolesOf(d, 'Tiếp nhận, điều trị người có rối loạn tâm thần')).toEqual([
      ['Bệnh viện Tâm thần tỉnh', 'assigned'],
    ]);
    const methadone = 'Chủ trì, phối hợp với Bệnh viện Tâm thần tỉnh duy trì';
    expect(rolesOf(d, methadone)).toEqual([
      ['Trung tâm Kiểm soát bệnh tật tỉnh', 'lead'],
      ['Bệnh viện Tâm thần tỉnh', 'support'],
    ]);
    expect(deadlineOf(d, methadone)).toEqual(['2026-09-30', 'Hoàn thành trước ngày 30/9/2026']);
    const leaflets = 'Biên soạn tài liệu truyền thông';
    expect(rolesOf(d, leaflets)).toEqual([['Trung tâm Kiểm soát bệnh tật tỉnh', 'assigned']]);
    expect(deadlineOf(d, leaflets)).toEqual(['2026-05', 'Trong tháng 5/2026']);
  });

  it('"2.6. Văn phòng Sở" reports through a channel; "3.1. Đề nghị …" requests, with the partner named after "phối hợp với"', () => {
    const d = doc(name);
    const report = 'Tổng hợp kết quả thực hiện của các đơn vị, tham mưu';
    // "báo cáo Ủy ban nhân dân tỉnh (qua Công an tỉnh) và Bộ Y tế": recipients and channel are no assignees.
    expect(rolesOf(d, report)).toEqual([['Văn phòng Sở', 'assigned']]);
    expect(dutyStarting(d, report).agencies[0]!.typeId).not.toBe('van-phong-ubnd-tinh');
    expect(deadlineOf(d, report)).toEqual(['2026-12-10', 'Trước ngày 10/12/2026']);
    // The police room it directs is no assignee.
    expect(rolesOf(d, 'Đề nghị Công an tỉnh chỉ đạo')).toEqual([
      ['Công an tỉnh', 'requested'],
      ['Thanh tra Sở', 'support'],
    ]);
    const schools = 'Đề nghị Sở Giáo dục và Đào tạo';
    expect(rolesOf(d, schools)).toEqual([
      ['Sở Giáo dục và Đào tạo', 'requested'],
      ['Trung tâm Kiểm soát bệnh tật tỉnh', 'support'],
    ]);
    expect(deadlineOf(d, schools)).toEqual(['2026-12', 'Quý IV/2026']);
    expect(agenciesMatching(d, /nếu có khó khăn, vướng mắc/u)).toEqual([]);
  });

  it('names no other agency (the preamble, the report channel and the recipients are no assignees)', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        'Phòng Nghiệp vụ Y / lead',
        'Phòng Nghiệp vụ Y / assigned',
        'Thanh tra Sở / lead',
        'Phòng Nghiệp vụ Dược / support',
        'Thanh tra Sở / assigned',
        'Phòng Nghiệp vụ Dược / assigned',
        'Thanh tra Sở / support',
        'Bệnh viện Tâm thần tỉnh / lead',
        'Bệnh viện Tâm thần tỉnh / assigned',
        'Trung tâm Kiểm soát bệnh tật tỉnh / lead',
        'Bệnh viện Tâm thần tỉnh / support',
        'Trung tâm Kiểm soát bệnh tật tỉnh / assigned',
        'Văn phòng Sở / assigned',
        'Công an tỉnh / requested',
        'Sở Giáo dục và Đào tạo / requested',
        'Trung tâm Kiểm soát bệnh tật tỉnh / support',
      ].sort(),
    );
  });
});

describe('Công văn of Chi cục Hải quan khu vực III, Hải Phòng, 2026 ("Đối với X:" for its units; requests to the city\'s bodies)', () => {
  const name = 'hai-phong-hq-cv-doi-voi.txt';

  it('reads the header: the regional customs branch (not the Cục above it) issues it, in Hải Phòng; its citations', () => {
    const d = doc(name);
    expect(d).toMatchObject({
      type: 'Công văn',
      symbol: '1246/HQKV3-KSHQ',
      issuedAt: '2026-04-14',
      province: 'hai-phong',
    });
    // An id of the branch (a null issuer is printed as "null", not thrown as a non-string).
    expect(String(d.issuerId)).toMatch(/hai-quan-khu-vuc-iii/u);
    expect(citationBySymbol(d, '2315/CHQ-ĐTCBL').relation).toBe('implements');
    expect(citationBySymbol(d, '95/KH-UBND').relation).toBe('implements');
    expect(citationByKey(d, 'vn:luat-hai-quan:2014').relation).toBe('basis');
    expect(citationBySymbol(d, '57/2022/NĐ-CP').relation).toBe('basis');
    expect(citationsWithSymbol(d, '1246/HQKV3-KSHQ')).toEqual([]);
  });

  it('"1. Đối với X, Y:" gives each bullet under it to both units; an opener "Phối hợp với Z …" makes them partners', () => {
    const d = doc(name);
    const both = 'Áp dụng biện pháp kiểm tra thực tế';
    expect(rolesOf(d, both)).toEqual([
      ['Hải quan cửa khẩu cảng Đình Vũ', 'assigned'],
      ['Hải quan cửa khẩu cảng Lạch Huyện', 'assigned'],
    ]);
    // "hoàn thành chậm nhất ngày …" reads as the Đồng Nai letter's did.
    expect(deadlineOf(d, both)).toEqual(['2026-04-30', 'chậm nhất ngày 30/4/2026']);
    // The name holds a comma ("phòng, chống"): one unit, not two.
    expect(rolesOf(d, 'Phối hợp với Đội Kiểm soát phòng, chống ma túy soi chiếu')).toEqual([
      ['Hải quan cửa khẩu cảng Đình Vũ', 'support'],
      ['Hải quan cửa khẩu cảng Lạch Huyện', 'support'],
      ['Đội Kiểm soát phòng, chống ma túy', 'support'],
    ]);
  });

  it('the control team leads a patrol over a period (no deadline); the police it informs are no assignees', () => {
    const d = doc(name);
    const patrol = 'Chủ trì, phối hợp với Bộ Chỉ huy Bộ đội Biên phòng thành phố Hải Phòng';
    expect(rolesOf(d, patrol)).toEqual([
      ['Đội Kiểm soát Hải quan', 'lead'],
      ['Bộ Chỉ huy Bộ đội Biên phòng thành phố Hải Phòng', 'support'],
    ]);
    expect(deadlineOf(d, patrol)).toEqual([null, null]);
    expect(rolesOf(d, 'Thu thập, phân tích thông tin')).toEqual([['Đội Kiểm soát Hải quan', 'assigned']]);
  });

  it('the drug-control team is the focal point by a day, trains in a month; the business team reports monthly', () => {
    const d = doc(name);
    const focal = 'Là cơ quan đầu mối của Chi cục';
    expect(rolesOf(d, focal)).toEqual([['Đội Kiểm soát phòng, chống ma túy', 'lead']]);
    expect(deadlineOf(d, focal)).toEqual(['2026-04-25', 'chậm nhất ngày 25/4/2026']);
    // "công chức các Hải quan cửa khẩu" are the trainees.
    const training = 'Tổ chức tập huấn kỹ năng nhận diện';
    expect(rolesOf(d, training)).toEqual([['Đội Kiểm soát phòng, chống ma túy', 'assigned']]);
    expect(deadlineOf(d, training)).toEqual(['2026-05', 'trong tháng 5/2026']);
    const report = 'Tổng hợp kết quả thực hiện của các đơn vị, báo cáo';
    expect(rolesOf(d, report)).toEqual([['Đội Nghiệp vụ', 'assigned']]);
    expect(deadlineOf(d, report)).toEqual([null, 'chậm nhất ngày 25 hằng tháng']);
  });

  it('"II. ĐỀ NGHỊ CÁC CƠ QUAN PHỐI HỢP" makes each "X: …" item under it a request; directed and supplied units are no assignees', () => {
    const d = doc(name);
    const police = 'xác minh, điều tra các vụ việc có dấu hiệu tội phạm';
    expect(rolesWith(d, police)).toEqual([
      ['Công an thành phố Hải Phòng', 'requested'],
      ['Đội Kiểm soát phòng, chống ma túy', 'support'],
    ]);
    expect(dutyWith(d, police).agencies[0]!.typeId).toBe('cong-an-tinh');
    const border = 'kiểm soát chặt chẽ thuyền viên';
    expect(rolesWith(d, border)).toEqual([['Bộ Chỉ huy Bộ đội Biên phòng thành phố Hải Phòng', 'requested']]);
    expect(deadlineWith(d, border)).toEqual(['2026-06-10', 'chậm nhất ngày 10/6/2026']);
    expect(rolesWith(d, 'danh sách tàu nước ngoài neo đậu')).toEqual([
      ['Cảng vụ Hàng hải Hải Phòng', 'requested'],
    ]);
    expect(agenciesMatching(d, /nghiêm túc triển khai thực hiện/u)).toEqual([]);
  });

  it('names no other agency (the "Kính gửi" list, the Cục reported to and the recipients are no assignees as such)', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        'Hải quan cửa khẩu cảng Đình Vũ / assigned',
        'Hải quan cửa khẩu cảng Lạch Huyện / assigned',
        'Hải quan cửa khẩu cảng Đình Vũ / support',
        'Hải quan cửa khẩu cảng Lạch Huyện / support',
        'Đội Kiểm soát phòng, chống ma túy / support',
        'Đội Kiểm soát Hải quan / lead',
        'Bộ Chỉ huy Bộ đội Biên phòng thành phố Hải Phòng / support',
        'Đội Kiểm soát Hải quan / assigned',
        'Đội Kiểm soát phòng, chống ma túy / lead',
        'Đội Kiểm soát phòng, chống ma túy / assigned',
        'Đội Nghiệp vụ / assigned',
        'Công an thành phố Hải Phòng / requested',
        'Bộ Chỉ huy Bộ đội Biên phòng thành phố Hải Phòng / requested',
        'Cảng vụ Hàng hải Hải Phòng / requested',
      ].sort(),
    );
  });
});

describe('Quyết định of UBND tỉnh Quảng Nam approving a Đề án, 2024 (Điều 1 content; Điều 2 "Tổ chức thực hiện"; Điều 3)', () => {
  const name = 'quang-nam-qd-phe-duyet-de-an.txt';

  it('reads the header and the legal basis written the real way; the proposal is cited; not itself', () => {
    const d = doc(name);
    expect(d).toMatchObject({
      type: 'Quyết định',
      symbol: '1873/QĐ-UBND',
      issuedAt: '2024-08-19',
      province: 'quang-nam',
      issuerId: 'quang-nam:ubnd-tinh',
    });
    expect(citationByKey(d, 'vn:luat-to-chuc-chinh-quyen-dia-phuong:2015').relation).toBe('basis');
    expect(citationBySymbol(d, '40/2024/NĐ-CP').relation).toBe('basis');
    expect(citationBySymbol(d, '124/2021/TT-BCA').relation).toBe('basis');
    expect(citationBySymbol(d, '245-KH/TU').relation).toBe('implements');
    expect(citationBySymbol(d, '2114/TTr-CAT-PV05')).toBeTruthy();
    expect(citationsWithSymbol(d, '1873/QĐ-UBND')).toEqual([]);
  });

  it("Điều 1's goals, solutions, funding and period are the Đề án's content: no one is tasked by them", () => {
    const d = doc(name);
    expect(
      agenciesMatching(
        d,
        /Tăng cường sự lãnh đạo của cấp ủy|Củng cố, kiện toàn Tổ bảo vệ|ít nhất 70% khu dân cư|Kinh phí thực hiện: từ nguồn/u,
      ),
    ).toEqual([]);
    // "4. Thời gian thực hiện: từ năm 2024 đến hết năm 2026" is the Đề án's period, no one's deadline.
    expect(
      d.duties.filter(
        (x) => /^(?:Mục tiêu|Thời gian thực hiện|Kinh phí thực hiện)/u.test(x.text) && x.deadline,
      ),
    ).toEqual([]);
  });

  it('"1. Công an tỉnh:" heads its "a)"–"c)" items: the standing body leads; the units it directs and the bodies it reports to are no assignees', () => {
    const d = doc(name);
    const standing = 'Là cơ quan thường trực, chủ trì';
    expect(rolesOf(d, standing)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Nội vụ', 'support'],
      ['Ủy ban nhân dân các huyện, thị xã, thành phố', 'support'],
    ]);
    expect(deadlineOf(d, standing)).toEqual(['2024-09-30', 'hoàn thành trước ngày 30/9/2024']);
    expect(rolesOf(d, 'Chỉ đạo Công an các huyện, thị xã, thành phố')).toEqual([
      ['Công an tỉnh', 'assigned'],
    ]);
    const review = 'Tổng hợp kết quả sơ kết 01 năm';
    expect(rolesOf(d, review)).toEqual([['Công an tỉnh', 'assigned']]);
    expect(deadlineOf(d, review)).toEqual(['2025-12-15', 'trước ngày 15/12/2025']);
  });

  it('inline "2. Sở …: …" items: a lead with a partner, a plain task (the press it directs is no assignee), a partner\'s opener', () => {
    const d = doc(name);
    expect(rolesWith(d, 'thẩm định, tham mưu Ủy ban nhân dân tỉnh bố trí kinh phí')).toEqual([
      ['Sở Tài chính', 'lead'],
      ['Công an tỉnh', 'support'],
    ]);
    const press = 'tuyên truyền các mô hình, điển hình tiên tiến';
    expect(rolesWith(d, press)).toEqual([['Sở Thông tin và Truyền thông', 'assigned']]);
    expect(deadlineWith(d, press)).toEqual(['2024-12', 'quý IV/2024']);
    expect(rolesWith(d, 'vào nội dung bình xét thi đua')).toEqual([
      ['Sở Nội vụ', 'support'],
      ['Công an tỉnh', 'support'],
    ]);
  });

  it('"5. Ủy ban nhân dân các huyện, thị xã, thành phố:" heads its items; "6. Đề nghị X, Y, Z phối hợp với …" requests all three', () => {
    const d = doc(name);
    const plan = 'Xây dựng kế hoạch triển khai Đề án tại địa phương';
    expect(rolesOf(d, plan)).toEqual([['Ủy ban nhân dân các huyện, thị xã, thành phố', 'assigned']]);
    expect(deadlineOf(d, plan)).toEqual(['2024-10', 'trong tháng 10/2024']);
    // The communes' committees it directs are no assignees.
    expect(rolesOf(d, 'Chỉ đạo Ủy ban nhân dân cấp xã')).toEqual([
      ['Ủy ban nhân dân các huyện, thị xã, thành phố', 'assigned'],
    ]);
    expect(rolesOf(d, 'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh')).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
      ['Hội Liên hiệp Phụ nữ tỉnh', 'requested'],
      ['Hội Cựu chiến binh tỉnh', 'requested'],
      ['Công an tỉnh', 'support'],
    ]);
  });

  it('Điều 3 assigns each body whose head it names (the body as written, without the title); the catch-all names no one', () => {
    const execution = dutyWith(doc(name), 'chịu trách nhiệm thi hành Quyết định này');
    expect(execution.agencies.map((a) => [a.mention, a.role])).toEqual([
      ['Văn phòng Ủy ban nhân dân tỉnh', 'assigned'],
      ['Công an tỉnh', 'assigned'],
      ['Sở Tài chính', 'assigned'],
      ['Sở Nội vụ', 'assigned'],
      ['Sở Thông tin và Truyền thông', 'assigned'],
      ['Ủy ban nhân dân các huyện, thị xã, thành phố', 'assigned'],
    ]);
  });

  it('names no other agency (the preamble, Điều 1 and the recipients are no assignees)', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        ...new Set([
          'Công an tỉnh / lead',
          'Sở Nội vụ / support',
          'Ủy ban nhân dân các huyện, thị xã, thành phố / support',
          'Công an tỉnh / assigned',
          'Sở Tài chính / lead',
          'Công an tỉnh / support',
          'Sở Thông tin và Truyền thông / assigned',
          'Ủy ban nhân dân các huyện, thị xã, thành phố / assigned',
          'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh / requested',
          'Hội Liên hiệp Phụ nữ tỉnh / requested',
          'Hội Cựu chiến binh tỉnh / requested',
          'Văn phòng Ủy ban nhân dân tỉnh / assigned',
          'Sở Tài chính / assigned',
          'Sở Nội vụ / assigned',
        ]),
      ].sort(),
    );
  });
});
