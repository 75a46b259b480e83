"""Time importing a 10,000-row roster sheet on the command line, and exporting it again.

    python benchmarks/bench_roster.py [--rows N] [--repeat N]

Generates a Ukrainian office's sheet (Windows-1251 CSV, ПІБ in one column, so
every Latin name is transliterated) and the same as XLSX, then runs
`visitplanner import-roster` on a new visit in a child process, as an officer
would, and `export-roster` of the result. Reports the best of N runs of each.
Target: the import under 10 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FAMILIES = (
    "Коваленко", "Шевченко", "Бондар", "Мельник", "Ткаченко", "Кравченко", "Олійник",
    "Шиманський", "Мʼясоїдов", "Їжакевич", "Гнатюк", "Савчук", "Руденко", "Лисенко",
)  # fmt: skip
GIVEN = ("Андрій", "Олена", "Юрій", "Наталія", "Олег", "Євгенія", "Тарас", "Яна", "Ігор")
PATRONYMICS = ("Іванович", "Петрівна", "Олегович", "Андріївна", "Юрійович")
ROLES = ("член делегації", "ветеран", "перекладач", "охорона", "преса", "водій", "радник")
DELEGATIONS = tuple(f"Делегація {n}" for n in range(1, 21))


def sheet_rows(count: int, seed: int = 2026) -> list[list[str]]:
    """A header and `count` rows of distinct people, in 20 delegations."""
    rng = random.Random(seed)
    rows = [["№", "ПІБ", "Посада", "Роль", "Дата народження", "Номер паспорта", "Делегація"]]
    for n in range(1, count + 1):
        name = f"{rng.choice(FAMILIES)}-{n} {rng.choice(GIVEN)} {rng.choice(PATRONYMICS)}"
        born = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1950, 2004)}"
        rows.append(
            [str(n), name, "Радник", rng.choice(ROLES), born, f"FX{n:06d}",
             DELEGATIONS[n % len(DELEGATIONS)]]
        )  # fmt: skip
    return rows


def write_csv(path: Path, rows: list[list[str]], encoding: str = "cp1251") -> None:
    """The rows as a CSV file as a Ukrainian Excel writes it (Windows-1251, `;`)."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().replace("ʼ", "'").encode(encoding))


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    """The rows as an XLSX workbook."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Аркуш1")
    for row in rows:
        sheet.append(row)
    book.save(path)


def run(*args: str, config: Path) -> float:
    """Run `visitplanner ARGS` in a child process; the seconds it took."""
    env = {**os.environ, "VISITPLANNER_CONFIG_DIR": str(config), "LANG": "en_GB.UTF-8"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "visitplanner", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )  # fmt: skip
    took = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"visitplanner {' '.join(args)} failed:\n{result.stderr}")
    return took


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rows = sheet_rows(args.rows)
        sheets = {"CSV (Windows-1251)": folder / "roster.csv", "XLSX": folder / "roster.xlsx"}
        write_csv(sheets["CSV (Windows-1251)"], rows)
        write_xlsx(sheets["XLSX"], rows)
        baseline = min(run("--version", config=folder) for _ in range(args.repeat))
        print(f"interpreter start-up (visitplanner --version): {baseline:.2f} s")
        for label, sheet in sheets.items():
            times = []
            for attempt in range(args.repeat):
                visit = folder / f"v{attempt}-{sheet.suffix[1:]}.visit"
                run("new", str(visit), "--title", "Sommet", "--start", "2026-06-01",
                    "--end", "2026-06-03", "--no-encryption", config=folder)  # fmt: skip
                times.append(run("import-roster", str(visit), str(sheet), config=folder))
            size = sheet.stat().st_size / 1e6
            print(f"import-roster, {args.rows:,} rows, {label}, {size:.1f} MB: {min(times):.2f} s")
        out = folder / "out.xlsx"
        export = min(run("export-roster", str(visit), "-o", str(out), config=folder)
                     for _ in range(args.repeat))  # fmt: skip
        print(f"export-roster, {args.rows:,} people, XLSX: {export:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
