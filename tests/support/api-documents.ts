/**
 * Documents the API tests upload: our own made-up wording in the shape of a provincial letter (never
 * corpus text), citing the sample decision 9901/QĐ-TTg so the upload joins an existing citation chain.
 */
export const UPLOAD_SYMBOL = '9907/UBND-NC';

export const UPLOAD_TEXT = `ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: ${UPLOAD_SYMBOL}
V/v phòng, chống buôn lậu pháo nổ qua khu vực cửa khẩu

Quảng Trị, ngày 03 tháng 3 năm 2026

Kính gửi:
- Công an tỉnh;
- Bộ Chỉ huy Bộ đội Biên phòng tỉnh;
- Cục Hải quan tỉnh.

Thực hiện Quyết định số 9901/QĐ-TTg ngày 15/01/2024 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện các nội dung sau:

1. Công an tỉnh: chủ trì kiểm tra các kho hàng gần cửa khẩu, ngăn chặn việc tàng trữ, vận chuyển pháo nổ trái phép; báo cáo kết quả chậm nhất ngày 15/4/2026.

2. Bộ Chỉ huy Bộ đội Biên phòng tỉnh: chủ trì tuần tra đường mòn, lối mở biên giới; phối hợp với Công an tỉnh bắt giữ các đối tượng buôn lậu pháo.

3. Cục Hải quan tỉnh: phối hợp kiểm soát hàng hóa xuất nhập khẩu, phát hiện pháo nổ cất giấu trong hàng hóa.

Ủy ban nhân dân tỉnh yêu cầu các cơ quan triển khai thực hiện nghiêm túc./.

Nơi nhận:
- Như trên;
- Lưu: VT, NC.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Trần Văn Thử
`;
