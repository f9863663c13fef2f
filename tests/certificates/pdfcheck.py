"""Looking at a PDF as a person would: its page as an image, and the QR codes on it."""

import shutil
import subprocess
from pathlib import Path

TOOLS = ("pdftoppm", "zbarimg")


def _require(*tools: str) -> None:
    missing = [tool for tool in tools if not shutil.which(tool)]
    assert not missing, f"{missing} missing: `make test` installs them"


def page_image(data: bytes, png: Path, dpi: int = 150) -> Path:
    """The first page rendered to ``png`` by poppler."""
    _require("pdftoppm")
    pdf = png.with_suffix(".pdf")
    pdf.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", pdf, png.with_suffix("")],
        check=True,
    )
    pdf.unlink()
    return png


def qr_codes_on_page(data: bytes, folder: Path) -> list[str]:
    """Every QR code zbar reads on the rendered first page."""
    _require(*TOOLS)
    png = page_image(data, folder / "pagina.png")
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png],
        capture_output=True,
        text=True,
        check=False,
    )
    return [line for line in result.stdout.splitlines() if line]
