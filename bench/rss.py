"""Run a command; print its peak resident memory in KiB (ru_maxrss of the child) on the last line."""
import resource
import subprocess
import sys

code = subprocess.run(sys.argv[1:], check=False).returncode
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
