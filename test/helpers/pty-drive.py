"""Runs a command on a real pseudo-terminal and talks to it like a person at the keyboard.

Input (stdin, JSON): {"argv": [...], "env": {...}, "steps": [{"expect": regex, "send": text}], "timeout": s}
Each step waits until the terminal output so far matches `expect` (from where the previous match
ended), then types `send`. Output (stdout, JSON): {"transcript": everything the terminal showed,
"code": exit status (128+n for a signal), "timedOut": bool}. What the terminal shows includes the
terminal's own echo of typed characters: a secret typed with echo on appears in the transcript.
"""
import json, os, pty, re, select, sys, time

spec = json.load(sys.stdin)
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(spec["argv"][0], spec["argv"], spec["env"])

deadline = time.monotonic() + spec.get("timeout", 20)
out = b""
pos = 0
steps = list(spec.get("steps", []))
timed_out = False

def read_some(wait):
    global out
    r, _, _ = select.select([fd], [], [], wait)
    if not r:
        return True
    try:
        chunk = os.read(fd, 4096)
    except OSError:  # EIO: the child closed the terminal
        return False
    if not chunk:
        return False
    out += chunk
    return True

status = None
while status is None:
    if time.monotonic() > deadline:
        timed_out = True
        os.kill(pid, 9)
        break
    if steps:
        m = re.compile(steps[0]["expect"]).search(out.decode("utf8", "replace"), pos)
        if m:
            pos = m.end()
            step = steps.pop(0)
            time.sleep(step.get("delay", 0.05))
            os.write(fd, step["send"].encode("utf8"))
            continue
    alive = read_some(0.05)
    done, st = os.waitpid(pid, os.WNOHANG)
    if done:
        while read_some(0.05):
            pass
        status = st
    elif not alive:
        time.sleep(0.01)

if status is None:
    _, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
print(json.dumps({"transcript": out.decode("utf8", "replace"), "code": 128 - code if code < 0 else code, "timedOut": timed_out}))
