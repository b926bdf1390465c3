"""Reading articles: encodings, HTML chrome, layout (banner, headline, dateline, byline), bad input."""
from __future__ import annotations

import codecs
import unicodedata

import pytest

from thidua.loaders.layout import parse_dateline, split_byline
from thidua.loaders.reading import ArticleError, find_articles, read_article

ARTICLE = """Chủ đề công tác năm 2024: "Đoàn kết, kỷ cương, bứt phá" – Chào mừng kỷ niệm 30 năm tái lập huyện
Huyện Tiên Yên tổng kết công tác thi đua, khen thưởng năm 2023
15/01/2024 08:30
Sáng ngày 12/1, Hội đồng Thi đua – Khen thưởng huyện Tiên Yên tổ chức hội nghị tổng kết công tác thi đua, khen thưởng năm 2023. Dự hội nghị có đồng chí Hoàng Văn Phúc – Phó Chủ tịch UBND huyện.
Đồng chí Hoàng Văn Phúc phát biểu tại hội nghị
Lan Anh – Thu Trang (Trung tâm TT&VH)
Tìm kiếm theo chuyên mục - nội dung - ngày tháng
Thống kê truy cập
Hôm nay: 321
Đã truy cập: 123456
"""


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", b""), ("utf-16-be", b""),
])
def test_unicode_encodings_read_the_same(tmp_path, encoding, bom):
    path = write(tmp_path, "a.txt", bom + ARTICLE.encode(encoding))
    doc = read_article(path).document
    assert doc.title == "Huyện Tiên Yên tổng kết công tác thi đua, khen thưởng năm 2023"
    assert doc.encoding.startswith(encoding.split("-le")[0].split("-be")[0])


TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_form(text: str) -> str:
    """How Windows-1258 writes Vietnamese: base letters precomposed (â, ơ, ư), tone marks combining."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES)) + tones)
    return "".join(out)


def test_windows_1258_with_combining_tones_is_composed_to_nfc(tmp_path):
    data = cp1258_form(ARTICLE.replace("–", "-")).encode("cp1258", errors="strict")
    doc = read_article(write(tmp_path, "legacy.txt", data)).document
    assert doc.encoding == "cp1258"
    assert doc.title == "Huyện Tiên Yên tổng kết công tác thi đua, khen thưởng năm 2023"
    assert unicodedata.is_normalized("NFC", doc.body)


def test_layout_banner_dateline_byline_and_trailing_chrome(tmp_path):
    read = read_article(write(tmp_path, "a.txt", ARTICLE.encode()))
    doc = read.document
    assert doc.site_lines and doc.site_lines[0].startswith("Chủ đề công tác năm 2024")
    assert doc.published == "2024-01-15T08:30"
    assert [a.name for a in read.authors] == ["Lan Anh", "Thu Trang"]
    assert read.authors[0].affiliation == "Trung tâm TT&VH"
    assert "Thống kê" not in doc.body and "Hôm nay" not in doc.body and "Lan Anh" not in doc.body
    assert doc.body.endswith("phát biểu tại hội nghị")


def test_byline_glued_to_a_site_button(tmp_path):
    text = ARTICLE.replace("Lan Anh – Thu Trang (Trung tâm TT&VH)", "Hoàng MaiGửi ý kiến phản hồi")
    read = read_article(write(tmp_path, "a.txt", text.encode()))
    assert [a.name for a in read.authors] == ["Hoàng Mai"]


@pytest.mark.parametrize("after", [
    "Ý kiến của bạn\n()\nHọ tên: Email:\nNội dung:\n[Gửi]",  # a comment form
    "Gửi phản hồi | In bài |\nTin cũ hơn:\n- Xã Vinh Kim tổ chức hội nghị hiệp thương (15/04/2016)",
    "Zalo In",  # what is left of a row of share buttons
    "[In trang]   [Gửi bạn bè]   [Về trang trước]",  # buttons in brackets
])
def test_a_comment_form_or_share_buttons_after_the_byline_are_chrome(tmp_path, after):
    text = ARTICLE.replace("Lan Anh – Thu Trang (Trung tâm TT&VH)", "Kim Thoa (Đài Truyền thanh huyện)\n" + after)
    read = read_article(write(tmp_path, "a.txt", text.encode()))
    assert [a.name for a in read.authors] == ["Kim Thoa"]


def test_the_headline_is_the_last_line_above_the_dateline_under_menus_search_and_breadcrumb(tmp_path):
    text = ("CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN KIẾN XƯƠNG\nTrang chủ | Giới thiệu | Tin tức | Liên hệ\n"
            "Mừng Đảng - Mừng Xuân 2015\nTìm kiếm: [ ] Tìm\nTin tức - Sự kiện » Hoạt động của huyện\n"
            "Kiến Xương tổng kết 5 năm thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”\n"
            "Thứ năm, 15/01/2015 - 09:12   |  Cỡ chữ: A A A  |  In bài\n"
            "Ngày hôm qua, UBND huyện Kiến Xương tổ chức Hội nghị tổng kết phong trào.\nKim Thoa\n")
    doc = read_article(write(tmp_path, "a.txt", text.encode())).document
    assert doc.title.startswith("Kiến Xương tổng kết 5 năm") and doc.published == "2015-01-15T09:12"
    assert doc.body.startswith("Ngày hôm qua")


HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Cổng TTĐT huyện - Lễ phát động thi đua</title>
<meta property="article:published_time" content="2023-09-28T10:15:00+07:00"></head>
<body><header class="site-header"><div class="banner">Cổng thông tin điện tử huyện Đầm Hà</div></header>
<nav class="menu"><a href="#">Trang chủ</a><a href="#">Tin tức</a></nav>
<form class="search"><input name="q"> Tìm kiếm</form>
<div class="content-detail"><h1>Lễ phát động thi đua &amp; khen thưởng</h1>
<p>Sáng ngày 28/9, huyện Đầm Hà tổ chức Lễ phát động thi đua.&nbsp;Dự lễ có đồng chí Trần Văn Bình – Chủ tịch UBND huyện.</p>
<figure><img src="a.jpg"><figcaption>Đồng chí Trần Văn Bình phát biểu</figcaption></figure>
<p class="author">Mai Thắm</p></div>
<aside class="sidebar"><h3>Tin liên quan</h3><ul><li><a>Huyện Hải Hà đón Bằng khen của ông Nguyễn Văn Khác</a></li></ul></aside>
<footer><div class="counter">Đã truy cập: 99999</div></footer></body></html>"""


