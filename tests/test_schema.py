"""JSON Schemas for editors: committed files match the models; every YAML file points at its schema."""
from __future__ import annotations

from conftest import FRAMEWORK

from macros.core.schema import SCHEMAS, schema_text


def test_committed_schemas_are_up_to_date() -> None:
    for name, model in SCHEMAS.items():
        committed = (FRAMEWORK / "schema" / name).read_text(encoding="utf-8")
        assert committed == schema_text(model), f"framework/schema/{name} is stale: run `career schema`"


def test_every_yaml_file_points_at_its_schema() -> None:
    for path in FRAMEWORK.rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.exists(), path
