/**
 * Generalization, third set (round 5): five more synthetic documents (tests/fixtures/unseen, marked as samples)
 * in layouts the other fixtures do not have — a Chỉ thị whose items open with the head of an agency ("Giám đốc
 * Sở …", "Thủ trưởng các sở, ban, ngành …", "Chủ tịch UBND các huyện …": the head stands for the agency), a
 * Công điện ("CHỦ TỊCH … điện:") from a header without its "TỈNH X" line, a Kế hoạch in "Phần thứ …" parts with
 * "-"/"+" lists and the Ban Chỉ đạo 138 and its Thường trực, a Thông báo "Ý kiến kết luận" of a city, and a
 * Quyết định whose Điều 3 lists "Giám đốc các Sở: Tư pháp, Tài chính, Y tế", and a police Hướng dẫn in "Mục 1./Mục 2."
 * sections assigning "Công an các huyện, thị xã, thành phố". Written before the rules; each expectation is what a
 * reader of the document would say.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, ExtractedDocument } from '../ingest/schema.js';
import {
  citationBySymbol,
  documentFrom,
  dutyAt,
  dutyStarting,
  extractUnseen,
  rolesOf,
} from './support/extract-helpers.js';

const FIXTURES = [
  'hung-yen-ct-thu-truong.txt',
  'lai-chau-cd-chu-tich.txt',
  'phu-tho-kh-phan-thu.txt',
  'can-tho-tb-y-kien.txt',
  'bac-giang-qd-dieu3.txt',
  'dong-thap-hd-cat.txt',
];

let all: Bundle;
const doc = (name: string): ExtractedDocument => documentFrom(all, name);
/** Titles of officials: the head stands for the body, and the mention is the body's name. */
const TITLE_WORDS = /^(?:Giám đốc|Chỉ huy trưởng|Thủ trưởng|Chủ tịch|Chánh Văn phòng)\b/u;

beforeAll(async () => {
  all = await extractUnseen(FIXTURES);
});

describe('every document of the set', () => {
  it('keeps span invariants and never gives an official title as the agency', () => {
    expect(all.errors).toEqual([]);
    for (const d of all.documents)
      for (const duty of d.duties) {
        expect(d.text.slice(duty.span![0], duty.span![1])).toBe(duty.text);
        for (const a of duty.agencies) {
          expect(a.mention).not.toMatch(TITLE_WORDS);
          expect(d.text.slice(a.span![0], a.span![1])).toBe(a.mention);
        }
      }
  });
});

