"""``make readme``: write the plan format reference into README.md from the schema."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.common.fileio import write_text_atomic  # noqa: E402
from generator.plan.reference import with_reference  # noqa: E402


def main() -> int:
    readme = ROOT / "README.md"
    updated = with_reference(readme.read_text(encoding="utf-8"))
    write_text_atomic(readme, updated)
    print("Đã cập nhật phần tham chiếu định dạng trong README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
