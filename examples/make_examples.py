"""Build the binary example reports (PDF, DOCX) from texts written for Rankfile.

    .venv/bin/python examples/make_examples.py

The generated files are committed; dates are fixed so reruns give the same text and
metadata. The texts summarise public reporting in our own words (see README.md).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import docx
from fpdf import FPDF

HERE = Path(__file__).parent

BARRIER_TITLE = "Briefing: orders to fire on retreating soldiers"
BARRIER_AUTHOR = "Example Monitoring Group"
BARRIER_DATE = datetime(2023, 3, 6, 10, 0, tzinfo=UTC)
BARRIER = [
    BARRIER_TITLE,
    "Briefing paper written for the Rankfile examples. It summarises public statements "
    "and reporting; it is not an original investigation.",
    "Since the autumn of 2022 several governments and media outlets have reported that "
    "Russian commanders use so-called barrier or blocking units to stop their own soldiers "
    "from retreating. In an intelligence update published on 4 November 2022, the British "
    "Ministry of Defence said that Russia had probably begun to deploy such units, which "
    "threaten to shoot retreating soldiers, and compared the practice with the "
    "blocking detachments of the Second World War.",
    "The Security Service of Ukraine (SBU) has since published a series of intercepted "
    "telephone calls in which men who present themselves as Russian soldiers say that "
    "units behind them fired on comrades who tried to pull back. The SBU does not publish "
    "the raw recordings in full, and their authenticity cannot be checked independently.",
    "Former Storm-Z fighters interviewed by independent media in 2023 gave similar "
    "accounts. Two of them said that in October 2023, near Avdiivka, men who turned back "
    "during an assault were threatened with being shot by a unit stationed behind them.",
    "Under the Rome Statute, an order to kill one's own soldiers who are not taking part "
    "in hostilities, or who are hors de combat, is not a lawful order. Russian law also "
    "forbids extrajudicial killing; no criminal case over a barrier unit has been made public.",
    "Recommendations: researchers should record each report with its original source, the "
    "date and place given, the unit named, and whether the account rests on an intercept, "
    "a testimony or an official statement, so that claims can be compared across sources.",
]

KORZHICH_TITLE = "Notes: the death of conscript Alexander Korzhich (Belarus, 2017)"
KORZHICH_AUTHOR = "Rankfile examples"
KORZHICH_DATE = datetime(2018, 6, 1, 9, 0)
KORZHICH = [
    "Research notes written for the Rankfile examples, summarising widely reported public facts.",
    "On 3 October 2017 Private Alexander Korzhich, a 21-year-old conscript, was found hanged "
    "in the basement of a building at the Pechi training ground near Barysaw, in the Minsk "
    "region of Belarus. Military investigators first treated the death as a suicide.",
    "His mother and independent Belarusian journalists said that he had been extorted and "
    "humiliated by sergeants in his unit and that he had asked relatives for money shortly "
    "before his death. The case caused an outcry in Belarus: President Alexander Lukashenko "
    "ordered an inspection of the army, and several senior officers at the training "
    "centre were dismissed.",
    "The Investigative Committee of Belarus later charged three sergeants with abuse of "
    "authority and with driving the conscript to suicide. In 2018 a court in Minsk sentenced "
    "them to prison terms, and prosecutors opened further cases over extortion of conscripts "
    "at the same training ground.",
    "The Korzhich case is one of the best documented examples of dedovshchina outside Russia. "
    "Belarusian rights defenders said at the time that dozens of conscripts die every year in "
    "non-combat incidents and that many of these deaths are recorded as suicides without a "
    "proper investigation.",
]
KORZHICH_TABLE = [
    ("Date found", "3 October 2017"),
    ("Place", "Pechi training ground, near Barysaw"),
    ("Accused", "three sergeants"),
    ("Outcome", "prison terms in 2018"),
]


def make_pdf(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_title(BARRIER_TITLE)
    pdf.set_author(BARRIER_AUTHOR)
    pdf.set_creation_date(BARRIER_DATE)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=15)
    pdf.multi_cell(0, 8, BARRIER[0])
    pdf.ln(4)
    pdf.set_font("Helvetica", size=11)
    for paragraph in BARRIER[1:]:
        pdf.multi_cell(0, 6, paragraph)
        pdf.ln(3)
    pdf.output(str(path))


def make_docx(path: Path) -> None:
    document = docx.Document()
    props = document.core_properties
    props.title = KORZHICH_TITLE
    props.author = KORZHICH_AUTHOR
    props.created = KORZHICH_DATE
    props.modified = KORZHICH_DATE
    document.add_heading(KORZHICH_TITLE, level=1)
    for paragraph in KORZHICH:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=0, cols=2)
    for key, value in KORZHICH_TABLE:
        cells = table.add_row().cells
        cells[0].text = key
        cells[1].text = value
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


if __name__ == "__main__":
    make_pdf(HERE / "barrier-troops-briefing.pdf")
    make_docx(HERE / "korzhich-notes.docx")
    print("wrote", HERE / "barrier-troops-briefing.pdf", HERE / "korzhich-notes.docx")
