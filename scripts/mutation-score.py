#!/usr/bin/env python3
"""Scores a Stryker.NET JSON report (mutation-report.json) per folder of Api/: killed or timed out, of the
mutants scored. Prints the table and every mutant not killed; exits 1 when a folder scores under 95 %."""
import json, re, sys
from collections import defaultdict
report = json.load(open(sys.argv[1]))
counts = defaultdict(lambda: defaultdict(int))
survivors = []
for path, source in report["files"].items():
    folder = (re.search(r"(?:^|/)Api/([^/]+)/", path) or re.match(r"()", path)).group(1) or "Api"
    lines = source["source"].splitlines()
    for mutant in source["mutants"]:
        marked = mutant["status"] == "Ignored" and not mutant.get("statusReason", "").startswith("Removed by")
        counts[folder]["Marked" if marked else mutant["status"]] += 1
        if mutant["status"] in ("Survived", "NoCoverage"):
            line = mutant["location"]["start"]["line"]
            survivors.append(f"  {mutant['status']:<10} {path[path.find('Api/'):]}:{line} {mutant['mutatorName']}: {lines[line - 1].strip()}")
failed = False
print(f"\n{'folder':<12}{'score':>8}{'killed':>8}{'timeout':>9}{'survived':>10}{'no cover':>10}{'marked':>8}{'no compile':>12}")
for folder, c in sorted(counts.items()):
    detected = c["Killed"] + c["Timeout"]
    scored = detected + c["Survived"] + c["NoCoverage"]
    if scored == 0:
        continue  # not mutated
    score = 100 * detected / scored
    failed |= score < 95
    print(f"{folder:<12}{score:>7.1f}%{c['Killed']:>8}{c['Timeout']:>9}{c['Survived']:>10}{c['NoCoverage']:>10}{c['Marked']:>8}{c['CompileError']:>12}")
if survivors:
    print("\nNot killed:", *survivors, sep="\n")
sys.exit(1 if failed else 0)
