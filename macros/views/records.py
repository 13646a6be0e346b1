"""The view of the pages of personal records (/records/, /team/, ...): their content is drawn in the reader's browser
(macros/site/theme/assets/records*.js) from what they keep there and from /api/records/; the page itself carries only which
framework records are made against and the roles and levels a record may be for."""
from __future__ import annotations

from dataclasses import dataclass

from ..core.framework import Framework
from ..core.model import Level, RoleFile, RoleLevel


@dataclass(frozen=True)
class RecordsView:
    """Which framework (and version: "" when it states none) records are made against, and the roles with their
    levels (lowest first). A record begun without a choice (the old checklist's, migrated) is for the first role at its
    first level."""

    framework_id: str
    framework_version: str
    roles: tuple[tuple[RoleFile, tuple[tuple[Level, RoleLevel], ...]], ...] = ()
    has_behaviours: bool = False  # whether any level states behaviours (a packet's section for them)

    @property
    def default_role(self) -> str:
        return self.roles[0][0].id if self.roles else ""

    @property
    def default_level(self) -> str:
        return self.roles[0][1][0][0].id if self.roles and self.roles[0][1] else ""


def records_view(fw: Framework) -> RecordsView:
    return RecordsView(fw.meta.id, fw.meta.version or "", tuple((r, fw.role_levels(r)) for r in fw.roles), bool(fw.behaviours()))
