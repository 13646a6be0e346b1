"""Run a command; print its peak resident memory in KiB (ru_maxrss of the child) on the last line.
`rss.py --timeout SECONDS cmd ...` stops the command after that long (exit code 124, as timeout(1) does)."""
import resource
import subprocess
import sys

args, limit = sys.argv[1:], None
if args[:1] == ["--timeout"]:
    limit, args = float(args[1]), args[2:]
try:
    code = subprocess.run(args, check=False, timeout=limit).returncode
except subprocess.TimeoutExpired:
    code = 124
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
