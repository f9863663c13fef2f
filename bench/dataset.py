"""The benchmark dataset: what was generated, and where to find it again."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

MARKER = Path(settings.VAR_DIR) / "bench" / "dataset.json"


@dataclass
class Dataset:
    size: str = "none"
    seed: int = 0
    refs: dict = field(default_factory=dict)

    @classmethod
    def current(cls) -> "Dataset":
        if MARKER.exists():
            return cls(**json.loads(MARKER.read_text()))
        return cls()

    def save(self) -> None:
        MARKER.parent.mkdir(parents=True, exist_ok=True)
        MARKER.write_text(
            json.dumps({"size": self.size, "seed": self.seed, "refs": self.refs})
        )
