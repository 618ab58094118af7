/**
 * Generalization, sixth set (round 8): three synthetic documents (tests/fixtures/unseen, marked as samples) in forms
 * the other sets lack — a provincial police plan that assigns its own departments ("Phòng Cảnh sát kinh tế", "Phòng
 * An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao", "Phòng Cảnh sát điều tra tội phạm về ma túy") and
 * lists district units in any order ("Công an các thành phố, thị xã, huyện"); a centrally-run city's Công văn to its
 * "quận, huyện" and "phường, xã"; a portal summary whose paragraphs each assign work, some opening "UBND tỉnh yêu cầu
 * / đề nghị …" in the middle of the text. Deadlines in the wordings these use: "chậm nhất là ngày", "không muộn
 * hơn ngày", "hạn chót là ngày", "hạn là ngày", "không quá ngày", "thời gian hoàn thành: trước ngày", a month with
 * no year ("trong tháng 5"). Written before the rules; each expectation is what a reader of the document would say.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../ingest/schema.js';
import { deadlineOf, dutyStarting, pairsOf, rolesOf, unseenSet } from './support/extract-helpers.js';

const FIXTURES = [
  'thai-nguyen-ca-kh-don-vi.txt',
  'da-nang-cv-quan-huyen.txt',
  'ninh-binh-tin-phan-cong.txt',
  'binh-phuoc-tin-vua-ky.txt',
];

const doc = unseenSet(FIXTURES);

/** The agency types of the duty starting with `start`, in order. */
const typesOf = (d: ExtractedDocument, start: string) => dutyStarting(d, start).agencies.map((a) => a.typeId);

describe('Kế hoạch of Công an tỉnh Thái Nguyên (its own departments)', () => {
  const name = 'thai-nguyen-ca-kh-don-vi.txt';

  it('reads the header: the provincial police issue it', () => {
    expect(doc(name)).toMatchObject({
      type: 'Kế hoạch',
      symbol: '214/KH-CAT-PV01',
      issuedAt: '2024-03-06',
      province: 'thai-nguyen',
      issuerId: 'thai-nguyen:cong-an-tinh',
    });
  });

  it('a department with a long official name, and every partner after it', () => {
    const start = 'Phòng Cảnh sát hình sự chủ trì';
    expect(rolesOf(doc(name), start)).toEqual([
      ['Phòng Cảnh sát hình sự', 'lead'],
      ['Phòng An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao', 'support'],
      ['Phòng Cảnh sát kinh tế', 'support'],
    ]);
    expect(typesOf(doc(name), start)).toEqual([
      'phong-canh-sat-hinh-su',
      'phong-an-ninh-mang',
      'phong-canh-sat-kinh-te',
    ]);
    expect(deadlineOf(doc(name), start)).toEqual(['2024-06-30', 'chậm nhất là ngày 30/6/2024']);
  });

  it("the departments are the province's police units, named as such", () => {
    const names = doc(name).duties.flatMap((d) => d.agencies.map((a) => a.name));
    expect(names).toContain('Phòng Cảnh sát hình sự Công an tỉnh Thái Nguyên');
    expect(names).toContain('Phòng Cảnh sát kinh tế Công an tỉnh Thái Nguyên');
  });

  it('"Phòng Cảnh sát điều tra tội phạm về ma túy" whole, and district police listed in any order', () => {
    const start = 'Phòng Cảnh sát điều tra tội phạm về ma túy';
    expect(rolesOf(doc(name), start)).toEqual([
      ['Phòng Cảnh sát điều tra tội phạm về ma túy', 'support'],
      ['Công an các thành phố, thị xã, huyện', 'support'],
    ]);
    expect(typesOf(doc(name), start)).toEqual([
      'phong-canh-sat-dieu-tra-toi-pham-ve-ma-tuy',
      'cong-an-cap-huyen',
    ]);
    expect(deadlineOf(doc(name), start)).toEqual(['2024-10', 'trong tháng 10 năm 2024']);
  });

  it('"không muộn hơn ngày …"; the Cục it reports through is no assignee', () => {
    const start = 'Phòng Tham mưu Công an tỉnh theo dõi';
    expect(rolesOf(doc(name), start)).toEqual([['Phòng Tham mưu Công an tỉnh', 'assigned']]);
    expect(typesOf(doc(name), start)).toEqual(['phong-tham-muu-cong-an-tinh']);
    expect(deadlineOf(doc(name), start)).toEqual(['2024-12-10', 'không muộn hơn ngày 10/12/2024']);
  });

  it('"hạn chót là ngày …"', () => {
    const start = 'Phòng Quản lý xuất nhập cảnh';
    expect(typesOf(doc(name), start)).toEqual(['phong-quan-ly-xuat-nhap-canh']);
    expect(deadlineOf(doc(name), start)).toEqual(['2024-07-31', 'hạn chót là ngày 31/7/2024']);
  });

  it('"Công an các huyện, thành phố, thị xã" whole; a month with no year is of the issue year', () => {
    const start = 'Công an các huyện, thành phố, thị xã';
    expect(rolesOf(doc(name), start)).toEqual([['Công an các huyện, thành phố, thị xã', 'assigned']]);
    expect(deadlineOf(doc(name), start)).toEqual(['2024-05', 'trong tháng 5']);
  });

  it('names no other agency', () => {
    expect(pairsOf(doc(name))).toEqual(
      [
        'Phòng Cảnh sát hình sự / lead',
        'Phòng An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao / support',
        'Phòng Cảnh sát kinh tế / support',
        'Phòng Cảnh sát kinh tế / lead',
        'Phòng Cảnh sát điều tra tội phạm về ma túy / support',
        'Công an các thành phố, thị xã, huyện / support',
        'Phòng Tham mưu Công an tỉnh / assigned',
        // The closing "Giao Phòng Tham mưu Công an tỉnh là đầu mối theo dõi …" (round 10: "là/làm đầu mối" leads).
        'Phòng Tham mưu Công an tỉnh / lead',
        'Phòng Quản lý xuất nhập cảnh / lead',
        'Công an các huyện, thành phố, thị xã / assigned',
      ].sort(),
    );
  });
});

