"""Time the rooming of a summit-sized visit (12 hotels, 3,000 stays): every hotel's
rooming list as XLSX and as PDF, and the rooming checks, each beside a floor.

    python benchmarks/bench_rooming.py [--repeat N] [--scale S]

The guests are given an arrival and a departure first (not timed), so that the checks
of the nights run for every one. Goals: the lists of all hotels under 2 s (each format);
the checks over the stays under 100 ms. The floors, in the same run: a workbook written
with openpyxl of the same cells without styling; a reportlab document of the same tables
without colours or furniture; for the checks, one pass over the stays grouping each
person's nights (the least the checks must do).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from summit import FIRST_DAY, PARIS, SummitSize, generate_summit

from visitplanner.domain.checks import CheckIndex
from visitplanner.domain.model import TravelLeg, VisitData
from visitplanner.domain.rooming_checks import rooming_findings
from visitplanner.domain.values import Profile, Side
from visitplanner.exports.rooming import Sheet, rooming_pdf, rooming_xlsx, sheet_of
from visitplanner.services.rooming import rooming_lists


def best_of(repeat: int, step: Callable[[], object]) -> tuple[float, object]:
    """The shortest time of `repeat` runs of `step`, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return min(times), result


def with_journeys(data: VisitData) -> None:
    """Give every guest an arrival on the first day and a departure on the last."""
    guests = {d.id for d in data.delegations if d.side is Side.GUEST}
    last = data.visit.end_date
    for person in data.people:
        if person.delegation_id in guests:
            day = FIRST_DAY
            person.arrival = TravelLeg(
                time=datetime(day.year, day.month, day.day, 10, tzinfo=PARIS)
            )
            person.departure = TravelLeg(
                time=datetime(last.year, last.month, last.day, 16, tzinfo=PARIS)
            )


def sheets(data: VisitData) -> list[Sheet]:
    """Every hotel's list as cells (what both formats start from)."""
    return [sheet_of(data, r, Profile.INTERNAL) for r in rooming_lists(data, [], Profile.INTERNAL)]


def floor_xlsx(cells: list[Sheet]) -> bytes:
    """The same cells in a plain workbook."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for number, sheet in enumerate(cells):
        ws = book.create_sheet(f"Hotel {number + 1}")
        ws.append([sheet.title])
        ws.append(sheet.headers)
        for row in sheet.rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def floor_pdf(cells: list[Sheet]) -> bytes:
    """The same tables in a plain reportlab document: every cell a plain string (the
    least a table can be), the same font, no colours, no furniture."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import LongTable, PageBreak, Paragraph, SimpleDocTemplate

    from visitplanner.exports.pdf_fonts import regular_and_bold

    regular, _bold = regular_and_bold()
    style = ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=landscape(A4))
    story: list[object] = []
    for sheet in cells:
        grid = [sheet.headers, *sheet.rows]
        width = (landscape(A4)[0] - 144) / len(sheet.headers)
        table = LongTable(grid, colWidths=width, repeatRows=1)
        table.setStyle([("FONTNAME", (0, 0), (-1, -1), regular), ("FONTSIZE", (0, 0), (-1, -1), 8)])
        story += [Paragraph(sheet.title, style), table]
        story.append(PageBreak())
    doc.build(story)  # type: ignore[arg-type]
    return out.getvalue()


def floor_checks(data: VisitData) -> int:
    """One pass over the stays: each person's nights, and the rooms by number."""
    nights: dict[str, set[object]] = defaultdict(set)
    rooms: dict[tuple[str, str], int] = defaultdict(int)
    for stay in data.stays:
        nights[stay.person_id].update(stay.nights())
        rooms[(stay.hotel_id, stay.room_number)] += 1
    return len(nights) + len(rooms)


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scale", type=float, default=1.0, help="times the summit")
    args = parser.parse_args(argv)
    data = generate_summit(SummitSize.scaled(args.scale))
    with_journeys(data)
    hotels = sum(1 for v in data.venues if v.hotel)
    print(f"summit rooming: {hotels} hotels, {len(data.stays)} stays, {len(data.people)} people")

    def xlsx() -> bytes:
        return rooming_xlsx(sheets(data))

    def pdf() -> bytes:
        return rooming_pdf(data, sheets(data), Profile.INTERNAL)

    cells = sheets(data)
    xlsx_time, _ = best_of(args.repeat, xlsx)
    xlsx_floor, _ = best_of(args.repeat, lambda: floor_xlsx(cells))
    print(
        f"rooming lists of all hotels, XLSX: {xlsx_time * 1000:.0f} ms (goal < 2000 ms); "
        f"floor {xlsx_floor * 1000:.0f} ms, ratio {xlsx_time / xlsx_floor:.2f}"
    )
    pdf_time, payload = best_of(args.repeat, pdf)
    pdf_floor, _ = best_of(args.repeat, lambda: floor_pdf(cells))
    size = len(payload) / 1e6 if isinstance(payload, bytes) else 0.0
    print(
        f"rooming lists of all hotels, PDF ({size:.1f} MB): {pdf_time * 1000:.0f} ms "
        f"(goal < 2000 ms); floor {pdf_floor * 1000:.0f} ms, ratio {pdf_time / pdf_floor:.2f}"
    )
    ix = CheckIndex(data)
    check_time, found = best_of(args.repeat, lambda: list(rooming_findings(ix)))
    floor_time, _ = best_of(args.repeat, lambda: floor_checks(data))
    count = len(found) if isinstance(found, list) else 0
    print(
        f"rooming checks: {check_time * 1000:.1f} ms (goal < 100 ms), {count} findings; "
        f"floor {floor_time * 1000:.1f} ms, ratio {check_time / floor_time:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