def test_html_page_loses_its_chrome(tmp_path):
    read = read_article(write(tmp_path, "page.html", HTML.encode()))
    doc = read.document
    assert doc.title == "Lễ phát động thi đua & khen thưởng"
    assert doc.published == "2023-09-28T10:15"
    assert "Trần Văn Bình" in doc.body
    for chrome in ("Tin liên quan", "Nguyễn Văn Khác", "Tìm kiếm", "Đã truy cập", "Trang chủ", "Cổng thông tin"):
        assert chrome not in doc.body
    assert "\u00a0" not in doc.body
    assert [a.name for a in read.authors] == ["Mai Thắm"]


@pytest.mark.parametrize("data,message", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (bytes(range(256)) * 40, "binary"),
    (b"\x81\x8d\x8f\x90\x9d" * 50, "undecodable"),
])
def test_bad_files_raise_one_line_reasons(tmp_path, data, message):
    with pytest.raises(ArticleError, match=message) as info:
        read_article(write(tmp_path, "bad.txt", data))
    assert "\n" not in str(info.value)


def test_find_articles_reports_missing_paths_and_empty_folders(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "b.txt").write_text("x")
    (tmp_path / "full" / "a.html").write_text("x")
    (tmp_path / "full" / "notes.md").write_text("x")
    files, problems = find_articles([tmp_path / "missing", tmp_path / "empty", tmp_path / "full"])
    assert [f.name for f in files] == ["a.html", "b.txt"]
    assert [p.message for p in problems] == ["no such file or directory", "directory holds no .txt or .html articles"]


@pytest.mark.parametrize("line,iso", [
    ("09/12/2021 16:30", "2021-12-09T16:30"), ("20/01/2021", "2021-01-20"),
    ("Thứ hai, 20/01/2021 10:40", "2021-01-20T10:40"), ("Cập nhật: 5-3-2024", "2024-03-05"),
    ("31/02/2021", None), ("Hội nghị ngày 20/01/2021", None), ("45/13/2021", None), ("01/01/9999 25:61", "9999-01-01"),
])
def test_datelines(line, iso):
    assert parse_dateline(line) == iso


