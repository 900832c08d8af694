import io
import json

from kg.read import read_paths
from kg.records import Article, ReadError


def test_txt_with_sidecar(tmp_path):
    (tmp_path / "a.txt").write_text("قال الوزير إن الوضع مستقر.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "T", "url": "https://x.org/a", "language": "ar"}), encoding="utf-8")
    [a] = list(read_paths([tmp_path]))
    assert isinstance(a, Article)
    assert a.title == "T" and a.url == "https://x.org/a" and a.language == "ar"
    assert a.text == "قال الوزير إن الوضع مستقر.\n"


def test_json_list_and_unknown_fields_kept(tmp_path):
    recs = [{"id": "1", "text": "Officials said the road was open.", "section": "world"}, {"id": "2", "text": "Second."}]
    (tmp_path / "r.json").write_text(json.dumps(recs), encoding="utf-8")
    items = list(read_paths([tmp_path / "r.json"]))
    assert [i.id for i in items] == ["1", "2"]
    assert items[0].extra == {"section": "world"}


def test_jsonl_with_a_bad_line(tmp_path):
    (tmp_path / "r.jsonl").write_text('{"text": "One."}\nnot json\n{"title": "no text"}\n', encoding="utf-8")
    items = list(read_paths([tmp_path / "r.jsonl"]))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], ReadError) and "invalid JSON" in items[1].message and items[1].source.endswith("#2")
    assert isinstance(items[2], ReadError) and '"text"' in items[2].message


def test_stdin_json_lines():
    items = list(read_paths(["-"], stdin=io.StringIO('{"text": "Hello there.", "url": "https://x.org/1"}\n')))
    assert items[0].url == "https://x.org/1" and items[0].source == "<stdin>#1"


def test_html_main_text_and_title(tmp_path):
    body = "<p>" + "وقال المتحدث باسم الوزارة إن المفاوضات مستمرة منذ أسابيع. " * 5 + "</p>"
    html = f"<html><head><title>عنوان الخبر</title></head><body><nav>menu</nav><article>{body}</article></body></html>"
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    [a] = list(read_paths([tmp_path / "p.html"]))
    assert isinstance(a, Article)
    assert "المفاوضات مستمرة" in a.text and "menu" not in a.text
    assert a.title == "عنوان الخبر"


def test_empty_binary_and_non_utf8_are_errors_naming_the_file(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "latin.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "ok.txt").write_text("Fine text.", encoding="utf-8")
    items = {i.source.rsplit("/", 1)[-1]: i for i in read_paths([tmp_path])}
    assert isinstance(items["ok.txt"], Article)
    assert items["empty.txt"].message == "empty file"
    assert "binary" in items["bin.txt"].message
    assert "not UTF-8" in items["latin.txt"].message


def test_missing_path():
    [e] = list(read_paths(["/nonexistent/x.txt"]))
    assert isinstance(e, ReadError) and "no such file" in e.message
