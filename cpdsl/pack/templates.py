"""The pack's templates: the shipped ones (cpdsl/pack/shipped/), and a local
authority's own folder (`--template DIR`) whose files are used instead of the shipped
ones of the same name, so that a copied folder can change one file and keep the rest."""

from __future__ import annotations

import os
import shutil

SHIPPED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shipped")


def template_path(name: str, folder: str | None) -> str:
    """The template `name`: the one in `folder` if it has it, else the shipped one."""
    if folder is not None:
        own = os.path.join(folder, name)
        if os.path.isfile(own):
            return own
    return os.path.join(SHIPPED, name)


def template_folders(folder: str | None) -> list[str]:
    """Where to look for templates, the local authority's folder first."""
    return [folder, SHIPPED] if folder is not None else [SHIPPED]


def copy_templates(destination: str, force: bool) -> list[str]:
    """Copy every shipped template into `destination` (made if missing); a file already
    there is kept unless `force`. Returns the files written."""
    os.makedirs(destination, exist_ok=True)
    names = sorted(n for n in os.listdir(SHIPPED) if not n.startswith("."))
    there = [n for n in names if os.path.exists(os.path.join(destination, n))]
    if there and not force:
        raise FileExistsError(f"already holds {', '.join(there)}; --force writes over them")
    written = []
    for name in names:
        target = os.path.join(destination, name)
        shutil.copyfile(os.path.join(SHIPPED, name), target)
        written.append(target)
    return written
