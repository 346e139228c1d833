"""Writing one benchmark's section of BENCHMARKS.md, leaving every other section as it is."""

from __future__ import annotations

from pathlib import Path

BENCHMARKS_MD = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"
HEADER = (
    "# Benchmarks\n\n"
    "Figures are measured on the shared 2-core machine; each one compares against a baseline "
    "measured in the same run."
)


def write_section(heading: str, section: str, path: Path = BENCHMARKS_MD) -> None:
    """Replace the section starting with ``heading`` (up to the next ``## ``), or append it."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    head, sep, rest = text.partition("\n## ")
    preamble = head if head.startswith("# Benchmarks") else HEADER
    sections = [("## " + s).strip() for s in rest.split("\n## ")] if sep else []
    if head.startswith("## "):  # the file starts with a section and no header
        sections.insert(0, head.strip())
    ours = [i for i, s in enumerate(sections) if s.startswith(heading)]
    if ours:  # keep the section where it was
        sections[ours[0]] = section.strip()
    else:
        sections.append(section.strip())
    path.write_text(preamble.strip() + "\n\n" + "\n\n".join(sections) + "\n", encoding="utf-8")