def test_byline_is_not_a_sentence():
    assert split_byline("Hoài Phương - Trần Trinh") == (("Hoài Phương", "Trần Trinh"), None)
    assert split_byline("CTV.Minh Hải") == (("Minh Hải",), None)
    assert split_byline("Bài, ảnh: Quang Huy") == (("Quang Huy",), None)
    assert split_byline("Các đơn vị ký giao ước thi đua năm 2022") == ((), None)


# An ASP.NET/SharePoint portal: the whole page sits in one <form>; the story's date sits beside its
# headline, outside the content block, after the site's own clock; the byline sits after the block.
PORTAL_IN_A_FORM = """<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8">
<title>Phường Pleiku tổ chức Đại hội Thi đua yêu nước | Cổng thông tin điện tử phường Pleiku</title></head>
<body><form id="aspnetForm" method="post" action="/Pages/tin-tuc.aspx">
<div class="top"><span class="today">Thứ hai, 22/09/2025</span>
<div class="searchbar"><input name="q" value="Tìm kiếm"></div></div>
<div class="post"><h1 class="post-title">Phường Pleiku tổ chức Đại hội Thi đua yêu nước lần thứ I</h1>
<div class="post-meta"><span class="date">Thứ sáu, 12/09/2025 | 14:20</span></div>
<div class="post-content"><p>Ngày 11/9, UBND phường Pleiku tổ chức Đại hội Thi đua yêu nước phường lần thứ I,
giai đoạn 2025 – 2030. Dự Đại hội có đồng chí Trần Quốc Khánh, Bí thư Đảng ủy phường.</p>
<p>Đại hội đã biểu dương 20 tập thể, 35 cá nhân tiêu biểu trong phong trào thi đua yêu nước.</p></div>
<div class="post-source">Tác giả: Siu H'Yuen - Nguồn: Văn phòng HĐND và UBND phường</div>
<div class="related"><h3>Tin liên quan</h3><ul><li>Phường Diên Hồng tổ chức Đại hội <span>10/09/2025</span></li></ul></div>
</div></form></body></html>"""


def test_a_page_inside_one_form_keeps_its_story_date_and_byline(tmp_path):
    read = read_article(write(tmp_path, "portal.html", PORTAL_IN_A_FORM.encode()))
    doc = read.document
    assert doc.title == "Phường Pleiku tổ chức Đại hội Thi đua yêu nước lần thứ I"
    assert doc.published == "2025-09-12T14:20"  # not the site's clock (22/09)
    assert "Trần Quốc Khánh" in doc.body and "Tìm kiếm" not in doc.body and "Diên Hồng" not in doc.body
    assert [(a.name, a.affiliation) for a in read.authors] == [("Siu H'Yuen", "Văn phòng HĐND và UBND phường")]


WORDPRESS_POST = """<html><head><meta charset="utf-8"><title>Ngày hội ở xã Sơn Bình</title></head><body>
<header id="site-header"><div class="site-title">Trang thông tin điện tử huyện Khánh Sơn</div></header>
<main id="site-content"><article class="post type-post hentry category-mat-tran tag-ngay-hoi-dai-doan-ket">
<header class="entry-header"><h1 class="entry-title">Ngày hội Đại đoàn kết toàn dân tộc tại xã Sơn Bình</h1>
<ul class="post-meta"><li class="post-author">Bởi <span class="author vcard"><a href="/author/ngochan/">Ngọc Hân</a></span></li>
<li class="post-date"><time datetime="2022-11-13T07:42">13/11/2022</time></li></ul></header>
<div class="entry-content"><p>Chiều 12/11, tại thôn Hòn Dung, xã Sơn Bình, Ủy ban MTTQ Việt Nam xã tổ chức Ngày hội Đại
đoàn kết toàn dân tộc năm 2022. Dự có đồng chí Mấu Thị Hoa, Chủ tịch Ủy ban MTTQ Việt Nam huyện Khánh Sơn.</p>
<p>Các đại biểu cùng bà con thưởng thức các tiết mục hát đối đáp truyền thống của người Raglai.</p></div>
</article></main>
<aside class="widget-area"><div class="widget widget_recent_entries"><h2>Bài viết mới</h2>
<ul><li><a href="#">Đồng chí Phạm Văn Bình, Chủ tịch UBND xã Ân Hòa tiếp công dân</a></li></ul></div></aside>
</body></html>"""

