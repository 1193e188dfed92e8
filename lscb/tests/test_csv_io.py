import csv
import datetime
import decimal
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from boards.choices import AgencySector
from lscb.csv_io import Column, csv_response, parse_choice, parse_csv_upload, parse_date, parse_decimal, safe_cell


def _read(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _upload(text, name="upload.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_export_neutralises_spreadsheet_formulas():
    response = csv_response(
        "agencies", ["Name", "Note"], [['=HYPERLINK("http://x")', "+1"], ["-2", "@SUM(A1)"], ["\tx", "safe"]]
    )
    rows = _read(response)
    assert rows[0] == ["Name", "Note"]
    assert rows[1] == ['\'=HYPERLINK("http://x")', "'+1"]
    assert rows[2] == ["'-2", "'@SUM(A1)"]
    assert rows[3] == ["'\tx", "safe"]


def test_export_keeps_numbers_dates_and_booleans_readable():
    assert safe_cell(-5) == -5
    assert safe_cell(decimal.Decimal("-1.50")) == decimal.Decimal("-1.50")
    assert safe_cell(datetime.date(2025, 4, 1)) == "2025-04-01"
    assert safe_cell(True) == "Yes"
    assert safe_cell(None) == ""


def test_export_is_an_attachment_with_a_safe_filename():
    response = csv_response('bad"name/../x', ["A"], [])
    assert response["Content-Type"].startswith("text/csv")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    assert disposition.endswith('.csv"')
    assert "/" not in disposition and '"name' not in disposition


def test_upload_parses_good_rows_with_their_row_numbers():
    text = 'Agency,Date,Amount\nPolice,2025-06-30,"1,200.50"\n\nHealth,30/06/2025,3\n'
    rows, errors = parse_csv_upload(
        _upload(text),
        [Column("Agency"), Column("Date", parse_date), Column("Amount", parse_decimal)],
    )
    assert errors == []
    assert rows == [
        {
            "Agency": "Police",
            "Date": datetime.date(2025, 6, 30),
            "Amount": decimal.Decimal("1200.50"),
            "_row_number": 2,
        },
        {"Agency": "Health", "Date": datetime.date(2025, 6, 30), "Amount": decimal.Decimal("3"), "_row_number": 4},
    ]


def test_upload_reports_each_bad_row_with_number_and_reason():
    text = "agency , date,sector\nPolice,2025-13-01,police\n,2025-04-01,nonsense\nHealth,2025-04-01,NHS trust\n"
    rows, errors = parse_csv_upload(
        _upload(text), [Column("Agency"), Column("Date", parse_date), Column("Sector", parse_choice(AgencySector))]
    )
    assert [n for n, _ in errors] == [2, 3]
    assert "Date" in errors[0][1] and "not a date" in errors[0][1]
    assert "Agency is blank" in errors[1][1] and "nonsense" in errors[1][1]
    assert rows[0]["Sector"] == AgencySector.NHS_TRUST


def test_upload_optional_blank_cells_take_the_default():
    rows, errors = parse_csv_upload(_upload("A,B\nx,\n"), [Column("A"), Column("B", int, required=False, default=7)])
    assert errors == []
    assert rows[0]["B"] == 7


def test_upload_missing_columns_is_a_header_error():
    rows, errors = parse_csv_upload(_upload("A,C\n1,2\n"), [Column("A"), Column("B")])
    assert rows == []
    assert errors == [(1, "Missing column(s): B")]


def test_upload_too_big_is_refused_before_parsing():
    rows, errors = parse_csv_upload(_upload("A\n" + "x\n" * 100), [Column("A")], max_bytes=50)
    assert rows == []
    assert errors[0][0] == 0 and "larger than" in errors[0][1]


def test_upload_too_many_rows_is_refused():
    _, errors = parse_csv_upload(_upload("A\n" + "x\n" * 20), [Column("A")], max_rows=5)
    assert errors == [(7, "The file has more than 5 rows")]


def test_upload_not_utf8_or_empty_is_reported():
    _, errors = parse_csv_upload(SimpleUploadedFile("x.csv", "A\nCafé\n".encode("utf-16")), [Column("A")])
    assert "UTF-8" in errors[0][1]
    _, errors = parse_csv_upload(_upload(""), [Column("A")])
    assert errors == [(0, "The file is empty")]


def test_upload_accepts_a_byte_order_mark():
    rows, errors = parse_csv_upload(SimpleUploadedFile("x.csv", "\ufeffA\n1\n".encode()), [Column("A")])
    assert errors == [] and rows[0]["A"] == "1"
