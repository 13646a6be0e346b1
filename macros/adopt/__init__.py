"""Adopting the engine: `career init` writes a new framework repository for any organisation (`scaffold.py`, from the
templates in `template/`), which installs this engine as a package (`engine.py` names it); the `career` plugin brings
the engine's theme from the installed package (site/assets.py). `career import` reads a spreadsheet into framework
files (`sheets.py`, `ladder_import.py`, `importing.py`)."""