JOOMLA_PAGE = """<html><head><meta charset="utf-8"><title>Kim Sơn kỷ niệm 190 năm</title></head><body>
<div class="row-fluid"><main id="content" class="span9"><div class="item-page" itemscope itemtype="https://schema.org/Article">
<div class="page-header"><h2 itemprop="headline">Huyện Kim Sơn kỷ niệm 190 năm Ngày thành lập</h2></div>
<dl class="article-info muted"><dd class="createdby" itemprop="author">Tác giả: <span itemprop="name">Phạm Thu Trang</span></dd>
<dd class="published"><time datetime="2019-11-23T08:15:00+07:00">Ngày đăng: 23/11/2019 08:15</time></dd></dl>
<div itemprop="articleBody"><p>Tối 22/11, huyện Kim Sơn long trọng tổ chức Lễ kỷ niệm 190 năm Ngày thành lập huyện
(1829 - 2019). Dự buổi lễ có đồng chí Trần Đình Khoa, Bí thư Huyện ủy Kim Sơn.</p></div>
<ul class="pager pagenav"><li class="previous"><a href="#">Trở lại</a></li></ul></div></main>
<div id="aside" class="span3"><div class="moduletable"><h3>Tin mới</h3>
<ul><li><a href="#">Đồng chí Phạm Văn Bình, Chủ tịch UBND xã Ân Hòa tiếp công dân định kỳ</a></li></ul></div></div>
</div></body></html>"""


@pytest.mark.parametrize("page", [WORDPRESS_POST, JOOMLA_PAGE], ids=["wordpress", "joomla"])
def test_cms_pages_keep_the_story_and_its_author_and_lose_the_sidebar(tmp_path, page):
    read = read_article(write(tmp_path, "cms.html", page.encode()))
    assert "Phạm Văn Bình" not in read.document.body
    assert "tổ chức" in read.document.body
    assert len(read.authors) == 1 and read.authors[0].name in ("Ngọc Hân", "Phạm Thu Trang")


def test_a_long_related_story_title_after_the_byline_is_chrome(tmp_path):
    text = ("Hội nghị tổng kết công tác thi đua\n07/01/2020 08:15\n"
            "Ngày 6/1, UBND huyện Văn Quan tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng năm 2019.\n"
            "Hoàng Thu Hà - Phòng Nội vụ\nIn bài viết\nCác tin khác\n"
            "Đồng chí Lương Văn Khoa thăm, chúc mừng các gia đình chính sách tại xã Yên Phúc, huyện Văn Quan (28/12/2019)\n")
    read = read_article(write(tmp_path, "a.txt", text.encode()))
    assert "Yên Phúc" not in read.document.body
    assert [(a.name, a.affiliation) for a in read.authors] == [("Hoàng Thu Hà", "Phòng Nội vụ")]


TABLE_LAYOUT = """<html><head><meta charset="utf-8"><title>Cổng TTĐT huyện Xuân Lộc</title></head><body>
<table width="980"><tr><td colspan="2"><font size="5">CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN XUÂN LỘC</font></td></tr>
<tr><td width="200" valign="top"><table><tr><td><b>XÃ, THỊ TRẤN</b></td></tr>
<tr><td>Thị trấn Gia Ray<br>Xã Xuân Bắc<br>Xã Suối Cao<br>Xã Xuân Thành</td></tr></table></td>
<td valign="top"><table width="100%">
<tr><td class="tieude">Long trọng kỷ niệm 40 năm Ngày giải phóng huyện Xuân Lộc</td></tr>
<tr><td class="ngay">Ngày cập nhật: 21/04/2015 07:45</td></tr>
<tr><td>Tối 20/4, tại Quảng trường Trung tâm hành chính huyện, Huyện ủy – HĐND – UBND huyện Xuân Lộc long trọng
tổ chức Lễ kỷ niệm 40 năm Ngày giải phóng huyện Xuân Lộc (21/4/1975 – 21/4/2015).<br><br>
Đọc diễn văn ôn lại truyền thống, Chủ tịch UBND huyện Huỳnh Ngọc Ẩn nêu rõ ý nghĩa của chiến thắng Xuân Lộc năm 1975
đối với cuộc Tổng tiến công và nổi dậy mùa Xuân.<br><br>Bảo Ngọc (Đài TT Xuân Lộc)</td></tr>
</table></td></tr></table></body></html>"""


