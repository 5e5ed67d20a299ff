#!/usr/bin/env python3
"""Top frames of a dotnet-trace speedscope export, inside chosen frames.

    python3 benchmarks/profile/top-frames.py TRACE.speedscope.json [FOCUS ...] [--top N] [--thread SUBSTR]

For every FOCUS (a substring of a frame name, e.g. "RolloutGenerator.Evaluate"), prints the sampled
time spent under it and the frames under it with the most inclusive time (each frame counted once
per stack, so recursion does not double count). Without FOCUS: the whole trace.
Times are wall-clock thread time from the sampled-thread-time profile (blocked threads included).
"""
import json
import sys
from collections import defaultdict


def main(argv):
    top = 40
    thread_filter = None
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "--top":
            top = int(argv[i + 1]); i += 2
        elif argv[i] == "--thread":
            thread_filter = argv[i + 1]; i += 2
        else:
            args.append(argv[i]); i += 1
    path, focuses = args[0], args[1:] or [""]
    data = json.load(open(path))
    frames = [f["name"] for f in data["shared"]["frames"]]
    under = {f: 0.0 for f in focuses}
    inclusive = {f: defaultdict(float) for f in focuses}
    for profile in data["profiles"]:
        if thread_filter and thread_filter not in profile.get("name", ""):
            continue
        stack = []
        last = None
        events = profile["events"] if profile["type"] == "evented" else []
        for event in events:
            at = event["at"]
            if last is not None and at > last and stack:
                account(stack, frames, focuses, under, inclusive, at - last)
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            else:
                # close the innermost matching frame
                for j in range(len(stack) - 1, -1, -1):
                    if stack[j] == event["frame"]:
                        del stack[j:]
                        break
        if profile["type"] == "sampled":
            for sample, weight in zip(profile["samples"], profile["weights"]):
                account(sample, frames, focuses, under, inclusive, weight)
    unit = data["profiles"][0].get("unit", "")
    for focus in focuses:
        print(f"== under '{focus or '(all)'}': {under[focus]:.0f} {unit}")
        ranked = sorted(inclusive[focus].items(), key=lambda kv: -kv[1])[:top]
        for name, time in ranked:
            share = 100.0 * time / under[focus] if under[focus] else 0
            print(f"{share:6.1f}%  {time:10.0f}  {name[:160]}")
        print()


def account(stack, frames, focuses, under, inclusive, duration):
    names = [frames[f] for f in stack]
    for focus in focuses:
        start = None
        for k, name in enumerate(names):
            if focus in name:
                start = k
                break
        if start is None:
            continue
        under[focus] += duration
        seen = set()
        for name in names[start:]:
            if name not in seen:
                seen.add(name)
                inclusive[focus][name] += duration


if __name__ == "__main__":
    main(sys.argv[1:])
