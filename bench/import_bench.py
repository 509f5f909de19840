"""Import benchmark (issue 3): the parse floor, ``xiangzhi import``, and django-import-export.

Not a test (pytest does not collect it). Run from the repository root::

    .venv/bin/python bench/import_bench.py                       # 100,000 households
    .venv/bin/python bench/import_bench.py --ledger visits --rows 50000
    .venv/bin/python bench/import_bench.py --ledger hazards --rows 50000   # once safety exists

One run, one generated .xlsx in the CONTRACT layout, three measurements on it:

(a) the floor: python-calamine reading every row of the sheet, nothing else (best of 3);
(b) ``import_file`` — what ``xiangzhi import LEDGER FILE --town T`` runs — on a fresh SQLite
    database in a temporary data directory, with a history row per record, in its own process so
    that its peak resident memory (``ru_maxrss``) is its own;
(c) django-import-export with its bulk settings (``bench_peer.py``), in its own process on a fresh
    copy of the same database. It is slow, so by default it imports the first ``--peer-rows`` rows
    of the same data and its rows/s is extrapolated to the full file (labelled as such).

Prerequisite ledgers (households for visits; premises and inspections for hazards) are imported
into the database before it is copied, untimed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
TOWN_CODE = "410811101"
USERNAME = "bench-admin"


def _setup_django(data_dir: Path, database: Path) -> None:
    os.environ["XIANGZHI_DATA_DIR"] = str(data_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "xiangzhi.settings"
    os.environ.setdefault("XIANGZHI_LOG_LEVEL", "ERROR")
    import django

    django.setup()


class _Timer:
    """Wall-clock and CPU seconds of a block: on a shared machine the CPU time is the steadier."""

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc_info):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu

    def result(self) -> dict:
        return {"seconds": self.wall, "cpu": self.cpu}


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


# ---------------------------------------------------------------- the parent: set up, (a), report


def _build_town():
    from bench_data import GRIDS_PER_VILLAGE, VILLAGES, grid_name
    from xiangzhi.core.models import OrgLevel, OrgUnit, RoleAssignment, User
    from xiangzhi.core.roles import Role

    county = OrgUnit.objects.add_root(dict(code="410811", name="山阳区", level=OrgLevel.COUNTY))
    town = OrgUnit.objects.add_child(county, dict(code=TOWN_CODE, name="宁郭镇", level=OrgLevel.TOWN))
    for index, name in enumerate(VILLAGES):
        code = f"{TOWN_CODE}{201 + index:03d}"
        village = OrgUnit.objects.add_child(town, dict(code=code, name=name, level=OrgLevel.VILLAGE))
        for number in range(1, GRIDS_PER_VILLAGE + 1):
            OrgUnit.objects.add_child(
                village, dict(code=f"{code}{number:02d}", name=grid_name(name, number), level=OrgLevel.GRID)
            )
    town.refresh_from_db()
    user = User.objects.create_user(username=USERNAME, password=None, display_name="基准测试")
    RoleAssignment.objects.create(user=user, role=Role.TOWN_ADMIN, org=town)
    return town, user


def _prepare(work: Path, ledger_name: str, rows: int, peer_rows: int) -> dict:
    from django.core.management import call_command

    from bench_data import plan_for, write_xlsx
    from xiangzhi.core.ledgers import get_ledger
    from xiangzhi.core.ledgers.importer import import_file

    call_command("migrate", verbosity=0)
    town, user = _build_town()
    try:
        ledger = get_ledger(ledger_name)
    except KeyError:
        raise SystemExit(f"ledger {ledger_name!r} is not registered (yet) in this tree") from None
    prerequisites, generate = plan_for(ledger_name, rows)
    for name, make in prerequisites:
        path = work / f"pre-{name}.xlsx"
        write_xlsx(get_ledger(name).sheet, make(rows), path)
        report = import_file(get_ledger(name), path, path.name, town=town, acting_user=user)
        if not report.ok:
            raise SystemExit(f"prerequisite {name} failed: {[str(e) for e in report.errors[:5]]}")
    start = time.perf_counter()
    written = write_xlsx(ledger.sheet, generate(rows), work / f"{ledger_name}.xlsx")
    generated_in = time.perf_counter() - start
    write_xlsx(ledger.sheet, generate(min(peer_rows, rows)), work / f"{ledger_name}-peer.xlsx")
    return {"rows": written, "generated_in": generated_in}


def _parse_floor(path: Path, repeats: int = 3) -> dict:
    from python_calamine import CalamineWorkbook

    timings = []
    for _ in range(repeats):
        with _Timer() as timer:
            sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
            for _row in sheet.iter_rows():
                pass
        timings.append(timer.result())
        del sheet
    return {"seconds": min(t["seconds"] for t in timings), "cpu": min(t["cpu"] for t in timings)}


def _snapshot(database: Path, copy: Path) -> None:
    """A consistent copy of the SQLite file (WAL included) through SQLite's backup API."""
    source, target = sqlite3.connect(database), sqlite3.connect(copy)
    with target:
        source.backup(target)
    source.close()
    target.close()


def _child(mode: str, ledger: str, path: Path, data_dir: Path, database: Path, profile: str | None) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--ledger", ledger]
    command += ["--file", str(path), "--data-dir", str(data_dir), "--database", str(database)]
    if profile:
        command += ["--profile", profile]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{done.stdout}\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _line(label: str, timing: dict, rows: int, note: str = "") -> str:
    wall, cpu = timing["seconds"], timing["cpu"]
    return f"{label:<38} {wall:8.2f} s wall {cpu:8.2f} s CPU {rows / cpu:>10,.0f} rows/s (CPU){note}"