def test_a_table_layout_page_keeps_the_story_cell_and_its_dateline(tmp_path):
    read = read_article(write(tmp_path, "table.html", TABLE_LAYOUT.encode()))
    assert "Xuân Bắc" not in read.document.body and "Huỳnh Ngọc Ẩn" in read.document.body
    assert read.document.published == "2015-04-21T07:45"
    assert [a.name for a in read.authors] == ["Bảo Ngọc"]


RECIPIENT_TABLE = """<html><head><meta charset="utf-8"><title>Ngọc Lặc tổng kết thi đua</title></head><body>
<div class="news-content"><h1>Ngọc Lặc tổng kết công tác thi đua, khen thưởng năm 2022</h1>
<p>Sáng 30/12, UBND huyện Ngọc Lặc, tỉnh Thanh Hóa tổng kết công tác thi đua, khen thưởng năm 2022. Danh sách các
cá nhân được tặng danh hiệu Chiến sĩ thi đua cơ sở:</p>
<table><tr><td>STT</td><td>Họ và tên</td><td>Chức vụ, đơn vị công tác</td></tr>
<tr><td>1</td><td>LÊ THỊ THU HÀ</td><td>Phó Trưởng phòng Nội vụ huyện</td></tr>
<tr><td>2</td><td>PHẠM VĂN KHẢI</td><td>Chủ tịch UBND xã Minh Sơn</td></tr></table>
<p style="text-align:right"><b>Lê Quang Vinh</b><br>(Trung tâm VH, TT&amp;TT huyện)</p>
<p>Gửi email | In trang |</p></div></body></html>"""


def test_a_table_of_recipients_reads_as_one_line_per_person(tmp_path):
    read = read_article(write(tmp_path, "table.html", RECIPIENT_TABLE.encode()))
    assert "Lê Thị Thu Hà, Phó Trưởng phòng Nội vụ huyện" in read.document.body.split("\n")
    assert [(a.name, a.affiliation) for a in read.authors] == [("Lê Quang Vinh", "Trung tâm VH, TT&TT huyện")]


def test_a_byline_under_the_headline(tmp_path):
    text = "Mèo Vạc: Ấm áp quà Tết nơi địa đầu\n\nBài, ảnh: Giàng Thị Dung\n\n05/02/2016 08:30\n\n" \
           "Ngày 3/2, đoàn công tác của huyện Mèo Vạc đã đến thăm, tặng quà Tết cho các hộ nghèo.\n"
    read = read_article(write(tmp_path, "top.txt", text.encode()))
    assert read.document.title == "Mèo Vạc: Ấm áp quà Tết nơi địa đầu"
    assert read.document.published == "2016-02-05T08:30"
    assert [a.name for a in read.authors] == ["Giàng Thị Dung"]
    assert "Giàng Thị Dung" not in read.document.body


def test_a_page_dated_only_in_its_schema_org_data(tmp_path):
    page = ('<html><head><script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":'
            '"NewsArticle","headline":"Cử tri đi bầu","datePublished":"2026-03-15T18:20:00+07:00"}]}</script>'
            '<script type="application/ld+json">{broken</script></head><body><article><h1>Cử tri phường Đồng Hới '
            'đi bầu cử</h1><p>Ngày 15/3, hơn 86.000 cử tri phường Đồng Hới đã đi bầu cử đại biểu Quốc hội.</p>'
            '</article></body></html>')
    doc = read_article(write(tmp_path, "a.html", page.encode())).document
    assert doc.published == "2026-03-15T18:20"


