#!/usr/bin/env python3
"""Runs the JSONataBenchmarks cases with jsonata-python and jsonatapy (both from pip) and
prints one table beside the Swift figures.

    swift build -c release --product JSONataBenchmarks
    pip install jsonata-python jsonatapy
    python3 Sources/JSONataBenchmarks/compare_jsonata.py [--bench .build/release/JSONataBenchmarks] [--runs 5]

Each Python figure is the median over the runs of the time per evaluation (after an untimed
warm-up), as the Swift binary measures its own. jsonatapy is timed both ways it offers:
`evaluate(dict)` (converts the input every call, like Swift's `json` figure) and
`evaluate_with_data(JsonataData)` (input converted once, like Swift's `prepared` figure).
Results of all three are compared before timing, so a table never compares different work.
"""
import argparse
import json
import statistics
import subprocess
import time


def timed(body, iterations, runs):
    for _ in range(max(1, iterations // 5)):
        body()
    values = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(iterations):
            body()
        values.append((time.perf_counter() - start) / iterations * 1e6)
    return statistics.median(values)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", default=".build/release/JSONataBenchmarks")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import jsonata
    import jsonatapy

    spec = json.loads(subprocess.run([args.bench, "--cases"], check=True, capture_output=True, text=True).stdout)

    def swift_figures(name):
        # Run just before the Python timings of the same case, so that both see the same load.
        lines = subprocess.run([args.bench, "--runs", str(args.runs), "--only", name], check=True,
                               capture_output=True, text=True).stdout
        return {line[:30].strip(): float(line[30:].split()[1]) for line in lines.splitlines()}

    data = spec["input"]
    prepared = jsonatapy.JsonataData(data)
    header = "| expression | host json µs | host prepared µs | jsonatapy µs | jsonatapy data µs | jsonata-python µs | × jsonata-python | × jsonatapy |"
    print(header)
    print("|" + "---|" * 8)
    for case in spec["cases"]:
        name, text, iterations = case["name"], case["expression"], case["iterations"]
        pure = jsonata.Jsonata(text)
        rust = jsonatapy.compile(text)
        expected = pure.evaluate(data)
        if rust.evaluate(data) != expected:
            raise SystemExit(f"{name}: jsonatapy and jsonata-python disagree")
        if case["result"] != expected:
            raise SystemExit(f"{name}: host gives {case['result']!r}, jsonata-python {expected!r}")
        python_iterations = max(5, iterations // 50)
        t_rust = timed(lambda: rust.evaluate(data), iterations, args.runs)
        t_rust_data = timed(lambda: rust.evaluate_with_data(prepared), iterations, args.runs)
        swift = swift_figures(name)
        t_json, t_prepared = swift[name + " json"], swift[name + " prepared"]
        t_pure = timed(lambda: pure.evaluate(data), python_iterations, args.runs)
        print(f"| {name} | {t_json:.2f} | {t_prepared:.2f} | {t_rust:.2f} | {t_rust_data:.2f} | {t_pure:.1f} | "
              f"{t_pure / t_json:.0f}× | {t_rust / t_json:.2f}× / {t_rust_data / t_prepared:.2f}× |")


if __name__ == "__main__":
    main()
