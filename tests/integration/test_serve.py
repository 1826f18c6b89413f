"""``scriba serve``: a real server process on a free loopback port, a real HTTP client, real workers."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pikepdf
import psutil

from tests.local_services import children, free_port
from tests.pdfgen import scanned_pdf

WORDS = ["Certidão", "processo", "audiência", "contrato", "recurso", "sentença", "prazo", "tribunal"]


def _page(n: int) -> str:
    word = WORDS[n % len(WORDS)]
    return f"Página {n + 1} do {word}\nO {word} número {4711 + n} foi juntado aos autos."


@contextmanager
def serving(tmp_path: Path, *extra: str, workers: int = 2) -> Iterator[httpx.Client]:
    """A ``scriba serve`` process with its own data, cache and log folders; stopped at the end."""
    port = free_port()
    env = dict(os.environ, SCRIBA_CACHE_DIR=str(tmp_path / "cache"), SCRIBA_LOG_DIR=str(tmp_path / "logs"))
    command = [sys.executable, "-m", "app", "serve", "--port", str(port), "--workers", str(workers)]
    command += ["--data", str(tmp_path / "server"), *extra]
    stderr = (tmp_path / "serve-stderr.txt").open("a")
    process = subprocess.Popen(command, env=env, stderr=stderr)
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if client.get("/health").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, (tmp_path / "serve-stderr.txt").read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        client.process = process  # type: ignore[attr-defined]
        yield client
    finally:
        client.close()
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        psutil.wait_procs(children(process.pid), timeout=10)
        stderr.close()


def upload(client: httpx.Client, path: Path, **fields: str) -> httpx.Response:
    with path.open("rb") as handle:
        return client.post("/upload", files={"file": (path.name, handle)}, data=fields)


def wait_pages(client: httpx.Client, job_id: str, pages: int, timeout: float = 120) -> None:
    """Until at least ``pages`` pages of the job are done."""
    deadline = time.monotonic() + timeout
    while client.get(f"/status/{job_id}").json()["pages_done"] < pages:
        assert time.monotonic() < deadline
        time.sleep(0.1)


def wait_status(
    client: httpx.Client, job_id: str, wanted: set[str], timeout: float = 180
) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while True:
        status = client.get(f"/status/{job_id}").json()
        if status["status"] in wanted:
            return dict(status)
        assert time.monotonic() < deadline, status
        time.sleep(0.1)


def test_five_uploads_at_once_stream_progress_and_give_text_and_files(tmp_path: Path) -> None:
    # Given five documents, one of them long enough to watch its pages arrive
    documents = [scanned_pdf(tmp_path / f"doc{i}.pdf", [_page(i)]) for i in range(4)]
    long_doc = scanned_pdf(tmp_path / "long.pdf", [_page(n) for n in range(5)])
    documents.append(long_doc)
    with serving(tmp_path) as client:
        # When all five are uploaded at the same moment
        answers: dict[Path, tuple[float, httpx.Response]] = {}

        def send(path: Path) -> None:
            started = time.monotonic()
            response = upload(client, path, lang="por")
            answers[path] = (time.monotonic() - started, response)

        threads = [threading.Thread(target=send, args=(path,)) for path in documents]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # Then each gets its job id at once, while the others are read
        for path, (seconds, response) in answers.items():
            assert response.status_code == 200, response.text
            assert seconds < 1.0, (path.name, seconds)
        ids = {path: answers[path][1].json()["job_id"] for path in documents}
        # And the long one's progress is seen page by page, live, on /events
        seen = []
        with client.stream("GET", f"/events/{ids[long_doc]}") as events:
            for line in events.iter_lines():
                if line.startswith("data: "):
                    seen.append(json.loads(line[6:]))
        assert seen[-1]["status"] == "done" and seen[-1]["pages_done"] == 5
        partial = [s["pages_done"] for s in seen if s["status"] == "processing" and 0 < s["pages_done"] < 5]
        assert partial, [s["pages_done"] for s in seen]
        assert partial == sorted(partial)
        # And every document's text came out, page by page
        for i, path in enumerate(documents):
            wait_status(client, ids[path], {"done"})
            result = client.get(f"/result/{ids[path]}").json()
            expected_pages = 5 if path == long_doc else 1
            assert [p["page"] for p in result["pages"]] == list(range(1, expected_pages + 1))
            assert f"{4711 + i}" in result["text"] and WORDS[i] in result["text"]
            assert all(p["source"] == "ocr" and p["confidence"] > 50 for p in result["pages"])
        status = client.get(f"/status/{ids[long_doc]}").json()
        assert status["pages_total"] == 5 and status["eta"] == 0 and status["error"] is None
        # And the finished document comes back as each export format's file
        searchable = client.get(f"/result/{ids[long_doc]}", params={"format": "pdf"})
        assert searchable.status_code == 200
        assert searchable.headers["content-type"] == "application/pdf"
        assert 'filename="long.pdf"' in searchable.headers["content-disposition"]
        (tmp_path / "back.pdf").write_bytes(searchable.content)
        with pikepdf.open(tmp_path / "back.pdf") as pdf:
            assert len(pdf.pages) == 5
        text = client.get(f"/result/{ids[long_doc]}", params={"format": "txt"}).text
        assert "4715" in text and "Página 5" in text
        docx = client.get(f"/result/{ids[documents[0]]}", params={"format": "docx"})
        assert docx.content[:2] == b"PK"
        alto = client.get(f"/result/{ids[documents[1]]}", params={"format": "alto"}).text
        assert "4712" in alto and "<alto" in alto
        # And the same file uploaded again with the same options is served from the cache
        again = upload(client, long_doc, lang="por").json()["job_id"]
        repeat = wait_status(client, again, {"done"}, timeout=30)
        assert repeat["pages_cached"] == 5
        # And the API describes itself
        assert "/upload" in client.get("/openapi.json").json()["paths"]
        assert client.get("/docs").status_code == 200
        assert client.get("/health").json()["jobs"] == {"done": 6}


def test_cancel_stops_the_job_at_once_frees_the_cpu_and_keeps_its_pages(tmp_path: Path) -> None:
    # Given a long document being read
    long_doc = scanned_pdf(tmp_path / "long.pdf", [_page(n) for n in range(24)])
    with serving(tmp_path) as client:
        job_id = upload(client, long_doc, lang="por").json()["job_id"]
        wait_pages(client, job_id, 1)
        # When the client cancels it
        started = time.monotonic()
        assert client.post(f"/cancel/{job_id}").status_code == 200
        status = wait_status(client, job_id, {"cancelled"}, timeout=2)
        # Then it stops within 2 s, with the pages read so far kept
        assert time.monotonic() - started < 2.0
        assert 1 <= status["pages_done"] < 24
        kept = client.get(f"/result/{job_id}").json()["pages"]
        # (workers finish pages in any order: page 2 may be done while page 1 is not)
        assert len(kept) == status["pages_done"]
        assert all(f"{4710 + page['page']}" in page["text"] for page in kept)
        # And no worker goes on reading: the server's processes use no CPU any more
        tree = [psutil.Process(client.process.pid), *children(client.process.pid)]  # type: ignore[attr-defined]

        def cpu() -> float:
            total = 0.0
            for process in tree:
                try:
                    times = process.cpu_times()
                    total += times.user + times.system
                except psutil.NoSuchProcess:
                    pass
            return total

        before = cpu()
        time.sleep(1.0)
        assert cpu() - before < 0.3
        # And its file cannot be fetched as if it were done
        refused = client.get(f"/result/{job_id}", params={"format": "pdf"})
        assert refused.status_code == 409 and "cancelled" in refused.json()["detail"]


def test_bad_inputs_get_one_sentence_and_nothing_else_breaks(tmp_path: Path) -> None:
    letter = scanned_pdf(tmp_path / "letter.pdf", [_page(0)])
    not_a_document = tmp_path / "notes.pdf"
    not_a_document.write_text("these are notes, not a PDF\n" * 10)
    big = tmp_path / "big.tif"
    big.write_bytes(b"II*\x00" + os.urandom(1_300_000))
    with serving(tmp_path, "--max-upload", "1") as client:
        # A file that is not a document, whatever its name says
        refused = upload(client, not_a_document)
        assert refused.status_code == 415
        assert refused.json() == {
            "detail": "notes.pdf is neither a PDF nor a scanner image (TIFF, JPEG, PNG, BMP, WebP)."
        }
        # Too large for the server's limit, in the client's language
        too_big = client.post(
            "/upload",
            files={"file": ("big.tif", big.read_bytes())},
            headers={"Accept-Language": "pt-BR,pt;q=0.9"},
        )
        assert too_big.status_code == 413
        assert too_big.json()["detail"] == "O documento é maior do que este servidor aceita (1 MB)."
        # Options the engine does not take
        assert upload(client, letter, langs="por").json()["detail"].startswith("Unknown option 'langs'")
        assert upload(client, letter, lang="xx").status_code == 400
        assert upload(client, letter, dpi="5000").json()["detail"] == "dpi must be between 70 and 1200."
        assert upload(client, letter, force_ocr="maybe").status_code == 400
        # No file, or no form at all
        assert client.post("/upload", data={"lang": "por"}, files={"other": ("a", b"x")}).status_code == 400
        assert client.post("/upload", content=b"%PDF-1.4").status_code == 400
        # Unknown jobs and formats
        assert client.get("/status/0123").status_code == 404
        assert client.get("/result/0123").json()["detail"] == "There is no job 0123."
        # A client's path is a label, never a place on disk
        with letter.open("rb") as handle:
            sneaky = client.post(
                "/upload", files={"file": ("../../../evil.pdf", handle)}, data={"lang": "por"}
            )
        job_id = sneaky.json()["job_id"]
        assert client.get(f"/status/{job_id}").json()["name"] == "evil.pdf"
        assert not (tmp_path / "evil.pdf").exists()
        done = wait_status(client, job_id, {"done"})
        assert done["pages_done"] == 1
        assert client.get(f"/result/{job_id}", params={"format": "rtf"}).status_code == 400
        # Too many parts in one form, however small
        many = {f"x{n}": "" for n in range(40)}
        assert client.post("/upload", data=many, files={"file": ("a.pdf", b"%PDF-1.4")}).status_code == 400
        # A correction typed in the window (kept in the shared cache) is what the server gives too
        from app.core.storage.cache import ResultCache

        digest = hashlib.sha256(letter.read_bytes()).hexdigest()
        cache = ResultCache.open(tmp_path / "cache")
        try:
            base = client.get(f"/result/{job_id}").json()["pages"][0]["text"]
            cache.put_correction(digest, 0, "Texto corrigido pela secretaria.", base)
        finally:
            cache.close()
        assert client.get(f"/result/{job_id}").json()["text"] == "Texto corrigido pela secretaria."
        assert "corrigido" in client.get(f"/result/{job_id}", params={"format": "txt"}).text
        # Nothing of the refused uploads stays on disk: only the one accepted job's folder
        assert len(list((tmp_path / "server" / "jobs").iterdir())) == 1


def test_jobs_survive_a_restart_mid_job_and_resume_from_the_cache(tmp_path: Path) -> None:
    document = scanned_pdf(tmp_path / "case.pdf", [_page(n) for n in range(10)])
    with serving(tmp_path) as client:
        job_id = upload(client, document, lang="por").json()["job_id"]
        wait_pages(client, job_id, 2)
    # The server was stopped mid-job (SIGTERM, as a service manager does); it starts again
    with serving(tmp_path) as client:
        status = wait_status(client, job_id, {"done"})
        assert status["pages_done"] == 10 and status["pages_cached"] >= 2
        result = client.get(f"/result/{job_id}").json()
        assert [p["page"] for p in result["pages"]] == list(range(1, 11))
        assert "4720" in result["text"]
    # And a finished job is still there after another restart, its pages from the cache
    with serving(tmp_path) as client:
        assert client.get(f"/status/{job_id}").json()["status"] == "done"
        assert "4716" in client.get(f"/result/{job_id}").json()["text"]


def test_a_token_guards_every_route_but_health_and_the_network_needs_one(tmp_path: Path) -> None:
    # A server reachable from the network without a token is refused before it starts
    env = dict(os.environ, SCRIBA_CACHE_DIR=str(tmp_path / "cache"), SCRIBA_LOG_DIR=str(tmp_path / "logs"))
    refused = subprocess.run(
        [sys.executable, "-m", "app", "serve", "--host", "0.0.0.0", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2
    assert "--host 0.0.0.0 opens the server to the network: give it a --token as well." in refused.stderr
    with serving(tmp_path, "--token", "s3cret") as client:
        assert client.get("/health").status_code == 200
        denied = client.get("/status/" + "0" * 32)
        assert denied.status_code == 401 and "Bearer" in denied.json()["detail"]
        wrong = client.get("/status/" + "0" * 32, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        allowed = client.get("/status/" + "0" * 32, headers={"Authorization": "Bearer s3cret"})
        assert allowed.status_code == 404


def test_a_large_upload_is_streamed_to_disk_and_a_damaged_one_says_why(tmp_path: Path) -> None:
    # Given an 80 MB "scan" that is a TIFF by its first bytes and damaged after them
    big = tmp_path / "scan.tif"
    with big.open("wb") as out:
        out.write(b"II*\x00")
        for _ in range(80):
            out.write(os.urandom(1_000_000))
    with serving(tmp_path, "--max-upload", "200") as client:
        server = psutil.Process(client.process.pid)  # type: ignore[attr-defined]
        before = server.memory_info().rss
        peak = before
        done = threading.Event()

        def watch() -> None:
            nonlocal peak
            while not done.is_set():
                peak = max(peak, server.memory_info().rss)
                time.sleep(0.02)

        watcher = threading.Thread(target=watch)
        watcher.start()
        try:
            response = upload(client, big)
        finally:
            done.set()
            watcher.join()
        # Then it was written to disk as it arrived, never held whole in the server's memory
        assert response.status_code == 200, response.text
        assert peak - before < 30_000_000, (before, peak)
        # And the damaged image fails with one sentence naming it
        status = wait_status(client, response.json()["job_id"], {"error", "done"})
        assert status["status"] == "error" and status["error_code"] == "image_damaged"
        assert status["error"] == "scan.tif: the image is damaged or incomplete and cannot be read."