describe('Công văn of UBND thành phố Đà Nẵng (quận, huyện; phường, xã)', () => {
  const name = 'da-nang-cv-quan-huyen.txt';

  it('reads the header', () => {
    expect(doc(name)).toMatchObject({
      type: 'Công văn',
      symbol: '1875/UBND-NCPC',
      issuedAt: '2024-04-17',
      province: 'da-nang',
      issuerId: 'da-nang:ubnd-tinh',
    });
  });

  it('"Bộ đội Biên phòng thành phố" is the city\'s border guard', () => {
    const start = 'Công an thành phố chủ trì';
    expect(rolesOf(doc(name), start)).toEqual([
      ['Công an thành phố', 'lead'],
      ['Bộ đội Biên phòng thành phố', 'support'],
    ]);
    expect(typesOf(doc(name), start)).toEqual(['cong-an-tinh', 'bo-chi-huy-bo-doi-bien-phong-tinh']);
  });

  it('"UBND các quận, huyện": the districts\' People\'s Committees', () => {
    const start = 'Sở Lao động - Thương binh và Xã hội phối hợp';
    expect(rolesOf(doc(name), start)).toEqual([
      ['Sở Lao động - Thương binh và Xã hội', 'support'],
      ['UBND các quận, huyện', 'support'],
    ]);
    expect(typesOf(doc(name), start)).toEqual(['so-lao-dong-thuong-binh-va-xa-hoi', 'ubnd-cap-huyen']);
    expect(deadlineOf(doc(name), start)).toEqual(['2024-09-30', 'hoàn thành trước 30/9/2024']);
    expect(rolesOf(doc(name), 'UBND các quận, huyện chỉ đạo')).toEqual([
      ['UBND các quận, huyện', 'assigned'],
    ]);
  });

  it('"Công an các quận, huyện phối hợp với các phường, xã": the communes are partners', () => {
    const start = 'Công an các quận, huyện phối hợp';
    expect(rolesOf(doc(name), start)).toEqual([
      ['Công an các quận, huyện', 'support'],
      ['các phường, xã', 'support'],
    ]);
    expect(typesOf(doc(name), start)).toEqual(['cong-an-cap-huyen', 'ubnd-cap-xa']);
  });

  it('"UBND thành phố đề nghị …" after the items is a request; "… yêu cầu … nghiêm túc triển khai" closes', () => {
    expect(rolesOf(doc(name), 'UBND thành phố đề nghị')).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam thành phố', 'requested'],
    ]);
    expect(doc(name).duties.some((d) => d.text.includes('nghiêm túc triển khai'))).toBe(false);
  });

  it('the city\'s bodies are named once with the city, never "thành phố thành phố"', () => {
    const names = doc(name).duties.flatMap((d) => d.agencies.map((a) => a.name));
    expect(names.filter((n) => /thành phố thành phố/u.test(n))).toEqual([]);
    expect(names).toContain('Bộ Chỉ huy Bộ đội Biên phòng thành phố Đà Nẵng');
  });
});