def test_a_site_clock_above_the_headline_is_not_the_dateline(tmp_path):
    text = ("TRANG THÔNG TIN ĐIỆN TỬ HUYỆN HOÀI NHƠN\nTrang chủ   Giới thiệu   Tin tức\nThứ Tư, 26/07/2017\nTìm kiếm\n"
            "Hoài Nhơn: Long trọng kỷ niệm 70 năm Ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/2017)\n"
            "Cập nhật lúc: 26/07/2017 09:45\nSáng 25/7, Huyện ủy, HĐND, UBND, Ủy ban MTTQ Việt Nam huyện Hoài Nhơn "
            "long trọng tổ chức Lễ kỷ niệm 70 năm Ngày Thương binh - Liệt sĩ.\nHoài Nam\n")
    doc = read_article(write(tmp_path, "a.txt", text.encode())).document
    assert doc.title.startswith("Hoài Nhơn: Long trọng") and doc.published == "2017-07-26T09:45"


def test_a_table_layout_headline_and_dateline_in_the_cells_above_the_story(tmp_path):
    page = ("<html><head><title>Huyện Đồng Văn - Hà Giang :: Tin tức - Sự kiện</title></head><body><table>"
            "<tr><td><b>DANH MỤC</b></td><td><table>"
            "<tr><td><font size='1'>Tin tức - Sự kiện &gt; Mặt trận</font></td></tr>"
            "<tr><td><font size='4'><b>Xã Lũng Cú tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2013</b></font></td></tr>"
            "<tr><td><i>Cập nhật: 15/11/2013 - 09:30</i></td></tr>"
            "<tr><td><p>Ngày 14/11, tại thôn Lô Lô Chải, xã Lũng Cú, Ban Công tác Mặt trận thôn tổ chức Ngày hội "
            "Đại đoàn kết toàn dân tộc năm 2013 với sự tham dự của đông đảo bà con.</p><p>Về dự có đồng chí Sùng Mí "
            "Chá - Phó Chủ tịch Ủy ban MTTQ tỉnh Hà Giang, cùng lãnh đạo huyện và xã.</p></td></tr>"
            "</table></td></tr></table></body></html>")
    doc = read_article(write(tmp_path, "a.html", page.encode())).document
    assert doc.title == "Xã Lũng Cú tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2013"
    assert doc.published == "2013-11-15T09:30"


def test_a_new_stories_list_and_a_row_of_buttons_under_the_byline(tmp_path):
    body = ("Huyện Krông Bông tuyên dương điển hình\n19/10/2013 08:00\n"
            "Sáng 18/10, huyện Krông Bông tổ chức Lễ tuyên dương các điển hình tiên tiến trong đồng bào dân tộc.\n")
    listed = read_article(write(tmp_path, "a.txt", (body + "Minh Thuận – H'Xíu\nTin mới đăng:\n"
                                                    "- Hội thảo khoa học về đồng chí Y Ngông Niê Kdăm - 15/10/2013\n"
                                                    "- Krông Bông: Xã Hòa Lễ ra mắt mô hình mới - 12/10/2013\n").encode()))
    assert [a.name for a in listed.authors] == ["Minh Thuận", "H'Xíu"]
    assert "Hòa Lễ" not in listed.document.body
    buttons = read_article(write(tmp_path, "b.txt", (body + "Minh TâmIn bài | Gửi email |\n").encode()))
    assert [a.name for a in buttons.authors] == ["Minh Tâm"]


def test_a_reporter_between_the_headline_and_a_dateline_with_its_weekday(tmp_path):
    text = ("Báo Sơn La điện tử\nChính trị - Quốc phòng - An ninh\n"
            "BỘ CHỈ HUY QUÂN SỰ TỈNH SƠN LA TỔ CHỨC ĐẠI HỘI THI ĐUA QUYẾT THẮNG\nNgọc Ánh\n"
            "Cập nhật lúc 09:15, Thứ Sáu, 21/06/2019\n"
            "Ngày 20/6, tại thành phố Sơn La, Bộ Chỉ huy Quân sự tỉnh tổ chức Đại hội Thi đua Quyết thắng.\n")
    read = read_article(write(tmp_path, "w.txt", text.encode()))
    assert read.document.title == "BỘ CHỈ HUY QUÂN SỰ TỈNH SƠN LA TỔ CHỨC ĐẠI HỘI THI ĐUA QUYẾT THẮNG"
    assert read.document.published == "2019-06-21T09:15"
    assert [a.name for a in read.authors] == ["Ngọc Ánh"]


