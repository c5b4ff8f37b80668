"""Summarise a mutmut run: killed and surviving mutants per module, and the share that survived.

Run by ``make mutate`` after ``mutmut run``; exits 1 when more than 10 % of the mutants survive.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

LIMIT = 0.10


def main() -> int:
    mutmut = Path(sys.executable).with_name("mutmut")
    done = subprocess.run([str(mutmut), "results", "--all", "true"], capture_output=True, text=True, check=False)
    outcome: Counter[str] = Counter()
    survivors: Counter[str] = Counter()
    for line in done.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if not name:
            continue
        outcome[status] += 1
        if status != "killed":
            survivors[name.split("__mutmut_")[0].replace("ǁ", ".").replace(".x_", ".").replace(".x.", ".")] += 1
    total = sum(outcome.values())
    if not total:
        print("Chưa có kết quả: hãy chạy make mutate.")
        return 1
    share = (total - outcome["killed"]) / total
    print(f"Đột biến: {total}, bị bắt {outcome['killed']}, sống sót {total - outcome['killed']} ({share:.1%}).")
    for name, count in survivors.most_common():
        print(f"  {count:3d}  {name}")
    print("Xem từng đột biến: .venv/bin/mutmut show <tên>; mục tiêu ≤ 10 % sống sót.")
    return 0 if share <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
