"""The benchmark's Markdown report: machine, targets with PASS/FAIL, and the raw numbers."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import time
from typing import Any

import psutil


def _cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass  # not Linux: platform.processor() below is the best we have
    return platform.processor() or "unknown"


def _version(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    except OSError:
        return "missing"
    return (done.stdout or done.stderr).strip().splitlines()[0]


def machine(load_before: tuple[float, ...], load_after: tuple[float, ...], seconds: float) -> dict[str, Any]:
    import tesserocr

    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "load": [round(load_before[0], 2), round(load_after[0], 2)],
        "minutes": round(seconds / 60, 1),
        "scriba_tesseract": str(tesserocr.tesseract_version()).split()[1],
        "system_tesseract": _version(["tesseract", "--version"]),
        "ocrmypdf": _version(["ocrmypdf", "--version"]),
    }


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _spread(values: list[float], fmt: str = "{:.2f}") -> str:
    if not values:
        return "n/a"
    middle = fmt.format(statistics.median(values))
    if len(values) == 1:
        return middle
    return f"{middle} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def _ratios(a: list[float], b: list[float]) -> list[float]:
    return [x / y for x, y in zip(a, b, strict=False) if y]


def _speed_rows(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The alternating comparison's rows."""
    rows = []
    walls = results["speed"]["walls"]
    vs_ocrmypdf = _ratios(walls["scriba"], walls["ocrmypdf"])
    rows.append(
        (
            "wall time, Scriba ÷ OCRmyPDF --deskew --rotate-pages",
            _spread(vs_ocrmypdf),
            "≤ 0.3",
            _verdict(statistics.median(vs_ocrmypdf) <= 0.3),
        )
    )
    if walls.get("naive"):
        vs_naive = _ratios(walls["naive"], walls["scriba"])
        rows.append(
            (
                "speed-up over the naive baseline",
                _spread(vs_naive, "{:.1f}×"),
                "≥ 15×",
                _verdict(statistics.median(vs_naive) >= 15),
            )
        )
    efficiency = _ratios(walls["limit"], walls["scriba"])
    rows.append(
        (
            f"efficiency (Σ recognition ÷ workers ÷ Scriba wall), {results['args']['pages']}-page job",
            _spread(efficiency),
            "— (retired: start-up weighs)",
            "—",
        )
    )
    return rows


