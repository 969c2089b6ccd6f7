#!/usr/bin/python3
"""Builds test/fixtures/rich/*.xlsx headlessly with LibreOffice (Python UNO): inspection workbooks
that carry what a spreadsheet library may not understand -- a chart, a pivot table (DataPilot), an
image, cell comments, defined names, a custom cell style, a hidden sheet, and (added to the saved
package afterwards, since LibreOffice cannot write them) Excel threaded comments -- each next to a
valid Cases sheet. `report --out` must keep every one of those parts byte for byte
(test/hostile/package-preservation.test.ts).

Needs LibreOffice and its Python bridge (Debian: libreoffice-calc-nogui python3-uno); run with the
system Python, which is the one the bridge is built for:

    /usr/bin/python3 scripts/make-rich-fixtures.py            # writes test/fixtures/rich/
    /usr/bin/python3 scripts/make-rich-fixtures.py OUT_DIR

The fixtures are committed, so the tests do not need python3-uno. LibreOffice stamps the save time
into docProps/core.xml, so a rerun changes a few bytes; the contents are otherwise the same.
"""

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib

import uno  # noqa: E402  (python3-uno)
from com.sun.star.awt import Rectangle
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.sheet.DataPilotFieldOrientation import DATA, ROW
from com.sun.star.sheet.GeneralFunction import COUNT
from com.sun.star.table import CellAddress, CellRangeAddress

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))

CRITERIA = [
    ("1.1", "Initial assessment of the likelihood of reoffending", "all"),
    ("1.2", "Quality of the pre-sentence report (PSR)", "psr"),
    ("1.3", "Planning to reduce the likelihood of reoffending", "all"),
    ("1.4", "Review of the assessment as circumstances changed", "any"),
    ("2.1", "Initial assessment of risk of harm to others", "any"),
    ("2.2", "Review of the risk of harm assessment", "any"),
    ("2.3", "Planning to manage risk of harm to others", "any"),
    ("2.4", "Managing risk of harm to identifiable victims", "any"),
    ("2.5", "Management oversight of risk of harm work", "any"),
    ("3.1", "Initial assessment of safeguarding and vulnerability", "any"),
    ("3.2", "Review of safeguarding and vulnerability assessment", "any"),
    ("3.3", "Planning to manage safeguarding and vulnerability", "any"),
    ("3.4", "Management oversight of safeguarding and vulnerability", "any"),
    ("3.6", "Custodial planning for safeguarding and vulnerability", "custody"),
    ("4.1", "Child and parents/carers involved in the assessment", "all"),
    ("4.2", "PSR shared and explained before sentence", "psr"),
    ("4.3", "Diversity and barriers to engagement followed through", "all"),
    ("4.4", "Attention to health and well-being outcomes", "all"),
    ("4.5", "Enforcement proportionate and timely where needed", "any"),
    ("5.1", "Supervisory input made a positive difference", "any"),
]
CASES = [
    ("C01", "A. Khan", "Community", "Yes"),
    ("C02", "B. Jones", "Community", "No"),
    ("C03", "C. Smith", "Custody", "Yes"),
    ("C04", "A. Khan", "Community", "No"),
    ("C05", "B. Jones", "Custody", "No"),
    ("C06", "C. Smith", "Community", "Yes"),
]
NOT_MET = {("1.1", "C02"), ("1.1", "C05"), ("2.1", "C03"), ("3.6", "C05")}


def judgement(criterion, case):
    cid, _title, applies = criterion
    _id, _manager, sentence, psr = case
    if applies == "custody" and sentence != "Custody":
        return "N/A"
    if applies == "psr" and psr != "Yes":
        return "N/A"
    return "No" if (cid, case[0]) in NOT_MET else "Yes"


def cases_rows():
    header = ["Case ID", "Case manager", "Sentence", "PSR"] + ["%s %s" % (c[0], c[1]) for c in CRITERIA] + ["1 Notes"]
    rows = [header]
    for case in CASES:
        rows.append(list(case) + [judgement(c, case) for c in CRITERIA] + ["Evidence for %s." % case[0]])
    return rows


