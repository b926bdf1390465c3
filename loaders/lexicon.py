"""Word lists of the genre: abbreviations, roles, bodies, surnames, event kinds, national dates.

Data, not logic: each table is documented where it is defined, and the
extractor reads only from here, so adding a word never means touching code.
"""
from __future__ import annotations

# Abbreviation -> expansion, applied to whole tokens before parsing (ANNOTATION.md "Text").
# Order matters only for readability; matching is by whole token.
ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "UB": "Ủy ban",  # "UB MTTQ xã"
    "UBKT": "Ủy ban Kiểm tra",
    "HĐND": "Hội đồng nhân dân",
    "CTĐ": "Chữ thập đỏ",  # "Hội CTĐ"
    "TĐKT": "Thi đua - Khen thưởng",
    "MTTQ": "Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "BTV": "Ban Thường vụ",
    "BTVTU": "Ban Thường vụ Tỉnh ủy",
    "BTVHU": "Ban Thường vụ Huyện ủy",
    "BCH": "Ban Chấp hành",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "ĐU": "Đảng ủy",
    "TW": "Trung ương",
    "TƯ": "Trung ương",
    "TUV": "Tỉnh ủy viên",
    "HUV": "Huyện ủy viên",
    "UVBTV": "Ủy viên Ban Thường vụ",
    "UV": "Ủy viên",
    "PBT": "Phó Bí thư",
    "PCT": "Phó Chủ tịch",
    "CT": "Chủ tịch",
    "TT&VH": "Truyền thông và Văn hóa",
    "TTVH": "Truyền thông và Văn hóa",
    "TT-VH": "Truyền thông và Văn hóa",
    "VH-TT": "Văn hóa - Thể thao",
    # A district's department of that name is the one for culture and information (Phòng Văn hóa và Thông tin).
    "Phòng VH-TT": "Phòng Văn hóa - Thông tin",
    "phòng VH-TT": "phòng Văn hóa - Thông tin",
    "VH,TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch",
    "VH-TT&DL": "Văn hóa, Thể thao và Du lịch",
    "VHTT&DL": "Văn hóa, Thể thao và Du lịch",
    "LĐLĐ": "Liên đoàn Lao động",
    "Hội ND": "Hội Nông dân",
    "HND": "Hội Nông dân",
    "HLHPN": "Hội Liên hiệp Phụ nữ",
    "CCB": "Cựu chiến binh",
    "LHPN": "Liên hiệp Phụ nữ",
    "ĐTN": "Đoàn Thanh niên",
    "TNCS": "Thanh niên Cộng sản",
    "NTM": "nông thôn mới",
    "ĐBQH": "Đại biểu Quốc hội",
    "KT-XH": "kinh tế - xã hội",
    "TP": "thành phố",
    "TP.": "thành phố",
    "TX": "thị xã",
    "CHQS": "Chỉ huy Quân sự",
    "BCHQS": "Ban Chỉ huy Quân sự",
    "GD&ĐT": "Giáo dục và Đào tạo",
    "GDĐT": "Giáo dục và Đào tạo",
    "LĐ-TB&XH": "Lao động - Thương binh và Xã hội",
    "NN&PTNT": "Nông nghiệp và Phát triển nông thôn",
    "TN&MT": "Tài nguyên và Môi trường",
    "KH&CN": "Khoa học và Công nghệ",
    "KH&ĐT": "Kế hoạch và Đầu tư",
    "Đ/c": "đồng chí",
    "đ/c": "đồng chí",
    "Đ/C": "đồng chí",
    "HĐ": "Hội đồng",
    "TP.HCM": "thành phố Hồ Chí Minh",
    "TPHCM": "thành phố Hồ Chí Minh",
    "HCM": "Hồ Chí Minh",
}

# Heads of a hamlet or a street group: role -> the word that starts the hamlet's name as a body
# ("Trưởng thôn Bản Lìm" is role "Trưởng thôn", body "Thôn Bản Lìm", for the commune written after it).
HAMLET_HEAD_BY_ROLE: dict[str, str] = {
    "Phó Trưởng thôn": "Thôn", "Trưởng thôn": "Thôn", "Phó Trưởng bản": "Bản", "Trưởng bản": "Bản",
    "Phó Trưởng buôn": "Buôn", "Trưởng buôn": "Buôn", "Phó Trưởng ấp": "Ấp", "Trưởng ấp": "Ấp",
    "Trưởng xóm": "Xóm", "Trưởng làng": "Làng", "Trưởng khóm": "Khóm", "Phó Trưởng khu phố": "Khu phố",
    "Trưởng khu phố": "Khu phố", "Tổ trưởng tổ dân phố": "Tổ dân phố",
}