def _report(args, prepared: dict, floor: dict, ours: dict, peers: dict, path: Path) -> None:
    rows = prepared["rows"]
    print(f"ledger {args.ledger}: {rows:,} rows, {path.stat().st_size / 1e6:.1f} MB .xlsx")
    print(_line("(a) parse floor, python-calamine", floor, rows, "  best of 3"))
    best = f"  best of {args.repeat}" if args.repeat > 1 else ""
    print(_line("(b) xiangzhi import (import_file)", ours, rows, best))
    print(f"    created {ours['created']:,} records and {ours['history']:,} history rows")
    growth = ours["peak_rss_mb"] - ours["start_rss_mb"]
    print(
        f"    peak memory of (b): {ours['peak_rss_mb']:.0f} MB resident "
        f"(the process held {ours['start_rss_mb']:.0f} MB before the import: +{growth:.0f} MB)"
    )
    print(f"    (b)/(a) = {_ratio(ours, floor)}   (target ≤ 6)")
    if not peers:
        print("(c) django-import-export: skipped (--peer-rows 0 or no peer resource for this ledger)")
        return
    labels = {
        "peer": "(c) django-import-export, recommended",
        "peer-tuned": "(c') django-import-export, tuned",
    }
    for mode, peer in peers.items():
        scale = rows / peer["rows"]
        projected = {"seconds": peer["seconds"] * scale, "cpu": peer["cpu"] * scale}
        label = "measured" if peer["rows"] >= rows else f"extrapolated from {peer['rows']:,} rows"
        print(_line(labels[mode], projected, rows, f"  {label}, no history"))
        target = "   (target ≥ 10)" if mode == "peer" else ""
        print(f"    {labels[mode].split()[0]}/(b) = {_ratio(projected, ours, digits=1)}{target}")


def _ratio(slow: dict, fast: dict, digits: int = 2) -> str:
    cpu, wall = slow["cpu"] / fast["cpu"], slow["seconds"] / fast["seconds"]
    return f"{cpu:.{digits}f} CPU, {wall:.{digits}f} wall"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--ledger", default="households", help="households, visits or hazards")
    parser.add_argument("--peer-rows", type=int, default=5000, help="rows for django-import-export (0: skip)")
    parser.add_argument("--repeat", type=int, default=1, help="run (b) this many times, report the fastest")
    parser.add_argument("--profile", metavar="OUT.prof", help="cProfile (b) into this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--child", choices=["floor", "ours", "peer", "peer-tuned"], help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(BENCH_DIR))
    if args.child:
        _setup_django(Path(args.data_dir), Path(args.database))
        runners = {"floor": lambda: _parse_floor(Path(args.file)), "ours": lambda: run_ours(args)}
        runner = runners.get(args.child, lambda: run_peer(args, args.child == "peer-tuned"))
        print(json.dumps(runner()))
        return
    work = Path(tempfile.mkdtemp(prefix="xiangzhi-bench-"))
    try:
        base = work / "base.sqlite3"
        _setup_django(work, base)
        print(f"preparing {args.rows:,} {args.ledger} rows in {work} …", file=sys.stderr)
        prepared = _prepare(work, args.ledger, args.rows, args.peer_rows)
        from django.db import connections

        connections.close_all()
        path = work / f"{args.ledger}.xlsx"
        # In a process of its own like (b): in this one, generating the file left a large heap
        # that the garbage collector would walk while calamine creates a million cells.
        floor = _child("floor", args.ledger, path, work, base, None)
        runs = []
        for attempt in range(args.repeat):
            database = work / f"ours-{attempt}.sqlite3"
            _snapshot(base, database)
            runs.append(_child("ours", args.ledger, path, work, database, args.profile))
            database.unlink()
        ours = min(runs, key=lambda run: run["cpu"])
        peers = {}
        from bench_peer import RESOURCES

        if args.peer_rows > 0 and args.ledger in RESOURCES:
            for mode in ("peer", "peer-tuned"):
                _snapshot(base, work / f"{mode}.sqlite3")
                peer_path = work / f"{args.ledger}-peer.xlsx"
                peers[mode] = _child(mode, args.ledger, peer_path, work, work / f"{mode}.sqlite3", None)
        _report(args, prepared, floor, ours, peers, path)
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------- the children: (b) and (c)


def _town_and_user():
    from xiangzhi.core.models import OrgUnit, User

    return OrgUnit.objects.get(code=TOWN_CODE), User.objects.get(username=USERNAME)


def run_ours(args) -> dict:
    from xiangzhi.core.ledgers import get_ledger
    from xiangzhi.core.ledgers.importer import import_file

    ledger = get_ledger(args.ledger)
    town, user = _town_and_user()
    history = ledger.model.history.model
    history_before = history.objects.count()
    start_rss = _rss_mb()
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    with _Timer() as timer:
        report = import_file(ledger, args.file, Path(args.file).name, town=town, acting_user=user)
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile)
    if not report.ok:
        raise SystemExit(f"import failed: {[str(e) for e in report.errors[:5]]}")
    return {
        **timer.result(),
        "created": report.created,
        "history": history.objects.count() - history_before,
        "start_rss_mb": start_rss,
        "peak_rss_mb": _peak_rss_mb(),
    }


def run_peer(args, tuned: bool) -> dict:
    from bench_peer import peer_import

    town, _ = _town_and_user()
    with _Timer() as timer:
        rows = peer_import(args.ledger, args.file, town, tuned=tuned)
    return {**timer.result(), "rows": rows}


if __name__ == "__main__":
    main()