def targets(results: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """Rows of (what, measured, target, verdict)."""
    rows = _speed_rows(results) if "speed" in results else []
    if "long" in results:
        long = results["long"]
        rows.append(
            (
                f"efficiency, {long['pages']}-page job (one round)",
                f"{long['limit'] / long['scriba']:.2f}",
                "≥ 0.95",
                _verdict(long["limit"] / long["scriba"] >= 0.95),
            )
        )
    memory = results.get("memory", [])
    for entry in memory:
        rows.append(
            (
                f"peak PSS of the process tree, {entry['pages']} pages",
                f"{entry['peak_mb']:.0f} MB ({entry['processes']} processes)",
                "≤ 350 MB",
                _verdict(entry["peak_mb"] <= 350),
            )
        )
    if len(memory) > 1:
        growth = memory[-1]["peak_mb"] / memory[0]["peak_mb"] - 1
        rows.append(
            (
                f"memory growth {memory[0]['pages']} → {memory[-1]['pages']} pages",
                f"{growth:+.1%}",
                "within ±10 %",
                _verdict(abs(growth) <= 0.10),
            )
        )
    elif memory:
        rows.append(("memory growth 100 → 900 pages", "not run (needs --full)", "within ±10 %", "—"))
    if "digital" in results:
        digital = results["digital"]
        rates = [digital["pages"] / w for w in digital["walls"]]
        rows.append(
            (
                f"born-digital, {digital['pages']} pages (whole command)",
                _spread(rates, "{:.0f} pages/s"),
                "≥ 50 pages/s",
                _verdict(statistics.median(rates) >= 50),
            )
        )
    if "latency" in results:
        latency = results["latency"]
        rows.append(
            (
                "time to first page event (JobManager, cold workers)",
                _spread(latency["first_page"], "{:.2f} s"),
                "—",
                "—",
            )
        )
        if results["speed"]["first_page"]:
            rows.append(
                (
                    "time to first page event (`scriba ocr`, from launch)",
                    _spread(results["speed"]["first_page"], "{:.2f} s"),
                    "—",
                    "—",
                )
            )
        rows.append(
            (
                "cancel latency (cancel → workers gone), worst of rounds",
                f"{max(latency['cancel']) * 1000:.0f} ms",
                "≤ 1 s",
                _verdict(max(latency["cancel"]) <= 1.0),
            )
        )
    if "gui" in results:
        gui = results["gui"]
        rows.append(
            (
                f"window's largest event-loop stall during the {results['memory'][0]['pages']}-page job",
                f"{gui['max_gap_ms']:.0f} ms (10 ms timer)",
                "≤ 50 ms",
                _verdict(gui["max_gap_ms"] <= 50),
            )
        )
    return rows


def _speed_tables(speed: dict[str, Any], pages: int) -> list[str]:
    """The alternating comparison's wall times and the one-process breakdown."""
    lines = ["", f"Wall times on the {pages}-page scan, seconds, in round order:", ""]
    lines += ["| tool | rounds | median | mean CER, all pages |", "|---|---|---|---|"]
    for tool, walls in speed["walls"].items():
        cer = speed["cer"].get(tool)
        label = "limit (Σ recognition ÷ 2)" if tool == "limit" else tool
        lines.append(
            f"| {label} | {', '.join(f'{w:.1f}' for w in walls)} | {statistics.median(walls):.1f} | "
            + ("—" if cer is None else f"{cer:.4f}")
            + " |"
        )
    breakdown = speed.get("breakdown") or {}
    if breakdown:
        total = sum(sum(v) for v in breakdown.values())
        lines += ["", "One process, per page (mean seconds, share of the three):", ""]
        lines += ["| step | mean s/page | share |", "|---|---|---|"]
        for step, values in breakdown.items():
            lines.append(f"| {step} | {statistics.mean(values):.3f} | {sum(values) / total:.0%} |")
    return lines


def markdown(results: dict[str, Any], command: str) -> str:
    m = results["machine"]
    pages = results["args"]["pages"]
    lines = [
        f"## Run of {m['date']}",
        "",
        f"- machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM; {m['os']}; Python {m['python']}",
        f"- load average (1 min) at start / end: {m['load'][0]} / {m['load'][1]};"
        f" run took {m['minutes']} min",
        f"- Scriba's Tesseract (tesserocr wheel): {m['scriba_tesseract']}; system: {m['system_tesseract']};"
        f" OCRmyPDF {m['ocrmypdf']}",
        f"- command: `{command}`",
        "",
        "| measure | result: median (min–max) | target | |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in targets(results)]
    if "speed" in results:
        lines += _speed_tables(results["speed"], pages)
    if "long" in results:
        long = results["long"]
        lines.append(
            f"\nLong job, {long['pages']} pages: Scriba {long['scriba']:.1f} s,"
            f" limit (Σ recognition ÷ 2) {long['limit']:.1f} s."
        )
        if long.get("steps"):
            from limit import step_table

            lines += ["", "Each page of it once through the worker's pipeline, one process:", ""]
            lines.append(step_table(long["steps"]))
    for entry in results.get("memory", []):
        lines.append(
            f"\nMemory run, {entry['pages']} pages: {entry['wall']:.1f} s"
            f" ({entry['pages_per_s']:.2f} pages/s), {entry['samples']} samples."
        )
    if "gui" in results:
        gui = results["gui"]
        lines.append(
            f"\nWindow: job ran {gui['job_seconds']:.1f} s, {gui['ticks']} ticks, "
            f"{gui['progress_updates']} progress updates; largest gap including start-up "
            f"{gui['max_gap_any_ms']:.0f} ms."
        )
    return "\n".join(lines) + "\n"