# Roles a person holds, longest first where one is a prefix of another.
# "Trưởng"/"Phó Trưởng" combine with the body's head noun: "Trưởng Ban TĐKT" is role "Trưởng ban".
ROLES: tuple[str, ...] = (
    "Phó Bí thư Thường trực", "Phó Chủ tịch Thường trực", "Ủy viên Thường trực",
    "Phó Chủ tịch", "Chủ tịch", "Phó Bí thư", "Tổng Bí thư", "Bí thư",
    "Phó Chánh Văn phòng", "Chánh Văn phòng", "Phó Chánh Thanh tra", "Chánh Thanh tra",
    "Phó Chánh án", "Chánh án", "Phó Viện trưởng", "Viện trưởng",
    "Phó Giám đốc", "Giám đốc", "Phó Chủ nhiệm", "Chủ nhiệm", "Phó Tổng Biên tập", "Tổng Biên tập",
    "Phó Hiệu trưởng", "Hiệu trưởng", "Phó Chỉ huy trưởng", "Chỉ huy trưởng", "Chính trị viên",
    "Phó Chính ủy", "Chính ủy", "Phó Tham mưu trưởng", "Tham mưu trưởng",
    "Phó Thủ tướng", "Thủ tướng", "Phó Chủ tịch nước", "Thứ trưởng", "Bộ trưởng",
    "Phó Trưởng ban", "Trưởng ban", "Phó Trưởng phòng", "Trưởng phòng", "Phó Trưởng đoàn", "Trưởng đoàn",
    "Phó Cục trưởng", "Cục trưởng", "Phó Chi cục trưởng", "Chi cục trưởng",
    "Hạt trưởng", "Hạt phó", "Đồn trưởng", "Đội trưởng", "Trạm trưởng", "Vụ trưởng", "Phó Vụ trưởng",
    "Phó Trưởng", "Trưởng", "Ủy viên", "Đại biểu", *HAMLET_HEAD_BY_ROLE,
)


# Suffix titles: "Tỉnh ủy viên" -> role "Ủy viên" in body "Tỉnh ủy".
MEMBER_SUFFIX_BODIES: dict[str, str] = {
    "tỉnh ủy viên": "Tỉnh ủy", "huyện ủy viên": "Huyện ủy", "thành ủy viên": "Thành ủy",
    "thị ủy viên": "Thị ủy", "quận ủy viên": "Quận ủy", "đảng ủy viên": "Đảng ủy",
}

