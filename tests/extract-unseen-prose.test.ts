/**
 * Generalization, second set (round 4): four more synthetic documents in layouts the other fixtures do not
 * have — an HĐND Nghị quyết whose Điều 2 assigns the council's own bodies, a Chỉ thị with Roman sections and
 * agency headings over "-" tasks, a press summary written as running prose, and a Công văn whose paragraphs
 * open with free adverbials ("Để thực hiện …,", "Trong thời gian tới,", "Năm 2026,"), and a meeting conclusion
 * that writes agencies abbreviated ("Sở LĐ-TB&XH", "Cục QLTT tỉnh"). Written before the
 * rules; each expectation is what a reader of the document would say.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, ExtractedDocument } from '../ingest/schema.js';
import {
  agencyIn,
  citationBySymbol,
  documentFrom,
  dutyOf,
  dutyStarting,
  extractUnseen,
  rolesOf,
} from './support/extract-helpers.js';

const FIXTURES = [
  'nam-dinh-nq-hdnd.txt',
  'ha-tinh-ct-roman.txt',
  'tuyen-quang-tin-bao.txt',
  'dien-bien-cv-openers.txt',
  'cao-bang-tb-abbreviations.txt',
  'son-la-qd-chu-tich.txt',
  'yen-bai-kh-fields.txt',
];

let all: Bundle;
const doc = (name: string): ExtractedDocument => documentFrom(all, name);

beforeAll(async () => {
  all = await extractUnseen(FIXTURES);
});

describe('Nghị quyết of HĐND tỉnh Nam Định (Xét Tờ trình, Điều 2 assigns the council itself)', () => {
  const name = 'nam-dinh-nq-hdnd.txt';

  it('reads the header', () => {
    expect(doc(name)).toMatchObject({
      symbol: '12/2025/NQ-HĐND',
      type: 'Nghị quyết',
      issuedAt: '2025-07-10',
      province: 'nam-dinh',
    });
  });

  it('"Xét Tờ trình số …" is a proposal the council considered (according_to), not a legal basis', () => {
    expect(citationBySymbol(doc(name), '88/TTr-UBND').relation).toBe('according_to');
    expect(citationBySymbol(doc(name), '193/QĐ-TTg').relation).toBe('basis');
  });

  it('the standing committee, the council committees and the delegates are assigned to supervise', () => {
    expect(rolesOf(doc(name), 'Thường trực Hội đồng nhân dân tỉnh')).toEqual([
      ['Thường trực Hội đồng nhân dân tỉnh', 'assigned'],
      ['các Ban của Hội đồng nhân dân tỉnh', 'assigned'],
      ['các Tổ đại biểu và đại biểu Hội đồng nhân dân tỉnh', 'assigned'],
    ]);
    const standing = agencyIn(
      dutyStarting(doc(name), 'Thường trực Hội đồng nhân dân tỉnh'),
      'nam-dinh:thuong-truc-hdnd-tinh',
    );
    expect(standing.resolved).toBe(true);
  });

  it('the closing formula ("Nghị quyết này được … thông qua …") is no duty of the last item\'s agencies', () => {
    expect(doc(name).duties.filter((d) => d.text.startsWith('Nghị quyết này'))).toEqual([]);
    expect(doc(name).duties).toHaveLength(3);
  });
});

describe('Chỉ thị of UBND tỉnh Hà Tĩnh (I./II./III., agency headings over "-" tasks)', () => {
  const name = 'ha-tinh-ct-roman.txt';

  it('gives each "-" task its heading agency, and "Chủ trì, phối hợp với …" its lead and supports', () => {
    expect(rolesOf(doc(name), 'Chủ trì, phối hợp với Công an tỉnh')).toEqual([
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'lead'],
      ['Công an tỉnh', 'support'],
      ['Chi cục Hải quan cửa khẩu Cầu Treo', 'support'],
    ]);
    expect(rolesOf(doc(name), 'Phát hiện, bắt giữ')).toEqual([
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'assigned'],
    ]);
  });

  it('a deadline at the end of a task is its deadline; a court is requested', () => {
    expect(dutyOf(doc(name), 'ha-tinh:quan-ly-thi-truong-tinh').deadline).toBe('2026-06-30');
    expect(dutyOf(doc(name), 'ha-tinh:toa-an-nhan-dan-tinh').agencies[0]!.role).toBe('requested');
  });

  it('the section heading "TỔ CHỨC THỰC HIỆN" is not part of the duty it heads', () => {
    const monitor = dutyOf(doc(name), 'ha-tinh:so-cong-thuong');
    expect(monitor.text.startsWith('Giao Sở Công Thương')).toBe(true);
    expect(monitor.agencies[0]!.role).toBe('assigned');
  });
});

describe('press summary of a Tuyên Quang plan (running prose, "Theo kế hoạch, … là cơ quan thường trực")', () => {
  const name = 'tuyen-quang-tin-bao.txt';

  it("takes the summarized plan's identity, issuer included", () => {
    expect(doc(name)).toMatchObject({
      provenance: 'summary',
      symbol: '112/KH-UBND',
      type: 'Kế hoạch',
      issuedAt: '2026-05-12',
      province: 'tuyen-quang',
      issuerId: 'tuyen-quang:ubnd-tinh',
    });
  });

  it('reads "Theo kế hoạch, Công an tỉnh là cơ quan thường trực, chủ trì phối hợp với …" as lead and supports', () => {
    const d = doc(name);
    const lead = dutyOf(d, 'tuyen-quang:cong-an-tinh');
    expect(lead.agencies.map((a) => [a.mention, a.role]).slice(0, 2)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Khoa học và Công nghệ', 'support'],
    ]);
    expect(lead.text.startsWith('Theo kế hoạch, Công an tỉnh là cơ quan thường trực')).toBe(true);
  });

  it('finds every other assignment of the summary', () => {
    const d = doc(name);
    for (const id of ['tuyen-quang:so-giao-duc-va-dao-tao', 'tuyen-quang:ubnd-cap-xa'])
      expect(dutyOf(d, id).agencies[0]!.role).toBe('assigned');
    expect(d.duties).toHaveLength(4);
  });
});

describe('Công văn of UBND tỉnh Điện Biên (Kính gửi, paragraphs opened by free adverbials)', () => {
  const name = 'dien-bien-cv-openers.txt';

  it('an adverbial opener before the agency does not hide the assignment', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Để thực hiện mục tiêu kéo giảm tội phạm lừa đảo')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Khoa học và Công nghệ', 'support'],
    ]);
    expect(rolesOf(d, 'Trong thời gian tới')).toEqual([['Sở Giáo dục và Đào tạo', 'assigned']]);
    expect(rolesOf(d, 'Năm 2026, Ủy ban nhân dân các xã, phường')).toEqual([
      ['Ủy ban nhân dân các xã, phường', 'assigned'],
    ]);
  });

  it('reads year, half-year and day-month deadlines (the year of a bare "30/9" is the document\'s)', () => {
    const d = doc(name);
    expect(dutyStarting(d, 'Để thực hiện').deadline).toBe('2026');
    expect(dutyStarting(d, 'Trong thời gian tới').deadline).toBe('2026-06');
    expect(dutyStarting(d, 'Năm 2026').deadline).toBe('2026-09-30');
  });

  it('the closing "yêu cầu các cơ quan, đơn vị khẩn trương triển khai" names no one and is no duty', () => {
    expect(doc(name).duties).toHaveLength(3);
  });
});

describe('Thông báo kết luận of Cao Bằng (agency names abbreviated)', () => {
  const name = 'cao-bang-tb-abbreviations.txt';

  it('resolves abbreviated fields to the canonical agencies, keeping the abbreviation as written', () => {
    const d = doc(name);
    const patrol = dutyStarting(d, 'Giao BĐBP tỉnh chủ trì');
    expect(agencyIn(patrol, 'cao-bang:quan-ly-thi-truong-tinh')).toMatchObject({
      mention: 'Cục QLTT tỉnh',
      role: 'support',
      resolved: true,
    });
    const labour = dutyStarting(d, 'Sở LĐ-TB&XH phối hợp');
    expect(agencyIn(labour, 'cao-bang:so-lao-dong-thuong-binh-va-xa-hoi').mention).toBe('Sở LĐ-TB&XH');
  });

  it('a situation report item ("Năm 2026 tình hình … diễn biến phức tạp") is no duty', () => {
    expect(doc(name).duties.map((x) => x.path)).toEqual(['2', '3', '4', '5']);
  });
});

describe('Quyết định of the Chairman of UBND tỉnh Sơn La (authority line "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …")', () => {
  const name = 'son-la-qd-chu-tich.txt';

  it('the authority line above "Căn cứ" is not the signature: the whole body is read', () => {
    const d = doc(name);
    expect(d.signer).toMatchObject({ name: 'Hoàng Quốc E', title: 'CHỦ TỊCH' });
    expect(citationBySymbol(d, '105/2021/NĐ-CP').relation).toBe('basis');
    expect(citationBySymbol(d, '310/TTr-CAT-PC04').relation).toBe('according_to');
  });

  it('Điều 2 "Giao Công an tỉnh chủ trì, phối hợp với …" gives the lead and its supports', () => {
    expect(rolesOf(doc(name), 'Giao Công an tỉnh chủ trì')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'support'],
      ['Cục Hải quan tỉnh', 'support'],
    ]);
    expect(rolesOf(doc(name), 'Sở Tài chính có trách nhiệm')).toEqual([['Sở Tài chính', 'assigned']]);
  });
});

describe('Kế hoạch of Yên Bái (task items with "Cơ quan chủ trì: …", "phối hợp: …", "Thời gian: …" fields)', () => {
  const name = 'yen-bai-kh-fields.txt';

  it('a task item takes its lead and supports from its fields, its deadline from the time field', () => {
    const d = doc(name);
    const campaign = dutyStarting(d, 'Tuyên truyền nâng cao nhận thức');
    expect(campaign.agencies.map((a) => [a.mention, a.role])).toEqual([
      ['Sở Văn hóa, Thể thao và Du lịch', 'lead'],
      ['Công an tỉnh', 'support'],
      ['Hội Liên hiệp Phụ nữ tỉnh', 'support'],
      ['Tỉnh đoàn', 'support'],
    ]);
    expect(campaign.deadline).toBe('2026-06');
    // The duty is the task, not a field line.
    expect(campaign.text.trim()).toBe(
      'Tuyên truyền nâng cao nhận thức về phòng, chống mua bán người tại các xã vùng cao.',
    );
  });

  it('fields on one line ("Chủ trì: …; phối hợp: …; thời gian: …") and "+" bullets work alike', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Tiếp nhận, hỗ trợ nạn nhân')).toEqual([
      ['Sở Y tế', 'lead'],
      ['Công an tỉnh', 'support'],
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'support'],
    ]);
    expect(dutyStarting(d, 'Tiếp nhận, hỗ trợ nạn nhân').deadlineText).toBe('thường xuyên');
    const raid = dutyStarting(d, 'Đấu tranh, triệt phá');
    expect(raid.agencies.map((a) => [a.mention, a.role])).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'support'],
      ['Viện Kiểm sát nhân dân tỉnh', 'support'],
    ]);
    expect(raid.deadline).toBe('2026-11-30');
  });

  it('"cơ quan thực hiện: …" inside the task line assigns; the field labels are never agencies', () => {
    const d = doc(name);
    expect(rolesOf(d, 'Rà soát, thống kê phụ nữ')).toEqual([['Ủy ban nhân dân các xã, phường', 'assigned']]);
    expect(dutyStarting(d, 'Rà soát, thống kê phụ nữ').deadline).toBe('2026');
    const mentions = d.duties.flatMap((x) => x.agencies.map((a) => a.mention.toLowerCase()));
    expect(mentions.filter((m) => /chủ trì|phối hợp|thực hiện/u.test(m))).toEqual([]);
  });

  it('every agency span points at its name in the fields', () => {
    const d = doc(name);
    for (const duty of d.duties)
      for (const a of duty.agencies) expect(d.text.slice(a.span![0], a.span![1])).toBe(a.mention);
    expect(d.duties).toHaveLength(5);
  });
});