describe('Chỉ thị of UBND tỉnh Hưng Yên (items opened by the head of an agency)', () => {
  const name = 'hung-yen-ct-thu-truong.txt';

  it('reads the header and the documents it implements', () => {
    expect(doc(name)).toMatchObject({
      id: 'hung-yen:07-ct-ubnd:2026',
      type: 'Chỉ thị',
      issuedAt: '2026-03-09',
      province: 'hung-yen',
    });
    expect(citationBySymbol(doc(name), '36-CT/TW').relation).toBe('implements');
    expect(citationBySymbol(doc(name), '45/KH-UBND').relation).toBe('implements');
  });

  it('"Giám đốc Công an tỉnh chủ trì, phối hợp với Chỉ huy trưởng …": the heads stand for their bodies', () => {
    // A catch-all partner ("các sở, ngành liên quan") names no one: the seeds' and corpus-extra's annotations
    // leave it out (written expecting it as a support; changed after scoring against those annotations).
    expect(rolesOf(doc(name), 'Giám đốc Công an tỉnh')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Bộ Chỉ huy Quân sự tỉnh', 'support'],
    ]);
    const d = dutyStarting(doc(name), 'Giám đốc Công an tỉnh');
    expect([d.deadline, d.deadlineText]).toEqual([null, 'chậm nhất ngày 15 hằng tháng']);
  });

  it('"khẩn trương", "chủ động", "kịp thời", "có trách nhiệm" openers: the head\'s body is assigned', () => {
    expect(rolesOf(doc(name), 'Giám đốc Sở Y tế')).toEqual([['Sở Y tế', 'assigned']]);
    expect(dutyStarting(doc(name), 'Giám đốc Sở Y tế').deadline).toBe('2026-06-30');
    expect(rolesOf(doc(name), 'Thủ trưởng các sở, ban, ngành')).toEqual([
      ['các sở, ban, ngành tỉnh', 'assigned'],
    ]);
    expect(dutyStarting(doc(name), 'Thủ trưởng các sở').agencies[0]!.id).toBe('hung-yen:cac-so-ban-nganh');
    expect(rolesOf(doc(name), 'Chủ tịch Ủy ban nhân dân các huyện')).toEqual([
      ['Ủy ban nhân dân các huyện, thị xã, thành phố', 'assigned'],
    ]);
    expect(dutyStarting(doc(name), 'Chủ tịch Ủy ban nhân dân các huyện').deadlineText).toBe(
      'định kỳ 6 tháng',
    );
    expect(rolesOf(doc(name), 'Giám đốc Sở Tài chính')).toEqual([['Sở Tài chính', 'assigned']]);
  });

  it('"Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội" requests both', () => {
    expect(rolesOf(doc(name), 'Đề nghị')).toEqual([
      ['Ủy ban MTTQ Việt Nam tỉnh', 'requested'],
      ['các tổ chức chính trị - xã hội tỉnh', 'requested'],
    ]);
  });

  it('the closing "Chủ tịch … yêu cầu Thủ trưởng các cơ quan … nghiêm túc triển khai" is no duty', () => {
    expect(doc(name).duties).toHaveLength(6);
  });
});

