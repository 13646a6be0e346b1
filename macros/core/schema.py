"""JSON Schema for each framework file kind, for editors (yaml-language-server) and reviewers."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .files import FOLDERS, SINGLE_FILES
from .outputs import OutputRefused, atomic_write, owned_files

DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: schema file name -> model: one per file kind, named after its model (`RoleFile` -> role.schema.json)
SCHEMAS: dict[str, type[BaseModel]] = {
    f"{model.__name__.removesuffix('File').lower()}.schema.json": model
    for model in [*(m for m, _ in SINGLE_FILES.values()), *(m for m, _, _ in FOLDERS.values())]
}


def schema_text(model: type[BaseModel]) -> str:
    """The JSON Schema of one file model, as stable, pretty JSON."""
    schema = model.model_json_schema()
    schema = {"$schema": DRAFT, **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def is_schema(path: Path) -> bool:
    """Whether `path` holds a schema `career schema` wrote (JSON Schema 2020-12 of one of our file models)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    titles = {model.__name__ for model in SCHEMAS.values()}
    return isinstance(doc, dict) and doc.get("$schema") == DRAFT and doc.get("title") in titles


def write_schemas(out_dir: Path, *, force: bool = False) -> list[Path]:
    """Write every schema into `out_dir`; return the paths written. A file there by the same name that is not
    one of our schemas is never replaced without `force`."""
    owned_files(out_dir, SCHEMAS, is_schema, force=force)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputRefused(f"--out {out_dir}: cannot create the folder ({exc.strerror})") from None
    written = []
    for name, model in SCHEMAS.items():
        atomic_write(out_dir / name, schema_text(model).encode("utf-8"))
        written.append(out_dir / name)
    return written
