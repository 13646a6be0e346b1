"""`career serve` writes the pages about the file edited first (adapters/serve.py): the ids an edited framework file
is named for, stated by hand."""
from __future__ import annotations

from pathlib import Path

from macros.adapters.serve import _named_for


def test_the_pages_about_an_edited_file_are_named_by_its_id(tmp_path: Path) -> None:
    fw = tmp_path / "framework"
    for rel in ("competencies/04-infra-devops.yml", "competencies/security.yml", "roles/python-backend.yml",
                "interview/python.yml", "levels.yml", "glossary.yml"):
        (fw / rel).parent.mkdir(parents=True, exist_ok=True)
        (fw / rel).write_text("{}\n", encoding="utf-8")
    edited = [fw / "competencies/04-infra-devops.yml", fw / "competencies/security.yml", fw / "roles/python-backend.yml",
              fw / "interview/python.yml", fw / "levels.yml", fw / "glossary.yml", tmp_path / "docs/index.md",
              fw / "competencies/Bad Name.yml"]
    assert _named_for(edited, fw) == {"infra-devops", "security", "python-backend", "python"}
    assert _named_for([fw / "competencies/gone.yml"], fw) == {"gone"}  # a file removed