# Bodies recognised by a fixed phrase (matched case-insensitively), with their canonical name and
# the level of the unit they serve when the text names none ("city": the thành phố the article is
# about, district- or province-level; None: the unit written after them, else a neighbour title's).
FIXED_BODIES: tuple[tuple[str, str, str | None], ...] = (
    ("Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "province"),
    ("Ban Thường vụ Huyện ủy", "Ban Thường vụ Huyện ủy", "district"),
    ("Ban Thường vụ Thành ủy", "Ban Thường vụ Thành ủy", "city"),
    ("Ban Thường vụ Thị ủy", "Ban Thường vụ Thị ủy", "district"),
    ("Ban Thường vụ Quận ủy", "Ban Thường vụ Quận ủy", "district"),
    ("Ban Thường vụ Đảng ủy", "Ban Thường vụ Đảng ủy", None),
    ("Ban Chấp hành Trung ương Đảng", "Ban Chấp hành Trung ương Đảng", "country"),
    ("Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương Đảng", "country"),
    ("Trung ương Đảng", "Ban Chấp hành Trung ương Đảng", "country"),
    ("Ban Chấp hành Đảng bộ tỉnh", "Ban Chấp hành Đảng bộ tỉnh", "province"),
    ("Ban Chấp hành Đảng bộ huyện", "Ban Chấp hành Đảng bộ huyện", "district"),
    ("Ủy ban nhân dân", "Ủy ban nhân dân", None),
    ("Hội đồng nhân dân", "Hội đồng nhân dân", None),
    ("Hội đồng Thi đua - Khen thưởng", "Hội đồng Thi đua - Khen thưởng", None),
    ("Ban Thi đua - Khen thưởng", "Ban Thi đua - Khen thưởng", "province"),  # districts have a Hội đồng
    ("Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc", None),
    ("Ủy ban Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc", None),
    ("Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc", None),
    ("Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc", None),
    ("Tỉnh ủy", "Tỉnh ủy", "province"),
    ("Huyện ủy", "Huyện ủy", "district"),
    ("Thành ủy", "Thành ủy", "city"),
    ("Thị ủy", "Thị ủy", "district"),
    ("Quận ủy", "Quận ủy", "district"),
    ("Đảng ủy Quân sự", "Đảng ủy Quân sự", None),  # the party committee of a unit's military command
    ("Đảng ủy Công an", "Đảng ủy Công an", None),
    ("Đảng ủy", "Đảng ủy", None),
    ("Quốc hội", "Quốc hội", "country"),
    ("Chính phủ", "Chính phủ", "country"),
    ("Chủ tịch nước", "Chủ tịch nước", "country"),
    ("Tổng Liên đoàn Lao động Việt Nam", "Tổng Liên đoàn Lao động", "country"),
    ("Tổng Liên đoàn Lao động", "Tổng Liên đoàn Lao động", "country"),
    ("Liên đoàn Lao động", "Liên đoàn Lao động", None),
    ("Hội Cựu chiến binh", "Hội Cựu chiến binh", None),
    ("Hội Liên hiệp Phụ nữ", "Hội Liên hiệp Phụ nữ", None),
    ("Hội Nông dân", "Hội Nông dân", None),
    ("Huyện đoàn", "Huyện đoàn", "district"),
    ("Tỉnh đoàn", "Tỉnh đoàn", "province"),
    ("Thành đoàn", "Thành đoàn", "city"),
    ("Thị đoàn", "Thị đoàn", "district"),
    ("Quận đoàn", "Quận đoàn", "district"),
)

# Head nouns that start a body written out in words ("Ban Tuyên giáo", "Sở Nội vụ", "Trung tâm …").
BODY_HEADS: tuple[str, ...] = (
    "Ban Chỉ huy", "Bộ Chỉ huy", "Ban", "Sở", "Phòng", "Trung tâm", "Hội", "Văn phòng", "Công an",
    "Bộ", "Cục", "Chi cục", "Viện", "Tòa án", "Đoàn", "Báo", "Đài", "Trường", "Bệnh viện", "Kho bạc",
    "Ngân hàng", "Chi nhánh", "Thanh tra", "Ủy ban Kiểm tra", "Ủy ban", "Liên đoàn", "Đảng bộ", "Chi bộ",
    "Hợp tác xã", "Công ty", "Tổng công ty", "Quỹ", "Học viện", "Công đoàn",
)

# Level of the unit a body serves when the text does not say (its name says it).
BODY_LEVEL_BY_HEAD: dict[str, str] = {"Sở": "province", "Bộ": "country", "Cục": "country", "Phòng": "district"}

# "Trưởng"/"Phó Trưởng" + body head -> role as ANNOTATION.md writes it.
CHIEF_ROLE_BY_HEAD: dict[str, str] = {"Ban": "ban", "Phòng": "phòng", "Đoàn": "đoàn", "Công an": "Công an"}

# Vietnamese family names (and a few ethnic-minority name starts): a capitalised sequence that
# starts with one of these and follows a title is a person's name.
SURNAMES: frozenset[str] = frozenset("""
Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Lâm Mai Trịnh Đoàn
Lương Cao Hà Tạ Vi Lục Nông Hứa La Lò Quàng Triệu Chu Thái Tô Tăng Lã Kiều Khổng Từ Châu Giang Thân
Tống Âu Bế Lưu Phùng Quách Tôn Trương Diệp Kim Mạc Nghiêm Phí Sầm Đàm Lạc Cù Ma Hầu Sùng Giàng
Vàng Thào Mùa Lầu Chẻo Lường Cầm Mè Quan Lành Nịnh Khúc Khuất Lại Mẫn Nhữ Ninh Ôn
Phí Quản Tiêu Tào Thạch Tiết Trình Trịnh Ung Viên Vương Yên Âu Doãn Đồng Đàm Giáp Hàn Kha Khương
Lò Lỗ Lôi Mông Nhan Nghiêm Ngọ Nhâm Phương Sơn Thi Thiều Tòng Tống Vi Y H' Ksor Rơ Siu Nay Rah
Kpă Niê Byă Êban Mlô Hđơk Bkrông Adrơng Ayun Krajan Danh Thạch Kim Sơn Lâm Chau Néang Kiên Điểu
Ngân Chíu Lỷ Pờ Tẩn Liêng Lù Sần Hờ Sìn Vừ Mua Cứ Khà Lăng Nìm Tòng Hờ Lìu Chảo Phàn Đặng Hoàng Lự Mạ Thò Ly Cư Chang Pơ Đinh Y Bùi
""".split())

# The first two syllables of family names of more than two syllables (the Nguyễn royal lineage's
# "Công Tằng Tôn Nữ", "Công Tôn Nữ"): a name starting so may run to seven syllables instead of five.
LONG_FAMILY_NAME_STARTS: frozenset[str] = frozenset({"Công Tằng", "Công Tôn", "Tôn Thất", "Tôn Nữ"})

# Words that end a person's name (they start a title or a body, never a name part).
NAME_STOPWORDS: frozenset[str] = frozenset("""
Bí Chủ Phó Trưởng Giám Chánh Ủy Uỷ Tỉnh Huyện Quận Đảng Ban Sở Phòng Hội Tổng Thủ Bộ Cục Viện Hiệu
Chỉ Thường UBND HĐND MTTQ Ngày Tối Tại Dự Cùng Về Với Trong Theo Đây Các Những Tháng
Lễ Xã Phường Kỷ Trao Tặng Đến Tới Cho Là Tham Được Nguyên
""".split())

# Given-name syllables that also start common compounds ("Thị xã", "Trung tâm", "Văn phòng"): a name
# ending in one of these, followed by a lower-case word, gives that syllable back.
COMPOUND_STARTS: dict[str, frozenset[str]] = {
    "Thị": frozenset({"xã", "trấn", "ủy"}), "Thành": frozenset({"phố", "ủy", "viên", "đoàn"}),
    "Trung": frozenset({"tâm", "ương", "đoàn", "tướng", "tá", "úy"}),
    "Đại": frozenset({"hội", "biểu", "học", "tướng", "tá", "úy"}),
    "Quốc": frozenset({"hội", "gia", "phòng", "khánh"}), "Nhân": frozenset({"dân"}),
    "Chính": frozenset({"phủ", "quyền", "trị"}), "Văn": frozenset({"phòng", "hóa"}),
    "Kinh": frozenset({"tế"}), "Công": frozenset({"an", "đoàn", "ty"}), "Nông": frozenset({"dân", "nghiệp", "thôn"}),
    "Lao": frozenset({"động"}), "Hải": frozenset({"quan"}),
    "Sáng": frozenset({"ngày", "nay", "mai", "qua", "hôm", "sớm", "cùng"}),
    "Chiều": frozenset({"ngày", "nay", "qua", "hôm", "cùng", "tối"}),
    "Phát": frozenset({"biểu", "động", "triển", "huy", "hiện", "thanh"}),
    "Năm": frozenset({"nay", "qua", "học", "tới", "trước", "sau"}),
    "Đồng": frozenset({"chí", "thời", "bào", "bằng"}),
}

# Event head nouns, longest first; the key is matched case-insensitively, the value is the kind written.
EVENT_KINDS: tuple[tuple[str, str], ...] = (
    ("lễ phát động", "Lễ phát động"), ("lễ kỷ niệm", "Lễ kỷ niệm"), ("lễ tuyên dương", "Lễ tuyên dương"),
    ("lễ trao tặng", "Lễ trao tặng"), ("lễ trao giải", "Lễ trao giải"), ("lễ trao thưởng", "Lễ trao thưởng"),
    ("lễ trao", "Lễ trao"), ("lễ giao nhận quân", "Lễ giao nhận quân"), ("lễ hội", "Lễ hội"), ("lễ khen thưởng", "Lễ khen thưởng"), ("lễ ra mắt", "Lễ ra mắt"),
    ("lễ khai mạc", "Lễ khai mạc"), ("lễ công bố", "Lễ công bố"), ("lễ mít tinh", "Lễ mít tinh"),
    ("lễ ký kết", "Lễ ký kết"), ("lễ khánh thành", "Lễ khánh thành"), ("lễ khởi công", "Lễ khởi công"),
    ("lễ đón nhận", "Lễ đón nhận"), ("lễ tổng kết", "Lễ tổng kết"), ("lễ bế mạc", "Lễ bế mạc"),
    ("lễ báo công", "Lễ báo công"), ("lễ dâng hương", "Lễ dâng hương"), ("lễ giao nhận", "Lễ giao nhận"),
    ("mít tinh", "Lễ mít tinh"),
    ("hội nghị", "Hội nghị"), ("đại hội", "Đại hội"), ("hội thảo", "Hội thảo"), ("tọa đàm", "Tọa đàm"),
    ("hội thi", "Hội thi"), ("hội diễn", "Hội diễn"), ("bầu cử", "Bầu cử"), ("kỳ họp", "Kỳ họp"),
    ("phiên họp", "Phiên họp"), ("buổi lễ", "Lễ"), ("giao lưu", "Giao lưu"), ("buổi làm việc", "Buổi làm việc"),
    ("ngày hội", "Ngày hội"), ("lễ bàn giao", "Lễ bàn giao"), ("lễ ra quân", "Lễ ra quân"),
    ("lễ khai giảng", "Lễ khai giảng"), ("liên hoan", "Liên hoan"), ("lễ tri ân", "Lễ tri ân"),
    ("lễ gặp mặt", "Lễ gặp mặt"), ("buổi gặp mặt", "Buổi gặp mặt"), ("lễ tưởng niệm", "Lễ tưởng niệm"),
    ("lễ truy điệu", "Lễ truy điệu"), ("lễ xuất quân", "Lễ xuất quân"), ("lễ kết nạp", "Lễ kết nạp"),
    ("hội thao", "Hội thao"), ("hội chợ", "Hội chợ"), ("diễn đàn", "Diễn đàn"), ("hội trại", "Hội trại"),
    # "cử tri … bỏ phiếu để bầu đại biểu Quốc hội": the election, not a congress electing its delegates
    ("bầu đại biểu quốc hội", "Bầu cử"), ("bầu đại biểu hội đồng nhân dân", "Bầu cử"),
)

# National dates (ANNOTATION.md): subject keywords (case-insensitive, all must occur) -> base date.
NATIONAL_DATES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("thành lập đảng",), "1930-02-03", "Ngày thành lập Đảng Cộng sản Việt Nam"),
    (("cách mạng tháng tám",), "1945-08-19", "Cách mạng tháng Tám"),
    (("cách mạng tháng 8",), "1945-08-19", "Cách mạng tháng Tám"),
    (("quốc khánh",), "1945-09-02", "Quốc khánh 2/9"),
    (("giải phóng miền nam",), "1975-04-30", "Ngày giải phóng miền Nam, thống nhất đất nước"),
    (("giải phóng hoàn toàn miền nam",), "1975-04-30", "Ngày giải phóng miền Nam, thống nhất đất nước"),
    (("thống nhất đất nước",), "1975-04-30", "Ngày thống nhất đất nước"),
    (("sinh", "hồ chí minh"), "1890-05-19", "Ngày sinh Chủ tịch Hồ Chí Minh"),
    (("sinh", "bác hồ"), "1890-05-19", "Ngày sinh Chủ tịch Hồ Chí Minh"),
    (("sinh của bác",), "1890-05-19", "Ngày sinh Chủ tịch Hồ Chí Minh"),
    (("thi đua ái quốc",), "1948-06-11", "Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc"),
    (("chiến thắng điện biên phủ",), "1954-05-07", "Chiến thắng Điện Biên Phủ"),
    (("quân đội nhân dân việt nam",), "1944-12-22", "Ngày thành lập Quân đội nhân dân Việt Nam"),
    (("thương binh", "liệt sĩ"), "1947-07-27", "Ngày Thương binh - Liệt sĩ"),
    (("mặt trận tổ quốc việt nam",), "1930-11-18", "Ngày thành lập Mặt trận Tổ quốc Việt Nam"),
    (("đoàn thanh niên cộng sản hồ chí minh",), "1931-03-26", "Ngày thành lập Đoàn TNCS Hồ Chí Minh"),
    (("hội liên hiệp phụ nữ việt nam",), "1930-10-20", "Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam"),
    (("hội nông dân việt nam",), "1930-10-14", "Ngày thành lập Hội Nông dân Việt Nam"),
    (("hội cựu chiến binh việt nam",), "1989-12-06", "Ngày thành lập Hội Cựu chiến binh Việt Nam"),
    (("công đoàn việt nam",), "1929-07-28", "Ngày thành lập Công đoàn Việt Nam"),
    (("báo chí cách mạng việt nam",), "1925-06-21", "Ngày Báo chí Cách mạng Việt Nam"),
    (("bộ đội biên phòng",), "1959-03-03", "Ngày truyền thống Bộ đội Biên phòng"),
    (("công an nhân dân",), "1945-08-19", "Ngày truyền thống Công an nhân dân"),
    (("nhà giáo việt nam",), "1982-11-20", "Ngày Nhà giáo Việt Nam"),
    (("toàn quốc kháng chiến",), "1946-12-19", "Ngày Toàn quốc kháng chiến"),
    (("chiến thắng", "điện biên phủ trên không"), "1972-12-30", "Chiến thắng Hà Nội - Điện Biên Phủ trên không"),
)