describe('Công điện of the Chairman of UBND tỉnh Lai Châu (no "TỈNH X" line, "CHỦ TỊCH … điện:")', () => {
  const name = 'lai-chau-cd-chu-tich.txt';

  it('takes its province from the place line and its type from "CÔNG ĐIỆN"', () => {
    expect(doc(name)).toMatchObject({
      id: 'lai-chau:03-cd-ubnd:2026',
      symbol: '03/CĐ-UBND',
      type: 'Công điện',
      issuedAt: '2026-01-26',
      province: 'lai-chau',
    });
    expect(citationBySymbol(doc(name), '11/CĐ-TTg').relation).toBe('implements');
  });

  it('the addressees under "điện:" are no duties; each numbered head is its body, assigned', () => {
    const d = doc(name);
    expect(d.duties).toHaveLength(3);
    expect(rolesOf(d, 'Giám đốc Công an tỉnh')).toEqual([['Công an tỉnh', 'assigned']]);
    expect(rolesOf(d, 'Chỉ huy trưởng')).toEqual([['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'assigned']]);
  });

  it('"Chủ tịch UBND các huyện … chỉ đạo UBND cấp xã …": the districts, who direct, are the assignees', () => {
    expect(rolesOf(doc(name), 'Chủ tịch Ủy ban nhân dân các huyện')).toEqual([
      ['Ủy ban nhân dân các huyện, thành phố', 'assigned'],
    ]);
    expect(dutyStarting(doc(name), 'Chủ tịch Ủy ban nhân dân các huyện').deadline).toBe('2026-02-20');
  });
});

describe('Kế hoạch of UBND tỉnh Phú Thọ ("Phần thứ nhất/hai/ba" over I./1./-/+)', () => {
  const name = 'phu-tho-kh-phan-thu.txt';

  it('reads the header and citations', () => {
    expect(doc(name)).toMatchObject({
      id: 'phu-tho:214-kh-ubnd:2026',
      type: 'Kế hoạch',
      province: 'phu-tho',
    });
    expect(citationBySymbol(doc(name), '147/2024/NĐ-CP').relation).toBe('basis');
    expect(citationBySymbol(doc(name), '31/KH-BCA').relation).toBe('implements');
  });

  it('a "Phần thứ …" heading is a part of its own: never duty text, and its items are under it', () => {
    const d = doc(name);
    expect(d.duties.filter((x) => x.text.includes('Phần thứ'))).toEqual([]);
    expect(dutyStarting(d, 'Ban Chỉ đạo 138 tỉnh').path).toBe('Phần thứ ba > 1');
    expect(dutyStarting(d, 'Chủ trì điều tra').path).toBe('Phần thứ hai > II > 1#1');
    expect(new Set(d.duties.map((x) => x.id)).size).toBe(d.duties.length);
    expect(d.duties).toHaveLength(9);
  });

  it('"+" sub-points stay in their "-" task; recurrences and dates are deadlines', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Chủ trì, phối hợp với Báo Phú Thọ')).toEqual([
      ['Sở Văn hóa, Thể thao và Du lịch', 'lead'],
      ['Báo Phú Thọ', 'support'],
      ['Đài Phát thanh và Truyền hình Phú Thọ', 'support'],
    ]);
    expect(dutyStarting(d, 'Chủ trì, phối hợp với Báo Phú Thọ').text).toContain('+ Đăng tải tin, bài');
    expect(dutyStarting(d, 'Hướng dẫn các doanh nghiệp').deadline).toBe('2026-12-20');
    expect(dutyStarting(d, 'Đưa nội dung').deadlineText).toBe('định kỳ 6 tháng');
  });

  it('an agency heading on its own line heads the task below it', () => {
    const bank = dutyAt(doc(name), 'Phần thứ hai > II > 2');
    expect(bank.text.startsWith('Chỉ đạo các tổ chức tín dụng')).toBe(true);
    expect(bank.agencies.map((a) => [a.mention, a.role])).toEqual([
      ['Ngân hàng Nhà nước chi nhánh tỉnh', 'assigned'],
    ]);
    expect(bank.deadlineText).toBe('chậm nhất ngày 10 hằng tháng');
  });

  it('the Ban Chỉ đạo 138, its Thường trực and the "Các sở, ngành liên quan" catch-all are assigned', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Ban Chỉ đạo 138 tỉnh')).toEqual([['Ban Chỉ đạo 138 tỉnh', 'assigned']]);
    const standing = dutyStarting(d, 'Thường trực Ban Chỉ đạo 138 tỉnh');
    expect(standing.agencies.map((a) => [a.mention, a.role, a.resolved])).toEqual([
      ['Thường trực Ban Chỉ đạo 138 tỉnh', 'assigned', true],
    ]);
    expect(standing.deadline).toBe('2026-12');
    expect(rolesOf(d, 'Các sở, ngành liên quan')).toEqual([['Các sở, ngành liên quan', 'assigned']]);
  });
});

describe('Thông báo "Ý kiến kết luận" of Văn phòng UBND thành phố Cần Thơ (prose paragraphs)', () => {
  const name = 'can-tho-tb-y-kien.txt';

  it('reads the header', () => {
    expect(doc(name)).toMatchObject({
      id: 'can-tho:118-tb-vpub:2026',
      type: 'Thông báo',
      issuedAt: '2026-06-04',
      province: 'can-tho',
    });
  });

  it('"Giao Công an thành phố (Cơ quan thường trực …) chủ trì": a parenthesis does not hide the lead', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Giao Công an thành phố')).toEqual([
      ['Công an thành phố', 'lead'],
      ['Sở Tư pháp', 'support'],
    ]);
    expect(dutyStarting(d, 'Giao Công an thành phố').deadline).toBe('2026-07-15');
  });

  it("a head for its body, a request to the courts with each body's own step", () => {
    const d = doc(name);
    expect(rolesOf(d, 'Giám đốc Sở Lao động')).toEqual([['Sở Lao động - Thương binh và Xã hội', 'assigned']]);
    const request = dutyStarting(d, 'Đề nghị');
    expect(request.agencies.map((a) => [a.mention, a.role, a.action])).toEqual([
      ['Viện Kiểm sát nhân dân thành phố', 'requested', 'truy tố'],
      ['Tòa án nhân dân thành phố', 'requested', 'xét xử'],
    ]);
  });

  it('the office\'s closing formula ("Văn phòng UBND thành phố thông báo để …") and the report are no duties', () => {
    expect(doc(name).duties).toHaveLength(3);
  });
});

