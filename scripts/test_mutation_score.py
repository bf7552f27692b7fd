"""The verdict of scripts/mutation.sh as docs/design.md states it, on small reports in Stryker's format: each
folder's score is killed or timed out of the mutants scored, marked and non-compiling mutants are not scored,
every mutant not killed is listed, and the script exits 1 when a folder scores under 95 %. .ci/run runs them."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

SCORER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mutation-score.py")


def mutants(status, count=1, line=1, mutator="Statement mutation", reason=""):
    return [{"status": status, "statusReason": reason, "mutatorName": mutator,
             "location": {"start": {"line": line, "column": 1}}} for _ in range(count)]


def source_file(path_in_api, source, found):
    return f"/src/repo/Api/{path_in_api}", {"language": "cs", "source": source, "mutants": found}


def score(*files):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as report:
        json.dump({"schemaVersion": "2", "files": dict(files)}, report)
    try:
        run = subprocess.run([sys.executable, SCORER, report.name], capture_output=True, text=True, check=False)
        return run.returncode, run.stdout + run.stderr
    finally:
        os.unlink(report.name)


class MutationScore(unittest.TestCase):
    def test_a_folder_at_95_percent_passes_and_its_survivor_is_listed_with_its_line(self):
        code, output = score(source_file("Werkzeug/PercentDecoder.cs", "var a = 1;\nif (a > 0) return;",
                                         mutants("Killed", 18) + mutants("Timeout")
                                         + mutants("Survived", line=2, mutator="Equality mutation")))
        self.assertEqual(code, 0, output)
        self.assertRegex(output, r"Werkzeug\s+95\.0%\s+18\s+1\s+1\s+0\s+0\s+0")
        self.assertIn("Survived   Api/Werkzeug/PercentDecoder.cs:2 Equality mutation: if (a > 0) return;", output)

    def test_a_folder_under_95_percent_fails_the_run_even_beside_a_perfect_one(self):
        code, output = score(
            source_file("Caching/ConditionalGetFilter.cs", "x();",
                        mutants("Killed", 18) + mutants("Survived") + mutants("NoCoverage")),
            source_file("Limits/LimitsExtensions.cs", "y();", mutants("Killed", 5)))
        self.assertEqual(code, 1, output)
        self.assertRegex(output, r"Caching\s+90\.0%\s+18\s+0\s+1\s+1")
        self.assertRegex(output, r"Limits\s+100\.0%\s+5")
        self.assertIn("NoCoverage Api/Caching/ConditionalGetFilter.cs:1", output)

    def test_marked_and_non_compiling_mutants_are_counted_apart_and_not_scored(self):
        code, output = score(source_file("Hosting/ShutdownDrain.cs", "z();",
                                         mutants("Killed") + mutants("CompileError", 5)
                                         + mutants("Ignored", 3, reason="a pooled block not returned")
                                         + mutants("Ignored", 7, reason="Removed by mutate filter")))
        self.assertEqual(code, 0, output)
        self.assertRegex(output, r"Hosting\s+100\.0%\s+1\s+0\s+0\s+0\s+3\s+5")
        self.assertNotIn("Not killed", output)


if __name__ == "__main__":
    unittest.main()
