"""Measure how faithfully PDF libraries extract Chinese text, and how fast.

The seed's clean half -> PDFs (embedded TrueType subset font; reportlab's built-in CID font) ->
each library's text -> similarity to the source, lost and spurious characters, spaces, seconds.
Run: .venv/bin/python benchmarks/pdf_fidelity.py [--repeat N]
(pypdf and pdfplumber are measured when importable.)
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from makedocs import make_pdf  # noqa: E402

SEED = ROOT / "seeds" / "shaoxing-education-bureau-2021.txt"
FOOTER = re.compile(r"^\s*-\s*\d+\s*-\s*$", re.MULTILINE)
SPACE_BETWEEN_CJK = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef])[ \u3000]+(?=[\u3000-\u9fff\uff00-\uffef])"
)
REPEATS = 3


def pdfplumber_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def pdfplumber_lines(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(line["text"] for page in pdf.pages for line in page.extract_text_lines())


def pdfminer_text(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def pypdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pypdfium2_text(path: Path) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


def compare_reader(path: Path) -> str:
    from compare.readers import read_pdf

    return read_pdf(path.read_bytes(), path)


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "compare.readers.read_pdf": compare_reader,
    "pdfplumber extract_text": pdfplumber_text,
    "pdfplumber extract_text_lines": pdfplumber_lines,
    "pdfminer.six extract_text": pdfminer_text,
    "pypdf extract_text": pypdf_text,
    "pypdfium2 get_text_range": pypdfium2_text,
}


def score(source: str, extracted: str) -> dict[str, float]:
    """Compare extracted text with its source, whitespace and page footers aside."""
    spaces = len(SPACE_BETWEEN_CJK.findall(extracted.replace("\n", "")))
    old = re.sub(r"\s+", "", source)
    new = re.sub(r"\s+", "", FOOTER.sub("", extracted))
    lost = spurious = 0
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(old, new):
        if tag in ("delete", "replace"):
            lost += i2 - i1
        if tag in ("insert", "replace"):
            spurious += j2 - j1
    return {
        "similarity %": 100 * Levenshtein.normalized_similarity(old, new),
        "lost chars": lost,
        "spurious chars": spurious,
        "spaces in CJK": spaces,
    }


def main() -> None:
    # `--repeat N` renders the clean half N times over, to see how each library scales.
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    source = "\n".join(SEED.read_text(encoding="utf-8").splitlines()[:39] * repeat)
    with tempfile.TemporaryDirectory() as folder:
        for font in ("embedded", "builtin"):
            path = make_pdf(source, Path(folder) / f"{font}.pdf", font=font)
            pages = len(pypdfium2.PdfDocument(str(path)))
            print(f"\n## font={font}: {pages} pages, {len(source)} characters")
            print(f"{'library':32} {'sim %':>7} {'lost':>5} {'extra':>6} {'spaces':>7} {'ms':>7}")
            for name, extract in EXTRACTORS.items():
                try:
                    text = extract(path)
                except ImportError:
                    print(f"{name:32} (not installed)")
                    continue
                started = time.perf_counter()
                for _ in range(REPEATS):
                    extract(path)
                ms = 1000 * (time.perf_counter() - started) / REPEATS
                s = score(source, text)
                print(
                    f"{name:32} {s['similarity %']:7.2f} {s['lost chars']:5.0f} "
                    f"{s['spurious chars']:6.0f} {s['spaces in CJK']:7.0f} {ms:7.0f}"
                )


if __name__ == "__main__":
    main()