describe('Quyết định of UBND tỉnh Bắc Giang (Điều 3: "Giám đốc các Sở: Tư pháp, Tài chính, Y tế; …")', () => {
  const name = 'bac-giang-qd-dieu3.txt';

  it('reads the header and citations', () => {
    const d = doc(name);
    expect(d).toMatchObject({ id: 'bac-giang:356-qd-ubnd:2026', type: 'Quyết định', province: 'bac-giang' });
    expect(citationBySymbol(d, '162/2025/NĐ-CP').relation).toBe('basis');
    expect(citationBySymbol(d, '92/TTr-CAT-PV01').relation).toBe('according_to');
  });

  it('the execution formula assigns every body whose head it lists, departments enumerated after "các Sở:"', () => {
    const d = doc(name);
    expect(d.duties).toHaveLength(1);
    const execution = d.duties[0]!;
    expect(execution.path).toBe('Điều 3');
    const named = execution.agencies.filter((a) => !a.id.includes('cac-'));
    expect(named.map((a) => [a.id, a.mention, a.role])).toEqual([
      ['bac-giang:van-phong-ubnd-tinh', 'Văn phòng Ủy ban nhân dân tỉnh', 'assigned'],
      ['bac-giang:so-tu-phap', 'Tư pháp', 'assigned'],
      ['bac-giang:so-tai-chinh', 'Tài chính', 'assigned'],
      ['bac-giang:so-y-te', 'Y tế', 'assigned'],
      ['bac-giang:cong-an-tinh', 'Công an tỉnh', 'assigned'],
      ['bac-giang:ubnd-cap-huyen', 'Ủy ban nhân dân các huyện, thành phố', 'assigned'],
    ]);
  });
});

describe('Hướng dẫn of Công an tỉnh Đồng Tháp ("Mục 1./Mục 2." sections, district police)', () => {
  const name = 'dong-thap-hd-cat.txt';

  it('reads the header and its legal basis', () => {
    const d = doc(name);
    expect(d).toMatchObject({
      id: 'dong-thap:15-hd-cat-pc02:2024',
      type: 'Hướng dẫn',
      province: 'dong-thap',
    });
    expect(citationBySymbol(d, '28/2020/TT-BCA').relation).toBe('basis');
  });

  it('items sit under their "Mục"; the scope paragraph and the closing are no duties', () => {
    expect(doc(name).duties.map((x) => x.path)).toEqual(['Mục 2 > 1', 'Mục 2 > 2', 'Mục 2 > 3']);
  });

  it('units lead and support, district police are assigned, the procuracy requested', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Phòng Cảnh sát hình sự chủ trì')).toEqual([
      ['Phòng Cảnh sát hình sự', 'lead'],
      ['Phòng Quản lý xuất nhập cảnh', 'support'],
    ]);
    expect(dutyStarting(d, 'Phòng Cảnh sát hình sự chủ trì').deadlineText).toBe(
      'chậm nhất ngày 25 hằng tháng',
    );
    const district = dutyStarting(d, 'Công an các huyện');
    expect(district.agencies.map((a) => [a.mention, a.role, a.resolved])).toEqual([
      ['Công an các huyện, thị xã, thành phố', 'assigned', true],
    ]);
    expect(rolesOf(d, 'Đề nghị')).toEqual([['Viện Kiểm sát nhân dân tỉnh', 'requested']]);
  });
});