# Historical persons named without a title, and the forms that refer to them.
HISTORICAL_PERSONS: dict[str, str] = {
    "Hồ Chí Minh": "Hồ Chí Minh", "Bác Hồ": "Hồ Chí Minh", "Cụ Hồ": "Hồ Chí Minh",
    "Nguyễn Ái Quốc": "Hồ Chí Minh",  # one person under his earlier name (blind16)
    "Võ Nguyên Giáp": "Võ Nguyên Giáp", "Tôn Đức Thắng": "Tôn Đức Thắng",
    "Lê Duẩn": "Lê Duẩn", "Trần Phú": "Trần Phú", "Nguyễn Văn Cừ": "Nguyễn Văn Cừ",
    "Hà Huy Tập": "Hà Huy Tập", "Lê Hồng Phong": "Lê Hồng Phong", "Nguyễn Thị Minh Khai": "Nguyễn Thị Minh Khai",
    # Well-known figures of history and letters, named without a title in the genre's texts.
    **{name: name for name in (
        "Nguyễn Du", "Nguyễn Trãi", "Trần Hưng Đạo", "Lê Lợi", "Lý Thường Kiệt", "Lý Công Uẩn", "Ngô Quyền",
        "Đinh Bộ Lĩnh", "Lê Thánh Tông", "Nguyễn Huệ", "Hoàng Hoa Thám", "Phan Bội Châu", "Phan Châu Trinh",
        "Huỳnh Thúc Kháng", "Nguyễn Đình Chiểu", "Nguyễn Sinh Sắc", "Hoàng Thị Loan",
        "Phạm Văn Đồng", "Trường Chinh", "Tô Hiệu", "Võ Thị Sáu", "Nguyễn Văn Trỗi", "Lý Tự Trọng",
        "Kim Đồng", "Nguyễn Khuyến", "Hồ Xuân Hương", "Chu Văn An", "Lê Quý Đôn", "Nguyễn Bỉnh Khiêm",
        "Trần Quốc Toản", "Bế Văn Đàn", "Phan Đình Giót", "Tô Vĩnh Diện", "La Văn Cầu", "Cù Chính Lan",
        "Nguyễn Chí Thanh", "Lê Văn Tám", "Hoàng Văn Thụ", "Nguyễn Thái Học", "Đặng Thùy Trâm",
        "Lê Hoàn", "Lý Thái Tổ", "Trần Nhân Tông", "Tuệ Tĩnh", "Hải Thượng Lãn Ông", "Lê Hữu Trác",
        "Phan Đình Phùng", "Trương Định", "Nguyễn Trung Trực", "Mạc Thị Bưởi", "Nguyễn Tri Phương")},
}

# Award kinds, longest first (matched case-insensitively); the value is how the kind is written.
AWARD_KINDS: tuple[tuple[str, str], ...] = (
    ("cờ thi đua", "Cờ thi đua"), ("bằng khen", "Bằng khen"), ("giấy khen", "Giấy khen"),
    ("huân chương", "Huân chương"), ("huy chương", "Huy chương"), ("kỷ niệm chương", "Kỷ niệm chương"),
    ("chiến sĩ thi đua cơ sở", "Chiến sĩ thi đua cơ sở"), ("chiến sĩ thi đua cấp tỉnh", "Chiến sĩ thi đua cấp tỉnh"),
    ("chiến sĩ thi đua toàn quốc", "Chiến sĩ thi đua toàn quốc"),
    ("tập thể lao động xuất sắc", "Tập thể Lao động xuất sắc"), ("lao động tiên tiến", "Lao động tiên tiến"),
    ("danh hiệu anh hùng", "Anh hùng"),
)