def test_hard_line_breaks_are_joined_back_into_paragraphs():
    from thidua.loaders.layout import unwrap_hard_breaks

    wrapped = ["Mỏ Cày Nam long trọng kỷ niệm 56 năm Ngày Đồng khởi", "18/01/2016 08:00",
               "Sáng qua (17/1), tại Khu di tích Đồng khởi ở xã Định Thủy, Huyện ủy và UBND",
               "huyện Mỏ Cày Nam tổ chức Lễ kỷ niệm 56 năm Ngày Đồng khởi (17/1/1960 – 17/1/2016)",
               "và 86 năm Ngày thành lập Đảng Cộng sản Việt Nam.",
               "Dự buổi lễ có đồng chí Trương Văn Nhã – Phó Chủ tịch UBND tỉnh Bến Tre; đồng",
               "chí Lê Văn Kiệt – Bí thư Huyện ủy Mỏ Cày Nam; đồng chí Huỳnh Thị Nhung – Phó",
               "Bí thư Huyện ủy, Chủ tịch UBND huyện cùng các cựu chiến binh và nhân dân.", "",
               "Thanh Tâm"]
    assert unwrap_hard_breaks(wrapped) == [
        wrapped[0], wrapped[1], " ".join(wrapped[2:5]), " ".join(wrapped[5:8]), "Thanh Tâm"]
    # Lines of a list, each in capitals and of one width, stay apart; so do a file's own paragraphs.
    listed = [f"Ông Nguyễn Văn {n}, Chủ tịch Ủy ban nhân dân xã {n} Thượng, huyện Mộc Châu, tỉnh Sơn La"
              for n in ("An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải")]
    assert unwrap_hard_breaks(listed) == listed
    paragraphs = ["Tin", "01/01/2020"] + ["Một đoạn văn dài của bài báo, " * 8 + "kết thúc." for _ in range(6)]
    assert unwrap_hard_breaks(paragraphs) == paragraphs


def test_the_site_footer_under_the_byline_with_a_rule_and_the_site_name(tmp_path):
    text = ("Cử tri Cẩm Xuyên nô nức đi bầu cử\n23/05/2021 11:05\n"
            "Sáng nay (23/5), hơn 94.000 cử tri huyện Cẩm Xuyên đã nô nức đến 142 khu vực bỏ phiếu để bầu đại biểu "
            "Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021 - 2026.\n"
            "Tin: Hoài Nam – Ảnh: Đức Tâm\n-----------------\nCỔNG THÔNG TIN ĐIỆN TỬ HUYỆN CẨM XUYÊN\n"
            "Cơ quan chủ quản: UBND huyện Cẩm Xuyên\nĐiện thoại: 0239.3861.xxx\n"
            "Trang thông tin huyện Cẩm Xuyên | Địa chỉ: Khối 9, thị trấn Cẩm Xuyên, huyện Cẩm Xuyên, tỉnh Hà Tĩnh | "
            "ĐT: 0239.3861.xxx | Email: ubnd@camxuyen.gov.vn\n")
    read = read_article(write(tmp_path, "f.txt", text.encode()))
    assert [a.name for a in read.authors] == ["Hoài Nam", "Đức Tâm"]
    assert "Địa chỉ" not in read.document.body and "CỔNG" not in read.document.body


def test_a_section_name_in_the_page_title_is_no_headline(tmp_path):
    page = ('<html><head><title>Website huyen Luc Ngan - Tin tuc</title></head><body><table><tr><td>'
            '<font size="4"><b>Đại hội Thi đua yêu nước huyện Lục Ngạn lần thứ III</b></font><br>'
            '<font size="1">Ngày cập nhật: 25/06/2010</font><br><br>'
            '<font size="2">Ngày 24/6/2010, UBND huyện Lục Ngạn tổ chức Đại hội Thi đua yêu nước lần thứ III.</font>'
            '</td></tr></table></body></html>')
    read = read_article(write(tmp_path, "t.html", page.encode()))
    assert read.document.title == "Đại hội Thi đua yêu nước huyện Lục Ngạn lần thứ III"
    assert read.document.published == "2010-06-25"
