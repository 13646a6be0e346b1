"""JSON Schema for each framework file kind, for editors (yaml-language-server) and reviewers."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from .files import FOLDERS, SINGLE_FILES

#: schema file name -> model: one per file kind, named after its model (`RoleFile` -> role.schema.json)
SCHEMAS: dict[str, type[BaseModel]] = {
    f"{model.__name__.removesuffix('File').lower()}.schema.json": model
    for model in [*(m for m, _ in SINGLE_FILES.values()), *(m for m, _, _ in FOLDERS.values())]
}


def schema_text(model: type[BaseModel]) -> str:
    """The JSON Schema of one file model, as stable, pretty JSON."""
    schema = model.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out_dir: Path) -> list[Path]:
    """Write every schema into `out_dir`; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        path = out_dir / name
        tmp = path.with_suffix(".tmp")
        tmp.write_text(schema_text(model), encoding="utf-8")
        tmp.replace(path)
        written.append(path)
    return written