describe('portal summary of a Kế hoạch of UBND tỉnh Ninh Bình (a paragraph per assignment)', () => {
  const name = 'ninh-binh-tin-phan-cong.txt';

  it("takes the summarized document's identity", () => {
    expect(doc(name)).toMatchObject({
      type: 'Kế hoạch',
      symbol: '312/KH-UBND',
      issuedAt: '2025-10-02',
      province: 'ninh-binh',
      issuerId: 'ninh-binh:ubnd-tinh',
      provenance: 'summary',
    });
  });

  it('"thời gian hoàn thành: trước ngày …" and "hạn là ngày …"', () => {
    expect(deadlineOf(doc(name), 'Theo Kế hoạch, UBND tỉnh giao Sở Công Thương')).toEqual([
      '2025-12-15',
      'trước ngày 15/12/2025',
    ]);
    expect(deadlineOf(doc(name), 'Công an tỉnh chủ trì')).toEqual(['2026-01-20', 'hạn là ngày 20/01/2026']);
  });

  it('"UBND tỉnh yêu cầu X …" and "UBND tỉnh đề nghị Y …" in the middle of the text are assignments', () => {
    expect(rolesOf(doc(name), 'UBND tỉnh yêu cầu')).toEqual([['Chi cục Hải quan khu vực X', 'assigned']]);
    expect(typesOf(doc(name), 'UBND tỉnh yêu cầu')).toEqual(['chi-cuc-hai-quan-khu-vuc']);
    expect(rolesOf(doc(name), 'UBND tỉnh đề nghị')).toEqual([
      ['Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', 'requested'],
    ]);
  });

  it('the communes lead with their committees 389 (their neighbours are the same body as the lead); a month with no year is of the issue year', () => {
    const start = 'UBND các xã, phường chủ trì';
    expect(rolesOf(doc(name), start)).toEqual([
      ['UBND các xã, phường', 'lead'],
      ['Ban Chỉ đạo 389 các xã, phường', 'support'],
    ]);
    expect(deadlineOf(doc(name), start)).toEqual(['2025-12', 'trong tháng 12']);
  });

  it('the last paragraph, after the requests, is read too', () => {
    const start = 'Sở Công Thương là cơ quan thường trực';
    expect(rolesOf(doc(name), start)).toEqual([['Sở Công Thương', 'lead']]);
    expect(deadlineOf(doc(name), start)).toEqual(['2026-01-25', 'không quá ngày 25/01/2026']);
  });
});

describe('press summary of a Công văn "vừa ký" by a deputy chairman (Bình Phước)', () => {
  const name = 'binh-phuoc-tin-vua-ky.txt';

  it("takes the signed letter's identity; the committee, not its signer, issues it", () => {
    expect(doc(name)).toMatchObject({
      type: 'Công văn',
      symbol: '1234/UBND-NC',
      issuedAt: '2024-07-10',
      province: 'binh-phuoc',
      issuerId: 'binh-phuoc:ubnd-tinh',
      provenance: 'summary',
    });
  });

  it('"Đối với Công an tỉnh, chủ trì …": the body the sentence is about leads', () => {
    // Round 9: the telecom companies it works with are its partners, as written.
    expect(rolesOf(doc(name), 'Đối với Công an tỉnh')).toEqual([
      ['Công an tỉnh', 'lead'],
      ['Viettel Bình Phước', 'support'],
      ['VNPT Bình Phước', 'support'],
    ]);
    expect(deadlineOf(doc(name), 'Đối với Công an tỉnh')).toEqual(['2024-09-30', 'trước ngày 30/9/2024']);
  });

  it('"X có trách nhiệm chỉ đạo Y …" is X\'s duty; Y, directed, is no assignee', () => {
    expect(rolesOf(doc(name), 'Sở Thông tin và Truyền thông có trách nhiệm')).toEqual([
      ['Sở Thông tin và Truyền thông', 'assigned'],
    ]);
    expect(rolesOf(doc(name), 'Ngân hàng Nhà nước chi nhánh tỉnh yêu cầu')).toEqual([
      ['Ngân hàng Nhà nước chi nhánh tỉnh', 'assigned'],
    ]);
  });
});
