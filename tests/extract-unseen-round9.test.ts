/**
 * Generalization, seventh set (round 9): three synthetic documents (tests/fixtures/unseen, marked as samples) in forms
 * the other sets lack — a 2026 plan of a merged province against online fraud, whose partners are telecom companies
 * ("Viettel Tuyên Quang, VNPT Tuyên Quang") and "các doanh nghiệp viễn thông"; a Chi cục Quản lý thị trường's plan
 * assigning its own teams and rooms ("Đội Quản lý thị trường số 1", "Đội Quản lý thị trường cơ động", "Phòng Thanh
 * tra - Pháp chế"); a Công văn on border drug crime naming two levels at once ("UBND các huyện, xã biên giới", "Công
 * an các xã biên giới") with a year's end as its deadline ("đến hết năm 2024"). Written before the rules; each
 * expectation is what a reader of the document would say.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../ingest/schema.js';
import {
  deadlineOf,
  dutyStarting,
  extractText,
  pairsOf,
  rolesOf,
  unseenSet,
} from './support/extract-helpers.js';

const FIXTURES = ['tuyen-quang-kh-lua-dao-mang.txt', 'lao-cai-qltt-kh-doi.txt', 'quang-tri-cv-bien-gioi.txt'];

const doc = unseenSet(FIXTURES);

const typesOf = (d: ExtractedDocument, start: string) => dutyStarting(d, start).agencies.map((a) => a.typeId);
const namesOf = (d: ExtractedDocument, start: string) => dutyStarting(d, start).agencies.map((a) => a.name);

describe('Kế hoạch of UBND tỉnh Tuyên Quang, 2026 (online fraud; telecom companies and banks)', () => {
  const name = 'tuyen-quang-kh-lua-dao-mang.txt';

  it('reads the header', () => {
    expect(doc(name)).toMatchObject({
      type: 'Kế hoạch',
      symbol: '86/KH-UBND',
      issuedAt: '2026-03-12',
      province: 'tuyen-quang',
      issuerId: 'tuyen-quang:ubnd-tinh',
    });
  });

  it("the 2025 bodies by their new names: the State Bank's regional branch, Sở Khoa học và Công nghệ", () => {
    const start = 'Công an tỉnh là cơ quan thường trực';
    expect(rolesOf(doc(name), start)).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Sở Khoa học và Công nghệ', 'support'],
      ['Ngân hàng Nhà nước Chi nhánh Khu vực 7', 'support'],
    ]);
    expect(typesOf(doc(name), start)).toEqual([
      'cong-an-tinh',
      'so-khoa-hoc-va-cong-nghe',
      'ngan-hang-nha-nuoc-khu-vuc',
    ]);
    expect(deadlineOf(doc(name), start)).toEqual(['2026-11-15', 'trước ngày 15/11/2026']);
  });

  it('named telecom companies are partners, kept as written, of no agency type', () => {
    const start = 'Sở Khoa học và Công nghệ chủ trì';
    expect(rolesOf(doc(name), start)).toEqual([
      ['Sở Khoa học và Công nghệ', 'lead'],
      ['Viettel Tuyên Quang', 'support'],
      ['VNPT Tuyên Quang', 'support'],
      ['MobiFone Tuyên Quang', 'support'],
    ]);
    expect(namesOf(doc(name), start).slice(1)).toEqual([
      'Viettel Tuyên Quang',
      'VNPT Tuyên Quang',
      'MobiFone Tuyên Quang',
    ]);
    expect(typesOf(doc(name), start).slice(1)).toEqual([null, null, null]);
    expect(deadlineOf(doc(name), start)).toEqual(['2026-09', 'quý III năm 2026']);
  });

  it('"Đề nghị các doanh nghiệp viễn thông …": the telecom companies as a body, requested; a six-monthly report', () => {
    const duty = dutyStarting(doc(name), 'Đề nghị các doanh nghiệp viễn thông');
    expect(duty.agencies.map((a) => [a.mention, a.role, a.typeId])).toEqual([
      ['các doanh nghiệp viễn thông trên địa bàn tỉnh', 'requested', 'doanh-nghiep-vien-thong'],
    ]);
    expect([duty.deadline, duty.deadlineText]).toEqual([null, 'định kỳ 6 tháng']);
  });

  it('names no other agency', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        'Công an tỉnh / lead',
        'Sở Khoa học và Công nghệ / support',
        'Ngân hàng Nhà nước Chi nhánh Khu vực 7 / support',
        'Sở Khoa học và Công nghệ / lead',
        'Viettel Tuyên Quang / support',
        'VNPT Tuyên Quang / support',
        'MobiFone Tuyên Quang / support',
        'Ngân hàng Nhà nước Chi nhánh Khu vực 7 / assigned',
        'Công an tỉnh / support',
        'Sở Dân tộc và Tôn giáo / support',
        'Báo và Phát thanh, Truyền hình Tuyên Quang / support',
        'Thuế tỉnh Tuyên Quang / assigned',
        'các doanh nghiệp viễn thông trên địa bàn tỉnh / requested',
        'UBND các xã, phường / assigned',
        'Công an tỉnh / assigned',
      ].sort(),
    );
  });
});

describe('Kế hoạch of Chi cục Quản lý thị trường tỉnh Lào Cai (its own teams and rooms)', () => {
  const name = 'lao-cai-qltt-kh-doi.txt';

  it('reads the header: the Chi cục issues it', () => {
    expect(doc(name)).toMatchObject({
      type: 'Kế hoạch',
      symbol: '45/KH-QLTT',
      issuedAt: '2025-01-08',
      province: 'lao-cai',
      issuerId: 'lao-cai:quan-ly-thi-truong-tinh',
    });
  });

  it('each team is its own unit of the Chi cục, named as such, and every team of a list is kept', () => {
    const start = 'Đội Quản lý thị trường số 1 chủ trì';
    expect(rolesOf(doc(name), start)).toEqual([
      ['Đội Quản lý thị trường số 1', 'lead'],
      ['Đội Quản lý thị trường số 3', 'support'],
      ['Đồn Biên phòng cửa khẩu quốc tế Lào Cai', 'support'],
    ]);
    expect(namesOf(doc(name), start)).toEqual([
      'Đội Quản lý thị trường số 1 thuộc Chi cục Quản lý thị trường tỉnh Lào Cai',
      'Đội Quản lý thị trường số 3 thuộc Chi cục Quản lý thị trường tỉnh Lào Cai',
      'Đồn Biên phòng cửa khẩu quốc tế Lào Cai',
    ]);
    const [one, three] = dutyStarting(doc(name), start).agencies;
    expect(one!.id).not.toBe(three!.id);
    expect(one!.id).not.toBe('lao-cai:quan-ly-thi-truong-tinh');
    // Still a market-surveillance body for questions about one.
    expect([one!.typeId, three!.typeId]).toEqual(['quan-ly-thi-truong-tinh', 'quan-ly-thi-truong-tinh']);
  });

  it('"Đội Quản lý thị trường cơ động chủ trì": the whole team name, and its lead', () => {
    expect(rolesOf(doc(name), 'Đội Quản lý thị trường cơ động')).toEqual([
      ['Đội Quản lý thị trường cơ động', 'lead'],
    ]);
  });

  it("the issuer's rooms are its own, not the province's", () => {
    expect(namesOf(doc(name), 'Phòng Thanh tra - Pháp chế')).toEqual([
      'Phòng Thanh tra - Pháp chế thuộc Chi cục Quản lý thị trường tỉnh Lào Cai',
    ]);
    expect(namesOf(doc(name), 'Phòng Nghiệp vụ - Tổng hợp')).toEqual([
      'Phòng Nghiệp vụ - Tổng hợp thuộc Chi cục Quản lý thị trường tỉnh Lào Cai',
    ]);
    expect(deadlineOf(doc(name), 'Phòng Nghiệp vụ - Tổng hợp')).toEqual([
      '2025-02-25',
      'trước ngày 25/02/2025',
    ]);
  });

  it('names no other agency (the bodies reported to are no assignees)', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        'Đội Quản lý thị trường số 1 / lead',
        'Đội Quản lý thị trường số 3 / support',
        'Đồn Biên phòng cửa khẩu quốc tế Lào Cai / support',
        'Đội Quản lý thị trường số 2 / assigned',
        'Đội Quản lý thị trường cơ động / lead',
        'Phòng Thanh tra - Pháp chế / assigned',
        'Phòng Nghiệp vụ - Tổng hợp / assigned',
        'Phòng Cảnh sát kinh tế Công an tỉnh / requested',
        'Cục Hải quan tỉnh / requested',
      ].sort(),
    );
  });

  it("in a People's Committee's document a room of no named body is not the Committee's", () => {
    const d = extractText(
      'ubnd-phong.txt',
      [
        'ỦY BAN NHÂN DÂN',
        'TỈNH LÀO CAI',
        'Số: 15/KH-UBND',
        'Lào Cai, ngày 08 tháng 01 năm 2025',
        'KẾ HOẠCH',
        'Kiểm tra thị trường dịp Tết',
        '1. Phòng Kinh tế chủ trì kiểm tra các chợ trên địa bàn.',
      ].join('\n'),
    );
    expect(d.duties.flatMap((x) => x.agencies.map((a) => a.name))).toEqual(['Phòng Kinh tế tỉnh Lào Cai']);
  });
});

describe('Công văn of UBND tỉnh Quảng Trị (two levels named at once; a year-end deadline)', () => {
  const name = 'quang-tri-cv-bien-gioi.txt';

  it('reads the header', () => {
    expect(doc(name)).toMatchObject({
      type: 'Công văn',
      symbol: '2214/UBND-NC',
      issuedAt: '2024-05-22',
      province: 'quang-tri',
      issuerId: 'quang-tri:ubnd-tinh',
    });
  });

  it('"UBND các huyện, xã biên giới" is both levels\' Committees, as written; "đến hết năm 2024"', () => {
    const start = 'UBND các huyện, xã biên giới';
    expect(rolesOf(doc(name), start)).toEqual([
      ['UBND các huyện, xã biên giới', 'assigned'],
      ['UBND các huyện, xã biên giới', 'assigned'],
    ]);
    expect(typesOf(doc(name), start)).toEqual(['ubnd-cap-huyen', 'ubnd-cap-xa']);
    expect(deadlineOf(doc(name), start)).toEqual(['2024', 'đến hết năm 2024']);
  });

  it('"Công an các xã biên giới" keeps its qualifier', () => {
    const start = 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh chỉ đạo';
    expect(rolesOf(doc(name), start)).toEqual([
      ['Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'assigned'],
      ['Công an các huyện', 'support'],
      ['Công an các xã biên giới', 'support'],
    ]);
    expect(typesOf(doc(name), start)).toEqual([
      'bo-chi-huy-bo-doi-bien-phong-tinh',
      'cong-an-cap-huyen',
      'cong-an-cap-xa',
    ]);
  });

  it('a half year is its last month', () => {
    expect(deadlineOf(doc(name), 'Công an tỉnh chủ trì')).toEqual(['2024-12', '6 tháng cuối năm 2024']);
  });

  it('two levels in other wordings', () => {
    const variant = (line: string) =>
      extractText(
        'levels.txt',
        [
          'ỦY BAN NHÂN DÂN',
          'TỈNH QUẢNG TRỊ',
          'Số: 15/UBND-NC',
          'Quảng Trị, ngày 22 tháng 5 năm 2024',
          line,
        ].join('\n'),
      ).duties.flatMap((d) => d.agencies.map((a) => [a.mention, a.typeId]));
    expect(variant('1. UBND cấp huyện, cấp xã rà soát các đối tượng nghiện ma túy.')).toEqual([
      ['UBND cấp huyện, cấp xã', 'ubnd-cap-huyen'],
      ['UBND cấp huyện, cấp xã', 'ubnd-cap-xa'],
    ]);
    expect(
      variant('1. UBND các huyện, thành phố và các xã, phường rà soát các đối tượng nghiện ma túy.'),
    ).toEqual([
      ['UBND các huyện, thành phố', 'ubnd-cap-huyen'],
      ['các xã, phường', 'ubnd-cap-xa'],
    ]);
  });

  it("a year's end in other wordings", () => {
    const deadline = (tail: string) => {
      const d = extractText(
        'year-end.txt',
        [
          'ỦY BAN NHÂN DÂN',
          'TỈNH QUẢNG TRỊ',
          'Số: 16/UBND-NC',
          'Quảng Trị, ngày 22 tháng 5 năm 2024',
          `1. Công an tỉnh rà soát địa bàn trọng điểm; ${tail}.`,
        ].join('\n'),
      ).duties[0]!;
      return [d.deadline, d.deadlineText];
    };
    expect(deadline('hoàn thành trước cuối năm 2024')).toEqual(['2024', 'trước cuối năm 2024']);
    expect(deadline('xong trước ngày 31 tháng 12 năm 2024')).toEqual([
      '2024-12-31',
      'trước ngày 31 tháng 12 năm 2024',
    ]);
    expect(deadline('thực hiện đến hết quý III năm 2024')).toEqual(['2024-09', 'quý III năm 2024']);
  });
});
