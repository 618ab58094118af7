/**
 * Generalization, fourth set (round 6): two synthetic documents (tests/fixtures/unseen, marked as samples) whose
 * sections are headed by the body they address in words, not by its bare name — a Quy chế phối hợp issued with
 * a Quyết định ("Điều 5. Trách nhiệm của Công an tỉnh" over numbered tasks that name no agency, the Quy chế
 * following the decision's Điều 3), and a Ban Chỉ đạo 138 plan under "UBND TỈNH …" whose items read
 * "Trách nhiệm của …:", "Đối với …:" and "Nhiệm vụ của …"; and a Công văn "Kính gửi" whose items name border units by
 * their place ("Chi cục Hải quan cửa khẩu Cha Lo mở đợt …") and give a day and month in words with no year; and a
 * Tỉnh ủy's Chương trình hành động whose subject alone names what it implements, assigning the Party's own bodies
 * (Đảng đoàn HĐND, Ban cán sự đảng UBND), "X là cơ quan chủ trì; Y, Z là cơ quan phối hợp" and "Các đơn vị: A, B, C
 * …". Written
 * before the rules; each expectation is what a reader of the document would say.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, ExtractedDocument } from '../ingest/schema.js';
import {
  documentFrom,
  dutyStarting,
  extractText,
  extractUnseen,
  rolesOf,
  spanMismatches,
} from './support/extract-helpers.js';

const FIXTURES = [
  'ha-giang-qd-quy-che.txt',
  'vinh-phuc-kh-trach-nhiem.txt',
  'quang-binh-cv-kinh-gui.txt',
  'bac-kan-ctr-tinh-uy.txt',
];

let all: Bundle;
const doc = (name: string): ExtractedDocument => documentFrom(all, name);

beforeAll(async () => {
  all = await extractUnseen(FIXTURES);
});

describe('every document of the set', () => {
  it('keeps span invariants', () => {
    expect(all.errors).toEqual([]);
    expect(spanMismatches(all)).toEqual([]);
  });
});

describe('Quyết định of UBND tỉnh Hà Giang issuing a Quy chế phối hợp', () => {
  const name = 'ha-giang-qd-quy-che.txt';

  it('reads the header', () => {
    expect(doc(name)).toMatchObject({
      type: 'Quyết định',
      issuedAt: '2024-03-12',
      province: 'ha-giang',
      symbol: '17/2024/QĐ-UBND',
    });
    expect(doc(name).subject).toMatch(/^Ban hành Quy chế phối hợp/u);
  });

  it('"Điều 5. Trách nhiệm của Công an tỉnh": its numbered tasks are the police\'s, each with its own role', () => {
    expect(rolesOf(doc(name), 'Chủ trì tiếp nhận')).toEqual([['Công an tỉnh', 'lead']]);
    expect(rolesOf(doc(name), 'Chủ trì điều tra')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Viện kiểm sát nhân dân tỉnh', 'support'],
    ]);
    expect(rolesOf(doc(name), 'Định kỳ 6 tháng')).toEqual([['Công an tỉnh', 'assigned']]);
  });

  it('the border guard leads at the border and supports the police in receiving victims', () => {
    expect(rolesOf(doc(name), 'Chủ trì phát hiện')).toEqual([['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'lead']]);
    const receiving = dutyStarting(doc(name), 'Phối hợp với Công an tỉnh tiếp nhận');
    expect(receiving.agencies.find((a) => a.mention === 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh')?.role).toBe(
      'support',
    );
    expect(receiving.agencies.map((a) => a.typeId)).toContain('cong-an-tinh');
  });

  it("the labour department's two tasks and the districts' prose task are theirs", () => {
    expect(rolesOf(doc(name), 'Tổ chức tiếp nhận')).toEqual([
      ['Sở Lao động - Thương binh và Xã hội', 'assigned'],
    ]);
    expect(rolesOf(doc(name), 'Hướng dẫn cấp huyện')).toEqual([
      ['Sở Lao động - Thương binh và Xã hội', 'assigned'],
    ]);
    expect(rolesOf(doc(name), 'Chỉ đạo UBND các xã')).toEqual([['UBND các huyện, thành phố', 'assigned']]);
  });

  it('the Quy chế issued with the decision is not part of its Điều 3', () => {
    for (const duty of doc(name).duties) expect(duty.text).not.toMatch(/QUY CHẾ|Phạm vi điều chỉnh/u);
  });
});

describe('Kế hoạch of Ban Chỉ đạo 138 tỉnh Vĩnh Phúc ("Trách nhiệm của …:", "Đối với …:", "Nhiệm vụ của …")', () => {
  const name = 'vinh-phuc-kh-trach-nhiem.txt';

  it("is the province's committee, not the Government's", () => {
    expect(doc(name)).toMatchObject({
      province: 'vinh-phuc',
      issuedAt: '2026-08-05',
      issuerId: 'vinh-phuc:ban-chi-dao-phong-chong-toi-pham-tinh',
    });
  });

  it('"1. Trách nhiệm của Công an tỉnh:" over "a) Chủ trì …" and "b) Phối hợp với …"', () => {
    expect(rolesOf(doc(name), 'Chủ trì xây dựng')).toEqual([['Công an tỉnh', 'lead']]);
    expect(dutyStarting(doc(name), 'Chủ trì xây dựng').deadline).toBe('2026-09-30');
    const partner = dutyStarting(doc(name), 'Phối hợp với Sở Thông tin');
    expect(partner.agencies.find((a) => a.mention === 'Công an tỉnh')?.role).toBe('support');
    expect(partner.agencies.map((a) => a.typeId)).toContain('so-thong-tin-va-truyen-thong');
  });

  it('"3. Nhiệm vụ của Ngân hàng Nhà nước …" over a line of its own, and "4. Trách nhiệm của …: task"', () => {
    expect(rolesOf(doc(name), 'Chỉ đạo các tổ chức tín dụng')).toEqual([
      ['Ngân hàng Nhà nước chi nhánh tỉnh Vĩnh Phúc', 'assigned'],
    ]);
    expect(rolesOf(doc(name), 'Chỉ đạo UBND cấp xã')).toEqual([['UBND các huyện, thành phố', 'assigned']]);
    expect(rolesOf(doc(name), 'Tuyên truyền cách nhận biết')).toEqual([
      ['Sở Thông tin và Truyền thông', 'assigned'],
    ]);
  });
});

describe('Công văn of UBND tỉnh Quảng Bình (units named by their place, deadlines in words)', () => {
  const name = 'quang-binh-cv-kinh-gui.txt';

  it('a unit named after its border gate ends where the action begins', () => {
    expect(rolesOf(doc(name), 'Công an tỉnh chỉ đạo')).toEqual([
      ['Công an tỉnh', 'assigned'],
      ['Đồn Biên phòng Cà Xèng', 'support'],
      ['Chi cục Hải quan cửa khẩu Cha Lo', 'support'],
    ]);
    expect(dutyStarting(doc(name), 'Công an tỉnh chỉ đạo').deadline).toBe('2026-09');
  });

  it('"hoàn thành trước ngày 15 tháng 7": the day of the letter\'s year', () => {
    const d = dutyStarting(doc(name), 'UBND các huyện');
    expect([d.deadline, d.deadlineText]).toEqual(['2026-07-15', 'trước ngày 15 tháng 7']);
    expect(dutyStarting(doc(name), 'Giao Công an tỉnh theo dõi').deadline).toBe('2026-11-30');
  });
});

describe("Chương trình hành động of Tỉnh ủy Bắc Kạn (the Party's bodies, roles named in words)", () => {
  const name = 'bac-kan-ctr-tinh-uy.txt';

  it('implements the Chỉ thị its subject names, though the body never cites it', () => {
    expect(doc(name).citations.find((c) => c.symbol === '21-CT/TW')?.relation).toBe('implements');
  });

  it('implements what its subject names even when the body names it only in passing', () => {
    const letter = [
      'ỦY BAN NHÂN DÂN',
      'TỈNH BẮC KẠN',
      'Số: 1022/UBND-NC',
      'V/v triển khai Nghị định số 19/2023/NĐ-CP',
      '',
      'Bắc Kạn, ngày 05 tháng 6 năm 2023',
      '',
      'Ngày 28/4/2023, Chính phủ ban hành Nghị định số 19/2023/NĐ-CP hướng dẫn Luật Phòng, chống rửa tiền. Chủ tịch UBND tỉnh yêu cầu:',
      '',
      '1. Công an tỉnh chủ trì điều tra, xử lý các vụ án rửa tiền; tham khảo Nghị định số 81/2019/NĐ-CP khi cần.',
    ].join('\n');
    const cited = extractText('cv-1022.txt', letter).citations;
    expect(cited.map((c) => [c.symbol, c.relation])).toEqual([
      ['19/2023/NĐ-CP', 'implements'],
      ['81/2019/NĐ-CP', 'mention'],
    ]);
  });

  it('the Party delegation and committee inside the council and the government are assignees', () => {
    expect(rolesOf(doc(name), 'Đảng đoàn')).toEqual([['Đảng đoàn Hội đồng nhân dân tỉnh', 'assigned']]);
    expect(rolesOf(doc(name), 'Ban cán sự đảng')).toEqual([['Ban cán sự đảng UBND tỉnh', 'assigned']]);
  });

  it('"Sở Tư pháp là cơ quan chủ trì; Sở Tài chính, Sở Nội vụ là cơ quan phối hợp"', () => {
    expect(rolesOf(doc(name), 'Sở Tư pháp là cơ quan chủ trì')).toEqual([
      ['Sở Tư pháp', 'lead'],
      ['Sở Tài chính', 'support'],
      ['Sở Nội vụ', 'support'],
    ]);
  });

  it('"Các đơn vị: A, B, C căn cứ chức năng …" assigns each of them', () => {
    expect(rolesOf(doc(name), 'Các đơn vị')).toEqual([
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'assigned'],
      ['Sở Y tế', 'assigned'],
      ['Sở Giáo dục và Đào tạo', 'assigned'],
    ]);
    expect(dutyStarting(doc(name), 'Các đơn vị').deadline).toBe('2026-11-30');
  });
});