def png_bytes(width=24, height=16):
    """A small opaque PNG (a blue and orange band), made without any imaging library."""
    raw = b""
    for y in range(height):
        raw += b"\x00" + b"".join(struct.pack("BBB", 31, 78, 121) if x < width // 2 else struct.pack("BBB", 237, 125, 49) for x in range(width))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


class Office:
    """A headless soffice with a fresh profile, reached over a named pipe."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="rich-fixtures-profile-")
        self.pipe = "ciw_rich_%d" % os.getpid()
        soffice = shutil.which("soffice") or "/usr/bin/soffice"
        self.process = subprocess.Popen(
            [
                soffice,
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nolockcheck",
                "-env:UserInstallation=file://%s" % self.profile,
                "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 60
        while True:
            try:
                self.ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % self.pipe)
                break
            except NoConnectException:
                if time.time() > deadline:
                    raise
                time.sleep(0.25)
        self.smgr = self.ctx.ServiceManager
        self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)

    def new_calc(self):
        return self.desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (prop("Hidden", True),))

    def graphic(self, path):
        provider = self.smgr.createInstanceWithContext("com.sun.star.graphic.GraphicProvider", self.ctx)
        return provider.queryGraphic((prop("URL", uno.systemPathToFileUrl(path)),))

    def close(self):
        try:
            self.desktop.terminate()
        except Exception:  # the bridge goes away as soffice exits
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def fill(sheet, rows, top=0, left=0):
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = sheet.getCellByPosition(left + c, top + r)
            if isinstance(value, (int, float)):
                cell.setValue(value)
            else:
                cell.setString(value)


def cases_sheet(doc):
    sheets = doc.getSheets()
    sheets.getByIndex(0).setName("Cases")
    sheet = sheets.getByName("Cases")
    fill(sheet, cases_rows())
    return sheet


def add_sheet(doc, name):
    sheets = doc.getSheets()
    sheets.insertNewByName(name, sheets.getCount())
    return sheets.getByName(name)


def add_chart(doc):
    data = add_sheet(doc, "Chart data")
    fill(data, [["Section", "Met", "Not met"], ["1 Reoffending", 19, 2], ["2 Public", 27, 1], ["3 Child", 24, 1], ["4 Sentence", 23, 0], ["5 Management", 6, 0]])
    address = CellRangeAddress()
    address.Sheet = doc.getSheets().getCount() - 1
    address.StartColumn, address.StartRow, address.EndColumn, address.EndRow = 0, 0, 2, 5
    rect = Rectangle()
    rect.X, rect.Y, rect.Width, rect.Height = 4000, 500, 12000, 7000
    data.getCharts().addNewByName("SectionScores", rect, (address,), True, True)


def add_pivot(doc):
    cases = doc.getSheets().getByName("Cases")
    pivot_sheet = add_sheet(doc, "Pivot")
    descriptor = pivot_sheet.getDataPilotTables().createDataPilotDescriptor()
    source = CellRangeAddress()
    source.Sheet = 0
    source.StartColumn, source.StartRow, source.EndColumn, source.EndRow = 0, 0, 4 + len(CRITERIA), len(CASES)
    descriptor.setSourceRange(source)
    fields = descriptor.getDataPilotFields()
    sentence = fields.getByIndex(2)
    sentence.Orientation = ROW
    first = fields.getByIndex(4)
    first.Orientation = DATA
    first.Function = COUNT
    target = CellAddress()
    target.Sheet = doc.getSheets().getCount() - 1
    target.Column, target.Row = 0, 2
    pivot_sheet.getDataPilotTables().insertNewByName("CasesBySentence", target, descriptor)
    pivot_sheet.getCellByPosition(0, 0).setString("Cases by sentence (pivot table)")
    del cases


def add_image(office, doc, png_path):
    sheet = add_sheet(doc, "Logo")
    sheet.getCellByPosition(0, 0).setString("Service logo")
    shape = doc.createInstance("com.sun.star.drawing.GraphicObjectShape")
    shape.Graphic = office.graphic(png_path)
    size = uno.createUnoStruct("com.sun.star.awt.Size")
    size.Width, size.Height = 2400, 1600
    point = uno.createUnoStruct("com.sun.star.awt.Point")
    point.X, point.Y = 1000, 1000
    sheet.getDrawPage().add(shape)
    shape.setSize(size)
    shape.setPosition(point)


def add_comments(doc):
    cases = doc.getSheets().getByName("Cases")
    for col, row, text in [(0, 1, "Checked with the case manager on 3 June."), (4, 2, "Second opinion: No. Discussed at moderation."), (2, 3, "Custody: moved to a YOI in May.")]:
        address = CellAddress()
        address.Sheet, address.Column, address.Row = 0, col, row
        cases.getAnnotations().insertNew(address, text)


def add_names_style_hidden(doc):
    names = doc.NamedRanges
    origin = CellAddress()
    names.addNewByName("CaseIDs", "$Cases.$A$2:$A$7", origin, 0)
    names.addNewByName("Threshold", "0.8", origin, 0)
    styles = doc.getStyleFamilies().getByName("CellStyles")
    style = doc.createInstance("com.sun.star.style.CellStyle")
    styles.insertByName("Inspection highlight", style)
    style.CellBackColor = 0xFFEE99
    style.CharWeight = 150.0  # bold
    cases = doc.getSheets().getByName("Cases")
    for col in range(4):
        cases.getCellByPosition(col, 0).CellStyle = "Inspection highlight"
    hidden = add_sheet(doc, "Moderation (hidden)")
    fill(hidden, [["Moderator", "Cases checked"], ["D. Patel", 6]])
    hidden.IsVisible = False


def save(doc, path):
    doc.storeToURL(uno.systemPathToFileUrl(path), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)


THREADED_NS = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
PERSON_REL = "http://schemas.microsoft.com/office/2017/10/relationships/person"
THREADED_REL = "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment"


def add_threaded_comments(path):
    """Adds an Excel threaded comment on Cases!B2 (a persons part and a threadedComments part)."""
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    names = [i.filename for i, _ in parts]
    person = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<personList xmlns="%s" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<person displayName="Lead Inspector" id="{6A5E1C2B-0000-4000-8000-000000000001}" userId="lead@example.invalid" providerId="None"/>'
        "</personList>" % THREADED_NS
    )
    thread = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<ThreadedComments xmlns="%s" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<threadedComment ref="B2" dT="2026-01-15T09:30:00.00" personId="{6A5E1C2B-0000-4000-8000-000000000001}" id="{6A5E1C2B-0000-4000-8000-000000000002}">'
        "<text>Is A. Khan still the case manager after the transfer?</text></threadedComment>"
        '<threadedComment ref="B2" dT="2026-01-15T10:00:00.00" personId="{6A5E1C2B-0000-4000-8000-000000000001}" id="{6A5E1C2B-0000-4000-8000-000000000003}" parentId="{6A5E1C2B-0000-4000-8000-000000000002}">'
        "<text>Yes, confirmed by the service.</text></threadedComment>"
        "</ThreadedComments>" % THREADED_NS
    )
    out = []
    for info, data in parts:
        if info.filename == "[Content_Types].xml":
            data = data.replace(
                b"</Types>",
                b'<Override PartName="/xl/persons/person.xml" ContentType="application/vnd.ms-excel.person+xml"/>'
                b'<Override PartName="/xl/threadedComments/threadedComment1.xml" ContentType="application/vnd.ms-excel.threadedcomments+xml"/></Types>',
            )
        elif info.filename == "xl/_rels/workbook.xml.rels":
            data = data.replace(b"</Relationships>", ('<Relationship Id="rIdPerson1" Type="%s" Target="persons/person.xml"/></Relationships>' % PERSON_REL).encode())
        elif info.filename == "xl/worksheets/_rels/sheet1.xml.rels":
            data = data.replace(b"</Relationships>", ('<Relationship Id="rIdThread1" Type="%s" Target="../threadedComments/threadedComment1.xml"/></Relationships>' % THREADED_REL).encode())
        out.append((info.filename, data))
    if "xl/worksheets/_rels/sheet1.xml.rels" not in names:
        out.append(
            (
                "xl/worksheets/_rels/sheet1.xml.rels",
                ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rIdThread1" Type="%s" Target="../threadedComments/threadedComment1.xml"/></Relationships>' % THREADED_REL).encode(),
            )
        )
    out.append(("xl/persons/person.xml", person.encode()))
    out.append(("xl/threadedComments/threadedComment1.xml", thread.encode()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in out:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 15, 9, 30, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def main():
    out_dir = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "test", "fixtures", "rich"))
    os.makedirs(out_dir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="rich-fixtures-")
    png_path = os.path.join(work, "logo.png")
    with open(png_path, "wb") as f:
        f.write(png_bytes())
    office = Office()
    try:
        builds = {
            "rich-chart.xlsx": lambda doc: add_chart(doc),
            "rich-pivot-table.xlsx": lambda doc: add_pivot(doc),
            "rich-image.xlsx": lambda doc: add_image(office, doc, png_path),
            "rich-comments.xlsx": lambda doc: add_comments(doc),
            "rich-names-style-hidden-sheet.xlsx": lambda doc: add_names_style_hidden(doc),
            "rich-everything.xlsx": lambda doc: (add_comments(doc), add_chart(doc), add_pivot(doc), add_image(office, doc, png_path), add_names_style_hidden(doc)),
        }
        for name, build in builds.items():
            doc = office.new_calc()
            cases_sheet(doc)
            build(doc)
            path = os.path.join(out_dir, name)
            save(doc, path)
            print("wrote %s" % path)
        threaded = os.path.join(out_dir, "rich-threaded-comments.xlsx")
        shutil.copyfile(os.path.join(out_dir, "rich-comments.xlsx"), threaded)
        add_threaded_comments(threaded)
        print("wrote %s" % threaded)
    finally:
        office.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
